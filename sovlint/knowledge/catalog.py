"""The knowledge base in `policies/`: regions, companies, providers, registries, services, rules.

Loaded once per process. Facts are data; this module only indexes them for look-ups.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from sovlint.knowledge import hosting, policies, records, urls
from sovlint.knowledge.records import (
    Api,
    Company,
    Endpoint,
    EndpointMatch,
    Provider,
    Region,
    RegionTable,
    Rule,
    type_matches,
)
from sovlint.model import OwnEndpoint

T = TypeVar("T")


class _table(Generic[T]):  # noqa: N801 - used as a decorator, like functools.cached_property
    """A table of the catalog, made when first asked and kept in its `_made`, which a copy with endpoints of its
    own shares: whichever asks first makes it, once. A copy's own tables are attributes of its own."""

    def __init__(self, make: Callable[[Catalog], T]) -> None:
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, catalog: None, owner: type[Catalog] | None = None) -> _table[T]: ...
    @overload
    def __get__(self, catalog: Catalog, owner: type[Catalog] | None = None) -> T: ...
    def __get__(self, catalog: Catalog | None, owner: type[Catalog] | None = None) -> T | _table[T]:
        if catalog is None:  # read on the class (help(), inspect): the descriptor itself
            return self
        made = catalog._made
        if self._name not in made:
            made[self._name] = self._make(catalog)
        table: T = made[self._name]
        return table


