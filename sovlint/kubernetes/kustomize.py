"""Kustomize, statically: each kustomization that no other one uses is a root, built as `kustomize build` would.

A build gathers its `resources` (and the older `bases`): manifest files, and directories holding a
kustomization, built first; then applies its `components`, `patches` (strategic merge and JSON
6902, also the older `patchesStrategicMerge` and `patchesJson6902`), `namePrefix`/`nameSuffix`,
`namespace`, `commonAnnotations`, `commonLabels`, `labels` and `images`. Nothing is fetched: a
remote base is a note, and so are generators and transformers that run code. Every file read stays
inside the scanned trees. The objects built keep the line of whoever set each value, so that an
image an overlay replaces points at the overlay's `newName`, a node selector a patch sets at the
patch's line.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from sovlint import yamlload
from sovlint.errors import ParseError
from sovlint.kubernetes import KUSTOMIZATION_FILES
from sovlint.kubernetes import kustomize_transform as tf
from sovlint.kubernetes.manifests import MAX_EXPANDED_NODES

MAX_DEPTH = 16
_NOT_APPLIED = {  # what a build leaves out, and why a user should know
    "generators": "generator configurations and plugins are not run: what they would add is not judged",
    "transformers": "transformer configurations and plugins are not run: what they would change is not judged",
    "helmCharts": "charts are not rendered: render the build (kustomize build --enable-helm) into sovlint -",
    "replacements": "values copied between objects are not followed",
}
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/|gitlab\.com/|bitbucket\.org/)", re.I)


@dataclass(slots=True)
class Obj:
    """One object a build yields: its node (marks name the file that wrote each value) and original name."""

    node: yaml.MappingNode
    original: str
    replaced: dict[int, Any] = field(default_factory=dict)  # id of an image node -> mark of the image it replaced


@dataclass(slots=True)
class Kustomizer:
    """Builds kustomizations; `read(path)` returns a file's text or raises ParseError, `inside(path)` guards reads."""

    read: Callable[[str], str]
    inside: Callable[[str], bool]
    notes: list[str] = field(default_factory=list)
    errors: dict[str, ParseError] = field(default_factory=dict)  # file -> why it could not be read
    used: set[str] = field(default_factory=set)  # every file a build read
    _documents: dict[str, list[Any]] = field(default_factory=dict)

    def references(self, directory: str) -> list[str]:
        """The local directories a kustomization uses (resources, bases, components)."""
        config = self._kustomization(directory)
        out = []
        for key in ("resources", "bases", "components"):
            for entry, _ in _entries(tf.get(config, key)):
                path = os.path.normpath(os.path.join(directory, entry))
                if not _REMOTE.match(entry) and self._kustomization_file(path):
                    out.append(path)
        return out

    def build(self, directory: str, stack: tuple[str, ...] = ()) -> list[Obj]:
        config = self._kustomization(directory)
        where = self._kustomization_file(directory) or directory
        if config is None or len(stack) > MAX_DEPTH:
            return []
        stack = (*stack, os.path.realpath(directory))
        objects: list[Obj] = []
        for key in ("resources", "bases"):
            for entry, line in _entries(tf.get(config, key)):
                objects += self._resource(directory, entry, f"{where}:{line}", stack)
        for entry, line in _entries(tf.get(config, "components")):
            path = os.path.normpath(os.path.join(directory, entry))
            if os.path.realpath(path) in stack or not self._kustomization_file(path):
                self.notes.append(f"{where}:{line}: component {entry} is not a local kustomization; not applied")
                continue
            component = self._kustomization(path)
            objects = self._component(path, component, objects, stack)
        for key, why in _NOT_APPLIED.items():
            if tf.get(config, key) is not None:
                self.notes.append(f"{where}: `{key}` is not applied ({why})")
        self._transform(directory, config, objects)
        return objects

    def _component(self, path: str, component: Any, objects: list[Obj], stack: tuple[str, ...]) -> list[Obj]:
        where = self._kustomization_file(path) or path
        for key in ("resources", "bases"):
            for entry, line in _entries(tf.get(component, key)):
                objects += self._resource(path, entry, f"{where}:{line}", stack)
        self._transform(path, component, objects)
        return objects

    def _resource(self, directory: str, entry: str, where: str, stack: tuple[str, ...]) -> list[Obj]:
        if _REMOTE.match(entry):
            self.notes.append(f"{where}: {entry} is a remote base; it is not fetched, its objects are not scanned")
            return []
        path = os.path.normpath(os.path.join(directory, entry))
        if not self.inside(path):
            self.notes.append(f"{where}: {entry} is outside the scanned tree; not read")
            return []
        if self._kustomization_file(path):
            if os.path.realpath(path) in stack:
                self.notes.append(f"{where}: {entry} is already being built (a cycle)")
                return []
            return self.build(path, stack)
        documents = self._load(path)
        if documents is None:
            self.notes.append(f"{where}: {entry} cannot be read")
            return []
        return [Obj(n, tf.kind_and_name(n)[1]) for n in copy.deepcopy(documents) if _is_object(n)]

    def _transform(self, directory: str, config: Any, objects: list[Obj]) -> None:
        for patch, target in self._patches(directory, config):
            for obj in objects:
                if _matches(obj, target):
                    if isinstance(patch, yaml.SequenceNode):
                        tf.json6902(obj.node, copy.deepcopy(patch))
                    else:
                        tf.merge(obj.node, copy.deepcopy(patch))
        prefix, suffix = tf.text(tf.get(config, "namePrefix")), tf.text(tf.get(config, "nameSuffix"))
        namespace, annotations, images = (tf.get(config, k) for k in ("namespace", "commonAnnotations", "images"))
        labels = [(tf.get(config, "commonLabels"), True, True)] + [
            (tf.get(e, "pairs"), _true(tf.get(e, "includeSelectors")), _true(tf.get(e, "includeTemplates")))
            for e in _items(tf.get(config, "labels"))
        ]
        for obj in objects:
            tf.rename(obj.node, namespace, prefix, suffix)
            tf.annotate(obj.node, annotations)
            for pairs, selectors, templates in labels:
                tf.label(obj.node, pairs, selectors, templates)
            for new, old in tf.set_images(obj.node, images):
                obj.replaced[id(new)] = obj.replaced.pop(id(old), old.start_mark)

    def _patches(self, directory: str, config: Any) -> list[tuple[Any, dict[str, str]]]:
        """(patch node, target) of every patch: a target of {} means the patch names its own object."""
        out: list[tuple[Any, dict[str, str]]] = []
        entries = [(e, True) for e in _items(tf.get(config, "patches"))]
        entries += [(e, True) for e in _items(tf.get(config, "patchesJson6902"))]
        for e in _items(tf.get(config, "patchesStrategicMerge")):
            entries.append((e if isinstance(e, yaml.MappingNode) and tf.get(e, "kind") else e, False))
        for entry, keyed in entries:
            if keyed and isinstance(entry, yaml.MappingNode) and tf.get(entry, "kind") is None:
                body = self._patch_body(directory, tf.get(entry, "path"), tf.get(entry, "patch"))
                target = tf.get(entry, "target")
                wanted = {k: tf.text(tf.get(target, k)) for k in ("kind", "name", "namespace")} if target else {}
            else:
                inline = entry if isinstance(entry, yaml.ScalarNode) and "\n" in str(entry.value) else None
                body = entry if isinstance(entry, yaml.MappingNode) else None
                body = body or self._patch_body(directory, None if inline else entry, inline)
                wanted = {}
            if body is not None:
                if not wanted and isinstance(body, yaml.MappingNode):
                    kind, name, namespace = tf.kind_and_name(body)
                    wanted = {"kind": kind, "name": name, "namespace": namespace}
                out.append((body, {k: v for k, v in wanted.items() if v}))
        return out

    def _patch_body(self, directory: str, path: Any, inline: Any) -> Any:
        if isinstance(inline, yaml.ScalarNode) and inline.value:
            mark = inline.start_mark
            try:
                nodes = _compose(str(inline.value), mark.name, mark.line + 1)
            except ParseError as error:
                self.notes.append(f"{mark.name}:{mark.line + 1}: inline patch is not YAML ({error.message})")
                return None
            return nodes[0] if nodes else None
        if not tf.text(path):
            return None
        file = os.path.normpath(os.path.join(directory, tf.text(path)))
        documents = self._load(file) if self.inside(file) else None
        return documents[0] if documents else None

    def _kustomization_file(self, directory: str) -> str | None:
        for name in KUSTOMIZATION_FILES:
            path = os.path.join(directory, name) if directory != "." else name
            if os.path.isfile(path) and self.inside(path):
                return path
        return None

    def _kustomization(self, directory: str) -> Any:
        path = self._kustomization_file(directory)
        documents = self._load(path) if path else None
        return documents[0] if documents and isinstance(documents[0], yaml.MappingNode) else None

    def _load(self, path: str) -> list[Any] | None:
        """The documents of a file as nodes (marks name the file), read once; None when unreadable."""
        if path not in self._documents:
            self.used.add(path)
            try:
                self._documents[path] = _compose(self.read(path), path, 0)
            except ParseError as error:
                self.errors[path] = error
                self._documents[path] = []
                return None
        return self._documents[path] if path not in self.errors else None


