"""JSON: every finding with its fingerprint, and the summary. Sorted keys, fixed indent: same input, same bytes."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from sovlint.baseline import fingerprint
from sovlint.jsontext import Items, dumps, repeated, shared, string, template, text
from sovlint.model import Finding, Level
from sovlint.reporters import RunInfo, counts


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    document = {
        "tool": {"name": "sovlint", "version": run.version},
        "profile": run.profile,
        "files_scanned": run.files,
        "findings": Items(findings, functools.partial(_finding, run=run)),
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


# a finding's keys, sorted
_KEYS = (
    "address",
    "column",
    "end_column",
    "end_line",
    "file",
    "fingerprint",
    "fix",
    "level",
    "line",
    "message",
    "properties",
    "related",
    "rule_id",
    "rule_name",
    "suppressed",
)


_LEVELS = {level: string(str(level)) for level in Level}  # a level's text, made once


def _finding(f: Finding, indent: str, run: RunInfo) -> str:
    """A finding's text, from the template of its keys."""
    inner = indent + "  "
    related = [{"file": o.file, "line": o.line, "what": o.what} for o in f.related if o.file] if f.related else ()
    suppressed = text({"kind": f.suppressed_by, "reason": f.suppressed}, inner) if f.suppressed else "null"
    return _template(indent) % (
        string(f.address),
        int(f.column),
        int(f.end_column),
        int(max(f.end_line, f.line)),
        string(f.file),
        f'"{fingerprint(f)}"',  # hexadecimal digits
        repeated(f.fix),
        _LEVELS.get(f.level) or string(str(f.level)),
        int(f.line),
        string(f.message),
        shared(f.properties, dict, inner),
        text(related, inner) if related else "[]",
        repeated(f.rule_id),
        repeated(run.rules[f.rule_id].name),
        suppressed,
    )


@functools.lru_cache(maxsize=16)
def _template(indent: str) -> str:
    """The template of a finding at `indent`, looked up by the indent alone (not by the 15 keys for each finding)."""
    return template(_KEYS, indent)
