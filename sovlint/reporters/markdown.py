"""A Markdown summary for `$GITHUB_STEP_SUMMARY` or a merge-request comment: counts, then every finding.

Findings are listed most severe first, as many as fit in what GitHub shows of a step summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sovlint.escape import markdown, markdown_code
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, counts

BUDGET = 900_000  # characters: GitHub takes 1 MiB of step summary per step; the counts cover every finding


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
    out += _configuration(run.configuration)
    if open_:
        out += ["", "| rule | name | error | warning | note |", "|---|---|---:|---:|---:|"]
        for rule_id, levels in counts(open_).items():
            row = " | ".join(str(levels.get(level, 0)) for level in ("error", "warning", "note"))
            out.append(f"| {rule_id} | {run.rules[rule_id].name} | {row} |")
        out += ["", "| level | rule | where | finding |", "|---|---|---|---|"]
        size = sum(len(line) + 1 for line in out)
        for listed, f in enumerate(sorted(open_, key=lambda f: (-f.level, f.sort_key()))):
            row = f"| {f.level} | {f.rule_id} | `{markdown_code(f.file)}:{f.line}` | {markdown(f.message)} |"
            size += len(row) + 1
            if size > BUDGET:
                out.append(f"\n…and {len(open_) - listed} more (less severe): see the SARIF or JSON report.")
                break
            out.append(row)
    return "\n".join(out) + "\n"


def _configuration(configuration: dict[str, Any] | None) -> list[str]:
    """The configuration files used and what they weaken, for the reviewer of a pull request."""
    if configuration is None:
        return []
    files = ", ".join(f"`{markdown_code(f)}`" for f in configuration["files"])
    source = f"Configuration {files}" if files else "The command line"
    if not configuration["weakens"]:
        return ["", f"{source} weakens nothing."]
    out = ["", f"**{source} weakens the gate:**", "", "| set at | change |", "|---|---|"]
    for w in configuration["weakens"]:
        where = f"{w['file']}:{w['line']}" if w["line"] else w["file"]
        out.append(f"| `{markdown_code(where)}` | {markdown(w['change'])} |")
    return out