def _compose(text: str, name: str, offset: int) -> list[Any]:
    nodes = []
    try:
        for node in yamlload.compose_all(("\n" * offset) + text.removeprefix("\ufeff"), name):
            if yamlload.expanded_size(node) > MAX_EXPANDED_NODES:
                raise ParseError(f"skipped: its YAML aliases would expand to more than {MAX_EXPANDED_NODES:,} nodes")
            nodes.append(node)
    except (yaml.YAMLError, RecursionError) as exc:
        raise yamlload.error(exc, offset=offset) from None
    return nodes


def _entries(node: Any) -> list[tuple[str, int]]:
    return [(str(n.value), n.start_mark.line + 1) for n in _items(node) if isinstance(n, yaml.ScalarNode) and n.value]


def _items(node: Any) -> list[Any]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _true(node: Any) -> bool:
    return tf.text(node).lower() == "true"


def _is_object(node: Any) -> bool:
    return (
        isinstance(node, yaml.MappingNode)
        and bool(tf.text(tf.get(node, "kind")))
        and bool(tf.text(tf.get(node, "apiVersion")))
    )


def _matches(obj: Obj, target: dict[str, str]) -> bool:
    kind, name, namespace = tf.kind_and_name(obj.node)
    if target.get("kind") and target["kind"] != kind:
        return False
    if target.get("namespace") and target["namespace"] != namespace:
        return False
    wanted = target.get("name")
    if not wanted:
        return True
    try:
        return any(re.fullmatch(wanted, n) for n in (name, obj.original))
    except re.error:
        return wanted in (name, obj.original)
