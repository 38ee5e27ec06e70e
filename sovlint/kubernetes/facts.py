"""What the rules need of a Kubernetes object (KubeFacts), read from its data and its nodes' lines, and which
entries of its `spec` that reading looks at."""

from __future__ import annotations

from typing import Any

import yaml

from sovlint.model import KubeFacts

POD_SPEC = {
    "Pod": ("spec",),
    "PodTemplate": ("template", "spec"),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")
FLAGS = ("--cloud-provider", "--aws-region")  # container flags the rules read (cluster-autoscaler, ACK controllers)
ENV = ("AWS_REGION",)  # container environment variables the rules read (an ACK controller's default region)
TOPOLOGY_KEYS = (
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "topology.disk.csi.azure.com/zone",  # the Azure Disk CSI driver's zone key (westeurope-1)
    "topology.gke.io/zone",  # the GCE PD CSI driver's zone key (europe-west3-a)
    "topology.ebs.csi.aws.com/zone",  # the EBS CSI driver's zone key (eu-west-1a)
)
SNAPSHOT_LOCATIONS = "storage-locations"  # a GCE PD VolumeSnapshotClass parameter: where snapshots are stored
AFFINITY = ("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")
LOCATION_PATHS = (
    ("spec", "forProvider", "region"),
    ("spec", "forProvider", "location"),
    ("spec", "forProvider", "zone"),
    ("spec", "location"),
    ("spec", "region"),
    ("spec", "zone"),
    ("spec", "config"),  # a Config Connector SpannerInstance's instance configuration
)


def facts_of(node: Any, data: dict[str, Any], meta: dict[str, Any]) -> KubeFacts:
    """What the rules need of an object: the parsed object itself is not kept."""
    annotations: dict[str, Any] = meta["annotations"] if isinstance(meta.get("annotations"), dict) else {}
    api_version = data["apiVersion"]
    spec: dict[str, Any] = data["spec"] if isinstance(data.get("spec"), dict) else {}
    csi: dict[str, Any] = spec["csi"] if isinstance(spec.get("csi"), dict) else {}
    storage = None
    if data["kind"] == "StorageClass" and isinstance(data.get("provisioner"), str):
        storage = (data["provisioner"], _line(node, ("provisioner",)))
    if data["kind"] == "PersistentVolume" and isinstance(csi.get("driver"), str):
        storage = (csi["driver"], _line(node, ("spec", "csi", "driver")))
    ingress = None
    if data["kind"] == "Ingress" and isinstance(spec.get("ingressClassName"), str):
        ingress = (spec["ingressClassName"], _line(node, ("spec", "ingressClassName")))
    location = []
    for path in LOCATION_PATHS:
        value = get(data, path)
        if isinstance(value, str) and value:
            location.append((".".join(path), value, _line(node, path)))
    return KubeFacts(
        group=api_version.rsplit("/", 1)[0] if "/" in api_version else "",
        annotations=tuple(
            (str(k), str(v)[:500]) for k, v in annotations.items() if isinstance(v, (str, int, float, bool))
        ),
        annotation_lines=tuple(_key_lines(node_at(node, ("metadata", "annotations"))).items()),
        storage=storage,
        ingress_class=ingress,
        location=tuple(location),
        replicas=tuple((str(v), int(n)) for v, n in _replica_locations(node, data)),
        topology=tuple((str(k), str(v), int(n)) for k, v, n in _topology(node, data)),
        flags=tuple((str(k), str(v), int(n)) for k, v, n in _flags(node, data)),
        env=tuple((str(k), str(v), int(n)) for k, v, n in _env(node, data)),
    )


REPLICA_LISTS = (("spec", "locations", "locationName"),)  # Azure Service Operator: a Cosmos DB account's regions
VOLUME_AFFINITY = ("spec", "nodeAffinity", "required", "nodeSelectorTerms")  # a PersistentVolume's nodes
SPEC_READ = frozenset(  # the entries of `spec` that are read: a large file is composed without the others (yamlskim)
    {
        p[1]
        for p in (*LOCATION_PATHS, *REPLICA_LISTS, *POD_SPEC.values(), VOLUME_AFFINITY)
        if p[0] == "spec" and len(p) > 1
    }
    | {*CONTAINER_LISTS, "nodeSelector", AFFINITY[0]}  # a Pod's `spec` is its pod spec
    | {"csi", "ingressClassName"}  # a volume's driver, an ingress's class
    | {"resources", "pipeline", "patchSets"}  # a Composition's
    | {"values", "url", "source", "sources"}  # a Helm release's values, an OCI chart source's address
    | {"owner"}  # an Azure Service Operator object's owner
)


def _replica_locations(node: Any, data: dict[str, Any]) -> Any:
    """[value, line] of every region a list of an object's locations names (each one holds a copy of the data)."""
    for *path, field in REPLICA_LISTS:
        items = get(data, tuple(path))
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(field), str):
                yield [item[field], _line(node, (*path, i, field))]


