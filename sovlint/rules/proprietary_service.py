"""SOV301 proprietary-service: a managed service with a proprietary API and no open, compatible implementation."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import CLOUD_KINDS, Finding, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV301"
KINDS = frozenset(CLOUD_KINDS)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    service = ctx.catalog.services.get(resource.type)
    if service is None:
        return
    alternatives = ", ".join(service.get("alternatives") or [])
    message = (
        f"{resource.address} uses {service['name']}, a proprietary service with no open, compatible "
        f"implementation to move to"
    )
    if alternatives:
        message += f"; portable alternatives: {alternatives}"
    yield ctx.finding(ID, resource, message, placement=placement, extra=(("service", service["name"]),))
