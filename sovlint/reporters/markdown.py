"""A Markdown summary for `$GITHUB_STEP_SUMMARY` or a merge-request comment: counts, then the findings."""

from __future__ import annotations

from collections.abc import Sequence

from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, counts

LIMIT = 50  # findings listed; the counts cover all of them


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    open_ = [f for f in findings if not f.suppressed]
    out = ["## sovlint", ""]
    tally = {level: sum(1 for f in open_ if f.level == level) for level in Level}
    if not open_:
        out.append(f"No findings in {run.files} files (profile `{run.profile}`).")
    else:
        parts = ", ".join(
            f"{n} {level!s}{'s' if n != 1 else ''}" for level, n in sorted(tally.items(), reverse=True) if n
        )
        out.append(f"**{len(open_)} findings** ({parts}) in {run.files} files, profile `{run.profile}`.")
    suppressed = len(findings) - len(open_)
    if suppressed:
        out.append(f"{suppressed} suppressed (inline or baseline).")
    if open_:
        out += ["", "| rule | name | error | warning | note |", "|---|---|---:|---:|---:|"]
        for rule_id, levels in counts(open_).items():
            row = " | ".join(str(levels.get(level, 0)) for level in ("error", "warning", "note"))
            out.append(f"| {rule_id} | {run.rules[rule_id]['name']} | {row} |")
        out += ["", "| level | rule | where | finding |", "|---|---|---|---|"]
        for f in open_[:LIMIT]:
            out.append(f"| {f.level} | {f.rule_id} | `{_cell(f.file)}:{f.line}` | {_cell(f.message)} |")
        if len(open_) > LIMIT:
            out.append(f"\n…and {len(open_) - LIMIT} more: see the full report.")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, no line breaks, no HTML, no backtick breakouts."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.split())
