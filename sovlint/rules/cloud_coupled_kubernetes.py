"""SOV302 cloud-coupled-kubernetes: a Kubernetes object bound to one cloud's proprietary features."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sovlint.model import Finding, Kind, KubeFacts, Origin, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV302"
KINDS = frozenset({Kind.KUBERNETES})


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if resource.facts is None:
        return
    facts = resource.facts
    coupling = ctx.catalog.kubernetes.get("coupling", {})
    for what, line, portable, key in _couplings(facts, coupling):
        message = f"{resource.address} is bound to {what}; portable: {portable}"
        file, where = facts.where(line, resource.file)  # a Kustomize patch may have set it
        yield ctx.finding(ID, resource, message, at=Origin(file, where or resource.line, "cloud coupling"), key=key)


def _couplings(facts: KubeFacts, coupling: dict[str, Any]) -> Iterator[tuple[str, int, str, str]]:
    storage = facts.storage
    if storage:
        for entry in coupling.get("storage", []):
            if storage[0] == entry["match"]:
                yield (
                    f"{entry['what']} ({entry['cloud']})",
                    storage[1],
                    coupling.get("storage_portable", ""),
                    storage[0],
                )
    lines = dict(facts.annotation_lines)
    for key, _ in sorted(facts.annotations):
        for entry in coupling.get("annotations", []):
            if key.startswith(entry["prefix"]):
                line = lines.get(key, 0)
                yield f"{entry['what']} ({entry['cloud']}: {key})", line, entry["portable"], entry["prefix"]
                break
    classes = [facts.ingress_class] if facts.ingress_class else []
    annotated = facts.annotation("kubernetes.io/ingress.class")
    if annotated:
        classes.append(annotated)
    for name, line in classes:
        for entry in coupling.get("ingress_classes", []):
            if name == entry["match"]:
                yield f"{entry['what']} ({entry['cloud']})", line, coupling.get("ingress_portable", ""), name
    for flag, value, line in facts.flags:
        for entry in coupling.get("flags", []):
            if flag == entry["flag"] and value.strip().lower() == entry["match"]:
                what = f"{entry['what']} ({entry['cloud']}: {flag}={value.strip()})"
                yield what, line, coupling.get("flags_portable", ""), f"{flag}={entry['match']}"
    for entry in coupling.get("groups", []):
        if facts.group == entry["match"]:
            yield f"{entry['what']} ({entry['cloud']})", 0, entry["portable"], entry["match"]
