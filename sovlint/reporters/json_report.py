"""JSON: every finding with its fingerprint, and the summary. Sorted keys, fixed indent: same input, same bytes."""

from __future__ import annotations

from collections.abc import Sequence

from sovlint.baseline import fingerprint
from sovlint.jsontext import Items, Same, dumps
from sovlint.model import Finding
from sovlint.reporters import RunInfo, counts


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    document = {
        "tool": {"name": "sovlint", "version": run.version},
        "profile": run.profile,
        "files_scanned": run.files,
        "findings": Items(_finding(f, run) for f in findings),
        "summary": {
            "total": sum(1 for f in findings if not f.suppressed),
            "suppressed": sum(1 for f in findings if f.suppressed),
            "by_rule": counts([f for f in findings if not f.suppressed]),
        },
        "stale_baseline_entries": [e._asdict() for e in run.stale],
    }
    if run.configuration is not None:
        document["configuration"] = run.configuration
    return dumps(document)


def _finding(f: Finding, run: RunInfo) -> dict[str, object]:
    return {
        "rule_id": f.rule_id,
        "rule_name": run.rules[f.rule_id].name,
        "level": str(f.level),
        "file": f.file,
        "line": f.line,
        "end_line": max(f.end_line, f.line),
        "column": f.column,
        "end_column": f.end_column,
        "address": f.address,
        "message": f.message,
        "fix": f.fix,
        "fingerprint": fingerprint(f),
        "related": [{"file": o.file, "line": o.line, "what": o.what} for o in f.related if o.file],
        "properties": Same(f.properties, dict),
        "suppressed": {"kind": f.suppressed_by, "reason": f.suppressed} if f.suppressed else None,
    }
