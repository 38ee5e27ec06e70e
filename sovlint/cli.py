"""Command line: the parsers of every subcommand, and `main(argv) -> int`.

The only module that prints, writes report files or picks exit codes; the commands return what to
print. Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from sovlint import __version__
from sovlint.commands import Outcome
from sovlint.errors import SovlintError
from sovlint.escape import terminal
from sovlint.reporters import FORMATS

FAIL_ON = ("error", "warning", "note", "never")
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
  sovlint --output-format concise --select SOV1 infra/   one line per finding, location rules only
  helm template chart/ | sovlint - --stdin-filename chart/rendered.yaml
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise SovlintError(message)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for each option added (to check its metavar), and each would import
        # shutil (and the compression modules shutil imports) to ask for the terminal's width
        make: Callable[..., argparse.HelpFormatter] = self.formatter_class
        formatter = make(prog=self.prog, width=_width())
        if hasattr(self, "color"):  # Python 3.14 colours help as its own _get_formatter does
            formatter._set_color(self.color)  # type: ignore[attr-defined]
        return formatter


def _width() -> int:
    """The width argparse gives help text: `shutil.get_terminal_size().columns - 2`, without shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def scan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to scan ('-' for stdin); default '.'")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: .sovlint.yaml found walking up)")
    p.add_argument(
        "--isolated", action="store_true", help="ignore configuration files in the tree (only --config is read)"
    )
    p.add_argument(
        "--disable-suppressions",
        action="store_true",
        help="sovlint:ignore comments and annotations suppress nothing: their findings count",
    )
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
        "--helm-render",
        action="store_true",
        help="render Helm charts with the helm on PATH (helm template: no cluster, no download) and judge the output",
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


def check_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="sovlint",
        description="Sovereignty linter for Terraform/OpenTofu and Kubernetes: regions outside the EU/EEA, "
        "providers under foreign control, proprietary lock-in.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan_options(p)
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
    _selection_options(p)
    p.add_argument("--version", action="version", version=f"sovlint {__version__}")
    return p


def _selection_options(p: argparse.ArgumentParser) -> None:
    """Which findings, how the console shows them, and what else is said."""
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="report only these rules: ids or prefixes, comma-separated (SOV101,SOV2); SOV000 is always reported",
    )
    p.add_argument("--ignore", action="append", default=[], metavar="RULES", help="do not report these rules")
    p.add_argument(
        "--output-format",
        choices=("grouped", "full", "concise"),
        help="console layout: findings that say the same thing grouped (default), every finding with its "
        "source line, or one line per finding",
    )
    p.add_argument("--statistics", action="store_true", help="console: a count per rule instead of the findings")
    p.add_argument("-q", "--quiet", action="store_true", help="the findings only: no summary, notes or progress")
    p.add_argument("-v", "--verbose", action="store_true", help="every note in full (each remote module call)")
    p.add_argument("--fail-on-empty", action="store_true", help="exit 1 when there is nothing to scan")
    p.add_argument(
        "--sarif-category",
        metavar="NAME",
        default="sovlint",
        help="SARIF automationDetails.id is NAME/: one GitHub code-scanning analysis per category (default sovlint)",
    )


def _baseline_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sovlint baseline", description="Record the current findings as accepted.")
    p.add_argument("action", choices=("create", "update"), help="create a new baseline, or update an existing one")
    scan_options(p)
    return p


def _init_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sovlint init", description="Write a commented starter .sovlint.yaml.")
    p.add_argument("path", nargs="?", default=".sovlint.yaml")
    return p


def _estate_parser(prog: str, formats: tuple[str, ...], description: str) -> argparse.ArgumentParser:
    p = _Parser(prog=prog, description=description)
    scan_options(p)
    p.add_argument("-f", "--format", choices=formats, default=formats[0])
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--compare", metavar="OLD.json", help="an earlier `sovlint inventory --format json`")
    return p


def _inventory_parser() -> argparse.ArgumentParser:
    description = "Every cloud resource with provider, company, jurisdictions and portability, and the totals."
    return _estate_parser("sovlint inventory", ("console", "json", "csv", "markdown"), description)


def _report_parser() -> argparse.ArgumentParser:
    description = "The sovereignty report: one self-contained HTML file (or Markdown) for decision makers."
    return _estate_parser("sovlint report", ("html", "markdown"), description)


def _explain_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sovlint explain", description="What a rule checks, why, how to fix it, and its sources.")
    p.add_argument("rule", help="a rule id, e.g. SOV201")
    return p


