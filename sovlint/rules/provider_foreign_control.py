"""SOV201 provider-foreign-control: the provider's ultimate parent is outside the allowed jurisdictions.

Control has two layers: whoever runs the service, and, for a SaaS platform on someone else's cloud
(an Atlas cluster on AWS, Aiven on Google Cloud), whoever runs that cloud. Either one outside the
allowed set is a finding, and the message says which.
"""

from __future__ import annotations

from collections.abc import Iterator

from sovlint.knowledge.records import Provider
from sovlint.model import CLOUD_KINDS, Finding, Placement, Resource
from sovlint.rules.base import RuleContext

ID = "SOV201"
KINDS = frozenset(CLOUD_KINDS)


def check(resource: Resource, placement: Placement, ctx: RuleContext) -> Iterator[Finding]:
    provider = ctx.catalog.provider(placement.provider)
    control = ctx.profile.control
    if provider is None or control is None or provider.source in ctx.profile.providers:
        return  # unknown providers (random, null, …) create nothing that a company controls
    key = (ID, provider.source, placement.offer, placement.endpoint, placement.host, placement.host_region)
    verdict = ctx.once(key, lambda: _verdict(provider, placement, ctx, control))
    if verdict is not None:
        said, extra = verdict
        yield ctx.finding(ID, resource, f"{resource.address} {said}", placement=placement, extra=extra)


Verdict = tuple[str, tuple[tuple[str, str], ...]]


def _verdict(provider: Provider, placement: Placement, ctx: RuleContext, control: frozenset[str]) -> Verdict | None:
    """What is said of every resource of this provider, offer, endpoint and host (after its address)."""
    operator, through = ctx.catalog.operator(provider, placement.offer, placement.endpoint)
    owner = ctx.owner(operator)  # None: an operator sovlint does not know (an endpoint of its own) is not guessed
    host = ctx.catalog.provider(placement.host) if placement.host else None
    hosted = ctx.owner(host.company) if host and host.source not in ctx.profile.providers else None
    operator_out = owner is not None and owner[1] not in control
    host_out = hosted is not None and hosted[1] not in control
    if not (operator_out or host_out):
        return None
    runs = (
        f"runs on {through}, operated by {owner[0]}" if through and owner else f"is run by {owner[0] if owner else '?'}"
    )
    label = ctx.profile.label
    on = f"{host.name} {placement.host_region}, run by {hosted[0]}" if host and hosted else ""
    if operator_out and host_out:
        said = f"{runs}, on {on}: both layers outside {label}"
    elif operator_out:
        said = f"{runs}, outside {label}" + (f" (hosted on {on})" if on else "")
    else:
        said = f"{runs}, but is hosted on {on}, outside {label}"
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
    return said, extra
