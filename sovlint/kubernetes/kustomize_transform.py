"""What a kustomization does to the objects it gathers, applied to YAML nodes so that lines survive.

Every node keeps the mark of the file that wrote it: a value set by an overlay's patch or its
`images:` entry points at the overlay. Only what the rules read is transformed: images, names and
namespaces, annotations, and what patches set (strategic merge, merging lists of named items such
as containers by name, and JSON 6902 `add`/`replace`/`remove`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from sovlint.kubernetes.facts import CONTAINER_LISTS, POD_SPEC, node_at

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
MERGE_KEYS = ("name", "containerPort", "mountPath", "devicePath", "ip", "port", "topologyKey")


def scalar(value: str, mark: Any) -> yaml.ScalarNode:
    return yaml.ScalarNode(STR, value, mark, mark)


def get(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def text(node: Any) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) and node.value not in ("~", "null") else ""


def put(node: yaml.MappingNode, key: str, value: Any) -> None:
    """Set `key` in a mapping node, keeping its place when it exists."""
    for i, (k, _) in enumerate(node.value):
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            node.value[i] = (k, value)
            return
    node.value.append((scalar(key, value.start_mark), value))


def ensure(node: yaml.MappingNode, key: str, mark: Any) -> yaml.MappingNode:
    found = get(node, key)
    if not isinstance(found, yaml.MappingNode):
        found = yaml.MappingNode(MAP, [], mark, mark)
        put(node, key, found)
    return found


def kind_and_name(obj: yaml.MappingNode) -> tuple[str, str, str]:
    meta = get(obj, "metadata")
    return text(get(obj, "kind")), text(get(meta, "name")), text(get(meta, "namespace"))


def image_nodes(obj: yaml.MappingNode) -> Iterator[tuple[yaml.MappingNode, Any]]:
    """(container, image node) of every container of a pod-bearing object."""
    path = POD_SPEC.get(text(get(obj, "kind")))
    spec = node_at(obj, path) if path else None
    for field in CONTAINER_LISTS:
        containers = get(spec, field)
        for container in containers.value if isinstance(containers, yaml.SequenceNode) else []:
            image = get(container, "image")
            if isinstance(container, yaml.MappingNode) and isinstance(image, yaml.ScalarNode) and image.value:
                yield container, image


def set_images(obj: yaml.MappingNode, entries: Any) -> list[tuple[Any, Any]]:
    """Apply an `images:` list (`name` matched against the image without tag or digest); (new, old) nodes."""
    changed = []
    for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
        name = text(get(entry, "name"))
        if not name:
            continue
        for container, image in image_nodes(obj):
            base, tag = _split(str(image.value))
            if base != name:
                continue
            new_name, new_tag, digest = (get(entry, k) for k in ("newName", "newTag", "digest"))
            reference = (text(new_name) or base) + (
                f"@{text(digest)}" if text(digest) else f":{text(new_tag)}" if text(new_tag) else tag
            )
            mark = new_name.start_mark if text(new_name) else image.start_mark  # who decides the registry
            new = scalar(reference, mark)
            put(container, "image", new)
            changed.append((new, image))
    return changed


def _split(reference: str) -> tuple[str, str]:
    """('registry/name', ':tag' or '@digest' or '')."""
    if "@" in reference:
        base, digest = reference.split("@", 1)
        return base.rsplit(":", 1)[0] if ":" in base.rsplit("/", 1)[-1] else base, "@" + digest
    last = reference.rsplit("/", 1)[-1]
    if ":" in last:
        base, tag = reference.rsplit(":", 1)
        return base, ":" + tag
    return reference, ""


def rename(obj: yaml.MappingNode, namespace: Any, prefix: str, suffix: str) -> None:
    kind = text(get(obj, "kind"))
    meta = ensure(obj, "metadata", obj.start_mark)
    name = get(meta, "name")
    if (prefix or suffix) and isinstance(name, yaml.ScalarNode) and kind != "Namespace":
        put(meta, "name", scalar(f"{prefix}{name.value}{suffix}", name.start_mark))
    if text(namespace) and kind not in CLUSTER_KINDS:
        put(meta, "namespace", scalar(text(namespace), namespace.start_mark))


CLUSTER_KINDS = frozenset(
    {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PersistentVolume"}
    | {"CSIDriver", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}
)


def annotate(obj: yaml.MappingNode, annotations: Any) -> None:
    if not isinstance(annotations, yaml.MappingNode):
        return
    target = ensure(ensure(obj, "metadata", obj.start_mark), "annotations", annotations.start_mark)
    for k, v in annotations.value:
        if isinstance(k, yaml.ScalarNode):
            put(target, str(k.value), v)


def label(obj: yaml.MappingNode, pairs: Any, selectors: bool, templates: bool) -> None:
    """Kustomize's labels: on metadata.labels; with `selectors` (as `commonLabels` always does) on the
    selectors and the pod template's labels too; with `templates`, on the pod template's labels."""
    if not isinstance(pairs, yaml.MappingNode):
        return
    mark = pairs.start_mark
    targets = [ensure(ensure(obj, "metadata", obj.start_mark), "labels", mark)]
    kind, spec = text(get(obj, "kind")), get(obj, "spec")
    pod = POD_SPEC.get(kind, ())
    template = node_at(obj, pod[:-1]) if len(pod) > 1 else None
    if (selectors or templates) and isinstance(template, yaml.MappingNode):
        targets.append(ensure(ensure(template, "metadata", mark), "labels", mark))
    if selectors and isinstance(spec, yaml.MappingNode):
        if kind in ("Service", "ReplicationController"):
            targets.append(ensure(spec, "selector", mark))
        elif kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
            targets.append(ensure(ensure(spec, "selector", mark), "matchLabels", mark))
    for target in targets:
        for key, value in pairs.value:
            if isinstance(key, yaml.ScalarNode):
                put(target, str(key.value), value)


def merge(target: Any, patch: Any, depth: int = 0) -> Any:
    """A strategic merge patch: mappings merged key by key (null deletes), named items merged by name."""
    if depth > 64:
        return target
    if isinstance(target, yaml.MappingNode) and isinstance(patch, yaml.MappingNode):
        for k, v in patch.value:
            if not isinstance(k, yaml.ScalarNode) or str(k.value).startswith("$"):
                continue
            if isinstance(v, yaml.ScalarNode) and v.tag.endswith(":null"):
                target.value = [(a, b) for a, b in target.value if getattr(a, "value", None) != k.value]
                continue
            current = get(target, str(k.value))
            put(target, str(k.value), merge(current, v, depth + 1) if current is not None else v)
        return target
    if isinstance(target, yaml.SequenceNode) and isinstance(patch, yaml.SequenceNode):
        key = _merge_key(patch)
        if key is None:
            return patch
        items = list(target.value)
        for item in patch.value:
            same = next((t for t in items if text(get(t, key)) == text(get(item, key))), None)
            if same is not None:
                merge(same, item, depth + 1)
            else:
                items.append(item)
        target.value = items
        return target
    return patch


def _merge_key(sequence: yaml.SequenceNode) -> str | None:
    for key in MERGE_KEYS:
        if sequence.value and all(text(get(item, key)) for item in sequence.value):
            return key
    return None


def json6902(obj: yaml.MappingNode, operations: Any) -> None:
    """Apply `add`, `replace` and `remove` operations; the others change nothing the rules read."""
    for operation in operations.value if isinstance(operations, yaml.SequenceNode) else []:
        op, path, value = text(get(operation, "op")), text(get(operation, "path")), get(operation, "value")
        steps = [s.replace("~1", "/").replace("~0", "~") for s in path.split("/")[1:]]
        if not steps or op not in ("add", "replace", "remove"):
            continue
        parent = node_at(obj, tuple(int(s) if re.fullmatch(r"\d+", s) else s for s in steps[:-1]))
        last = steps[-1]
        if isinstance(parent, yaml.MappingNode):
            if op == "remove":
                parent.value = [(k, v) for k, v in parent.value if getattr(k, "value", None) != last]
            elif value is not None:
                put(parent, last, value)
        elif isinstance(parent, yaml.SequenceNode):
            index = len(parent.value) if last == "-" else int(last) if last.isdigit() else -1
            if 0 <= index <= len(parent.value):
                if op == "remove" and index < len(parent.value):
                    del parent.value[index]
                elif op == "add" and value is not None:
                    parent.value.insert(index, value)
                elif op == "replace" and value is not None and index < len(parent.value):
                    parent.value[index] = value
