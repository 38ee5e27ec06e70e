"""Console: the findings, then a summary table. Four layouts (`--output-format`):

grouped (default): findings that say the same thing (rule, level, message but for the resource) once, with a
count and their first places, so that 500 findings of one kind fit on a screen; full: every finding under its
file, with its source line and fix; concise: one line per finding; statistics: counts per rule only.

rich is imported here only, and only for colour or what `plain` cannot print as rich would. Colour only on
a terminal without NO_COLOR; text that comes from the scanned files is stripped of control characters so it
cannot drive the terminal.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Any

from sovlint.escape import terminal
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, counts, plain

_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.NOTE: "cyan"}
LEVELS = ("error", "warning", "note")
PLACES = 3  # places listed for a group of findings that say the same thing
safe = terminal  # text from the scanned files: no escape sequence, line break or bidi control reaches the terminal


def _rich(buffer: io.StringIO, color: bool) -> Any:
    from rich.console import Console

    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=True,
        width=plain.WIDTH,
        emoji=False,
        markup=False,
    )


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    buffer = io.StringIO()
    console: Any = _rich(buffer, True) if run.color else plain.Console(buffer, lambda: _rich(buffer, False))
    shown = [f for f in findings if not f.suppressed]
    lines = LAYOUTS[run.style](shown, run)
    if lines and lines[-1] and not run.quiet:
        lines.append([])  # a blank line before the summary
    if run.color:
        from rich.text import Text

        for segments in lines:
            text = Text()
            for part, style in segments:
                text.append(part, style=style or None)
            console.print(text)
    else:  # plain text needs no rich objects, which matters with thousands of findings
        buffer.write("".join("".join(part for part, _ in segments) + "\n" for segments in lines))
    if not run.quiet:
        _summary(console, shown, run, len(findings) - len(shown), with_table=run.style != "statistics")
    if run.show_inventory:
        _inventory(console, run)
    return buffer.getvalue()


Lines = list[list[tuple[str, str]]]  # each line: (text, style) segments


def _full(findings: Sequence[Finding], run: RunInfo) -> Lines:
    """Every finding under its file, with the source line and the fix."""
    lines: Lines = []
    for file, group in groupby(findings, key=lambda f: f.file):
        lines.append([(safe(file), "bold underline")])
        for finding in group:
            lines += _finding(finding, run)
        lines.append([])
    return lines


def _finding(f: Finding, run: RunInfo) -> Lines:
    out = [
        [
            (f"  {f.line}:{f.column}".ljust(10), ""),
            (f"{f.level!s:<8}", _STYLE[f.level]),
            (f"{f.rule_id}  ", "bold"),
            (safe(f.message), ""),
        ]
    ]
    source = run.source_line(f.file, f.line).rstrip()
    if source:
        out.append([(f"{'':10}{f.line:>4} | {safe(source.strip())}", "dim")])
    if f.fix:
        out.append([(f"{'':10}fix: {f.fix}", "green")])
    return out


def _concise(findings: Sequence[Finding], run: RunInfo) -> Lines:
    """One line per finding, as compilers and flake8 print them."""
    return [
        [
            (f"{safe(f.file)}:{f.line}:{f.column}: ", "bold"),
            (f"{f.level!s} ", _STYLE[f.level]),
            (f"{f.rule_id} ", "bold"),
            (safe(f.message), ""),
        ]
        for f in findings
    ]


_IF_CREATED = re.compile(r" \(if created: .*\)$")  # rules/base.py: existence not known (count, for_each)


def _reason(f: Finding) -> str:
    """The message without the resource it names and the places it cites: what findings on many resources share."""
    text = f.message.replace(f.address, "…", 1) if f.address else f.message
    for origin in f.related:
        text = text.replace(f"{origin.file}:{origin.line}", "…")
    return _IF_CREATED.sub("", text)


def _grouped(findings: Sequence[Finding], run: RunInfo) -> Lines:
    """Findings that say the same thing (rule, level, reason, fix) once, with a count and their first places."""
    groups: dict[tuple[str, Level, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.rule_id, f.level, _reason(f), f.fix), []).append(f)
    single = sorted((m[0] for m in groups.values() if len(m) == 1), key=Finding.sort_key)
    lines = _full(single, run)  # a finding that nothing else shares is shown whole, under its file
    shared = [(key, members) for key, members in groups.items() if len(members) > 1]
    for (rule_id, level, reason, fix), members in sorted(shared, key=lambda kv: (-kv[0][1], -len(kv[1]))):
        conditional = sum(1 for f in members if _IF_CREATED.search(f.message))
        if_created = f" ({conditional} of them if created: count or for_each not known)" if conditional else ""
        lines.append(
            [
                (f"{level!s:<8}", _STYLE[level]),
                (f"{rule_id} × {len(members)}  ", "bold"),
                (safe(reason + if_created), ""),
            ]
        )
        for f in members[:PLACES]:
            lines.append([(f"{'':10}{safe(f.file)}:{f.line}", ""), (f"  {safe(f.address)}", "dim")])
        if len(members) > PLACES:
            files = len({f.file for f in members})
            more = f"… and {len(members) - PLACES} more, {files} file{'s' if files != 1 else ''} in all"
            lines.append([(f"{'':10}{more} (--output-format full lists them)", "dim")])
        if fix:
            lines.append([(f"{'':10}fix: {fix}", "green")])
        lines.append([])
    return lines


def _statistics(findings: Sequence[Finding], run: RunInfo) -> Lines:
    """A count per rule and level, most frequent first; no finding is listed."""
    tally: dict[tuple[str, Level], int] = {}
    for f in findings:
        tally[(f.rule_id, f.level)] = tally.get((f.rule_id, f.level), 0) + 1
    return [
        [(f"{n:>7}  {rule_id}  ", "bold"), (f"{level!s:<8}", _STYLE[level]), (run.rules[rule_id].name, "")]
        for (rule_id, level), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0][0], -kv[0][1]))
    ]


LAYOUTS: dict[str, Callable[[Sequence[Finding], RunInfo], Lines]] = {
    "grouped": _grouped,
    "full": _full,
    "concise": _concise,
    "statistics": _statistics,
}


def _table(console: Any, title: str, columns: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]]) -> None:
    """A table with a title and a line under the header; columns: header and whether it is right-justified."""
    if isinstance(console, plain.Console):
        if console.table(title, columns, rows):
            return
        console = console.rich()
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, right in columns:
        table.add_column(name, justify="right" if right else "left")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _summary(console: Any, findings: Sequence[Finding], run: RunInfo, suppressed: int, with_table: bool = True) -> None:
    by_rule = counts(findings)
    if by_rule and with_table:
        columns = [(c, c in ("error", "warning", "note", "total")) for c in ("rule", "name", *LEVELS, "total")]
        rows = [
            [rule_id, run.rules[rule_id].name, *(str(levels.get(lv, 0)) for lv in LEVELS), str(sum(levels.values()))]
            for rule_id, levels in by_rule.items()
        ]
        _table(console, "Summary", columns, rows)
    totals = {str(level): sum(1 for f in findings if f.level == level) for level in Level}
    parts = [
        f"{n} {name}{'s' if n != 1 else ''}"
        for name, n in sorted(totals.items(), key=lambda kv: -Level.parse(kv[0]))
        if n
    ]
    tally = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    if parts:
        tally += f" ({', '.join(parts)})"
    if suppressed:
        tally += f", {suppressed} suppressed"
    if run.stale:
        tally += f", {len(run.stale)} stale baseline entr{'ies' if len(run.stale) != 1 else 'y'}"
    console.print(f"{tally} in {run.files} file{'s' if run.files != 1 else ''}, profile {run.profile}")
    _stale(console, run)
    _configuration(console, run.configuration)


STALE_SHOWN = 10  # stale baseline entries listed under the summary; --verbose lists them all


def _stale(console: Any, run: RunInfo) -> None:
    """The baseline entries no longer found (file, rule, address): what `sovlint baseline update` removes."""
    if not run.stale:
        return
    console.print("stale baseline entries, no longer found (sovlint baseline update removes them):")
    entries = sorted(run.stale, key=lambda e: (e.file, e.rule_id, e.address))
    shown = entries if run.verbose else entries[:STALE_SHOWN]
    for e in shown:
        console.print(f"  {safe(e.file)}  {safe(e.rule_id)}  {safe(e.address)}")
    if len(entries) > len(shown):
        console.print(f"  and {len(entries) - len(shown)} more (--verbose lists them all)")


def _configuration(console: Any, configuration: dict[str, Any] | None) -> None:
    """The configuration files used and what they make weaker than the default gate."""
    if configuration is None:
        return
    files = ", ".join(configuration["files"])
    source = f"configuration {files}" if files else "the command line"
    if configuration.get("paths_from"):
        source += " (paths from the repository root)"
    weakens = configuration["weakens"]
    console.print(f"{safe(source)} {'weakens the gate:' if weakens else 'weakens nothing'}")
    for w in weakens:
        where = f"{w['file']}:{w['line']}" if w["line"] else w["file"]
        console.print(f"  {safe(where)}  {safe(w['change'])}")


def _inventory(console: Any, run: RunInfo) -> None:
    """Resources by provider, country and jurisdiction (control / location), as `sovlint inventory` classes them."""
    from collections import Counter

    from sovlint import inventory
    from sovlint.knowledge import catalog

    rows = Counter(
        (r.provider, r.hosted_on or "-", r.countries or "-", r.control, r.location)
        for r in inventory.rows(run.inventory, run.catalog or catalog.load())
    )
    columns = [(c, c == "resources") for c in ("provider", "hosted on", "country", "control", "location", "resources")]
    table = [[safe(p), safe(h), *where, str(n)] for (p, h, *where), n in sorted(rows.items())]
    console.print()
    _table(console, "Inventory", columns, table)
