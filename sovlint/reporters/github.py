"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`, one line per open finding.

Values are escaped as the runner expects (`%`, CR and LF everywhere; also `:` and `,` in properties),
so no text from a scanned file can end a command early or start a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo

COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    lines = []
    for f in findings:
        if f.suppressed:
            continue
        props = {
            "file": f.file,
            "line": str(max(1, f.line)),
            "endLine": str(max(1, f.line, f.end_line)),
            "title": f"{f.rule_id} {run.rules[f.rule_id]['name']}",
        }
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        body = f.message + (f"\nFix: {f.fix}" if f.fix else "")
        lines.append(f"::{COMMAND[f.level]} {head}::{escape_data(body)}")
    return "".join(line + "\n" for line in lines)
