"""Command line: `sovlint [check] PATH…`, `sovlint baseline create|update`, `sovlint init`, `sovlint rules`.

The only module that prints or picks exit codes. Exit status: 0 nothing at or above --fail-on;
1 findings at or above it; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sovlint import __version__
from sovlint.errors import SovlintError

FAIL_ON = ("error", "warning", "note", "never")
COMMANDS = ("rules", "init", "baseline", "explain", "catalog", "inventory", "report")  # in commands.py
FORMATS = ("console", "json", "sarif", "gitlab", "github", "junit", "markdown")
DEFAULT_BASELINE = ".sovlint-baseline.json"
EPILOG = """\
exit status:
  0  no finding at or above --fail-on (suppressed and baselined findings do not count)
  1  findings at or above --fail-on, or new findings at or above --fail-on-new
  2  usage or configuration error

commands:
  sovlint [check] PATH...            scan (the default command)
  sovlint baseline create|update     record the current findings as accepted
  sovlint init                       write a commented .sovlint.yaml
  sovlint rules                      list the rules
  sovlint explain SOV201             what a rule checks, why, how to fix it, sources
  sovlint catalog region aws eu-west-2 | catalog provider hashicorp/aws   the facts, with sources
  sovlint inventory PATH [--format json|csv|markdown]    every resource with its jurisdictions
  sovlint report PATH -o report.html [--compare OLD.json]  the sovereignty report

examples:
  sovlint infra/                                 scan a tree, console output
  sovlint --format sarif --output results.sarif .
  sovlint -o sarif=results.sarif -o gitlab=gl-code-quality.json .
  sovlint --baseline .sovlint-baseline.json --fail-on-new warning .
  helm template chart/ | sovlint - --stdin-filename chart/rendered.yaml
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise SovlintError(message)


def _scan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to scan ('-' for stdin); default '.'")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: .sovlint.yaml found walking up)")
    p.add_argument("--profile", help="allowed locations and control (eu-strict, eu-residency, eu-adequate)")
    p.add_argument(
        "--var-file", action="append", default=[], metavar="FILE", help="a .tfvars file, as terraform -var-file"
    )
    p.add_argument(
        "--var", action="append", default=[], metavar="NAME=VALUE", help="a variable value, as terraform -var"
    )
    p.add_argument(
        "--use-env", action="store_true", help="read TF_VAR_* from the environment (off: CI stays reproducible)"
    )
    p.add_argument(
        "--stdin-filename", metavar="NAME", help="the path to report for '-' (its extension picks the parser)"
    )
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    p.add_argument(
        "--cache-dir", metavar="DIR", help="where parsed files are cached (default: $XDG_CACHE_HOME/sovlint)"
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the parse cache")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")


