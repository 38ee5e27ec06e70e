"""SOV105 replication-outside-allowed: replicas, backups or failover targets outside the allowed set."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV105"
KINDS = frozenset(Kind)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    for region, countries, line in placement.replicas:
        outside = [c for c in countries if c not in ctx.profile.locations]
        if not outside:
            continue
        message = (
            f"{resource.address} copies its data to {region} ({ctx.countries(countries)}), outside {ctx.profile.label}"
        )
        yield ctx.finding(ID, resource, message, placement=placement, line=line, key=region)
