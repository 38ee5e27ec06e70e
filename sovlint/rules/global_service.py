"""SOV104 global-service: a global or edge service, or a multi-region reaching outside the allowed set."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.knowledge.records import own_type, type_matches
from sovlint.model import CLOUD_KINDS, Finding, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at

ID = "SOV104"
KINDS = frozenset(CLOUD_KINDS)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    provider = ctx.catalog.provider(placement.provider)
    label = ctx.profile.label
    if provider and type_matches(own_type(resource.type, resource.body, provider), provider.global_types):
        message = f"{resource.address} is a global service of {provider.name}: no region setting confines it to {label}"
    elif placement.located and placement.is_global:
        where = f"the '{placement.region}' location"
        message = f"{resource.address} is in {where}: served from everywhere, not confined to {label}"
    elif (outside := [c for c in placement.countries if c not in ctx.profile.locations]) and (
        len(placement.countries) > 1 or _multi_region(placement, ctx)
    ):
        message = (
            f"{resource.address} is in {placement.region}, a multi-region that includes "
            f"{ctx.countries(outside)}, outside {label}" + set_at(placement, resource)
        )
    else:
        return
    yield ctx.finding(ID, resource, message, placement=placement, related=decided_at(placement, resource))


def _multi_region(placement: Placement, ctx: RuleContext) -> bool:
    key = (ID, "multi-region", placement.provider, placement.region)
    return ctx.once(key, lambda: ctx.catalog.multi_region(placement.provider, placement.region))
