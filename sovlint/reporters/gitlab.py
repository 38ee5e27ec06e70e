"""GitLab Code Quality report (ECOSYSTEM.md checklist L): a JSON array, one object per open finding.

Suppressed findings are left out (the merge-request widget shows only new and resolved ones); the
fingerprint is the same as SARIF's and the baseline's, so the widget follows findings across edits.
"""

from __future__ import annotations

from collections.abc import Sequence

from sovlint.baseline import fingerprint
from sovlint.jsontext import Items, dumps
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo

SEVERITY = {Level.ERROR: "critical", Level.WARNING: "major", Level.NOTE: "minor"}


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    report = Items(
        {
            "description": f"{f.rule_id} {f.message}",
            "check_name": f.rule_id,
            "fingerprint": fingerprint(f),
            "severity": "blocker" if f.rule_id == "SOV000" else SEVERITY[f.level],
            "location": {"path": f.file, "lines": {"begin": max(1, f.line), "end": max(1, f.line, f.end_line)}},
            "categories": ["Security"] if run.rules[f.rule_id].security_severity is not None else ["Style"],
        }
        for f in findings
        if not f.suppressed
    )
    return dumps(report)