def _check_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="sovlint",
        description="Sovereignty linter for Terraform/OpenTofu and Kubernetes: regions outside the EU/EEA, "
        "providers under foreign control, proprietary lock-in.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _scan_options(p)
    p.add_argument("-f", "--format", choices=FORMATS, help="output format on stdout (default: console)")
    p.add_argument(
        "-o",
        "--output",
        action="append",
        default=[],
        metavar="[FORMAT=]FILE",
        help="write the report to FILE instead of stdout; FORMAT=FILE writes that format too (repeatable)",
    )
    p.add_argument("--fail-on", choices=FAIL_ON, help="lowest level that makes the exit status 1 (default: error)")
    p.add_argument("--fail-on-new", choices=FAIL_ON, help="with --baseline: lowest level of a new finding that fails")
    p.add_argument("--inventory", action="store_true", help="also print resources by provider and country")
    p.add_argument("--version", action="version", version=f"sovlint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        if args[:1] and args[0] in COMMANDS:
            from sovlint import commands

            command: Callable[[list[str]], int] = getattr(commands, f"run_{args[0]}")
            return command(args[1:])
        if args[:1] == ["check"]:
            args = args[1:]
        return _check(_check_parser().parse_args(args))
    except SovlintError as exc:
        print(f"sovlint: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        print(f"sovlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


@dataclasses.dataclass(slots=True)
class Scan:
    result: Any  # engine.Result
    info: Any  # reporters.RunInfo
    config: Any  # config.Config


def _scan(args: argparse.Namespace, use_baseline: bool = True) -> Scan:
    """Configuration, discovery and the engine: what `check` and `baseline` share."""
    from sovlint import config, engine
    from sovlint.discover import SourceFile, discover, kind_of
    from sovlint.knowledge import catalog
    from sovlint.limits import Limits
    from sovlint.parsing import cache
    from sovlint.reporters import RunInfo

    paths = args.paths or ["."]
    cache_dir = None if args.no_cache else Path(args.cache_dir) if args.cache_dir else cache.default_dir()
    catalog.cache_in(cache_dir)
    if args.config and not os.path.isfile(args.config):
        raise SovlintError(f"--config {args.config}: no such file")
    start = next((p for p in paths if p != "-"), ".")
    cfg = config.load(Path(args.config) if args.config else config.find(start))
    variables = tuple(_variable(v) for v in args.var)
    for path in args.var_file:
        if not os.path.isfile(path):
            raise SovlintError(f"--var-file {path}: no such file")
    files, notes = discover([p for p in paths if p != "-"], include=cfg.get("include"), exclude=cfg.get("exclude"))
    if "-" in paths:
        name = args.stdin_filename or "stdin.yaml"
        files.append(SourceFile(name, "", kind_of(name) or "yaml", sys.stdin.buffer.read().decode("utf-8", "replace")))
    baseline_file = args.baseline or cfg.get("baseline")
    entries = None
    if use_baseline and baseline_file:
        from sovlint import baseline

        entries = tuple(baseline.read(baseline_file))
    # modules may be read from the working directory (the repository) and from the trees named
    trees = {os.path.realpath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths if p != "-"}
    options = engine.Options(
        profile=config.profile(cfg, args.profile),
        var_files=tuple(args.var_file),
        variables=variables,
        use_env=args.use_env,
        baseline=entries,
        roots=tuple(sorted(trees | {os.path.realpath(".")})),
        limits=Limits(**(cfg.get("limits") or {})),
        cache_dir=cache_dir,
    )
    result = engine.run(files, options)
    for note in notes + result.notes:
        print(f"sovlint: note: {note}", file=sys.stderr)
    info = RunInfo(
        version=__version__,
        profile=options.profile.name,
        rules=catalog.load().rules,
        files=result.files,
        inventory=result.inventory,
        source_line=_source_lines(files),
        stale=result.stale,
        catalog=result.catalog,
    )
    return Scan(result, info, cfg)


def _check(args: argparse.Namespace) -> int:
    from sovlint.model import Level
    from sovlint.reporters import render

    scan = _scan(args)
    fmt = args.format or scan.config.get("format") or "console"
    outputs = _outputs(args.output or scan.config.get("output") or [], fmt)
    info = dataclasses.replace(scan.info, show_inventory=args.inventory)
    for out_fmt, path in outputs:
        color = path is None and out_fmt == "console" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        _write(render(out_fmt, scan.result.findings, dataclasses.replace(info, color=color)), path)
    open_ = [f for f in scan.result.findings if not f.suppressed]
    fail_on = args.fail_on or scan.config.get("fail_on") or "error"
    failed = fail_on != "never" and any(f.level >= Level.parse(fail_on) for f in open_)
    if args.fail_on_new and args.fail_on_new != "never":
        new = [f for f in scan.result.findings if f.suppressed_by != "external" and not f.suppressed]
        failed = failed or any(f.level >= Level.parse(args.fail_on_new) for f in new)
    return 1 if failed else 0


def _outputs(specs: list[str], fmt: str) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for every report asked for."""
    outputs: list[tuple[str, str | None]] = []
    plain = False  # a bare --output FILE takes --format; otherwise --format goes to stdout
    for spec in specs:
        name, sep, path = spec.partition("=")
        if sep and name in FORMATS:
            outputs.append((name, path))
        elif sep and name and "/" not in name and "." not in name:
            raise SovlintError(f"--output {spec}: unknown format '{name}' (choose from {', '.join(FORMATS)})")
        else:
            outputs.append((fmt, spec))
            plain = True
    if not plain:
        outputs.insert(0, (fmt, None))
    return outputs


def _variable(spec: str) -> tuple[str, str]:
    name, sep, value = spec.partition("=")
    if not sep or not name.strip():
        raise SovlintError(f"--var {spec}: expected NAME=VALUE")
    return name.strip(), value


def _write(text: str, path: str | None) -> None:
    """stdout, or a file written whole: a temporary file beside it, then renamed over it."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(temp, path)
    except OSError as exc:
        if os.path.exists(temp):
            os.unlink(temp)
        raise SovlintError(f"{path}: cannot write ({exc.strerror})") from None


def _source_lines(files: Sequence[Any]) -> Callable[[str, int], str]:
    """A lazy, cached reader of one source line, for the console's excerpt."""
    cache: dict[str, list[str]] = {}
    by_path = {f.path: f for f in files}

    def line(file: str, number: int) -> str:
        if file not in cache:
            source = by_path.get(file)
            try:
                text = source.text if source is not None else None
                if text is None:
                    with open(source.real if source else file, encoding="utf-8", errors="replace") as fh:
                        text = fh.read()
                cache[file] = text.splitlines()
            except OSError:
                cache[file] = []
        lines = cache[file]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    return line
