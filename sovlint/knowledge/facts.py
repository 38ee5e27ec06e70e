"""`sovlint explain RULE` and `sovlint catalog …`: the facts behind a verdict, each with its sources.

Reads the raw policy files (the scan path uses the indexed catalog instead), so that every fact is
shown with the sources it carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sovlint.errors import SovlintError
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import policies
from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.hosting import Platform
from sovlint.knowledge.ruledocs import backing, help_uri


def _raw(name: str) -> Any:
    return policies.read_policies(policies.policies_dir())[name]


def _sources(items: list[dict[str, Any]] | None, indent: str = "  ") -> Iterator[str]:
    for s in items or []:
        yield f"{indent}source: {s['title']} <{s['url']}> (accessed {s['accessed']})"


def _indented(snippet: str) -> list[str]:
    return [f"    {line}".rstrip() for line in snippet.rstrip("\n").split("\n")]


def explain(rule_id: str) -> str:
    cat = catalog_mod.load()
    rule = cat.rules.get(rule_id.upper())
    if rule is None:
        raise SovlintError(f"unknown rule '{rule_id}' (known: {', '.join(sorted(cat.rules))})")
    out = [f"{rule.id} {rule.name} (default level: {rule.level})", "", rule.short, "", rule.description]
    out += ["", f"Fix: {rule.fix}", f"Docs: {help_uri(rule)}"]
    for example in rule.examples:
        out += ["", f"Reported as {rule.id} ({example.file}):", *_indented(example.fails)]
        out += ["", f"Not reported as {rule.id}:", *_indented(example.passes)]
    for heading, facts in backing(rule.id, cat):
        out += ["", f"{heading}:"]
        for fact, sources in facts:
            if fact:
                out.append(f"- {fact}")
            out += list(_sources(sources, "    " if fact else "  "))
    return "\n".join(out) + "\n"


def provider(name: str) -> str:
    cat = catalog_mod.load()
    found = cat.provider(name)
    if found is None:
        raise SovlintError(f"unknown provider '{name}' (known: {', '.join(sorted(cat.providers))})")
    raw = _raw("providers.yaml")["providers"][found.source]
    out = [f"{found.source}: {found.name} ({found.kind})"]
    out += [f"  note: {raw['note']}"] if raw.get("note") else []
    out += list(_sources(raw.get("sources")))
    if found.company:
        out += ["", "Ownership, from the operator up:"]
        companies = _raw("companies.yaml")["companies"]
        for company in cat.chain(found.company):
            out.append(f"- {company.name} ({cat.country_name(company.country)})")
            out += list(_sources(companies[company.id].get("sources"), "    "))
        top = cat.chain(found.company)[-1].country
        laws = cat.laws.get(top, [])
        if laws:
            out += ["", f"Laws of {cat.country_name(top)} that reach it:"] + [f"- {law['name']}" for law in laws]
    for q in raw.get("qualifications") or []:
        out += ["", f"Qualification: {q['name']}" + (f" ({q['scope']})" if q.get("scope") else "")]
        out += list(_sources(q.get("sources")))
    offers = [o for o in cat.offers.values() if o["provider"] == found.source]
    for offer in offers:
        out += ["", f"Sovereign offer: {offer['name']}, matched by {offer['match']}"]
        out += [f"  {offer['note']}"] if offer.get("note") else []
    for api in (a for a in cat.apis.values() if a.provider == found.source):
        unknown = "; without it, who runs it is unknown" if api.required else ""
        out += [
            "",
            f"{api.name} ({', '.join(api.types)}): the host of {' or '.join(api.arguments)} names who runs it{unknown}",
        ]
        out += list(_sources(_raw("endpoints.yaml")["apis"][api.id].get("sources")))
        for endpoint in (e for e in cat.endpoints.values() if e.api == api.endpoints_of):
            chain = cat.chain(endpoint.operator)
            owner = f"{chain[-1].name} ({cat.country_name(chain[-1].country)})" if chain else endpoint.operator
            out.append(f"- {endpoint.name}: {', '.join(endpoint.hosts)} -> {owner}")
    if found.regions and found.regions in cat.regions:
        out += ["", f"Regions: {len(cat.regions[found.regions])} known (sovlint catalog region {found.prefix} CODE)"]
    if found.source in cat.platforms:
        out += _hosting(cat, cat.platforms[found.source])
    return "\n".join(out) + "\n"


def _hosting(cat: Catalog, platform: Platform) -> list[str]:
    """The second layer of control: the clouds a SaaS platform runs its resources on, and who controls them."""
    out = ["", "Hosted on (second layer of control; the resource's arguments choose the cloud and its region):"]
    for spot in platform.spots:
        cloud = f"cloud {spot.cloud_is.upper()}" if spot.cloud_is else " or ".join(spot.cloud) or "the region's prefix"
        inside = f" in each {spot.each}" if spot.each else ""
        out.append(f"- {', '.join(spot.types)}: {cloud} and {spot.region}{inside}")
    for value, source in platform.clouds:
        host = cat.provider(source)
        chain = cat.chain(host.company) if host else []
        owner = f"{chain[-1].name} ({cat.country_name(chain[-1].country)})" if chain else "unknown"
        out.append(f"- {value}: {host.name if host else source}, controlled by {owner}")
    out += list(_sources(_raw("hosting.yaml")["platforms"][platform.source].get("sources")))
    return out


def region(provider_name: str, code: str) -> str:
    cat = catalog_mod.load()
    found = cat.provider(provider_name)
    key = found.regions if found is not None else provider_name.lower()
    if key not in cat.regions:  # a provider, or a region table of its own (cleura, or azure for azurerm)
        tables = ", ".join(sorted(cat.regions))
        raise SovlintError(f"unknown provider '{provider_name}' or it has no regions (region tables: {tables})")
    names = [p.name for p in cat.providers.values() if p.regions == key]
    names += [e.name for e in cat.endpoints.values() if e.regions == key]
    name = found.name if found is not None else (names[0] if names else key)
    entry = cat.regions[key].get(code)
    raw = _raw(f"regions/{key}.yaml")
    uncertain = cat.regions[key].uncertain(code) if entry is None else None
    if uncertain is not None:
        index, reason = uncertain
        out = [f"{name} {code}: country unknown", f"  {reason}"]
        return "\n".join(out + list(_sources(raw["uncertain"][index]["sources"]))) + "\n"
    if entry is None:
        raise SovlintError(f"{name} has no region '{code}' in sovlint's catalog")
    details = raw["regions"][entry.code]
    where = "global (no one country)" if entry.is_global else ", ".join(cat.country_name(c) for c in entry.countries)
    out = [f"{name} {entry.code}: {where}" + (f", {entry.city}" if entry.city else "")]
    if entry.code.lower() != code.lower():
        out.append(f"  ('{code}' is a zone or another name of {entry.code})")
    if details.get("note"):
        out.append(f"  note: {details['note']}")
    if entry.paired:
        out.append(f"  paired region: {entry.paired}")
    out += list(_sources(details.get("sources") or raw.get("sources")))
    return "\n".join(out) + "\n"
