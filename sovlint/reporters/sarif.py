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
from sovlint.jsontext import Items, dumps, repeated, shared, string, template, text
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
                "results": Items(kept, functools.partial(_result, index=index, run=run)),
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
    region = _region(start, end, column, end_column)
    return {"physicalLocation": {"artifactLocation": _artifact(uri(file)), "region": region}}


def _artifact(path_uri: str) -> dict[str, str]:
    return {"uri": path_uri, "uriBaseId": "%SRCROOT%"}


def _region(start: int, end: int, column: int, end_column: int) -> dict[str, int]:
    region = {"startLine": max(1, start), "startColumn": max(1, column), "endLine": max(1, start, end)}
    if end_column > 1 and (region["endLine"] > region["startLine"] or end_column > region["startColumn"]):
        region["endColumn"] = end_column
    return region


def _end_column(f: Finding, run: RunInfo) -> int:
    """One past the last character of the finding's span, else of its last line where the source is at hand (G16)."""
    if f.end_column:
        return f.end_column
    last = run.source_line(f.file, max(f.line, f.end_line)).rstrip()
    return len(last) + 1 if last else 0


def _result(f: Finding, indent: str, index: dict[str, int], run: RunInfo) -> str:
    """A result's JSON text at `indent`, written from the templates of its keys (`jsontext.template`): a run
    of 20,000 findings is not 20,000 nested dictionaries walked one value at a time."""
    inner = indent + "  "
    related = [o for o in f.related if o.file and o.line > 0 and not o.file.startswith(("/", ".."))]
    message = f.message
    for i, origin in enumerate(related, 1):
        message = message.replace(f"{origin.file}:{origin.line}", f"[{origin.file}:{origin.line}]({i})", 1)
    keys = ["level", "locations", "message", "partialFingerprints"]  # in sorted order, as json writes them
    values: list[Any] = [
        repeated(str(f.level)),
        _locations(f, inner, run),
        template(("text",), inner) % string(message),
        template(("sovlint/v1",), inner) % f'"{fingerprint(f)}"',  # hexadecimal digits
    ]
    if f.properties:
        keys.append("properties")
        values.append(shared(f.properties, dict, inner))
    if related:
        keys.append("relatedLocations")
        values.append(text([_related(i, o) for i, o in enumerate(related, 1)], inner))
    keys += ("ruleId", "ruleIndex")
    values += (repeated(f.rule_id), index[f.rule_id])
    if f.suppressed:
        keys.append("suppressions")
        suppression = {"kind": f.suppressed_by, "status": "accepted", "justification": f.suppressed}
        values.append(text([suppression], inner))
    return template(tuple(keys), indent) % tuple(values)


def _locations(f: Finding, indent: str, run: RunInfo) -> str:
    """The text of a result's one location at `indent`: where it is, and the resource's address as its logical
    location."""
    region = _region(f.line, f.end_line, f.column, _end_column(f, run))
    numbers: tuple[int, ...] = (region["endColumn"],) if "endColumn" in region else ()
    numbers += (region["endLine"], region["startColumn"], region["startLine"])
    return _location_template(indent, bool(f.address), len(numbers) == 4) % (
        *((string(f.address),) if f.address else ()),
        shared(uri(f.file), _artifact, indent + "      "),
        *numbers,
    )


@functools.lru_cache(maxsize=64)
def _location_template(indent: str, logical: bool, end_column: bool) -> str:
    """`locations` holding one location, as text at `indent` with `%s` for the address (when `logical`), the
    artifact's text and the region's numbers (in the order of their sorted keys)."""
    place, physical, inner = indent + "  ", indent + "    ", indent + "      "
    keys = ("endColumn", "endLine", "startColumn", "startLine")[0 if end_column else 1 :]
    region = template(keys, inner)
    physical_text = template(("artifactLocation", "region"), physical) % ("%s", region)
    if not logical:
        return _one(template(("physicalLocation",), place) % physical_text, indent)
    named = _one(template(("fullyQualifiedName", "kind"), inner) % ("%s", '"resource"'), physical)
    return _one(template(("logicalLocations", "physicalLocation"), place) % (named, physical_text), indent)


def _one(element: str, indent: str) -> str:
    """A list of one element, given as its text at `indent` + two spaces."""
    return f"[\n{indent}  {element}\n{indent}]"


def _related(i: int, origin: Origin) -> dict[str, Any]:
    location = _location(origin.file, origin.line, origin.end_line, origin.column or 1, origin.end_column)
    location["id"] = i
    location["message"] = {"text": f"set here ({origin.what})"}
    return location
