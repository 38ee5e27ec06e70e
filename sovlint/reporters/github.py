"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`.

GitHub shows 10 error, 10 warning and 10 notice annotations per step: one summary annotation comes
first, then the most severe findings up to what is shown; the step summary (Markdown) lists them all.

Values are escaped as the runner expects (`%`, CR and LF everywhere; also `:` and `,` in properties),
so no text from a scanned file can end a command early or start a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sovlint.escape import workflow_data, workflow_property
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo

COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}
SHOWN = 10  # annotations of each level that GitHub shows for one step; more are dropped
MAX_CONFIG = 3  # configuration files annotated (the file, then what it extends); stderr lists them all


escape_data = workflow_data
escape_property = workflow_property


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    """The most severe findings as annotations, as many of each level as GitHub shows, after one summary."""
    open_ = sorted((f for f in findings if not f.suppressed), key=lambda f: (-f.level, f.sort_key()))
    config = _configuration(run.configuration)
    if not open_:
        return "".join(line + "\n" for line in config)
    worst = open_[0].level
    room = {level: SHOWN - (level == worst) for level in Level}  # the summary takes one place of its level
    room[Level.WARNING] -= len(config)
    shown = []
    for f in open_:
        if room[f.level] > 0:
            room[f.level] -= 1
            shown.append(f)
    lines = [*config, _summary(open_, len(shown), worst)] + [_annotation(f, run) for f in shown]
    return "".join(line + "\n" for line in lines)


def _configuration(configuration: dict[str, Any] | None) -> list[str]:
    """One warning on each configuration file that weakens the gate, at the first line that does, listing all."""
    by_file: dict[str, list[dict[str, Any]]] = {}
    for w in (configuration or {}).get("weakens", []):
        by_file.setdefault(w["file"], []).append(w)
    out = []
    for file, items in list(by_file.items())[:MAX_CONFIG]:
        changes = "\n".join(f"line {w['line']}: {w['change']}" if w["line"] else w["change"] for w in items)
        props = {"title": "sovlint configuration weakens the gate"}
        if file != "--baseline":
            props = {"file": file, "line": str(max(1, items[0]["line"])), **props}
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        out.append(f"::warning {head}::{escape_data(changes)}")
    return out


def _summary(open_: Sequence[Finding], shown: int, worst: Level) -> str:
    tally = ", ".join(
        f"{n} {level}{'s' if n != 1 else ''}"
        for level in sorted(Level, reverse=True)
        if (n := sum(1 for f in open_ if f.level == level))
    )
    text = f"{len(open_)} finding{'s' if len(open_) != 1 else ''} ({tally})"
    if shown < len(open_):
        text += f"; the {shown} most severe are annotated, the full list is in the job summary and the SARIF report"
    return f"::{COMMAND[worst]} title={escape_property('sovlint')}::{escape_data(text)}"


def _annotation(f: Finding, run: RunInfo) -> str:
    props = {
        "file": f.file,
        "line": str(max(1, f.line)),
        "endLine": str(max(1, f.line, f.end_line)),
        "title": f"{f.rule_id} {run.rules[f.rule_id].name}",
    }
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    body = f.message + (f"\nFix: {f.fix}" if f.fix else "")
    return f"::{COMMAND[f.level]} {head}::{escape_data(body)}"
