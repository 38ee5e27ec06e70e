"""SOV204 provider-unknown: a provider the catalog does not know; control and location are not judged."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.kubernetes import images
from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext
from sovlint.rules.image_registry_foreign import registry

ID = "SOV204"
KINDS = frozenset(Kind) - {Kind.CLOUD}  # providers, backends; and what pulls images (a cloud resource pulls none)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if resource.images and ctx.profile.control is not None:
        yield from _registries(resource, ctx)
    if resource.kind not in (Kind.PROVIDER, Kind.BACKEND):
        return
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


def _registries(resource: Resource, ctx: RuleContext) -> Iterator[Finding]:
    """A registry the catalog does not know, once per registry a resource pulls from: who runs it is not judged."""
    said: set[str] = set()
    for reference, line in resource.images:
        ref = images.parse(reference)
        if ref.registry in said or registry(ref, ctx) != (None, False) or images.own_network(ref.host):
            continue
        said.add(ref.registry)
        message = (
            f"{resource.address} pulls {reference} from {ref.registry}, a registry sovlint's catalog does not know: who"
            " runs it is not judged; once you know, declare it under endpoints: in .sovlint.yaml (hosts, country,"
            " operator_country), or the mirror it is pulled through under registries.mirrors"
        )
        yield ctx.finding(ID, resource, message, line=line, key=reference, extra=(("registry", ref.registry),))
