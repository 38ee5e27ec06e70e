"""SOV201 provider-foreign-control: the provider's ultimate parent is outside the allowed jurisdictions.

Control has two layers: whoever runs the service, and, for a SaaS platform on someone else's cloud
(an Atlas cluster on AWS, Aiven on Google Cloud), whoever runs that cloud. Either one outside the
allowed set is a finding, and the message says which.
"""

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
    owner = ctx.owner(operator)  # None: an operator sovlint does not know (an endpoint of its own) is not guessed
    host = ctx.catalog.provider(placement.host) if placement.host else None
    hosted = ctx.owner(host.company) if host and host.source not in ctx.profile.providers else None
    operator_out = owner is not None and owner[1] not in ctx.profile.control
    host_out = hosted is not None and hosted[1] not in ctx.profile.control
    if not (operator_out or host_out):
        return
    runs = (
        f"runs on {through}, operated by {owner[0]}" if through and owner else f"is run by {owner[0] if owner else '?'}"
    )
    label = ctx.profile.label
    on = f"{host.name} {placement.host_region}, run by {hosted[0]}" if host and hosted else ""
    if operator_out and host_out:
        message = f"{resource.address} {runs}, on {on}: both layers outside {label}"
    elif operator_out:
        message = f"{resource.address} {runs}, outside {label}" + (f" (hosted on {on})" if on else "")
    else:
        message = f"{resource.address} {runs}, but is hosted on {on}, outside {label}"
    countries = [c[1] for c, out in ((owner, operator_out), (hosted, host_out)) if out and c]
    laws = ",".join(dict.fromkeys(law["id"] for c in countries for law in ctx.catalog.laws.get(c, [])))
    layer = "both" if operator_out and host_out else "operator" if operator_out else "hosting"
    extra = (
        ("parent_country", owner[1] if owner else ""),
        ("laws", laws),
        ("offer", placement.offer),
        ("endpoint", placement.endpoint),
        ("host", placement.host),
        ("host_country", hosted[1] if hosted else ""),
        ("layer", layer),
    )
    yield ctx.finding(ID, resource, message, placement=placement, extra=extra)
