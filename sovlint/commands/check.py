"""`sovlint [check] PATH…`: scan, report in every format asked for, and decide the exit status."""

from __future__ import annotations

import argparse
from typing import Any

from sovlint import scan
from sovlint.commands import Outcome, notes, request
from sovlint.config import Config
from sovlint.errors import SovlintError
from sovlint.model import Finding, Level


def run(args: argparse.Namespace, *, color: bool = False) -> Outcome:
    """`color`: stdout is a terminal that wants colour (decided by the caller, who owns stdout).

    A run whose outcome was kept by the same command line before, with nothing the scan depends on changed,
    prints it again without scanning (replay.py)."""
    from sovlint import replay

    command = [color, {k: v for k, v in vars(args).items() if k not in ("stdin", "progress")}]
    memo = replay.Replay(command, lambda cfg: [path for _, path in _targets(args, cfg) if path is not None])
    result = scan.replayed(request(args), None if args.no_cache else memo)
    if result is None:
        assert memo.found is not None and memo.config is not None
        kept = memo.found
        # the files a fresh run writes (find() checked the entry names them), confined as a fresh run confines them
        paths = memo.reports(memo.config)
        _confined(args, memo.config)
        files = tuple(zip(paths, (text for _, text in kept.files), strict=True))
        return Outcome(kept.status, kept.stdout, files, kept.notes)
    outcome = _outcome(args, result, color)
    memo.keep(result.result.trace, replay.Kept(*outcome[:4]))
    if memo.rejected:
        where = memo.cache.directory if memo.cache else ""
        note = f"{where}: {memo.rejected} kept entries of this scan did not match their digest; not used"
        outcome = outcome._replace(notes=(*outcome.notes, note))
    return outcome


def _outcome(args: argparse.Namespace, result: scan.Result, color: bool) -> Outcome:
    """The reports of a scan, its notes and its exit status."""
    from sovlint.reporters import render

    findings = selected(result.result.findings, args.select, args.ignore, result.info.rules)
    info = result.info._replace(
        show_inventory=args.inventory,
        category=args.sarif_category,
        style="statistics" if args.statistics else args.output_format or "grouped",
        quiet=args.quiet,
        verbose=args.verbose,
    )
    stdout, files = "", []
    targets = _targets(args, result.config)
    _confined(args, result.config)
    for out_fmt, path in targets:
        text = render(out_fmt, findings, info._replace(color=color and path is None and out_fmt == "console"))
        if path is None:
            stdout += text
        else:
            files.append((path, text))
    said = notes(result, args.verbose, args.quiet)
    if any(out_fmt == "sarif" for out_fmt, _ in targets):
        from sovlint.reporters.sarif import limit_notes

        said += tuple(f"warning: {n}" for n in limit_notes(findings))
    fail_on = args.fail_on or result.config.get("fail_on") or "error"
    status = 1 if failed(findings, fail_on, args.fail_on_new) else 0
    if result.empty and args.fail_on_empty:
        status = 1
        if args.quiet:  # the reason for the failure is said all the same
            said += tuple(f"note: {n}" for n in result.notes if n.startswith("nothing to scan"))
    return Outcome(status, stdout, tuple(files), said)


def selected(findings: list[Finding], select: list[str], ignore: list[str], rules: dict[str, Any]) -> list[Finding]:
    """The findings of the rules --select names (all when none) and --ignore does not; SOV000 always."""
    chosen, dropped = _codes(select, rules, "--select"), _codes(ignore, rules, "--ignore")
    if not (chosen or dropped):
        return findings
    return [
        f
        for f in findings
        if f.rule_id == PARSE_ERROR
        or ((not chosen or f.rule_id.startswith(chosen)) and not (dropped and f.rule_id.startswith(dropped)))
    ]


PARSE_ERROR = "SOV000"  # a file that could not be read is always reported: nothing in it was checked


def _codes(specs: list[str], rules: dict[str, Any], option: str) -> tuple[str, ...]:
    """Rule ids or prefixes from comma-separated lists; one that names no rule is a usage error."""
    codes = tuple(code.strip().upper() for spec in specs for code in spec.split(",") if code.strip())
    for code in codes:
        if not any(rule_id.startswith(code) for rule_id in rules):
            raise SovlintError(f"{option} {code}: no rule has this id or prefix (sovlint rules lists them)")
    return codes


def _targets(args: argparse.Namespace, cfg: Config) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) for every report the command line and configuration ask for.

    The command line's files are taken from the working directory, the configuration's from its folder."""
    fmt = args.format or cfg.get("format") or "console"
    if args.output or not cfg.get("output"):
        return outputs(args.output or [], fmt)
    return [(name, None if path is None else cfg.place(path)) for name, path in outputs(cfg.get("output"), fmt)]


def _confined(args: argparse.Namespace, cfg: Config) -> None:
    """A configuration writes only inside the repository (the command line writes where it says)."""
    if args.output or not cfg.get("output"):
        return
    from sovlint import output, repository

    within = repository.root(cfg.base or ".")  # the repository it was found in, or the one scanned (--config)
    for _, path in outputs(cfg.get("output"), "console"):
        if path is not None:
            output.confine(cfg.place(path), within, f"{cfg.origin('output')[0]}: output {path}")


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
    from sovlint.reporters import FORMATS

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
