"""SOV203 image-registry-foreign: a container image pulled from a registry run by a foreign-controlled company."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.knowledge.records import Company
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
        company = registry(ref, ctx)[0]
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


def registry(ref: images.ImageRef, ctx: RuleContext) -> tuple[Company | None, bool]:
    """Who runs the registry an image is pulled from, through the mirror the configuration maps it to, and whether
    the configuration names that registry as a mirror (the organisation knows who runs its mirrors)."""
    mirrors = ctx.profile.mirrors
    mirror = mirrors.get(ref.registry) or mirrors.get(ref.host)
    host = images.parse(f"{mirror}/x").host if mirror else ref.host
    named = bool(mirror) or any(images.parse(f"{m}/x").host == host for m in mirrors.values())
    return ctx.catalog.registry_company(host), named
