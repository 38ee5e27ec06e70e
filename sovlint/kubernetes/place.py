"""Kubernetes objects → Placement: cloud resources declared in manifests, and workloads pinned to a region.

Crossplane, ACK, Config Connector and Azure Service Operator objects are judged like the Terraform
resources they create, from the same catalog: their provider's company, regions and services. A
workload whose nodeSelector or node affinity names a region or zone is placed there when every
region table that knows the code agrees on the country; otherwise nothing is guessed.
"""

from __future__ import annotations

import re
from typing import Any

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import is_located
from sovlint.kubernetes.compositions import COMPOSITE
from sovlint.model import Kind, KubeFacts, Origin, Placement, Resource

PINNED_BY = {  # what pins an object that is not a workload to a region or zone
    "PersistentVolume": "volume node affinity",
    "StorageClass": "allowed topologies",
    "VolumeSnapshotClass": "snapshot storage locations",
}
NAMESPACE_REGION = "services.k8s.aws/default-region"  # ACK: a namespace's default region
ACK_IMAGE = re.compile(r"(?:^|/)aws-controllers-k8s/([a-z0-9]+)-controller(?:[:@]|$)")


class AckDefaults:
    """Where ACK puts a resource that names no region: its namespace's default, else its controller's."""

    __slots__ = ("namespaces", "controllers")

    def __init__(
        self,
        namespaces: dict[str, tuple[str, Origin]] | None = None,  # namespace ->
        controllers: dict[str, tuple[str, Origin]] | None = None,  # service (s3) ->
    ) -> None:
        self.namespaces: dict[str, tuple[str, Origin]] = {} if namespaces is None else namespaces
        self.controllers: dict[str, tuple[str, Origin]] = {} if controllers is None else controllers

    def __repr__(self) -> str:  # a scan's defaults are known by the digest of this text (results.py)
        return f"AckDefaults(namespaces={self.namespaces!r}, controllers={self.controllers!r})"


def ack_defaults(resources: list[Resource]) -> AckDefaults:
    """The ACK default regions declared in the scanned manifests: Namespace annotations, and the
    region an ACK controller Deployment is started with (`--aws-region`, or its AWS_REGION variable)."""
    defaults = AckDefaults()
    for r in resources:
        facts = r.facts or KubeFacts()
        found = facts.annotation(NAMESPACE_REGION) if r.type == "Namespace" else None
        if found and found[0]:
            value, line = found[0], found[1] or r.line
            origin = Origin(*facts.where(line, r.file), "namespace default region")
            defaults.namespaces[r.address.split("/", 1)[1]] = (value, origin)
        services = {m.group(1) for image, _ in r.images if (m := ACK_IMAGE.search(image))}
        region = _controller_region(facts)
        if services and region:
            for service in services:
                defaults.controllers[service] = (
                    region[0],
                    Origin(*facts.where(region[1], r.file), "ACK controller region"),
                )
    return defaults


def _controller_region(facts: KubeFacts) -> tuple[str, int] | None:
    env = {name: (value, line) for name, value, line in facts.env}
    for flag, value, line in facts.flags:
        if flag == "--aws-region":
            if value.startswith("$(") and value.endswith(")"):  # Kubernetes expands $(VAR) from the env
                return env.get(value[2:-1])
            return (value, line) if value else None
    return env.get("AWS_REGION")


def place_all(resources: list[Resource], catalog: Catalog, ack: AckDefaults) -> list[tuple[Resource, Placement]]:
    """The objects of one file (or one build) placed; a part whose parent type is among them (a bucket's
    versioning beside its bucket) has no location of its own: its parent carries the location finding."""
    items = [place(r, catalog, ack) for r in resources]
    present = {r.type for r, _ in items if r.kind is Kind.CLOUD}
    out = []
    for resource, placement in items:
        provider = catalog.provider(placement.provider) if resource.kind is Kind.CLOUD and placement.located else None
        if provider is not None and catalog.part_of(provider, resource.type) in present:
            placement = Placement(provider=placement.provider, located=False)
        out.append((resource, placement))
    return out


def place(resource: Resource, catalog: Catalog, ack: AckDefaults | None = None) -> tuple[Resource, Placement]:
    facts = resource.facts or KubeFacts()
    controller = controller_of(facts.group, resource.type, catalog)
    if controller is not None:
        return _cloud_resource(resource, facts, controller, catalog, ack or AckDefaults())
    return resource, _pinned(resource, facts, catalog)


