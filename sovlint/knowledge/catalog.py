"""The knowledge base in `policies/`: regions, companies, providers, registries, services, rules.

Loaded once per process. Facts are data; this module only indexes them for look-ups.
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sovlint.knowledge import hosting
from sovlint.model import OwnEndpoint
from sovlint.parsing import yamlload


@functools.lru_cache(maxsize=16384)
def type_matches(rtype: str, globs: tuple[str, ...]) -> bool:
    """Whether a resource type matches one of a resource-type file's globs (`aws_iam_*`)."""
    return any(fnmatch.fnmatchcase(rtype, glob) for glob in globs)


def is_located(rtype: str, provider: Provider, writes_location: bool) -> bool:
    """Whether a resource has a location of its own, given whether it writes a location argument.

    Providers that place nothing (utility, cluster), unlocated types (their `zone` may be a DNS zone) and
    parts of a located parent (a bucket's policy) never do; other types do when they write a location or
    are located by nature.
    """
    if provider.places_nothing or type_matches(rtype, provider.unlocated):
        return False
    if any(type_matches(rtype, (glob,)) for glob, _ in provider.parts):
        return False
    return writes_location or type_matches(rtype, provider.located)


def policies_dir() -> Path:
    """The shipped `policies/`: inside the installed package, else beside it in a source checkout."""
    packaged = Path(str(resources.files("sovlint"))) / "_policies"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "policies"


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # canonical code from the catalog
    countries: tuple[str, ...]  # empty for a global location
    city: str = ""
    is_global: bool = False
    paired: str = ""  # the region geo-redundant storage replicates to
    multi: bool = False  # a multi-region or dual-region (Cloud Storage "US"): judged as a whole by SOV104


@dataclass(frozen=True, slots=True)
class Company:
    id: str
    name: str
    country: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Provider:
    source: str  # 'hashicorp/aws'
    name: str  # 'Amazon Web Services'
    company: str  # company id ('' for utility and cluster providers)
    kind: str  # 'cloud' | 'saas' | 'utility' (creates nothing located) | 'cluster' (the cluster decides)
    prefix: str  # resource type prefix and default local name: 'aws'
    regions: str  # key of policies/regions/<key>.yaml, '' when it has none
    location_args: tuple[str, ...] = ()
    zone_args: tuple[str, ...] = ()  # zones that decide only when they are a place of their own (a Local Zone)
    provider_args: tuple[str, ...] = ()
    located: tuple[str, ...] = ()  # globs of types located even without a location argument
    unlocated: tuple[str, ...] = ()  # globs of types with no location of their own
    parts: tuple[tuple[str, str], ...] = ()  # type glob -> the located parent it belongs to (a bucket's policy)
    shapes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # type glob -> its location arguments (dotted, lists)
    global_types: tuple[str, ...] = ()  # globs of global or edge services (SOV104)
    replication: tuple[tuple[str, tuple[str, ...]], ...] = ()  # type -> argument paths of replica locations
    paired_replication: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # type, argument, values
    provider_default: str = ""  # the documented region when the provider configuration sets none
    type_defaults: tuple[tuple[str, str], ...] = ()  # type glob -> documented region when the resource sets none

    @property
    def places_nothing(self) -> bool:
        """Utility providers create nothing located; a cluster provider's objects are where the cluster is."""
        return self.kind in ("utility", "cluster")