class Catalog:
    """Everything sovlint knows, indexed for the rules."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files = policies.read_policies(root)  # each file decoded when a table below first needs it
        countries = self._files["countries.yaml"]
        self.groups = {k: tuple(v["countries"]) for k, v in countries["groups"].items()}
        self.country_names: dict[str, str] = countries["names"]
        self.rules: dict[str, Rule] = {r["id"]: records.rule(r) for r in self._files["rules.yaml"]["rules"]}
        self._found: dict[str, Provider | None] = {}  # look-ups by source or name, asked for every resource
        self._offers: dict[str, list[dict[str, Any]]] = {}  # the offers of each provider source
        self._offer_args: dict[str, list[str]] = {}  # the arguments that select them
        self._api_for: dict[tuple[str, str], Api | None] = {}  # (provider source, resource type) -> API
        self._parent: dict[tuple[str, str], str] = {}  # (provider source, resource type) -> part_of
        self._offer_at: dict[tuple[str, str | None], dict[str, Any] | None] = {}  # (source, region) -> offer
        self._made: dict[str, Any] = {}  # the tables below, by name; shared with its copies (`with_endpoints`)

    # The tables below are made when first asked: a scan whose results are kept asks few of them.
    def _optional(self, name: str, key: str, default: Any) -> Any:
        return self._files[name][key] if name in self._files else default

    @_table
    def companies(self) -> dict[str, Company]:
        companies = self._files["companies.yaml"]["companies"]
        return {cid: Company(cid, c["name"], c["country"], c.get("parent")) for cid, c in companies.items()}

    @_table
    def regions(self) -> Mapping[str, RegionTable]:
        """The region tables by key ('aws'), each made from its file when first looked up."""
        files = self._files
        names = {n.removeprefix("regions/").removesuffix(".yaml"): n for n in sorted(files) if n.startswith("regions/")}
        return policies.Lazy(names, lambda name: RegionTable(files[name]))

    @_table
    def providers(self) -> dict[str, Provider]:
        files = self._files
        types = {files[n]["provider"]: files[n] for n in sorted(files) if n.startswith("resource_types/")}
        return records.providers(files["providers.yaml"], types)

    @_table
    def _by_prefix(self) -> dict[str, Provider]:
        return {p.prefix: p for p in self.providers.values()}

    @_table
    def registries(self) -> list[tuple[str, str]]:
        return [(r["host"], r["company"]) for r in self._files["registries.yaml"]["registries"]]

    @_table
    def backends(self) -> dict[str, dict[str, Any]]:
        backends: dict[str, dict[str, Any]] = self._files["backends.yaml"]["backends"]
        return backends

    @_table
    def services(self) -> dict[str, dict[str, Any]]:
        return {t: s for s in self._files["services.yaml"]["services"] for t in s["types"]}

    @_table
    def laws(self) -> dict[str, list[dict[str, Any]]]:
        laws: dict[str, list[dict[str, Any]]] = self._optional("laws.yaml", "laws", {})
        return laws

    @_table
    def offers(self) -> dict[str, dict[str, Any]]:
        return {o["id"]: o for o in self._optional("offers.yaml", "offers", [])}

    @_table
    def kubernetes(self) -> dict[str, Any]:
        kubernetes: dict[str, Any] = self._files["kubernetes.yaml"]
        return kubernetes

    @_table
    def kcc_defaults(self) -> dict[str, Any]:
        defaults: dict[str, Any] = self._optional("kcc-defaults.yaml", "defaults", {}) or {}
        return defaults

    @_table
    def _generic(self) -> dict[str, Any]:
        generic: dict[str, Any] = self._files.get("endpoints.yaml") or {}
        return generic

    @_table
    def apis(self) -> dict[str, Api]:
        return {k: records.api(k, v) for k, v in (self._generic.get("apis") or {}).items()}

    @_table
    def endpoints(self) -> dict[str, Endpoint]:
        return {e["id"]: records.endpoint(e) for e in self._generic.get("endpoints") or []}

    @_table
    def _local_hosts(self) -> tuple[str, ...]:
        return tuple(self._generic.get("local_hosts") or ())

    @_table
    def platforms(self) -> dict[str, hosting.Platform]:
        """The SaaS platforms of hosting.yaml (their patterns are compiled)."""
        return hosting.platforms(self._files.get("hosting.yaml"))

    @_table
    def _data_kinds(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(k["kind"], re.compile(k["pattern"])) for k in self._optional("data_kinds.yaml", "kinds", [])]

    def provider(self, source_or_name: str) -> Provider | None:
        """Look a provider up by registry source ('hashicorp/aws') or local name ('aws')."""
        if source_or_name not in self._found:
            key = source_or_name.lower()
            self._found[source_or_name] = self.providers.get(key) or self._by_prefix.get(key)
        return self._found[source_or_name]

    def part_of(self, provider: Provider, rtype: str) -> str:
        """The parent type a resource type belongs to when it has no location of its own ('' otherwise); asked for
        every resource, looked up once per provider and type."""
        key = (provider.source, rtype)
        if key not in self._parent:
            self._parent[key] = next((parent for glob, parent in provider.parts if type_matches(rtype, (glob,))), "")
        return self._parent[key]

    def multi_region(self, provider_source: str, code: str | None) -> bool:
        """Whether a region code of a provider is a multi-region or dual-region (judged as a whole)."""
        provider = self.provider(provider_source)
        region = self.region(provider, code) if provider is not None and code else None
        return bool(region and region.multi)

    def data_kind(self, resource_type: str) -> str:
        """What kind of data a resource type holds ('storage', 'database', …), or '' for none."""
        return next((kind for kind, pattern in self._data_kinds if pattern.search(resource_type)), "")

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
        return (
            records.norm(region.code) == records.norm(zone) if region is not None else table.uncertain(zone) is not None
        )

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
        if config:
            return self._offer_for(provider, region, config)
        slot = (provider.source, region)  # asked for each resource: most name no argument that selects an offer
        if slot not in self._offer_at:
            self._offer_at[slot] = self._offer_for(provider, region, config)
        return self._offer_at[slot]

    def _offer_for(self, provider: Provider, region: str | None, config: dict[str, Any]) -> dict[str, Any] | None:
        for offer in self._offers_of(provider):
            match = offer["match"]
            if region and records.norm(region) in (records.norm(r) for r in match.get("regions", [])):
                return offer
            wanted = match.get("provider_argument") or {}
            if wanted and all(config.get(k) == v for k, v in wanted.items()):
                return offer
        return None

    def offer_arguments(self, provider: Provider) -> list[str]:
        """The provider configuration arguments that select one of the provider's offers, sorted."""
        if provider.source not in self._offer_args:
            found = {k for o in self._offers_of(provider) for k in (o["match"].get("provider_argument") or {})}
            self._offer_args[provider.source] = sorted(found)
        return self._offer_args[provider.source]

    def _offers_of(self, provider: Provider) -> list[dict[str, Any]]:
        if provider.source not in self._offers:
            self._offers[provider.source] = [o for o in self.offers.values() if o["provider"] == provider.source]
        return self._offers[provider.source]

    def api_for(self, provider: Provider, rtype: str) -> Api | None:
        """The generic API a resource of this type is created through, when its provider speaks one (asked for
        each resource: looked up once per provider and type)."""
        key = (provider.source, rtype)
        if key not in self._api_for:
            matching = (a for a in self.apis.values() if a.provider == provider.source and type_matches(rtype, a.types))
            self._api_for[key] = next(matching, None)
        return self._api_for[key]

    def endpoint(self, api: str, url: str) -> EndpointMatch:
        """Which operator's endpoint a URL (or bare host) of a generic API is, and the region its host names."""
        host = urls.host(url)
        if any(fnmatch.fnmatchcase(host, glob) for glob in self._local_hosts):
            return EndpointMatch(host, local=True)
        for endpoint in self.endpoints.values():
            if endpoint.api == api and any(fnmatch.fnmatchcase(host, glob) for glob in endpoint.hosts):
                found = re.match(endpoint.region_from_host, host) if endpoint.region_from_host else None
                return EndpointMatch(host, endpoint, found.group(1) if found else "")
        return EndpointMatch(host)

    def endpoint_read_from(self, api: str, attribute: str) -> Endpoint | None:
        """The operator's endpoint whose URL a data source attribute holds ('aws_eks_cluster.endpoint')."""
        return next((e for e in self.endpoints.values() if e.api == api and attribute in e.read_from), None)

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
        """This catalog plus endpoints declared in config; they are matched before the shipped ones. The copy and
        this catalog share the other tables, made once whichever asks first."""
        if not own:
            return self
        import copy  # only with endpoints declared in config

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
        own_registries = [(h.lower(), f"config-{i}") for i, entry in enumerate(own, 1) for h in entry.hosts]
        extended.registries = own_registries + self.registries  # a container registry of its own, too
        return extended

    def every_country(self, provider_source: str) -> frozenset[str] | None:
        """Where any region of a provider is, when its table lists every code it takes (`complete`)."""
        provider = self.provider(provider_source)
        table = self.regions.get(provider.regions) if provider is not None else None
        return table.every_country() if table is not None else None

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


@functools.lru_cache(maxsize=1)
def load() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return Catalog(policies.policies_dir())
