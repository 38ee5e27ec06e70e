"""The records the catalog is made of: regions, companies, providers, generic APIs and their endpoints, rules.

Named tuples (immutable, and made quickly at import: see model.py) built from the policy files' data, and
the two questions asked of a resource type everywhere (does a glob match it; has it a location of its own).
Annotations are evaluated, as in model.py.
"""

import fnmatch
import functools
import re
from typing import Any, NamedTuple

from sovlint.model import Level


@functools.lru_cache(maxsize=16384)
def type_matches(rtype: str, globs: tuple[str, ...]) -> bool:
    """Whether a resource type matches one of a resource-type file's globs (`aws_iam_*`)."""
    return any(glob_matches(rtype, glob) for glob in globs)


def glob_matches(name: str, glob: str) -> bool:
    """`fnmatch.fnmatchcase`, without compiling a regular expression for the globs the policies write: a name,
    or a prefix and a trailing `*`. Compiling one per glob was a tenth of a one-file run."""
    stem = glob[:-1] if glob.endswith("*") else glob
    if "*" in stem or "?" in stem or "[" in stem:
        return fnmatch.fnmatchcase(name, glob)
    return name.startswith(stem) if len(stem) < len(glob) else name == glob


def own_type(rtype: str, body: Any, provider: "Provider") -> str:
    """What a resource's type globs are matched against: its Terraform type, or for a generic resource whose
    provider names the type in an argument, `TYPE:named type` without the API version and in lower case
    (`azapi_resource:microsoft.network/privatednszones`: Azure resource types ignore case)."""
    named = body.get(provider.type_argument) if provider.type_argument and isinstance(body, dict) else None
    if not isinstance(named, str) or "${" in named:
        return rtype
    return f"{rtype}:{named.partition('@')[0].strip().lower()}"


@functools.lru_cache(maxsize=16384)
def is_located(rtype: str, provider: "Provider", writes_location: bool) -> bool:
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


class Region(NamedTuple):
    code: str  # canonical code from the catalog
    countries: tuple[str, ...]  # empty for a global location
    city: str = ""
    is_global: bool = False
    paired: str = ""  # the region geo-redundant storage replicates to
    multi: bool = False  # a multi-region or dual-region (Cloud Storage "US"): judged as a whole by SOV104


class Company(NamedTuple):
    id: str
    name: str
    country: str
    parent: str | None


class Provider(NamedTuple):
    source: str  # 'hashicorp/aws'
    name: str  # 'Amazon Web Services'
    company: str  # company id ('' for utility and cluster providers)
    kind: str  # 'cloud' | 'saas' | 'utility' (creates nothing located) | 'software' (judged by the endpoint it reaches)
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
    echoes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # data source type -> attributes echoing the provider's
    echoes_own: tuple[tuple[str, tuple[str, ...]], ...] = ()  # data source type -> attributes echoing its argument
    lookups: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()  # data type, resource type, by, attributes
    type_argument: str = ""  # the argument naming a generic resource's own type (azapi's `type`)
    operations: tuple[str, ...] = ()  # globs of types that create nothing: an operation on a resource (a POST action)

    def __hash__(self) -> int:  # by its source alone: look-ups memoised per (type, provider) hash it for each resource
        return hash(self.source)

    @property
    def places_nothing(self) -> bool:
        """Utility providers create nothing located; a cluster provider's objects are where the cluster is."""
        return self.kind in ("utility", "cluster")


class Api(NamedTuple):
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
    unset: str = ""  # where the endpoint comes from when the configuration does not set it ('VAULT_ADDR')
    either_form: bool = False  # the block holding the argument may be an object attribute instead (Helm 3)


class Endpoint(NamedTuple):
    """An operator's endpoint for a generic API: the hosts that name it and the region codes it takes."""

    id: str
    name: str
    api: str
    operator: str  # company id
    hosts: tuple[str, ...]  # globs on the lower-case host name
    region_from_host: str = ""  # a regular expression whose group 1 is the region code; '' for none
    regions: str = ""  # key of policies/regions/<key>.yaml
    country: str = ""  # declared in config: wherever its regions are, they are in this country
    region_argument: bool = True  # False: the client's region argument only signs requests, it places nothing
    read_from: tuple[str, ...] = ()  # data source attributes holding its URL ('aws_eks_cluster.endpoint')


class EndpointMatch(NamedTuple):
    """What the URL of an endpoint tells: its host, the operator's endpoint, the region in the host."""

    host: str
    endpoint: Endpoint | None = None
    region: str = ""
    local: bool = False  # the machine itself: a test double, nothing is deployed


def norm(code: str) -> str:
    """A region code as looked up: case and spaces do not matter (`West Europe` = `westeurope`)."""
    return code.replace(" ", "").lower()