@dataclass(frozen=True, slots=True)
class Api:
    """A generic API that many operators serve (S3, OpenStack), and where Terraform names its endpoint."""

    id: str  # 's3'
    name: str
    provider: str  # registry source of the provider that speaks it
    arguments: tuple[str, ...]  # provider arguments holding the endpoint URL ('endpoints.s3')
    types: tuple[str, ...]  # globs of the resource types that go to that endpoint
    required: bool = False  # the provider has no operator of its own: no endpoint, no operator
    backend: tuple[tuple[str, tuple[str, ...]], ...] = ()  # state backend type -> its endpoint arguments
    host_region_wins: bool = False  # the region in the host decides, not the region argument
    endpoints_of: str = ""  # the API whose endpoints it reaches, when not its own ('s3' for the MinIO provider)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An operator's endpoint for a generic API: the hosts that name it and the region codes it takes."""

    id: str
    name: str
    api: str
    operator: str  # company id
    hosts: tuple[str, ...]  # globs on the lower-case host name
    region_from_host: re.Pattern[str] | None = None  # group 1 is the region code
    regions: str = ""  # key of policies/regions/<key>.yaml
    country: str = ""  # declared in config: wherever its regions are, they are in this country
    region_argument: bool = True  # False: the client's region argument only signs requests, it places nothing


@dataclass(frozen=True, slots=True)
class EndpointMatch:
    """What the URL of an endpoint tells: its host, the operator's endpoint, the region in the host."""

    host: str
    endpoint: Endpoint | None = None
    region: str = ""
    local: bool = False  # the machine itself: a test double, nothing is deployed


def _norm(code: str) -> str:
    return code.replace(" ", "").lower()


