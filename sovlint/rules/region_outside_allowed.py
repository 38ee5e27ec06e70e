"""SOV101 region-outside-allowed: the resource's region is in a country outside the allowed set."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at

ID = "SOV101"
KINDS = frozenset(Kind) - {Kind.BACKEND}


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if not placement.located or not placement.countries:
        return  # unresolved and unknown regions are SOV102's and SOV103's
    outside = [c for c in placement.countries if c not in ctx.profile.locations]
    if not outside:
        return
    where = ctx.countries(placement.countries)
    at = None
    if resource.kind == Kind.KUBERNETES:  # a workload pinned by its node selector or affinity: point at it
        message = f"{resource.address} is pinned to {placement.region} ({where}), outside {ctx.profile.label}"
        at = placement.origins[0] if placement.origins else None
    elif len(placement.countries) > 1 or ctx.catalog.multi_region(placement.provider, placement.region):
        return  # a multi-region: SOV104's
    else:
        message = f"{resource.address} is in {placement.region} ({where}), outside {ctx.profile.label}"
    elsewhere = at is not None and at.file != resource.file  # a Kustomize patch pinned it: the finding is there
    yield ctx.finding(
        ID,
        resource,
        message + ("" if elsewhere else set_at(placement, resource)),
        placement=placement,
        related=decided_at(placement, resource),
        at=at,
    )
