"""Command line: `sovlint [check] PATH…`, `sovlint rules`. The only module that prints or picks exit codes.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence

from sovlint import __version__
from sovlint.errors import SovlintError

FAIL_ON = ("error", "warning", "note", "never")
EPILOG = """\
exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error

examples:
  sovlint infra/                                 scan a tree, console output
  sovlint --format sarif --output results.sarif .
  sovlint --output sarif=results.sarif --output json=findings.json .
  helm template chart/ | sovlint - --stdin-filename chart/rendered.yaml
  sovlint rules                                  list the rules
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise SovlintError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="sovlint",
        description="Sovereignty linter for Terraform/OpenTofu and Kubernetes: regions outside the EU/EEA, "
        "providers under foreign control, proprietary lock-in.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to scan ('-' for stdin); default '.'")
    p.add_argument("-f", "--format", choices=("console", "json", "sarif"), default="console", help="output format")
    p.add_argument(
        "-o",
        "--output",
        action="append",
        default=[],
        metavar="[FORMAT=]FILE",
        help="write the report to FILE instead of stdout; FORMAT=FILE writes that format (repeatable)",
    )
    p.add_argument("--fail-on", choices=FAIL_ON, default="error", help="lowest level that makes the exit status 1")
    p.add_argument(
        "--profile", default=None, help="allowed locations and control (eu-strict, eu-residency, eu-adequate)"
    )
    p.add_argument(
        "--var-file",
        action="append",
        default=[],
        metavar="FILE",
        help="a .tfvars file, as terraform -var-file",
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
    p.add_argument("--inventory", action="store_true", help="also print resources by provider and country")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    p.add_argument("--version", action="version", version=f"sovlint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        if args[:1] == ["rules"]:
            return _rules(args[1:])
        if args[:1] == ["check"]:
            args = args[1:]
        return _check(_parser().parse_args(args))
    except SovlintError as exc:
        print(f"sovlint: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        print(
            f"sovlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        return 2


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


def _outputs(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for every report asked for."""
    from sovlint.reporters import FORMATS

    outputs: list[tuple[str, str | None]] = []
    plain = False  # a bare --output FILE takes --format; otherwise --format goes to stdout
    for spec in args.output:
        fmt, sep, path = spec.partition("=")
        if sep and fmt in FORMATS:
            outputs.append((fmt, path))
        elif sep and fmt and "/" not in fmt and "." not in fmt:
            raise SovlintError(f"--output {spec}: unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
        else:
            outputs.append((args.format, spec))
            plain = True
    if not plain:
        outputs.insert(0, (args.format, None))
    return outputs


def _check(args: argparse.Namespace) -> int:
    from sovlint import catalog, engine, profiles
    from sovlint.discover import SourceFile, discover, kind_of
    from sovlint.model import Level
    from sovlint.reporters import RunInfo, render

    outputs = _outputs(args)
    variables = tuple(_variable(v) for v in args.var)
    for path in args.var_file:
        if not os.path.isfile(path):
            raise SovlintError(f"--var-file {path}: no such file")
    paths = args.paths or ["."]
    stdin = [p for p in paths if p == "-"]
    files, notes = discover([p for p in paths if p != "-"])
    if stdin:
        name = args.stdin_filename or "stdin.yaml"
        files.append(SourceFile(name, "", kind_of(name) or "yaml", sys.stdin.buffer.read().decode("utf-8", "replace")))
    profile = profiles.load(args.profile or profiles.DEFAULT)
    # modules may be read from the working directory (the repository) and from the trees named
    trees = {os.path.realpath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths if p != "-"}
    roots = tuple(sorted(trees | {os.path.realpath(".")}))
    options = engine.Options(profile, tuple(args.var_file), variables, args.use_env, roots)
    result = engine.run(files, options)
    for note in notes + result.notes:
        print(f"sovlint: note: {note}", file=sys.stderr)
    info = RunInfo(
        version=__version__,
        profile=profile.name,
        rules=catalog.load().rules,
        files=result.files,
        inventory=result.inventory,
        show_inventory=args.inventory,
        source_line=_source_lines(files),
    )
    for fmt, path in outputs:
        color = path is None and fmt == "console" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render(fmt, result.findings, dataclasses.replace(info, color=color))
        _write(text, path)
    if args.fail_on == "never":
        return 0
    threshold = Level.parse(args.fail_on)
    return 1 if any(f.level >= threshold for f in result.findings) else 0


def _variable(spec: str) -> tuple[str, str]:
    name, sep, value = spec.partition("=")
    if not sep or not name.strip():
        raise SovlintError(f"--var {spec}: expected NAME=VALUE")
    return name.strip(), value


def _write(text: str, path: str | None) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise SovlintError(f"{path}: cannot write ({exc.strerror})") from None


def _source_lines(files: Sequence[object]):  # type: ignore[no-untyped-def]
    """A lazy, cached reader of one source line, for the console's excerpt."""
    cache: dict[str, list[str]] = {}
    real = {f.path: f for f in files}  # type: ignore[attr-defined]

    def line(file: str, number: int) -> str:
        if file not in cache:
            source = real.get(file)
            try:
                text = source.text if source and source.text is not None else None  # type: ignore[attr-defined]
                if text is None:
                    with open(source.real if source else file, encoding="utf-8", errors="replace") as fh:  # type: ignore[attr-defined]
                        text = fh.read()
                cache[file] = text.splitlines()
            except OSError:
                cache[file] = []
        lines = cache[file]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    return line


def _rules(argv: list[str]) -> int:
    from sovlint import catalog

    p = _Parser(prog="sovlint rules", description="List the rules with their level and description.")
    p.add_argument("-f", "--format", choices=("console", "json", "markdown"), default="console")
    args = p.parse_args(argv)
    rules = catalog.load().rules
    if args.format == "markdown":
        from sovlint.ruledocs import markdown

        sys.stdout.write(markdown(rules))
        return 0
    if args.format == "json":
        import json

        print(json.dumps(list(rules.values()), indent=2, sort_keys=True, default=str))
        return 0
    for rule in rules.values():
        print(f"{rule['id']}  {rule['name']:<28} {rule['level']:<8} {rule['short']}")
    return 0