class RegionTable:
    """Region codes of one provider, looked up case-insensitively, zones mapped to their region."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._regions: dict[str, Region] = {}
        for code, entry in (data.get("regions") or {}).items():
            countries = tuple(entry.get("countries") or ([entry["country"]] if "country" in entry else []))
            region = Region(
                str(code),
                countries,
                entry.get("city", ""),
                bool(entry.get("global")),
                entry.get("paired", ""),
                bool(entry.get("multi_region")),
            )
            self._regions[_norm(str(code))] = region
        for name, code in (data.get("names") or {}).items():
            self._regions.setdefault(_norm(str(name)), self._regions[_norm(str(code))])
        self._zones = [re.compile(z["pattern"]) for z in data.get("zones") or []]
        self._uncertain = [(re.compile(u["pattern"]), u["reason"]) for u in data.get("uncertain") or []]

    def get(self, code: str) -> Region | None:
        found = self._regions.get(_norm(code))
        if found is not None:
            return found
        for pattern in self._zones:
            match = pattern.match(code)
            if match and _norm(match.group(1)) in self._regions:
                return self._regions[_norm(match.group(1))]
        return None

    def uncertain(self, code: str) -> tuple[int, str] | None:
        """For a code the provider uses but whose country is not established: its entry and the reason."""
        for i, (pattern, reason) in enumerate(self._uncertain):
            if pattern.fullmatch(code):
                return i, reason
        return None

    def __len__(self) -> int:
        return len(self._regions)


class Catalog:
    """Everything sovlint knows, indexed for the rules."""

    def __init__(self, root: Path) -> None:
        self.root = root
        files = read_policies(root)

        def each(folder: str) -> list[Any]:
            return [data for name, data in sorted(files.items()) if name.startswith(folder + "/")]

        def optional(name: str, key: str, default: Any) -> Any:
            return files[name][key] if name in files else default

        companies = files["companies.yaml"]["companies"]
        self.companies = {cid: Company(cid, c["name"], c["country"], c.get("parent")) for cid, c in companies.items()}
        self.regions = {
            name.removeprefix("regions/").removesuffix(".yaml"): RegionTable(data)
            for name, data in sorted(files.items())
            if name.startswith("regions/")
        }
        types = {d["provider"]: d for d in each("resource_types")}
        self.providers = _providers(files["providers.yaml"], types)
        self._by_prefix = {p.prefix: p for p in self.providers.values()}
        self.registries = [(r["host"], r["company"]) for r in files["registries.yaml"]["registries"]]
        self.backends: dict[str, dict[str, Any]] = files["backends.yaml"]["backends"]
        self.services = {t: s for s in files["services.yaml"]["services"] for t in s["types"]}
        countries = files["countries.yaml"]
        self.groups = {k: tuple(v["countries"]) for k, v in countries["groups"].items()}
        self.country_names: dict[str, str] = countries["names"]
        self.rules: dict[str, dict[str, Any]] = {r["id"]: r for r in files["rules.yaml"]["rules"]}
        self.laws: dict[str, list[dict[str, Any]]] = optional("laws.yaml", "laws", {})
        self.offers: dict[str, dict[str, Any]] = {o["id"]: o for o in optional("offers.yaml", "offers", [])}
        self.kubernetes: dict[str, Any] = files["kubernetes.yaml"]
        self.kcc_defaults: dict[str, Any] = optional("kcc-defaults.yaml", "defaults", {}) or {}
        generic = files.get("endpoints.yaml") or {}
        self.apis = {k: _api(k, v) for k, v in (generic.get("apis") or {}).items()}
        self.endpoints = {e["id"]: _endpoint(e) for e in generic.get("endpoints") or []}
        self._local_hosts = tuple(generic.get("local_hosts") or ())
        self.platforms = hosting.platforms(files.get("hosting.yaml"))

    def provider(self, source_or_name: str) -> Provider | None:
        """Look a provider up by registry source ('hashicorp/aws') or local name ('aws')."""
        found = self.providers.get(source_or_name.lower())
        return found or self._by_prefix.get(source_or_name.lower())

    def part_of(self, provider: Provider, rtype: str) -> str:
        """The parent type a resource type belongs to when it has no location of its own ('' otherwise)."""
        return next((parent for glob, parent in provider.parts if type_matches(rtype, (glob,))), "")

    def multi_region(self, provider_source: str, code: str | None) -> bool:
        """Whether a region code of a provider is a multi-region or dual-region (judged as a whole)."""
        provider = self.provider(provider_source)
        region = self.region(provider, code) if provider is not None and code else None
        return bool(region and region.multi)

    def provider_for_type(self, resource_type: str) -> Provider | None:
        return self._by_prefix.get(resource_type.split("_", 1)[0])

    def region(self, provider: Provider, code: str) -> Region | None:
        table = self.regions.get(provider.regions)
        return table.get(code) if table else None

    def own_place(self, provider: Provider, zone: str) -> bool:
        """Whether a zone is a place of its own, not just a part of its region: a Local Zone listed under its
        own name, or one the table knows as the provider's but with no country (`uncertain`)."""
        table = self.regions.get(provider.regions)
        if table is None:
            return False
        region = table.get(zone)
        return _norm(region.code) == _norm(zone) if region is not None else table.uncertain(zone) is not None

    def placement(self, provider: Provider, code: str, how: str, origins: tuple[Any, ...] = (), **extra: Any) -> Any:
        """A Placement for a region code of a provider: its countries, or unknown to the catalog (SOV103)."""
        from sovlint.model import Placement

        region = self.region(provider, code)
        return Placement(
            provider=provider.source,
            region=code,
            countries=region.countries if region else (),
            known_region=region is not None,
            is_global=bool(region and region.is_global),
            how=how,
            origins=origins,
            **extra,
        )

    def chain(self, company_id: str) -> list[Company]:
        """The ownership chain from a company up to its ultimate parent."""
        chain: list[Company] = []
        current: str | None = company_id
        while current and current in self.companies and len(chain) < 20:
            chain.append(self.companies[current])
            current = self.companies[current].parent
        return chain

    def registry_company(self, host: str) -> Company | None:
        for pattern, company in self.registries:
            if fnmatch.fnmatchcase(host.lower(), pattern):
                return self.companies.get(company)
        return None

    def offer_for(self, provider: Provider, region: str | None, config: dict[str, Any]) -> dict[str, Any] | None:
        """The sovereign offer a resource runs on: by its region, or by its provider configuration's arguments."""
        for offer in self.offers.values():
            if offer["provider"] != provider.source:
                continue
            match = offer["match"]
            if region and region.lower() in (r.lower() for r in match.get("regions", [])):
                return offer
            wanted = match.get("provider_argument") or {}
            if wanted and all(config.get(k) == v for k, v in wanted.items()):
                return offer
        return None

    def api_for(self, provider: Provider, rtype: str) -> Api | None:
        """The generic API a resource of this type is created through, when its provider speaks one."""
        for api in self.apis.values():
            if api.provider == provider.source and type_matches(rtype, api.types):
                return api
        return None

    def endpoint(self, api: str, url: str) -> EndpointMatch:
        """Which operator's endpoint a URL (or bare host) of a generic API is, and the region its host names."""
        host = _host(url)
        if any(fnmatch.fnmatchcase(host, glob) for glob in self._local_hosts):
            return EndpointMatch(host, local=True)
        for endpoint in self.endpoints.values():
            if endpoint.api == api and any(fnmatch.fnmatchcase(host, glob) for glob in endpoint.hosts):
                found = endpoint.region_from_host.match(host) if endpoint.region_from_host else None
                return EndpointMatch(host, endpoint, found.group(1) if found else "")
        return EndpointMatch(host)

    def region_via(self, api: Api, match: EndpointMatch, region: str | None) -> tuple[str | None, bool]:
        """The region code a request through an operator's endpoint lands in, given the region argument,
        and whether the endpoint's host decided it. Without a region in the host the argument stands, unless
        the operator's region argument only signs requests."""
        if match.region and (api.host_region_wins or not region):
            return match.region, True
        return (region if match.endpoint is None or match.endpoint.region_argument else None), False

    def endpoint_region(self, endpoint: Endpoint, code: str) -> Region | None:
        """A region code as the operator behind an endpoint names it; a declared endpoint is all in one country."""
        if endpoint.country:
            return Region(code, (endpoint.country,))
        table = self.regions.get(endpoint.regions)
        return table.get(code) if table and code else None

    def operator(self, provider: Provider, offer: str = "", endpoint: str = "") -> tuple[str, str]:
        """Company id of who runs a resource ('' when unknown) and the offer or endpoint it runs on ('' for none)."""
        if offer and offer in self.offers:
            return self.offers[offer]["operator"], self.offers[offer]["name"]
        if endpoint:
            found = self.endpoints.get(endpoint)
            return (found.operator, found.name) if found else ("", "")
        return provider.company, ""

    def with_endpoints(self, own: tuple[OwnEndpoint, ...]) -> Catalog:
        """This catalog plus endpoints declared in config; they are matched before the shipped ones."""
        if not own:
            return self
        extended = copy.copy(self)
        extended.companies = dict(self.companies)
        endpoints: dict[str, Endpoint] = {}
        for i, entry in enumerate(own, 1):
            company = f"config-{i}"
            extended.companies[company] = Company(company, entry.name, entry.operator_country, None)
            hosts = tuple(h.lower() for h in entry.hosts)
            for api in sorted({a.endpoints_of for a in self.apis.values()}):
                key = f"{company}-{api}"
                endpoints[key] = Endpoint(key, entry.name, api, company, hosts, country=entry.country)
        extended.endpoints = {**endpoints, **self.endpoints}
        return extended

    def countries_of(self, code: str) -> tuple[str, ...]:
        """The countries of a region code whatever the cloud, when every table that knows it agrees."""
        found = {region.countries for table in self.regions.values() if (region := table.get(code)) is not None}
        found.discard(())
        return found.pop() if len(found) == 1 else ()

    def country_name(self, code: str) -> str:
        return self.country_names.get(code, code)

    def expand(self, names: list[str]) -> frozenset[str]:
        """Country codes and group names (EEA, EU) → a set of country codes."""
        out: set[str] = set()
        for name in names:
            out.update(self.groups.get(name, (name,)))
        return frozenset(out)


