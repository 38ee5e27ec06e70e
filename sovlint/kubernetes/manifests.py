"""Kubernetes manifests → Resources: every document, `List` kinds expanded, lines of objects and images.

YAML that holds no Kubernetes object (CI files, Helm values, compose files, kustomization.yaml, and the
configurations of tools such as Skaffold and kind: toolconfig.py) yields None and is skipped without a finding.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from sovlint import yamlload, yamlskim
from sovlint.errors import ParseError
from sovlint.kubernetes import compositions, releases, toolconfig
from sovlint.kubernetes.facts import CONTAINER_LISTS, POD_SPEC, SPEC_READ, facts_of, get, node_at
from sovlint.model import Kind, Resource

_K8S_HINT = re.compile(r"^\s*apiVersion\s*:", re.M)
_SHELL_BRACES = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def parse(text: str, file: str) -> list[Resource] | None:
    """The Kubernetes objects of a YAML file, or None when the file holds none; ParseError at its first error."""
    resources, error = read(text, file)
    if error is not None:
        raise error
    return resources


def read(text: str, file: str) -> tuple[list[Resource] | None, ParseError | None]:
    """The Kubernetes objects of a YAML file (None when it holds none) and its first error.

    A value that does not fit its tag (`replicas: !!int x`) spoils only its own document: the others are
    read. An error in the YAML's structure ends the file, as the documents after it cannot be told apart.
    """
    text = text.removeprefix("\ufeff")
    skimmed = _skimmed(text)
    found = (skimmed, None) if skimmed is not None else _documents(text)
    if found is None:
        return None, None
    documents, first = found
    if first is not None and not _looks_like_kubernetes(text):
        return None, None
    if "*" in text:  # aliases are shared, never copied, but a consumer of the data might expand them
        for node, _ in documents:
            size = yamlload.expanded_size(node)
            if size > MAX_EXPANDED_NODES:
                raise ParseError(f"skipped: its YAML aliases would expand to more than {MAX_EXPANDED_NODES:,} nodes")
        if yamlload.alias_growth([node for node, _ in documents]) > MAX_ALIAS_GROWTH:  # across documents and items
            raise ParseError(f"skipped: its YAML aliases would add more than {MAX_ALIAS_GROWTH:,} nodes once expanded")
    objects = [found for node, data in documents for found in _objects(node, data)]
    resources = [_from_composite(_resource(n, item, file), patched) for n, item, patched in objects]
    for i in _owned_parts([item for _, item, _ in objects]):
        facts = resources[i].facts
        if facts is not None:  # a part repeats its owner's location: the owner carries it (SPEC: parts)
            resources[i] = resources[i]._replace(facts=facts._replace(location=()))
    return (resources if resources else None), first


def _from_composite(resource: Resource, patched: tuple[str, ...]) -> Resource:
    """A composed resource whose location a patch sets from the composite: marked so (compositions.COMPOSITE)."""
    if not patched or resource.facts is None:
        return resource
    marks = tuple((compositions.COMPOSITE + path, "", resource.line) for path in patched)
    return resource._replace(facts=resource.facts._replace(location=resource.facts.location + marks))


def _owned_parts(items: list[dict[str, Any]]) -> list[int]:
    """The objects whose `spec.owner` (Azure Service Operator's) names an object of the same file and namespace
    that has an owner itself: a database of a server, a container of a database. An object owned by one with
    no owner (a resource group) is a resource of its own."""

    def owner(item: dict[str, Any]) -> str | None:
        spec = item.get("spec")
        found = spec.get("owner") if isinstance(spec, dict) else None
        name = found.get("name") if isinstance(found, dict) else None
        return name if isinstance(name, str) and name else None

    def key(item: dict[str, Any], name: Any) -> tuple[str, str]:
        meta = item.get("metadata") if isinstance(item.get("metadata"), dict) else {}
        namespace = str(meta.get("namespace") or "") if isinstance(meta, dict) else ""
        return namespace, _SHELL_BRACES.sub(r"$\1", str(name))  # `${APP}-db` and `$APP-db`: one name for envsubst

    names = {key(item, (item.get("metadata") or {}).get("name")) for item in items if owner(item)}
    return [i for i, item in enumerate(items) if (name := owner(item)) and key(item, name) in names]


MAX_EXPANDED_NODES = 1_000_000
MAX_ALIAS_GROWTH = 100_000  # nodes that aliases may add to one file (real manifests: a few hundred)
SKIM_MIN_CHARS = 4096  # a file this large is composed without the `spec` entries no fact reads, where safe


def _documents(text: str) -> tuple[list[tuple[Any, Any]], ParseError | None] | None:
    """Each document's node and data, and the first value that does not fit its tag; None when the file is not
    YAML and does not look like Kubernetes (ParseError when it does)."""
    documents = []
    first: ParseError | None = None
    try:
        for node in yamlload.compose_all(text):
            try:
                documents.append((node, yamlload.construct(node)))
            except yaml.constructor.ConstructorError as exc:
                first = first or yamlload.error(exc, "invalid YAML", text)
    except (yaml.YAMLError, RecursionError) as exc:
        if not _looks_like_kubernetes(text):
            return None
        raise yamlload.error(exc, "invalid YAML", text) from None
    return documents, first


def _skimmed(text: str) -> list[tuple[Any, Any]] | None:
    """Each document's node and data, its `spec` entries that nothing reads left out (yamlskim); None unless the
    file is large, has no alias (their count covers every node) and reads without error."""
    if len(text) < SKIM_MIN_CHARS or "*" in text:
        return None
    nodes = yamlskim.compose(text, "spec", SPEC_READ)
    try:
        return None if nodes is None else [(node, yamlload.construct(node)) for node in nodes]
    except yaml.constructor.ConstructorError:
        return None  # read whole: the first error reported is the one met in order


def _looks_like_kubernetes(text: str) -> bool:
    # Helm chart templates ({{ … }}) are not manifests: they must be rendered first (`helm template … | sovlint -`).
    looks = bool(_K8S_HINT.search(text)) and "kind:" in text and "{{" not in text
    return looks and not toolconfig.only_tool_configs(text)


def _is_object(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    api, kind = data.get("apiVersion"), data.get("kind")
    return isinstance(api, str) and isinstance(kind, str) and not toolconfig.is_tool_config(api, kind)


def _objects(node: Any, data: Any) -> Any:
    if not _is_object(data):
        return
    if data["kind"] == "Composition" and data["apiVersion"].startswith("apiextensions.crossplane.io/"):
        yield node, data, ()
        yield from compositions.composed(node, data, _is_object)
        return
    items = data.get("items")
    if data["kind"].endswith("List") and isinstance(items, list):
        items_node = node_at(node, ("items",))
        for i, item in enumerate(items):
            item_node = node_at(items_node, (i,)) if items_node is not None else None
            if _is_object(item):
                yield (item_node or node), item, ()
        return
    yield node, data, ()


def _resource(node: Any, data: dict[str, Any], file: str) -> Resource:
    meta: dict[str, Any] = data["metadata"] if isinstance(data.get("metadata"), dict) else {}
    name = str(meta.get("name") or meta.get("generateName") or "<unnamed>")
    namespace = meta.get("namespace")
    kind = data["kind"]
    address = f"{namespace}/{kind}/{name}" if isinstance(namespace, str) and namespace else f"{kind}/{name}"
    end = node.end_mark.line + (1 if node.end_mark.column else 0)
    return Resource(
        address=address,
        type=kind,
        file=file,
        line=node.start_mark.line + 1,
        end_line=max(end, node.start_mark.line + 1),
        kind=Kind.KUBERNETES,
        facts=facts_of(node, data, meta),
        images=tuple(_images(node, data)),
    )


def _images(node: Any, data: dict[str, Any]) -> Any:
    yield from _pod_images(node, data)
    yield from releases.images(node)


def _pod_images(node: Any, data: dict[str, Any]) -> Any:
    path = POD_SPEC.get(data["kind"])
    if path is None:
        return
    spec = get(data, path)
    if not isinstance(spec, dict):
        return
    for field in CONTAINER_LISTS:
        containers = spec.get(field)
        if not isinstance(containers, list):
            continue
        for i, container in enumerate(containers):
            image = container.get("image") if isinstance(container, dict) else None
            if isinstance(image, str) and image and "${" not in image:  # a template's, filled when it is used
                image_node = node_at(node, (*path, field, i, "image"))
                line = image_node.start_mark.line + 1 if image_node is not None else node.start_mark.line + 1
                yield image, line
