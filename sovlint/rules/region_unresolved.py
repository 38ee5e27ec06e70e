"""SOV102 region-unresolved: the region cannot be determined without running Terraform."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at

ID = "SOV102"
KINDS = frozenset(Kind) - {Kind.BACKEND}


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if not placement.located or not placement.unresolved or placement.library:
        return  # a reusable module takes its location from its caller (SPEC §3)
    if _anywhere_allowed(placement, ctx):
        return  # whichever region it is, it is allowed (SPEC §3)
    message = f"{resource.address}: the region cannot be determined statically: {placement.unresolved}"
    yield ctx.finding(ID, resource, message, placement=placement, related=decided_at(placement, resource))


def _anywhere_allowed(placement: Placement, ctx: RuleContext) -> bool:
    """Whether every region the provider takes lies in the allowed set (Scaleway's all do, in the EU)."""
    if placement.endpoint or placement.offer or placement.host:
        return False  # another operator's cloud, or one sovlint does not know: not the provider's table
    every = ctx.once(("every_country", placement.provider), lambda: ctx.catalog.every_country(placement.provider))
    return every is not None and every <= ctx.profile.locations