def _providers(data: dict[str, Any], types: dict[str, Any]) -> dict[str, Provider]:
    out = {}
    for source, p in data["providers"].items():
        t = types.get(source, {})
        out[source] = Provider(
            source=source,
            name=p["name"],
            company=p.get("company", ""),
            kind=p["kind"],
            prefix=p["prefix"],
            regions=p.get("regions", ""),
            location_args=tuple(t.get("location_args", ())),
            zone_args=tuple(t.get("zone_args", ())),
            provider_args=tuple(t.get("provider_args", ())),
            located=tuple(t.get("located", ())),
            unlocated=tuple(t.get("unlocated", ())),
            parts=tuple((glob, parent) for glob, parent in (t.get("parts") or {}).items()),
            shapes=tuple((glob, tuple(args)) for glob, args in (t.get("location_shapes") or {}).items()),
            global_types=tuple(t.get("global", ())),
            replication=tuple((k, tuple(v)) for k, v in sorted((t.get("replication") or {}).items())),
            paired_replication=tuple(
                (k, v["argument"], tuple(v["values"])) for k, v in sorted((t.get("paired_replication") or {}).items())
            ),
            provider_default=t.get("provider_default", ""),
            type_defaults=tuple(sorted((t.get("type_defaults") or {}).items())),
        )
    return out


