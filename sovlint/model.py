"""The data that flows from parsers through resolution and rules to reporters.

Immutable records with no I/O: parsers build `Resource`s, resolution turns them into
`Placement`s, rules yield `Finding`s, and reporters only read them. They are named tuples (`_replace`
makes a changed copy) rather than dataclasses, whose methods are compiled each time a process imports
them: that compiling was the largest part of the start-up of a one-file run. Their annotations are
evaluated (no `from __future__ import annotations`): a named tuple compiles each annotation written as text.
"""

import enum
from typing import Any, NamedTuple


class Level(enum.IntEnum):
    """Severity of a finding; an IntEnum so that `--fail-on` is a plain comparison."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Level":
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


class Origin(NamedTuple):
    """A place in the sources that decided a value ("set at variables.tf:3")."""

    file: str
    line: int
    what: str  # 'variable default', 'tfvars', 'provider configuration', 'local value', ...
    column: int = 0  # the span of the deciding argument, when known (0: the line only)
    end_line: int = 0
    end_column: int = 0


class Kind(str, enum.Enum):
    """What a `Resource` is; a str enum, so that it serialises (cache, JSON) as its value."""

    TERRAFORM = "terraform"  # a Terraform resource
    BACKEND = "backend"  # a Terraform state backend
    PROVIDER = "provider"  # a Terraform provider requirement (SOV204 when unknown)
    KUBERNETES = "kubernetes"  # a Kubernetes object
    CLOUD = "cloud"  # a cloud resource declared in Kubernetes (Crossplane, ACK, Config Connector, ASO)
    CONTAINER = "container"  # images named outside manifests: Dockerfile, Compose, Helm values

    def __str__(self) -> str:
        return self.value


CLOUD_KINDS = (Kind.TERRAFORM, Kind.CLOUD)  # resources a provider creates: in Terraform, or declared in Kubernetes

Line = int  # 1-based line of a value in its file; 0 when not known


class KubeFacts(NamedTuple):
    """What the placement and the rules need of a Kubernetes object; the parsed object is not kept."""

    group: str = ""  # API group of apiVersion ('s3.services.k8s.aws'; '' for the core group)
    annotations: tuple[tuple[str, str], ...] = ()
    annotation_lines: tuple[tuple[str, Line], ...] = ()
    storage: tuple[str, Line] | None = None  # a StorageClass provisioner or a PersistentVolume CSI driver
    ingress_class: tuple[str, Line] | None = None  # spec.ingressClassName
    location: tuple[tuple[str, str, Line], ...] = ()  # (dotted path, value, line) of location fields
    replicas: tuple[tuple[str, Line], ...] = ()  # (region, line) of every location holding a copy (ASO Cosmos DB)
    topology: tuple[tuple[str, str, Line], ...] = ()  # (label key, value, line) of node selectors and affinities
    flags: tuple[tuple[str, str, Line], ...] = ()  # (flag, value, line) of container arguments
    env: tuple[tuple[str, str, Line], ...] = ()  # (name, value, line) of container environment variables
    moved: tuple[tuple[str, Line], ...] = ()  # (file, line) of values another file set: a line -n is moved[n-1]

    def annotation(self, key: str) -> tuple[str, Line] | None:
        """An annotation's value and line."""
        value = dict(self.annotations).get(key)
        return None if value is None else (value, dict(self.annotation_lines).get(key, 0))

    def located_at(self, path: str) -> tuple[str, Line] | None:
        """The value and line of a location field by its dotted path ('spec.forProvider.region')."""
        return next(((value, line) for p, value, line in self.location if p == path), None)

    def where(self, line: Line, file: str) -> tuple[str, Line]:
        """The file and line of a fact: its object's, or those of the file that set it (a Kustomize patch)."""
        if line < 0 and -line <= len(self.moved):
            return self.moved[-line - 1]
        return file, line

    def on_line(self, line: Line) -> "KubeFacts":
        """The same facts, every one placed on `line` (rendered output mapped to its template's first line)."""

        def moved(xs: tuple[tuple[str, str, Line], ...]) -> tuple[tuple[str, str, Line], ...]:
            return tuple((a, b, line) for a, b, _ in xs)

        return KubeFacts(
            self.group,
            self.annotations,
            tuple((k, line) for k, _ in self.annotation_lines),
            (self.storage[0], line) if self.storage else None,
            (self.ingress_class[0], line) if self.ingress_class else None,
            moved(self.location),
            tuple((v, line) for v, _ in self.replicas),
            moved(self.topology),
            moved(self.flags),
            moved(self.env),
        )

    def to_data(self) -> dict[str, Any]:
        """Plain data for the parse cache; `from_data` reads it back."""
        return {
            "g": self.group,
            "a": [list(a) for a in self.annotations],
            "al": [list(a) for a in self.annotation_lines],
            "s": list(self.storage) if self.storage else None,
            "i": list(self.ingress_class) if self.ingress_class else None,
            "l": [list(x) for x in self.location],
            "r": [list(x) for x in self.replicas],
            "t": [list(x) for x in self.topology],
            "f": [list(x) for x in self.flags],
            "e": [list(x) for x in self.env],
        } | ({"m": [list(x) for x in self.moved]} if self.moved else {})

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> "KubeFacts":
        def pair(x: Any) -> tuple[str, Line] | None:
            return (str(x[0]), int(x[1])) if x else None

        def triples(xs: Any) -> tuple[tuple[str, str, Line], ...]:
            return tuple((str(a), str(b), int(c)) for a, b, c in xs)

        return cls(
            str(d["g"]),
            tuple((str(k), str(v)) for k, v in d["a"]),
            tuple((str(k), int(v)) for k, v in d["al"]),
            pair(d["s"]),
            pair(d["i"]),
            triples(d["l"]),
            tuple((str(v), int(n)) for v, n in d["r"]),
            triples(d["t"]),
            triples(d["f"]),
            triples(d["e"]),
            tuple((str(f), int(n)) for f, n in d.get("m", ())),
        )


