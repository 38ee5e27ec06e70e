"""SOV103 region-unknown: a region code that the catalog does not know (a typo, or a new region).

A code that a provider configuration sets is one problem, however many resources use that configuration:
it is reported once, at the provider configuration's argument (`provider["okta/okta"]`, with its module
instance and alias: `module.eu.provider["hashicorp/aws"].paris`), with the resources as related locations
(identical findings are merged, engine.once); whether each resource is created goes with it there, not in the
message. A code a resource sets itself is the resource's finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Origin, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at
from sovlint.terraform.unknown import configuration

ID = "SOV103"
KINDS = frozenset(Kind) - {Kind.BACKEND}
CONFIGURED = "provider configuration"  # what the origin of a location set by a provider block says


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if not placement.located or placement.known_region or not placement.region:
        return
    where = _configured(resource, placement)
    if where is None:
        message = _message(f"{resource.address} is in", placement, ctx) + set_at(placement, resource)
        yield ctx.finding(ID, resource, message, placement=placement, related=decided_at(placement, resource))
        return
    # one finding per configuration and value: what differs between the resources that use it (whether each is
    # created, the module calls that lead to it) goes with each resource among the related locations
    message = _message(f"the resources of {where.address} are in", placement, ctx) + set_at(placement, where)
    used = resource.address + (f" (if created: {placement.condition})" if placement.condition else "")
    related = (Origin(resource.file, resource.line, used), *decided_at(placement, where))
    yield ctx.finding(ID, where, message, placement=placement._replace(condition=""), related=related)


def _configured(resource: Resource, placement: Placement) -> Resource | None:
    """The provider configuration that sets the code, as a resource of its own, when the resource names none;
    its address is Terraform's (`module.eu.provider["hashicorp/aws"].paris`)."""
    own = placement.origins[0] if placement.origins else None
    if resource.kind != Kind.TERRAFORM or own is None or own.what != CONFIGURED or not own.file:
        return None
    return configuration(placement, own)


def _message(lead: str, placement: Placement, ctx: RuleContext) -> str:
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
    uncertain = known.uncertain(placement.region or "") if known is not None else None
    if provider is not None and known is None:
        return f"{lead} region '{placement.region}': sovlint has no region list for {cloud} yet"
    if uncertain is not None:
        return f"{lead} '{placement.region}' of {cloud}, whose country sovlint cannot establish: {uncertain[1]}"
    return f"{lead} region '{placement.region}', which sovlint does not know for {cloud}"