def controller_of(group: str, kind: str, catalog: Catalog) -> dict[str, Any] | None:
    """The tool whose API group this is; the bare group (`aws.upbound.io`) holds only its provider configs."""
    for entry in catalog.kubernetes.get("controllers", []):
        if group in entry.get("exclude", ()):
            continue
        if group.endswith(entry["group"]) or (group == entry["group"][1:] and kind in entry.get("root_kinds", ())):
            return dict(entry)
    return None


def terraform_type(group: str, kind: str, controller: dict[str, Any], prefix: str) -> str:
    """The Terraform type of a controller's kind: `dynamodb.services.k8s.aws` Table → aws_dynamodb_table."""
    if controller.get("no_types"):
        return ""
    service = "" if group == controller["group"][1:] else group.split(".")[0].lower()
    if controller.get("strip_service") and kind.lower().startswith(service):
        kind = kind[len(service) :]
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()
    return f"{prefix}_{service}_{snake}" if service else f"{prefix}_{snake}"


def _cloud_resource(
    resource: Resource,
    facts: KubeFacts,
    controller: dict[str, Any],
    catalog: Catalog,
    ack: AckDefaults,
) -> tuple[Resource, Placement]:
    provider = catalog.provider(controller["provider"])
    if provider is None:
        return resource, Placement(located=False)
    rtype = terraform_type(facts.group, resource.type, controller, provider.prefix.split("-")[0])
    cloud = resource._replace(kind=Kind.CLOUD, type=rtype or resource.type)
    if any(path.startswith(COMPOSITE) for path, _, _ in facts.location):
        return cloud, Placement(provider=provider.source, located=False)  # placed by each composite resource
    value, line = _location(facts, controller["location"])
    global_type = controller.get("global_types", {}).get(resource.type) if value and value.lower() == "global" else None
    if global_type:  # Config Connector's `location: global` names the global resource Terraform types apart
        cloud = cloud._replace(type=global_type)
        if not is_located(global_type, provider, False):
            return cloud, Placement(provider=provider.source, located=False)
    how = "literal"
    namespace = resource.address.split("/")[0] if resource.address.count("/") >= 2 else ""
    if value is None and controller.get("defaults") == "namespace_or_controller":
        service = facts.group.split(".", 1)[0]
        found = ack.namespaces.get(namespace) or ack.controllers.get(service)
        if found:
            return cloud, catalog.placement(provider, found[0], found[1].what, (found[1],))
    documented = controller.get("defaults") == "documented"
    default = catalog.kcc_defaults.get(f"{resource.type}.{facts.group}") if documented else None
    if value is None and default:  # Config Connector documents a default location for this kind
        value, line, how = str(default["value"]), resource.line, "documented default"
    if value is None and not is_located(rtype, provider, False):
        return cloud, Placement(provider=provider.source, located=False)  # an IAM binding, a database in an instance
    if value is None:
        places = ", ".join(controller["location"])
        if controller.get("defaults") == "namespace_or_controller":
            places += f", their namespace's {NAMESPACE_REGION} annotation or their controller's region"
        reason = f"{controller['tool']} objects take their region from {places}; none is set in the scanned files"
        return cloud, Placement(provider=provider.source, unresolved=reason)
    copies = tuple(
        (code, region.countries, at if at > 0 else resource.line)  # a line another file set: the object's
        for code, at in facts.replicas
        if code != value and (region := catalog.region(provider, code)) is not None
    )
    origin = Origin(*facts.where(line, resource.file), how)
    return cloud, catalog.placement(provider, value, how, (origin,), replicas=copies)


def _location(facts: KubeFacts, paths: list[str]) -> tuple[str | None, int]:
    for path in paths:
        if path.startswith("metadata.annotations."):
            found = facts.annotation(path[len("metadata.annotations.") :])
        else:
            found = facts.located_at(path)
        if found and found[0]:
            return found
    return None, 0


def _pinned(resource: Resource, facts: KubeFacts, catalog: Catalog) -> Placement:
    """Where topology labels pin a workload: the countries of every value that names an unambiguous region."""
    values: list[str] = []
    countries: set[str] = set()
    origins: list[Origin] = []
    how = PINNED_BY.get(resource.type, "node selector")
    for _key, value, line in facts.topology:
        found = catalog.countries_of(value)
        if found:
            values.append(value)
            countries.update(found)
            origins.append(Origin(*facts.where(line, resource.file), how))
    if not values:
        return Placement(located=False)
    return Placement(
        region=", ".join(dict.fromkeys(values)),
        countries=tuple(sorted(countries)),
        how=how,
        origins=tuple(dict.fromkeys(origins)),
    )
