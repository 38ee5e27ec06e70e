"""SOV204 provider-unknown: a provider the catalog does not know; control and location are not judged."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV204"
KINDS = frozenset({Kind.PROVIDER, Kind.BACKEND})


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if placement.provider in ctx.profile.providers:
        return  # the organisation accepted it in its configuration, whoever runs it or the server it reaches
    if placement.endpoint == "?" and placement.unresolved:
        # an endpoint the catalog does not know (an S3-compatible store, an OpenStack cloud, a Vault server)
        yield ctx.finding(ID, resource, f"{resource.address}: {placement.unresolved}", placement=placement)
        return
    if resource.kind != Kind.PROVIDER or ctx.catalog.provider(placement.provider) is not None:
        return
    message = (
        f"{resource.address} is not in sovlint's catalog: who controls its resources and where they are is not "
        f"judged; once you know who runs it, declare it accepted in .sovlint.yaml (providers: [{placement.provider}])"
    )
    yield ctx.finding(ID, resource, message, placement=placement)
