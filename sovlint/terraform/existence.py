"""Whether a resource or module call is created: its `count` or `for_each`, evaluated (Terraform's existence)."""

from __future__ import annotations

from typing import Any

from sovlint.terraform.lang.values import Unknown
from sovlint.terraform.module import Located
from sovlint.terraform.scope import ModuleScope, shown

Gate = tuple[str, Any] | None  # `count` or `for_each` and its value; None when a block has neither


def is_created(located: Located, scope: ModuleScope) -> bool:
    """False only when count or for_each is known to create no instance (`count = var.x ? 1 : 0`)."""
    return existence(located.block.body, scope)[0]


def gate(body: dict[str, Any], scope: ModuleScope) -> Gate:
    """The `count` (which Terraform reads first) or `for_each` of a resource or module call, evaluated."""
    for meta in ("count", "for_each"):
        if meta in body:
            return meta, scope.value(body[meta])
    return None


def existence(body: dict[str, Any], scope: ModuleScope, gated: Gate = None) -> tuple[bool, str]:
    """Whether a resource or module call creates anything, and why that is not known when it is not: a gate
    that cannot be evaluated keeps the resource (it must not miss) and says so. `gated`: its gate, when
    already evaluated."""
    found = gate(body, scope) if gated is None else gated
    if found is None:
        return True, ""
    meta, value = found
    if meta == "count" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value > 0, ""
    if meta == "for_each" and isinstance(value, (dict, list)):
        return len(value) > 0, ""
    why = value.reason if isinstance(value, Unknown) else f"it is not a {'number' if meta == 'count' else 'collection'}"
    return True, f"{meta} = {shown(body[meta])}: {why}"
