"""SOV101 region-outside-allowed: the resource's region is in a country outside the allowed set."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at

ID = "SOV101"


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if resource.kind == "backend" or not placement.located or len(placement.countries) != 1:
        return  # unresolved and unknown regions are SOV102's and SOV103's, multi-regions SOV104's
    if placement.countries[0] in ctx.profile.locations:
        return
    where = ctx.countries(placement.countries)
    message = f"{resource.address} is in {placement.region} ({where}), outside {ctx.profile.label}"
    yield ctx.finding(
        ID,
        resource,
        message + set_at(placement, resource),
        placement=placement,
        related=decided_at(placement, resource),
    )