class RegionTable:
    """Region codes of one provider, looked up case-insensitively, zones mapped to their region."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._zone_patterns = [str(z["pattern"]) for z in data.get("zones") or []]
        self._uncertain_patterns = [(str(u["pattern"]), str(u["reason"])) for u in data.get("uncertain") or []]
        self.complete = bool(data.get("complete"))  # a source says the provider takes no other code

    @functools.cached_property
    def _regions(self) -> dict[str, Region]:  # built when first asked: a run asks few of the tables
        data, regions = self._data, {}
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
            regions[norm(str(code))] = region
        for name, code in (data.get("names") or {}).items():
            regions.setdefault(norm(str(name)), regions[norm(str(code))])
        return regions

    @functools.cached_property
    def _zones(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self._zone_patterns]

    @functools.cached_property
    def _uncertain(self) -> list[tuple[re.Pattern[str], str]]:
        return [(re.compile(p), reason) for p, reason in self._uncertain_patterns]

    def get(self, code: str) -> Region | None:
        found = self._regions.get(norm(code))
        if found is not None:
            return found
        for pattern in self._zones:
            match = pattern.match(code)
            if match and norm(match.group(1)) in self._regions:
                return self._regions[norm(match.group(1))]
        return None

    def uncertain(self, code: str) -> tuple[int, str] | None:
        """For a code the provider uses but whose country is not established: its entry and the reason."""
        for i, (pattern, reason) in enumerate(self._uncertain):
            if pattern.fullmatch(code):
                return i, reason
        return None

    def every_country(self) -> frozenset[str] | None:
        """The countries of every code the provider takes, when the table is complete and none is global."""
        regions = self._regions.values()
        if not self.complete or self._uncertain_patterns or any(r.is_global or not r.countries for r in regions):
            return None
        return frozenset(c for r in regions for c in r.countries)

    def __len__(self) -> int:
        return len(self._regions)


def providers(data: dict[str, Any], types: dict[str, Any]) -> dict[str, Provider]:
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
            located=_globs(t.get("located", ())),
            unlocated=_globs(t.get("unlocated", ())),
            parts=tuple(zip(_globs(t.get("parts") or {}), _globs((t.get("parts") or {}).values()), strict=True)),
            shapes=tuple((glob, tuple(args)) for glob, args in (t.get("location_shapes") or {}).items()),
            global_types=_globs(t.get("global", ())),
            replication=tuple((k, tuple(v)) for k, v in sorted((t.get("replication") or {}).items())),
            paired_replication=tuple(
                (k, v["argument"], tuple(v["values"])) for k, v in sorted((t.get("paired_replication") or {}).items())
            ),
            provider_default=t.get("provider_default", ""),
            type_defaults=tuple(sorted((t.get("type_defaults") or {}).items())),
            echoes=tuple((k, tuple(v)) for k, v in sorted((t.get("echo_provider") or {}).items())),
            echoes_own=tuple((k, tuple(v)) for k, v in sorted((t.get("echo_argument") or {}).items())),
            lookups=tuple(
                (k, v["resource"], v["by"], tuple(v["attributes"])) for k, v in sorted((t.get("lookups") or {}).items())
            ),
            type_argument=t.get("type_argument", ""),
            operations=_globs(t.get("operations", ())),
        )
    return out


def _globs(globs: Any) -> tuple[str, ...]:
    """Type globs as written, those naming a generic resource's own type (`azapi_resource:Microsoft.Network/…`)
    in lower case, as `own_type` gives it."""
    return tuple(glob.lower() if ":" in glob else glob for glob in globs)


def api(key: str, data: dict[str, Any]) -> Api:
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
        data.get("unset", ""),
        bool(data.get("either_form")),
    )


def endpoint(data: dict[str, Any]) -> Endpoint:
    pattern = data.get("region_from_host")
    return Endpoint(
        data["id"],
        data["name"],
        data["api"],
        data["operator"],
        tuple(h.lower() for h in data["hosts"]),
        pattern or "",
        data.get("regions", ""),
        region_argument=data.get("region_argument", True),
        read_from=tuple(data.get("read_from", ())),
    )


class Source(NamedTuple):
    """A public text a fact rests on."""

    url: str
    title: str
    accessed: str  # YYYY-MM-DD

    def to_data(self) -> dict[str, str]:
        return {"url": self.url, "title": self.title, "accessed": self.accessed}


class Example(NamedTuple):
    """A file as users write it: the rule is reported on `fails` and not on `passes`."""

    file: str  # the name it is scanned as (its extension chooses the parser)
    fails: str
    passes: str


class Rule(NamedTuple):
    """A rule's metadata from policies/rules.yaml: what it reports, its default level, how to fix it."""

    id: str  # 'SOV101'
    name: str  # 'region-outside-allowed'
    level: Level  # the default level
    short: str
    description: str
    fix: str
    tags: tuple[str, ...]
    precision: str | None = None  # SARIF precision ('very-high' … 'low'); None when rules.yaml sets none
    security_severity: str | None = None  # GitHub code scanning's '7.5'; None when rules.yaml sets none
    examples: tuple[Example, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_data(self) -> dict[str, Any]:
        """The entry as rules.yaml writes it (`sovlint rules --format json`)."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "level": str(self.level),
            "short": self.short,
            "description": self.description,
            "fix": self.fix,
            "tags": list(self.tags),
        }
        if self.precision is not None:
            out["precision"] = self.precision
        if self.security_severity is not None:
            out["security_severity"] = self.security_severity
        if self.examples:
            out["examples"] = [{"file": e.file, "fails": e.fails, "passes": e.passes} for e in self.examples]
        if self.sources:
            out["sources"] = [s.to_data() for s in self.sources]
        return out


def rule(data: dict[str, Any]) -> Rule:
    def text(key: str) -> str | None:
        return None if data.get(key) is None else str(data[key])

    return Rule(
        id=data["id"],
        name=data["name"],
        level=Level.parse(data["level"]),
        short=data["short"],
        description=data["description"],
        fix=data["fix"],
        tags=tuple(data.get("tags") or ()),
        precision=text("precision"),
        security_severity=text("security_severity"),
        examples=tuple(Example(e["file"], e["fails"], e["passes"]) for e in data.get("examples") or ()),
        sources=tuple(Source(s["url"], s["title"], str(s["accessed"])) for s in data.get("sources") or ()),
    )
