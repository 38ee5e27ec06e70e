"""The sovereignty report: one self-contained HTML file (no script, no font, no request), for screen and print.

Headline indicators, maps of the world and of Europe with resource counts by country, bars by
provider and by jurisdiction, the top findings with their file and line, what moved since an
earlier inventory, and the knowledge sources behind the verdicts. Colours come from a
colour-blind-safe sequential palette, and every chart has a text equivalent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from sovlint import __version__, escape
from sovlint.knowledge.catalog import Catalog
from sovlint.model import Finding, Level

# No script, no request: styles are inline, images are data URIs at most. A hostile name cannot add either.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
PALETTE = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]  # ColorBrewer Blues
EUROPE = (-25.0, 72.0, 70.0, 38.0)  # west, north, east-west span, north-south span in degrees

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
.meta{color:#57606a}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}
.card{border:1px solid #d0d7de;border-radius:8px;padding:12px}.card strong{display:block;font-size:1.8rem}
.card p{margin:.2rem 0 0;color:#57606a;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:auto}td{overflow-wrap:anywhere}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.maps{display:grid;grid-template-columns:2fr 1fr;gap:12px}svg{width:100%;height:auto}
.bar{fill:#3182bd}.legend span{display:inline-block;width:18px;height:12px;margin-right:4px;vertical-align:middle;border:1px solid #999}
a{color:#0550ae}code{font-size:.85rem}
@media print{main{max-width:none;padding:0}.maps{grid-template-columns:1fr 1fr}a{color:inherit}}
"""


def render(
    document: dict[str, Any],
    findings: Sequence[Finding],
    catalog: Catalog,
    comparison: dict[str, Any] | None = None,
    title: str = "Sovereignty report",
) -> str:
    ind, tot = document["indicators"], document["totals"]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>",
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">Profile <strong>{_e(document["profile"])}</strong> · {ind["resources"]} resources · '
        f"sovlint {__version__}</p></header>",
        _cards(ind),
        _maps(tot["by_country"], catalog),
        _bars("Resources by provider", tot["by_provider"], "provider"),
        _bars("Resources by control (home of the ultimate parent)", tot["by_control"], "control"),
        _bars("SaaS resources by hosting cloud (its ultimate parent)", tot.get("by_hosted_on", {}), "hosted"),
        _bars("Resources by location", tot["by_location"], "location"),
        _findings(findings),
    ]
    if comparison is not None:
        parts.append(_comparison(comparison))
    parts += [_sources(document, catalog), _method(), "</main></body></html>"]
    return "\n".join(parts) + "\n"


_e = escape.html


def _link(target: str, text: str) -> str:
    """A link when the target is http(s) or a relative path (never `javascript:` or `data:`); else the text."""
    url = escape.href(target)
    return f'<a href="{url}">{_e(text)}</a>' if url else _e(text)


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%".replace(".0%", "%")


def _cards(ind: dict[str, Any]) -> str:
    cards = [
        (
            "foreign-control",
            _pct(ind["foreign_control_share"]),
            "under foreign control",
            f"{_pct(ind['foreign_control_share_data'])} of the {ind['data_bearing']} data-bearing resources",
        ),
        (
            "outside",
            _pct(ind["outside_share"]),
            "located outside the allowed countries",
            "of resources with a known location",
        ),
        (
            "largest-region",
            _pct(ind["largest_region_share"]),
            "in the largest single region",
            f"{_e(ind['largest_region'] or '-')}; concentration index {ind['hhi_region']} (regions), {ind['hhi_provider']} (providers)",
        ),
        ("portability", _pct(ind["portability_share"]), "on proprietary services", "hard to move to another provider"),
        (
            "unresolved",
            _pct(ind["unresolved_share"]),
            "could not be placed",
            "location unknown without running Terraform",
        ),
    ]
    items = "".join(
        f'<div class="card" id="{key}"><strong>{value}</strong>{_e(label)}<p>{note}</p></div>'
        for key, value, label, note in cards
    )
    return f'<section aria-labelledby="h-ind"><h2 id="h-ind">Headline indicators</h2><div class="cards">{items}</div></section>'


def _world() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources.files("sovlint") / "data" / "world.json").read_text(encoding="utf-8"))
    return data