class Resource(NamedTuple):
    """One thing that IaC declares: a Terraform resource or a Kubernetes object."""

    address: str  # 'aws_s3_bucket.logs', 'prod/Deployment/api'
    type: str  # 'aws_s3_bucket', 'Deployment'
    file: str  # POSIX path as reported
    line: int
    end_line: int
    kind: Kind = Kind.TERRAFORM
    provider: str = ""  # Terraform provider local name (with alias), e.g. 'aws.eu'
    body: Any = None  # Terraform attributes as parsed (dict), or a backend's configuration; never shown raw
    images: tuple[tuple[str, int], ...] = ()  # container image references and their lines
    facts: KubeFacts | None = None  # what a Kubernetes object says of itself (kind KUBERNETES or CLOUD)


class Placement(NamedTuple):
    """Where a resource runs and who runs it, and how sovlint knows."""

    provider: str = ""  # provider source, e.g. 'hashicorp/aws'
    located: bool = True  # False for things with no location of their own (an IAM role)
    region: str | None = None  # as written, e.g. 'us-east-1'
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2; several for a multi-region, none when global
    is_global: bool = False  # a global location ('global'): served from everywhere, no one country
    known_region: bool = True  # False when the catalog does not know the code
    how: str = ""  # 'literal', 'variable default', 'tfvars', 'provider configuration', ...
    origins: tuple[Origin, ...] = ()  # where the deciding value was written, the resource's own first
    via: tuple[Origin, ...] = ()  # the module calls from the root module down to the resource
    offer: str = ""  # id of the sovereign offer it runs on (policies/offers.yaml), if any
    endpoint: str = ""  # id of the operator's endpoint it is reached through (policies/endpoints.yaml); '?' unknown
    host: str = ""  # provider source of the cloud a SaaS platform runs this on (policies/hosting.yaml), if any
    host_region: str = ""  # that cloud's own code for the region (EU_WEST_1 on Atlas is AWS eu-west-1)
    replicas: tuple[tuple[str, tuple[str, ...], int], ...] = ()  # (region, countries, line) of copies elsewhere
    unresolved: str = ""  # why the region could not be determined, when it could not
    library: bool = False  # in a reusable module: the caller decides the location
    condition: str = ""  # why its existence is not known (count or for_each unknown): findings apply "if created"
    configuration: str = ""  # the provider configuration setting its location: 'module.a.provider["hashicorp/aws"].eu'


class Finding(NamedTuple):
    """One problem, at one place, found by one rule."""

    file: str  # POSIX path as reported
    line: int  # 1-based
    rule_id: str  # 'SOV101'
    address: str  # 'module.vpc.aws_vpc.this', 'prod/Deployment/api'
    level: Level
    message: str
    fix: str = ""
    end_line: int = 0
    column: int = 1
    end_column: int = 0  # just after the last character of the span; 0 when not known
    key: str = ""  # what distinguishes two findings of one rule on one resource (an image)
    related: tuple[Origin, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()  # provider, region, country
    suppressed: str = ""  # the justification when an inline comment or the baseline suppresses it
    suppressed_by: str = ""  # 'inSource' (a sovlint:ignore comment) or 'external' (the baseline)

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line, self.rule_id, self.address, self.key)


class OwnEndpoint(NamedTuple):
    """An endpoint an organisation declares in its config: every region of it is in one country."""

    name: str
    hosts: tuple[str, ...]
    country: str  # where it runs
    operator_country: str  # home of whoever runs it


class Profile(NamedTuple):
    """Allowed locations and allowed control, as sets of ISO country codes."""

    name: str
    label: str  # 'the EU/EEA', used in messages: "outside the EU/EEA"
    locations: frozenset[str]
    control: frozenset[str] | None  # None: control is not judged
    levels: dict[str, Level | None]  # None: the rule is off
    mirrors: dict[str, str]  # registry host -> mirror really pulled from
    per_path: tuple[tuple[str, dict[str, Level | None]], ...] = ()  # (glob on reported paths, levels) in order
    providers: frozenset[str] = frozenset()  # provider sources accepted whoever controls them
    endpoints: tuple[OwnEndpoint, ...] = ()  # endpoints the organisation declares (its own MinIO, a private cloud)