def _containers(data: dict[str, Any]) -> Any:
    """(path, container) of every container of a pod-bearing object."""
    path = POD_SPEC.get(data["kind"])
    spec = get(data, path) if path else None
    if not isinstance(spec, dict) or path is None:
        return
    for field in CONTAINER_LISTS:
        containers = spec.get(field)
        for i, container in enumerate(containers if isinstance(containers, list) else []):
            if isinstance(container, dict):
                yield (*path, field, i), container


def _flags(node: Any, data: dict[str, Any]) -> Any:
    """(flag, value, line) of FLAGS in the containers' command and args: `--f=v` or `--f v`."""
    for path, container in _containers(data):
        for part in ("command", "args"):
            words = container.get(part)
            if not isinstance(words, list):
                continue
            for w, word in enumerate(words):
                if not isinstance(word, str):
                    continue
                name, equals, value = word.partition("=")
                if name not in FLAGS:
                    continue
                if not equals:
                    following = words[w + 1] if w + 1 < len(words) else None
                    if not isinstance(following, str):
                        continue
                    value = following
                yield [name, value, _line(node, (*path, part, w))]


def _env(node: Any, data: dict[str, Any]) -> Any:
    """(name, value, line) of ENV variables set to a literal value."""
    for path, container in _containers(data):
        variables = container.get("env")
        for v, variable in enumerate(variables if isinstance(variables, list) else []):
            if isinstance(variable, dict) and variable.get("name") in ENV and isinstance(variable.get("value"), str):
                yield [variable["name"], variable["value"], _line(node, (*path, "env", v, "value"))]


def _topology(node: Any, data: dict[str, Any]) -> Any:
    """(key, value, line) of region and zone constraints: a pod spec's nodeSelector and node affinity, a
    PersistentVolume's node affinity, a StorageClass's allowed topologies, a VolumeSnapshotClass's
    snapshot storage locations."""
    kind = data["kind"]
    if kind == "PersistentVolume":
        yield from _terms(node, data, VOLUME_AFFINITY, "matchExpressions")
        labels = get(data, ("metadata", "labels"))  # the scheduler's VolumeZone filter reads a volume's zone labels
        for key in TOPOLOGY_KEYS if isinstance(labels, dict) else ():
            if isinstance(labels.get(key), str):
                yield [key, labels[key], _line(node, ("metadata", "labels", key))]
    elif kind == "StorageClass":
        yield from _terms(node, data, ("allowedTopologies",), "matchLabelExpressions")
    elif kind == "VolumeSnapshotClass":
        value = get(data, ("parameters", SNAPSHOT_LOCATIONS))
        if isinstance(value, str):
            line = _line(node, ("parameters", SNAPSHOT_LOCATIONS))
            yield from ([SNAPSHOT_LOCATIONS, v.strip(), line] for v in value.split(",") if v.strip())
    path = POD_SPEC.get(kind)
    spec = get(data, path) if path else None
    if not isinstance(spec, dict) or path is None:
        return
    selector = spec.get("nodeSelector")
    if isinstance(selector, dict):
        for key in TOPOLOGY_KEYS:
            if isinstance(selector.get(key), str):
                yield [key, selector[key], _line(node, (*path, "nodeSelector", key))]
    yield from _terms(node, data, (*path, *AFFINITY), "matchExpressions")


def _terms(node: Any, data: dict[str, Any], path: tuple[str, ...], field: str) -> Any:
    """(key, value, line) of each region or zone a list of selector terms allows (`key` In `values`)."""
    terms = get(data, path)
    for t, term in enumerate(terms if isinstance(terms, list) else []):
        expressions = term.get(field) if isinstance(term, dict) else None
        for e, expression in enumerate(expressions if isinstance(expressions, list) else []):
            if not isinstance(expression, dict) or expression.get("key") not in TOPOLOGY_KEYS:
                continue
            implied = "In" if field == "matchLabelExpressions" else None  # label expressions have no operator
            if expression.get("operator", implied) != "In" or not isinstance(expression.get("values"), list):
                continue
            line = _line(node, (*path, t, field, e, "values"))
            yield from ([expression["key"], v, line] for v in expression["values"] if isinstance(v, str))


def _line(node: Any, path: tuple[Any, ...]) -> int:
    found = node_at(node, path)
    return int((found or node).start_mark.line) + 1


def _key_lines(node: Any) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def node_at(node: Any, path: tuple[Any, ...]) -> Any:
    """The YAML node at a path of mapping keys and sequence indexes, or None."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return None
        if node is None:
            return None
    return node
