"""SOV102 region-unresolved: the region cannot be determined without running Terraform."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at

ID = "SOV102"


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if resource.kind == Kind.BACKEND or not placement.located or not placement.unresolved or placement.library:
        return  # a reusable module takes its location from its caller (SPEC §3)
    message = f"{resource.address}: the region cannot be determined statically: {placement.unresolved}"
    yield ctx.finding(ID, resource, message, placement=placement, related=decided_at(placement, resource))
