"""Kubernetes manifests → Resources: every document, `List` kinds expanded, lines of objects and images.

YAML that holds no Kubernetes object (CI files, Helm values, compose files, kustomization.yaml)
yields None and is skipped without a finding.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from sovlint import yamlload
from sovlint.errors import ParseError
from sovlint.model import Resource

# Where the pod spec sits in each pod-bearing kind.
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
_K8S_HINT = re.compile(r"^\s*apiVersion\s*:", re.M)


def parse(text: str, file: str) -> list[Resource] | None:
    """The Kubernetes objects of a YAML file, or None when the file holds none."""
    text = text.removeprefix("\ufeff")
    documents = []
    try:
        for loader, node in yamlload.compose_all(text):
            documents.append((node, loader.construct_document(node)))
    except yaml.MarkedYAMLError as exc:
        if not _looks_like_kubernetes(text):
            return None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            problem = "a tab is used for indentation; YAML allows only spaces"
        raise ParseError(f"invalid YAML: {problem}", line, column) from None
    except (yaml.YAMLError, RecursionError) as exc:
        if not _looks_like_kubernetes(text):
            return None
        raise ParseError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'nesting too deep'}") from None
    resources = []
    for node, data in documents:
        for item_node, item in _objects(node, data):
            resources.append(_resource(item_node, item, file))
    return resources if resources else None


def _looks_like_kubernetes(text: str) -> bool:
    # Helm chart templates ({{ … }}) are not manifests: they must be rendered first (`helm template … | sovlint -`).
    return bool(_K8S_HINT.search(text)) and "kind:" in text and "{{" not in text


def _is_object(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("apiVersion"), str) and isinstance(data.get("kind"), str)


def _objects(node: Any, data: Any) -> Any:
    if not _is_object(data):
        return
    items = data.get("items")
    if data["kind"].endswith("List") and isinstance(items, list):
        items_node = node_at(node, ("items",))
        for i, item in enumerate(items):
            item_node = node_at(items_node, (i,)) if items_node is not None else None
            if _is_object(item):
                yield (item_node or node), item
        return
    yield node, data


def _resource(node: Any, data: dict[str, Any], file: str) -> Resource:
    meta: dict[str, Any] = data["metadata"] if isinstance(data.get("metadata"), dict) else {}
    name = str(meta.get("name") or meta.get("generateName") or "<unnamed>")
    namespace = meta.get("namespace")
    kind = data["kind"]
    address = f"{namespace}/{kind}/{name}" if namespace else f"{kind}/{name}"
    end = node.end_mark.line + (1 if node.end_mark.column else 0)
    return Resource(
        address=address,
        type=kind,
        file=file,
        line=node.start_mark.line + 1,
        end_line=max(end, node.start_mark.line + 1),
        kind="kubernetes",
        body=data,
        images=tuple(_images(node, data)),
    )


def _images(node: Any, data: dict[str, Any]) -> Any:
    path = POD_SPEC.get(data["kind"])
    if path is None:
        return
    spec = _get(data, path)
    if not isinstance(spec, dict):
        return
    for field in CONTAINER_LISTS:
        containers = spec.get(field)
        if not isinstance(containers, list):
            continue
        for i, container in enumerate(containers):
            image = container.get("image") if isinstance(container, dict) else None
            if isinstance(image, str) and image:
                image_node = node_at(node, (*path, field, i, "image"))
                line = image_node.start_mark.line + 1 if image_node is not None else node.start_mark.line + 1
                yield image, line


def _get(data: Any, path: tuple[Any, ...]) -> Any:
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