def _api(key: str, data: dict[str, Any]) -> Api:
    backend = tuple((k, tuple(v)) for k, v in sorted((data.get("backend") or {}).items()))
    return Api(
        key,
        data["name"],
        data["provider"],
        tuple(data["arguments"]),
        tuple(data["types"]),
        bool(data.get("required")),
        backend,
        bool(data.get("host_region_wins")),
        data.get("endpoints_of", key),
    )


def _endpoint(data: dict[str, Any]) -> Endpoint:
    pattern = data.get("region_from_host")
    return Endpoint(
        data["id"],
        data["name"],
        data["api"],
        data["operator"],
        tuple(h.lower() for h in data["hosts"]),
        re.compile(pattern) if pattern else None,
        data.get("regions", ""),
        region_argument=data.get("region_argument", True),
    )


def _host(url: str) -> str:
    """The lower-case host of a URL, or of a bare host name with or without a port."""
    from urllib.parse import urlsplit

    text = url.strip()
    try:
        host = urlsplit(text if "//" in text else "//" + text).hostname
    except ValueError:
        host = None
    host = (host or "").lower()
    return host if re.fullmatch(r"[a-z0-9.:_-]+", host) else ""


_CACHE_DIR: list[Path] = []  # where read_policies keeps its JSON copy; empty: nowhere


def cache_in(directory: Path | None) -> None:
    """Keep a JSON copy of the parsed policies in `directory` (the scan's cache); None keeps none."""
    _CACHE_DIR[:] = [directory] if directory else []


@functools.lru_cache(maxsize=4)
def read_policies(root: Path) -> dict[str, Any]:
    """Every policy file under `root`, parsed, keyed by its path below it ('regions/aws.yaml').

    Parsing the YAML is a third of a one-file run, so a JSON copy is kept beside the parse cache, named
    by the sovlint version and each file's path, size and modification time; any change reparses.
    """
    import hashlib
    import json

    from sovlint import __version__

    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.yaml"))}
    stamps = [(name, p.stat().st_size, p.stat().st_mtime_ns) for name, p in files.items()]
    key = hashlib.sha256(repr((__version__, str(root), stamps)).encode()).hexdigest()[:20]
    copy_path = _CACHE_DIR[0] / f"policies-{key}.json" if _CACHE_DIR else None
    if copy_path is not None:
        with contextlib.suppress(OSError, ValueError):
            cached: dict[str, Any] = json.loads(copy_path.read_text(encoding="utf-8"))
            return cached
    raw = {name: yamlload.load(p.read_text(encoding="utf-8")) for name, p in files.items()}
    parsed: dict[str, Any] = json.loads(json.dumps(raw, default=str))  # the shape of the copy: dates as text
    if copy_path is not None:
        with contextlib.suppress(OSError):
            copy_path.parent.mkdir(parents=True, exist_ok=True)
            for stale in copy_path.parent.glob("policies-*.json"):
                stale.unlink()
            partial = copy_path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(parsed, separators=(",", ":")), encoding="utf-8")
            os.replace(partial, copy_path)
    return parsed


@functools.lru_cache(maxsize=1)
def load() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return Catalog(policies_dir())
