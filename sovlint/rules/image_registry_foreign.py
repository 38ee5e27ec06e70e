"""SOV203 image-registry-foreign: a container image pulled from a registry run by a foreign-controlled company."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.kubernetes import images
from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV203"
KINDS = frozenset(Kind)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    if ctx.profile.control is None:
        return
    for reference, line in resource.images:
        ref = images.parse(reference)
        host = ctx.profile.mirrors.get(ref.registry) or ctx.profile.mirrors.get(ref.host) or ref.host
        company = ctx.catalog.registry_company(images.parse(f"{host}/x").host)
        owner = ctx.owner(company.id) if company else None
        if owner is None or owner[1] in ctx.profile.control:
            continue
        message = (
            f"{resource.address} pulls {reference} from {ref.registry}, run by {owner[0]}, outside {ctx.profile.label}"
        )
        yield ctx.finding(
            ID,
            resource,
            message,
            line=line,
            key=reference,
            related=placement.via,  # the image an overlay replaced
            extra=(("registry", ref.registry), ("image", reference)),
        )
