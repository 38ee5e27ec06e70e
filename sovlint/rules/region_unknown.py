"""SOV103 region-unknown: a region code that the catalog does not know (a typo, or a new region)."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at

ID = "SOV103"
KINDS = frozenset(Kind) - {Kind.BACKEND}


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if not placement.located or placement.known_region or not placement.region:
        return
    provider = ctx.catalog.provider(placement.provider)
    cloud = provider.name if provider else placement.provider
    table = provider.regions if provider else ""
    endpoint = ctx.catalog.endpoints.get(placement.endpoint)
    if endpoint is not None:  # reached through another operator's endpoint: its region codes
        cloud, table = endpoint.name, endpoint.regions
    host = ctx.catalog.provider(placement.host) if placement.host else None
    if host is not None:  # a SaaS platform on another cloud: that cloud's region codes
        same = placement.host_region == placement.region
        cloud, table = host.name + ("" if same else f" (as {placement.host_region})"), host.regions
    known = ctx.catalog.regions.get(table)
    uncertain = known.uncertain(placement.region) if known is not None else None
    if provider is not None and known is None:
        message = f"{resource.address} is in region '{placement.region}': sovlint has no region list for {cloud} yet"
    elif uncertain is not None:
        message = (
            f"{resource.address} is in '{placement.region}' of {cloud}, whose country sovlint cannot establish: "
            f"{uncertain[1]}"
        )
    else:
        message = f"{resource.address} is in region '{placement.region}', which sovlint does not know for {cloud}"
    yield ctx.finding(
        ID,
        resource,
        message + set_at(placement, resource),
        placement=placement,
        related=decided_at(placement, resource),
    )
