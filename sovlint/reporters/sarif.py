"""SARIF 2.1.0 for GitHub code scanning (ECOSYSTEM.md checklists S and G).

One run, every rule described, one location per result with a relative percent-encoded URI,
the resource address as logical location, related locations where the deciding value was set,
and a fingerprint of our own under `sovlint/v1` (GitHub computes `primaryLocationLineHash`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sovlint.baseline import fingerprint
from sovlint.escape import raw_bytes
from sovlint.jsontext import Items, dumps
from sovlint.knowledge.records import Rule
from sovlint.knowledge.ruledocs import help_uri
from sovlint.model import Finding, Origin
from sovlint.reporters import RunInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000  # GitHub rejects a run with more (checklist G19)
SHOWN_RESULTS = 5_000  # GitHub shows the most severe of them only


def limit_notes(findings: Sequence[Finding]) -> list[str]:
    """What GitHub code scanning will not take or not show of these results: said on stderr and in the run."""
    notes = []
    if len(findings) > MAX_RESULTS:
        notes.append(
            f"{len(findings)} results are over GitHub's limit of {MAX_RESULTS} per run: "
            f"the {MAX_RESULTS} most severe are in the SARIF file, {len(findings) - MAX_RESULTS} "
            f"{'is' if len(findings) - MAX_RESULTS == 1 else 'are'} left out"
        )
    if len(findings) > SHOWN_RESULTS:
        notes.append(f"GitHub code scanning shows the {SHOWN_RESULTS} most severe results of a run only")
    return notes


def render(findings: Sequence[Finding], run: RunInfo) -> str:
    rule_ids = sorted(run.rules)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    kept = list(findings)
    omitted = max(0, len(kept) - MAX_RESULTS)
    if omitted:  # keep the most severe
        kept = sorted(kept, key=lambda f: (bool(f.suppressed), -f.level))[:MAX_RESULTS]
        kept.sort(key=Finding.sort_key)
    notes = limit_notes(findings)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sovlint",
                        "semanticVersion": run.version,
                        "informationUri": "https://github.com/sovlint/sovlint",
                        "rules": [descriptor(run.rules[r]) for r in rule_ids],
                    }
                },
                "automationDetails": {"id": f"{run.category.strip('/') or 'sovlint'}/"},
                "originalUriBaseIds": {"%SRCROOT%": _source_root(run.root)},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [{"level": "warning", "message": {"text": n}} for n in notes],
                    }
                ],
                "results": Items(_result(f, index, run) for f in kept),
                "properties": {
                    "profile": run.profile,
                    **({"omittedResults": omitted} if omitted else {}),
                    **({"configuration": run.configuration} if run.configuration else {}),
                },
            }
        ],
    }
    return dumps(log)


def _source_root(root: str) -> dict[str, Any]:
    """%SRCROOT%: the repository root (the git top level, else the scanned directory) that URIs are relative to."""
    text = {"description": {"text": "The repository root: the git top level, else the scanned directory."}}
    return {"uri": Path(root).as_uri().rstrip("/") + "/", **text} if root else text


def descriptor(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor: help, helpUri, tags and severity from policies/rules.yaml."""
    properties: dict[str, Any] = {"tags": list(rule.tags)[:10], "precision": rule.precision or "high"}
    if rule.security_severity is not None:
        properties["security-severity"] = rule.security_severity
    else:
        properties["problem.severity"] = {"error": "error", "warning": "warning"}.get(str(rule.level), "recommendation")
    help_text = f"{rule.description}\n\nFix: {rule.fix}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.description},
        "help": {"text": help_text, "markdown": f"{rule.description}\n\n**Fix:** {rule.fix}"},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": str(rule.level)},
        "properties": properties,
    }


@functools.lru_cache(maxsize=4096)
def uri(path: str) -> str:
    """A relative, percent-encoded URI with forward slashes (checklist S4)."""
    return quote(raw_bytes(path.replace("\\", "/")), safe="/")  # a non-UTF-8 name keeps its own bytes


def _location(file: str, start: int, end: int, column: int = 1, end_column: int = 0) -> dict[str, Any]:
    region = {"startLine": max(1, start), "startColumn": max(1, column), "endLine": max(1, start, end)}
    if end_column > 1 and (region["endLine"] > region["startLine"] or end_column > region["startColumn"]):
        region["endColumn"] = end_column
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(file), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _end_column(f: Finding, run: RunInfo) -> int:
    """One past the last character of the finding's span, else of its last line where the source is at hand (G16)."""
    if f.end_column:
        return f.end_column
    last = run.source_line(f.file, max(f.line, f.end_line)).rstrip()
    return len(last) + 1 if last else 0


def _result(f: Finding, index: dict[str, int], run: RunInfo) -> dict[str, Any]:
    related = [o for o in f.related if o.file and o.line > 0 and not o.file.startswith(("/", ".."))]
    text = f.message
    for i, origin in enumerate(related, 1):
        text = text.replace(f"{origin.file}:{origin.line}", f"[{origin.file}:{origin.line}]({i})", 1)
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": str(f.level),
        "message": {"text": text},
        "locations": [_location(f.file, f.line, f.end_line, f.column, _end_column(f, run))],
        "partialFingerprints": {"sovlint/v1": fingerprint(f)},
    }
    if f.address:
        result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": f.address, "kind": "resource"}]
    if related:
        result["relatedLocations"] = [_related(i, o) for i, o in enumerate(related, 1)]
    if f.properties:
        result["properties"] = dict(f.properties)
    if f.suppressed:
        result["suppressions"] = [{"kind": f.suppressed_by, "status": "accepted", "justification": f.suppressed}]
    return result


def _related(i: int, origin: Origin) -> dict[str, Any]:
    location = _location(origin.file, origin.line, origin.end_line, origin.column or 1, origin.end_column)
    location["id"] = i
    location["message"] = {"text": f"set here ({origin.what})"}
    return location
