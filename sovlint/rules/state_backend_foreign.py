"""SOV202 state-backend-foreign: Terraform state stored outside the allowed set or by a foreign-controlled service."""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.model import Finding, Kind, Placement, Resource
from sovlint.rules.base import RuleContext, decided_at, set_at

ID = "SOV202"
KINDS = frozenset({Kind.BACKEND})


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    backend = ctx.catalog.backends.get(resource.type)
    if backend is None:
        return  # local, pg, http, …: where the state lives is not in the configuration
    reasons = []
    endpoint = ctx.catalog.endpoints.get(placement.endpoint)
    if placement.endpoint and endpoint is None:
        return  # a store of one's own (an S3-compatible endpoint sovlint does not know): not guessed
    owner = ctx.owner(endpoint.operator if endpoint else backend["company"])
    accepted = backend.get("provider") in ctx.profile.providers and endpoint is None
    if owner and ctx.profile.control is not None and owner[1] not in ctx.profile.control and not accepted:
        reasons.append(f"with {owner[0]}")
    outside = [c for c in placement.countries if c not in ctx.profile.locations]
    if outside:
        reasons.append(f"in {placement.region} ({ctx.countries(placement.countries)})")
    if not reasons:
        return
    service = endpoint.name if endpoint else backend.get("service", f'backend "{resource.type}"')
    message = f"{resource.address}: Terraform state is stored {' and '.join(reasons)}, outside {ctx.profile.label}"
    if outside:
        message += set_at(placement, resource)
    related = decided_at(placement, resource)  # a Terragrunt remote_state takes its region from elsewhere
    yield ctx.finding(ID, resource, message, placement=placement, related=related, extra=(("backend", service),))
