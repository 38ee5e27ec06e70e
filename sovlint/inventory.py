"""The estate as a whole: every cloud resource with its jurisdictions, and the indicators decision makers read.

Indicators (each a share of a stated population, so that it can be checked by hand):

- foreign control: resources whose provider's ultimate parent is outside the allowed control set,
  among resources whose provider has a known company; also among data-bearing resources;
- outside location: resources placed (wholly or partly) outside the allowed countries, among
  resources whose location is resolved;
- concentration: the Herfindahl–Hirschman index (0–10,000) of resources by provider and by region,
  and the largest single region's share: one region's outage takes that share down;
- portability: resources on proprietary services (SOV301), among all resources;
- unresolved: resources whose location sovlint could not place, among located resources.

"Data-bearing" is sovlint's own definition, by resource type: storage, databases, queues and
streams, secrets and keys (`policies/data_kinds.yaml`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sovlint import escape
from sovlint.knowledge.catalog import Catalog
from sovlint.model import CLOUD_KINDS, Kind, Placement, Profile, Resource


@dataclass(frozen=True, slots=True)
class Row:
    address: str
    file: str
    line: int
    type: str
    provider: str
    company: str
    parent: str
    parent_country: str
    control: str  # 'EU/EEA' | 'adequate' | 'foreign' | 'unknown' (an operator's endpoint sovlint does not know)
    region: str
    countries: str  # comma-separated ISO codes
    location: str  # 'EU/EEA' | 'adequate' | 'foreign' | 'global' | 'unresolved' | 'unknown region' | 'no location'
    # | 'unknown' (a provider the catalog does not know)
    portability: str  # 'proprietary' | 'portable'
    data: str  # data-bearing category or ''
    hosted_on: str = ""  # the cloud a SaaS platform runs it on, and who controls that cloud ('' none)
    host_country: str = ""  # home of that cloud's ultimate parent


def rows(inventory: Sequence[tuple[Resource, Placement]], catalog: Catalog) -> list[Row]:
    out = []
    eea, adequate = set(catalog.groups.get("EEA", ())), set(catalog.groups.get("EU-ADEQUATE", ()))
    for resource, placement in inventory:
        if resource.kind not in CLOUD_KINDS:
            continue
        provider = catalog.provider(placement.provider) if placement.provider else None
        if provider is None and resource.kind == Kind.TERRAFORM:
            out.append(_unknown(resource, placement))  # SOV204: neither control nor location judged
            continue
        if provider is None or provider.places_nothing:
            continue
        operator, _through = catalog.operator(provider, placement.offer, placement.endpoint)
        if provider.kind == "software" and not operator:
            continue  # software on a server of the user's own: nobody else runs it
        chain = catalog.chain(operator)
        parent_country = chain[-1].country if chain else ""
        host = catalog.provider(placement.host) if placement.host else None
        host_chain = catalog.chain(host.company) if host else []
        host_country = host_chain[-1].country if host_chain else ""
        homes = {c for c in (parent_country, host_country) if c}  # control is judged on both layers
        out.append(
            Row(
                address=resource.address,
                file=resource.file,
                line=resource.line,
                type=resource.type,
                provider=provider.source,
                company=chain[0].name if chain else "",
                parent=chain[-1].name if chain else "",
                parent_country=parent_country,
                control=_class(homes, eea, adequate) if parent_country else "unknown",
                region=placement.region or "",
                countries=",".join(placement.countries),
                location=_location(placement, eea, adequate),
                portability="proprietary" if resource.type in catalog.services else "portable",
                data=catalog.data_kind(resource.type),
                hosted_on=f"{host.name} ({host_chain[-1].name})" if host and host_chain else "",
                host_country=host_country,
            )
        )
    return sorted(out, key=lambda r: (r.file, r.line, r.address))


def _unknown(resource: Resource, placement: Placement) -> Row:
    """A resource of a provider the catalog does not know: unknown control, unknown location."""
    return Row(
        address=resource.address,
        file=resource.file,
        line=resource.line,
        type=resource.type,
        provider=placement.provider,
        company="",
        parent="",
        parent_country="",
        control="unknown",
        region="",
        countries="",
        location="unknown",
        portability="portable",
        data="",
    )


def _class(countries: set[str], eea: set[str], adequate: set[str]) -> str:
    if countries <= eea:
        return "EU/EEA"
    return "adequate" if countries <= adequate else "foreign"


def _location(placement: Placement, eea: set[str], adequate: set[str]) -> str:
    if not placement.located:
        return "no location"  # an IAM role, a subnet: judged on control only
    if placement.is_global:
        return "global"
    if placement.unresolved:
        return "unresolved"
    if not placement.countries:
        return "unknown region"
    return _class(set(placement.countries), eea, adequate)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def hhi(counts: Counter[str]) -> int:
    """Herfindahl–Hirschman index: the sum of squared percentage shares (0–10,000)."""
    total = sum(counts.values())
    return round(sum((100 * n / total) ** 2 for n in counts.values())) if total else 0


def indicators(table: Sequence[Row], profile: Profile) -> dict[str, Any]:
    controlled = [r for r in table if r.control != "unknown"]
    data = [r for r in controlled if r.data]
    located = [r for r in table if r.location != "no location"]
    placed = [r for r in located if r.countries]
    allowed_control = profile.control
    foreign = [r for r in controlled if allowed_control is not None and r.parent_country not in allowed_control]
    foreign_data = [r for r in data if allowed_control is not None and r.parent_country not in allowed_control]
    outside = [r for r in placed if any(c not in profile.locations for c in r.countries.split(","))]
    regions = Counter(r.region for r in placed)
    largest = regions.most_common(1)[0] if regions else ("", 0)
    return {
        "resources": len(table),
        "foreign_control_share": _share(len(foreign), len(controlled)),
        "foreign_control_share_data": _share(len(foreign_data), len(data)),
        "data_bearing": len(data),
        "outside_share": _share(len(outside), len(placed)),
        "hhi_provider": hhi(Counter(r.provider for r in table)),
        "hhi_region": hhi(regions),
        "largest_region": largest[0],
        "largest_region_share": _share(largest[1], len(placed)),
        "portability_share": _share(sum(r.portability == "proprietary" for r in table), len(table)),
        "unresolved_share": _share(sum(r.location in ("unresolved", "unknown region") for r in located), len(located)),
    }


def totals(table: Sequence[Row]) -> dict[str, dict[str, int]]:
    return {
        "by_control": dict(Counter(r.control for r in table).most_common()),
        "by_hosted_on": dict(Counter(r.hosted_on for r in table if r.hosted_on).most_common()),
        "by_location": dict(Counter(r.location for r in table).most_common()),
        "by_provider": dict(Counter(r.provider for r in table).most_common()),
        "by_country": dict(Counter(r.countries for r in table if r.countries and "," not in r.countries).most_common()),
        "multi_region": dict(Counter(r.region for r in table if "," in r.countries).most_common()),
        "by_region": dict(Counter(r.region for r in table if r.region).most_common()),
    }


def document(table: Sequence[Row], profile: Profile) -> dict[str, Any]:
    """The JSON form: what `--compare` reads back."""
    return {
        "profile": profile.name,
        "indicators": indicators(table, profile),
        "totals": totals(table),
        "resources": [asdict(r) for r in table],
    }


_GONE = {"control": "", "location": ""}


def compare(old: dict[str, Any], table: Sequence[Row]) -> dict[str, Any]:
    """What moved since an earlier inventory (`sovlint inventory --format json`).

    Repatriated: resources under foreign control (or located outside) before that are gone or are
    not any more; new foreign dependencies: resources under foreign control (or located outside)
    now that were not before. A migration usually renames resources (an AWS bucket becomes an
    OVHcloud one), so removals and additions count as well as changes in place.
    """
    before = {r["address"]: r for r in old.get("resources", [])}
    now = {r.address: asdict(r) for r in table}

    def foreign(r: dict[str, Any]) -> bool:
        return "foreign" in (r["control"], r["location"])

    def brief(r: dict[str, Any]) -> dict[str, str]:
        return {"address": r["address"], "provider": r["provider"], "control": r["control"], "location": r["location"]}

    repatriated = [brief(r) for a, r in sorted(before.items()) if foreign(r) and (a not in now or not foreign(now[a]))]
    new_foreign = [
        brief(r) for a, r in sorted(now.items()) if foreign(r) and (a not in before or not foreign(before[a]))
    ]
    return {
        "repatriated": repatriated,
        "new_foreign": new_foreign,
        "indicators_before": old.get("indicators", {}),
    }


def pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def markdown(document: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    """The indicators for a pull-request comment or a step summary."""
    ind = document["indicators"]
    largest = escape.markdown(ind["largest_region"] or "-")
    out = [
        "## Sovereignty indicators",
        "",
        f"{ind['resources']} resources, profile `{document['profile']}`.",
        "",
        "| indicator | value |",
        "|---|---:|",
        f"| under foreign control | {pct(ind['foreign_control_share'])} |",
        f"| data-bearing resources under foreign control | {pct(ind['foreign_control_share_data'])} |",
        f"| located outside the allowed countries | {pct(ind['outside_share'])} |",
        f"| in the largest region ({largest}) | {pct(ind['largest_region_share'])} |",
        f"| concentration index, regions / providers (0-10,000) | {ind['hhi_region']} / {ind['hhi_provider']} |",
        f"| on proprietary services | {pct(ind['portability_share'])} |",
        f"| could not be placed | {pct(ind['unresolved_share'])} |",
    ]
    if comparison is not None:
        out += [
            "",
            f"Since the earlier inventory: {len(comparison['repatriated'])} repatriated, "
            f"{len(comparison['new_foreign'])} new foreign dependencies.",
        ]
        out += [
            f"- new foreign: `{escape.markdown_code(r['address'])}` ({escape.markdown(r['provider'])})"
            for r in comparison["new_foreign"][:20]
        ]
    return "\n".join(out) + "\n"


def csv_text(table: Sequence[Row]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    fields = list(Row.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in table:  # a cell that starts like a formula is quoted: a spreadsheet runs none
        writer.writerow({k: escape.csv_cell(v) if isinstance(v, str) else v for k, v in asdict(row).items()})
    return buffer.getvalue()


def console(document: dict[str, Any]) -> str:
    tot = document["totals"]
    lines = [markdown(document).replace("## ", "").replace("|---|---:|\n", "")]
    for name, counts in tot.items():
        lines.append(name.replace("_", " ") + ": " + ", ".join(f"{escape.terminal(k)} {v}" for k, v in counts.items()))
    return "\n".join(lines) + "\n"
