"""`sovlint [check] PATH…`: scan, report in every format asked for, and decide the exit status."""

from __future__ import annotations

import argparse
import dataclasses

from sovlint import scan
from sovlint.commands import Outcome, notes, request
from sovlint.config import Config
from sovlint.errors import SovlintError
from sovlint.model import Finding, Level
from sovlint.reporters import FORMATS, render


def run(args: argparse.Namespace, *, color: bool = False) -> Outcome:
    """`color`: stdout is a terminal that wants colour (decided by the caller, who owns stdout)."""
    result = scan.run(request(args))
    fmt = args.format or result.config.get("format") or "console"
    info = dataclasses.replace(result.info, show_inventory=args.inventory)
    stdout, files = "", []
    wanted = outputs(args.output or result.config.get("output") or [], fmt)
    if not args.output and result.config.get("output"):  # a configuration writes only inside the repository
        _confine([path for _, path in wanted if path is not None], result.config)
    for out_fmt, path in wanted:
        text = render(
            out_fmt,
            result.result.findings,
            dataclasses.replace(info, color=color and path is None and out_fmt == "console"),
        )
        if path is None:
            stdout += text
        else:
            files.append((path, text))
    fail_on = args.fail_on or result.config.get("fail_on") or "error"
    status = 1 if failed(result.result.findings, fail_on, args.fail_on_new) else 0
    return Outcome(status, stdout, tuple(files), notes(result))


def _confine(paths: list[str], cfg: Config) -> None:
    from sovlint import output, repository

    for path in paths:
        output.confine(path, repository.root("."), cfg.origin("output")[0])


def failed(findings: list[Finding], fail_on: str, fail_on_new: str | None) -> bool:
    """Open findings at or above `fail_on`, or new ones (not baselined) at or above `fail_on_new`."""
    open_ = [f for f in findings if not f.suppressed]
    if fail_on != "never" and any(f.level >= Level.parse(fail_on) for f in open_):
        return True
    if not fail_on_new or fail_on_new == "never":
        return False
    new = [f for f in findings if f.suppressed_by != "external" and not f.suppressed]
    return any(f.level >= Level.parse(fail_on_new) for f in new)


def outputs(specs: list[str], fmt: str) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for every report asked for."""
    found: list[tuple[str, str | None]] = []
    plain = False  # a bare --output FILE takes --format; otherwise --format goes to stdout
    for spec in specs:
        name, sep, path = spec.partition("=")
        if sep and name in FORMATS:
            found.append((name, path))
        elif sep and name and "/" not in name and "." not in name:
            raise SovlintError(f"--output {spec}: unknown format '{name}' (choose from {', '.join(FORMATS)})")
        else:
            found.append((fmt, spec))
            plain = True
    if not plain:
        found.insert(0, (fmt, None))
    return found
