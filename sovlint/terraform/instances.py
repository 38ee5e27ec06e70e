"""count and for_each instances of a resource: judged apart when their locations differ.

Instances that share a verdict are one resource (`aws_s3_bucket.b`); when a map of regions gives
instances different verdicts, each group is named by its keys (`aws_s3_bucket.b["virginia"]`,
`aws_s3_bucket.b["paris", "milan"]`), so that one finding names every instance it speaks for.
"""

from __future__ import annotations

from typing import Any

from sovlint.model import Placement
from sovlint.terraform import place as place_mod
from sovlint.terraform.module import Located
from sovlint.terraform.scope import Context, ModuleScope
from sovlint.terraform.tree import Instance

MAX_JUDGED = 16  # instances judged apart; a resource with more is judged once, as a whole


def bindings(body: dict[str, Any], scope: Any, most: int) -> list[dict[str, Any]] | None:
    """count.index / each.key and each.value of every instance, or None when count/for_each is absent or unknown."""
    return expanded(place_mod.gate(body, scope), most)


def expanded(gated: place_mod.Gate, most: int) -> list[dict[str, Any]] | None:
    """The instances' bindings of an evaluated count or for_each (at most `most` of a count), or None."""
    if gated is None:
        return None
    meta, value = gated
    if meta == "count":
        if isinstance(value, int) and not isinstance(value, bool):
            return [{"count.index": i} for i in range(min(max(0, value), most))]  # no more is ever built
    elif isinstance(value, dict):
        return [{"each.key": k, "each.value": v} for k, v in sorted(value.items())]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [{"each.key": v, "each.value": v} for v in sorted(set(value))]
    return None


def judged(
    located: Located, instance: Instance, ctx: Context, scope: ModuleScope, gated: place_mod.Gate = None
) -> list[tuple[str, list[Placement]]]:
    """(instance label, placements) per group of instances with one verdict; label '' when all share one.
    `gated`: the resource's count or for_each, when already evaluated in `scope`."""
    body = located.block.body
    found = expanded(place_mod.gate(body, scope) if gated is None else gated, MAX_JUDGED + 1)
    if not found or len(found) > MAX_JUDGED:
        return [("", place_mod.place_all(located, instance, ctx))]
    groups: dict[tuple[Any, ...], tuple[list[str], list[Placement]]] = {}
    for binding in found:
        placements = place_mod.place_all(located, instance, ctx, ModuleScope(instance, ctx, binding))
        verdict = tuple(_verdict(p) for p in placements)
        groups.setdefault(verdict, ([], placements))[0].append(_key(binding))
    if len(groups) == 1:
        return [("", next(iter(groups.values()))[1])]
    return [(f"[{', '.join(keys)}]", placements) for keys, placements in groups.values()]


def _verdict(p: Placement) -> tuple[Any, ...]:
    return (
        p.located,
        p.region,
        p.countries,
        p.known_region,
        p.is_global,
        p.endpoint,
        p.offer,
        p.host,
        p.replicas,
        p.unresolved,
    )


def _key(binding: dict[str, Any]) -> str:
    if "count.index" in binding:
        return str(binding["count.index"])
    return '"' + str(binding["each.key"]).replace("\\", "\\\\").replace('"', '\\"') + '"'