def _maps(by_country: dict[str, int], catalog: Catalog) -> str:
    world = _world()
    top = max(by_country.values(), default=0)

    def fill(code: str) -> str:
        n = by_country.get(code, 0)
        if not n:
            return "#f6f8fa"
        return PALETTE[min(len(PALETTE) - 1, 1 + (len(PALETTE) - 2) * n // max(top, 1))]

    paths = "".join(
        f'<path d="{d}" fill="{fill(code)}" stroke="#8c959f" stroke-width=".3"><title>'
        f"{_e(catalog.country_name(code))}: {by_country.get(code, 0)}</title></path>"
        for code, d in world["countries"].items()
    )
    scale, north = world["scale"], world["top"]
    west, top_lat, span_x, span_y = EUROPE
    europe_box = f"{(west + 180) * scale} {(north - top_lat) * scale} {span_x * scale} {span_y * scale}"
    listing = ", ".join(f"{catalog.country_name(c)} {n}" for c, n in by_country.items()) or "no located resources"
    legend = "".join(f'<span style="background:{c}"></span>' for c in PALETTE[1:])
    return (
        '<section aria-labelledby="h-map"><h2 id="h-map">Where the resources are</h2><div class="maps">'
        f'<svg role="img" aria-labelledby="t-world" viewBox="0 0 {world["width"]} {world["height"]}">'
        f'<title id="t-world">World map of resources by country: {_e(listing)}</title>{paths}</svg>'
        f'<svg role="img" aria-labelledby="t-eu" viewBox="{europe_box}">'
        f'<title id="t-eu">Europe: resources by country</title>{paths}</svg></div>'
        f'<p class="legend">Fewer {legend} more resources. {_e(world["attribution"])}.</p>'
        + _table("Resources by country", [(catalog.country_name(c), n) for c, n in by_country.items()])
        + "</section>"
    )


def _bars(title: str, counts: dict[str, int], key: str) -> str:
    if not counts:
        return ""
    top = max(counts.values())
    height = 22 * len(counts)
    bars = "".join(
        f'<text x="0" y="{22 * i + 15}" font-size="12">{_e(name)}</text>'
        f'<rect class="bar" x="260" y="{22 * i + 4}" width="{max(1, 480 * n / top):.1f}" height="14"></rect>'
        f'<text x="{266 + 480 * n / top:.1f}" y="{22 * i + 15}" font-size="12">{n}</text>'
        for i, (name, n) in enumerate(counts.items())
    )
    return (
        f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{_e(title)}</h2>'
        f'<svg role="img" aria-label="{_e(title)}: '
        + _e(", ".join(f"{k} {v}" for k, v in counts.items()))
        + f'" viewBox="0 0 800 {height}">{bars}</svg></section>'
    )


def _table(caption: str, rows: list[tuple[str, int]]) -> str:
    body = "".join(f'<tr><th scope="row">{_e(k)}</th><td class="n">{v}</td></tr>' for k, v in rows)
    return f'<table><caption class="meta">{_e(caption)}</caption><tr><th scope="col">country</th><th scope="col">resources</th></tr>{body}</table>'


def _findings(findings: Sequence[Finding], limit: int = 50) -> str:
    open_ = sorted((f for f in findings if not f.suppressed), key=lambda f: (-f.level, f.sort_key()))
    rows = "".join(
        f"<tr><td>{f.level}</td><td>{f.rule_id}</td><td>{_link(f.file, f'{f.file}:{f.line}')}</td>"
        f"<td>{_e(f.message)}</td></tr>"
        for f in open_[:limit]
    )
    errors = sum(f.level == Level.ERROR for f in open_)
    more = f"<p>…and {len(open_) - limit} more findings.</p>" if len(open_) > limit else ""
    return (
        f'<section aria-labelledby="h-find"><h2 id="h-find">Top findings</h2><p>{len(open_)} findings, {errors} errors.</p>'
        f'<table><tr><th scope="col">level</th><th scope="col">rule</th><th scope="col">where</th><th scope="col">finding</th></tr>'
        f"{rows}</table>{more}</section>"
    )


def _comparison(comparison: dict[str, Any]) -> str:
    def listing(items: list[dict[str, str]]) -> str:
        if not items:
            return "<p>None.</p>"
        return (
            "<ul>"
            + "".join(
                f"<li><code>{_e(i['address'])}</code> ({_e(i['provider'])}, {_e(i['control'])} control, {_e(i['location'])} location)</li>"
                for i in items
            )
            + "</ul>"
        )

    return (
        '<section aria-labelledby="h-cmp"><h2 id="h-cmp">Since the earlier inventory</h2>'
        f"<h3>Repatriated ({len(comparison['repatriated'])})</h3>{listing(comparison['repatriated'])}"
        f"<h3>New foreign dependencies ({len(comparison['new_foreign'])})</h3>{listing(comparison['new_foreign'])}</section>"
    )


def _sources(document: dict[str, Any], catalog: Catalog) -> str:
    from sovlint.knowledge.policies import read_policies

    providers = sorted({r["provider"] for r in document["resources"]})
    files = read_policies(catalog.root)  # the one reader of policies/, parsed once per process
    raw, companies = files["providers.yaml"]["providers"], files["companies.yaml"]["companies"]
    items = []
    for source in providers:
        provider = catalog.provider(source)
        if provider is None:
            continue
        refs = list(raw.get(source, {}).get("sources", []))
        for company in catalog.chain(provider.company):
            refs += companies.get(company.id, {}).get("sources", [])
        links = "; ".join(f"{_link(s['url'], s['title'])} ({_e(s['accessed'])})" for s in refs)
        items.append(f"<li><strong>{_e(provider.name)}</strong>: {links}</li>")
    return (
        '<section aria-labelledby="h-src"><h2 id="h-src">Knowledge sources</h2>'
        "<p>Who controls each provider, with the public sources sovlint's catalog cites "
        "(<code>sovlint catalog provider NAME</code> shows them all, region sources included).</p>"
        f"<ul>{''.join(items)}</ul></section>"
    )


def _method() -> str:
    return (
        '<section aria-labelledby="h-how"><h2 id="h-how">How to read it</h2><dl>'
        "<dt>Under foreign control</dt><dd>Share of resources whose provider's ultimate parent company is outside "
        "the profile's allowed jurisdictions, among resources whose provider is a known company.</dd>"
        "<dt>Located outside</dt><dd>Share of resources placed wholly or partly outside the allowed countries, "
        "among resources whose location is known.</dd>"
        "<dt>Largest single region; concentration index</dt><dd>The share of located resources in the busiest region "
        "(one outage takes that share down), and the Herfindahl–Hirschman index (0–10,000; above 2,500 is highly "
        "concentrated) of resources by region and by provider.</dd>"
        "<dt>On proprietary services</dt><dd>Share of resources on services with a proprietary API and no open, "
        "compatible implementation (rule SOV301).</dd>"
        "<dt>Could not be placed</dt><dd>Share of located resources whose region sovlint could not determine "
        "statically or does not know.</dd></dl></section>"
    )
