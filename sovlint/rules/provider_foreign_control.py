"""SOV201 provider-foreign-control: the provider's ultimate parent is outside the allowed jurisdictions."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import CLOUD_KINDS, Finding, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV201"


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    provider = ctx.catalog.provider(placement.provider) if resource.kind in CLOUD_KINDS else None
    if provider is None or ctx.profile.control is None or provider.source in ctx.profile.providers:
        return  # unknown providers (random, null, …) create nothing that a company controls
    operator, through = ctx.catalog.operator(provider, placement.offer, placement.endpoint)
    owner = ctx.owner(operator)
    if owner is None or owner[1] in ctx.profile.control:
        return  # an operator sovlint does not know (an endpoint of its own) is not guessed
    runs = f"runs on {through}, operated by {owner[0]}" if through else f"is run by {owner[0]}"
    message = f"{resource.address} {runs}, outside {ctx.profile.label}"
    laws = ",".join(law["id"] for law in ctx.catalog.laws.get(owner[1], []))
    extra = (("parent_country", owner[1]), ("laws", laws), ("offer", placement.offer), ("endpoint", placement.endpoint))
    yield ctx.finding(ID, resource, message, placement=placement, extra=extra)