def _catalog_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sovlint catalog", description="Query sovlint's facts with their sources.")
    sub = p.add_subparsers(dest="what", required=True)
    provider = sub.add_parser("provider", help="who runs a provider and who controls it")
    provider.add_argument("name", help="registry source (hashicorp/aws) or local name (aws)")
    region = sub.add_parser("region", help="the country of a region, zone or location code")
    region.add_argument("provider", help="provider source or local name, e.g. aws, azurerm, google")
    region.add_argument("code", help="region, zone or location, e.g. eu-west-2")
    return p


def _rules_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sovlint rules", description="List the rules with their level and description.")
    p.add_argument("-f", "--format", choices=("console", "json", "markdown"), default="console")
    p.add_argument("--docs", metavar="DIR", help="write the rule reference: an index and one page per rule")
    return p


def _command(name: str) -> Callable[[argparse.Namespace], Outcome]:
    """The function that runs a subcommand; imported on use, so `sovlint rules` never loads the engine."""
    import importlib

    module, _, function = COMMANDS[name][1].partition(":")
    return getattr(importlib.import_module(f"sovlint.commands.{module}"), function)  # type: ignore[no-any-return]


# subcommand -> (its parser, "module:function" under sovlint.commands)
COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], str]] = {
    "baseline": (_baseline_parser, "baseline:run"),
    "init": (_init_parser, "init:run"),
    "inventory": (_inventory_parser, "estate:run_inventory"),
    "report": (_report_parser, "estate:run_report"),
    "explain": (_explain_parser, "explain:run_explain"),
    "catalog": (_catalog_parser, "explain:run_catalog"),
    "rules": (_rules_parser, "rules:run"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    _debug_log(debug)
    try:
        return _dispatch(args)
    except SovlintError as exc:
        print(f"sovlint: {terminal(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        why = terminal(f"{type(exc).__name__}: {exc}")
        print(f"sovlint: internal error: {why} (run with --debug for details)", file=sys.stderr)
        return 2


def _debug_log(on: bool) -> None:
    """--debug: each stage's timing and each decision (placements, suppressions) on stderr; else nothing."""
    from sovlint import debuglog

    debuglog.turn(on)
    if not on:
        return  # nothing is logged: the logger is left as it is, and logging is not imported
    import logging

    from sovlint.escape import terminal

    class Printable(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            print(f"sovlint: debug: {terminal(record.getMessage())}", file=sys.stderr)  # stderr of this run

    logger = logging.getLogger("sovlint")
    logger.handlers = [Printable()]  # once, however often main() runs in one process
    logger.setLevel(logging.DEBUG)
    logger.propagate = False


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


def _dispatch(args: list[str]) -> int:
    if args[:1] and args[0] in COMMANDS:
        parser, _ = COMMANDS[args[0]]
        return _emit(_command(args[0])(parser().parse_args(args[1:])))
    if args[:1] == ["check"]:
        args = args[1:]
    from sovlint.commands import check

    namespace = check_parser().parse_args(args)
    namespace.stdin = sys.stdin.buffer if "-" in namespace.paths else None
    namespace.progress = None if namespace.quiet else sys.stderr  # shown only when stderr is a terminal
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return _emit(check.run(namespace, color=color))


def _emit(outcome: Outcome) -> int:
    """Print what a command produced: files written whole, notes on stderr, then stdout."""
    for path, text in outcome.files:
        if outcome.make_dirs:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        _write(text, path)
    for note in outcome.notes:
        print(f"sovlint: {terminal(note)}", file=sys.stderr)  # notes name files: one inert line each
    if outcome.stdout:
        _write(outcome.stdout, None)
    return outcome.status


def _write(text: str | memoryview, path: str | None) -> None:
    """stdout, or a file (see output.py: never replaces a link, a pipe or a device). A memoryview holds the bytes of
    ASCII text: written as they are where the text would be written as the same bytes (stdout in UTF-8 or ASCII,
    lines ending in a newline)."""
    from sovlint import output

    if path is None:
        if isinstance(text, memoryview):
            stream = getattr(sys.stdout, "buffer", None)
            if stream is not None and _ascii_as_is(sys.stdout):
                sys.stdout.flush()  # what was printed before goes first
                stream.write(text)
                stream.flush()
                return
            text = str(text, "ascii")
        sys.stdout.writelines(output.pieces(text))
        sys.stdout.flush()
        return
    output.write(text, path)


def _ascii_as_is(stream: TextIO) -> bool:
    """Whether ASCII text written to `stream` becomes the same bytes (no other encoding, no newline translated)."""
    import codecs

    try:
        encoding = codecs.lookup(stream.encoding).name
    except (AttributeError, LookupError, TypeError):
        return False
    return encoding in ("utf-8", "ascii") and os.linesep == "\n"
