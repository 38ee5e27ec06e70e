"""Kustomize in a scan: the root kustomizations built, their objects turned into Resources for the rules.

A kustomization that another scanned one uses (a base, a component) is judged only through the
roots that use it, and the files a build reads are not judged again on their own. An image that a
kustomization's `images:` entry replaced is reported at that entry's `newName`, with the image it
replaced as a related location; an object that several overlays leave alone is reported once.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from sovlint import repository, yamlload
from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError, parse_error, unexpected
from sovlint.kubernetes import is_kustomization, releases
from sovlint.kubernetes import kustomize_transform as tf
from sovlint.kubernetes.kustomize import Kustomizer, Obj
from sovlint.kubernetes.manifests import _resource as resource_of
from sovlint.limits import Limits
from sovlint.model import Finding, Kind, Origin, Placement, Resource


@dataclass(slots=True)
class KustomizeScan:
    resources: list[tuple[Resource, tuple[Origin, ...]]] = field(default_factory=list)  # with the images replaced
    used: set[str] = field(default_factory=set)  # files read by a build: not judged on their own
    notes: list[str] = field(default_factory=list)
    errors: dict[str, ParseError] = field(default_factory=dict)


def scan(paths: list[str], read: Callable[[str], str], inside: Callable[[str], bool]) -> KustomizeScan:
    """Build every root among the kustomization files in `paths` (display paths)."""
    kustomizer = Kustomizer(read, inside)
    directories = sorted({os.path.dirname(p) or "." for p in paths if is_kustomization(p)})
    used = {os.path.normpath(r) for d in directories for r in kustomizer.references(d)}
    result = KustomizeScan()
    seen: set[tuple[Any, ...]] = set()
    for directory in directories:
        if os.path.normpath(directory) in used:
            continue  # a base or component: judged through the kustomizations that use it
        for obj in kustomizer.build(directory):
            for resource, origins in resources(obj):
                kept = _unseen(resource, origins, seen)
                if kept is not None:
                    result.resources.append((kept, origins))
    result.used, result.notes, result.errors = kustomizer.used, kustomizer.notes, kustomizer.errors
    return result


def _unseen(resource: Resource, origins: tuple[Origin, ...], seen: set[tuple[Any, ...]]) -> Resource | None:
    """What two roots have not both built already: overlays that leave an object alone build it alike."""
    where = (resource.file, resource.address)
    if resource.kind == Kind.CONTAINER:
        key: tuple[Any, ...] = (*where, resource.line, resource.images, origins)
        if key in seen:
            return None
        seen.add(key)
        return resource
    images = tuple(i for i in resource.images if (*where, i) not in seen)
    seen.update((*where, i) for i in images)
    key = (*where, resource.line, json.dumps(resource.facts.to_data() if resource.facts else None, sort_keys=True))
    if key in seen and not images:
        return None
    seen.add(key)
    return resource._replace(images=images)


def resources(obj: Obj) -> list[tuple[Resource, tuple[Origin, ...]]]:
    """The object as a Resource of its own file (its facts saying which values another file set), and one
    Resource per image another file decided."""
    file = obj.node.start_mark.name
    images = [(str(image.value), image.start_mark, id(image)) for _, image in tf.image_nodes(obj.node)]
    images += [(reference, mark, id(mark)) for reference, mark in releases.image_marks(obj.node)]
    node = copy.deepcopy(obj.node)  # nodes an overlay set may be shared by the objects it built
    moved = _moved_lines(node, file)
    data = yamlload.construct(node)
    resource = resource_of(node, data, file)
    if moved and resource.facts is not None:
        resource = resource._replace(facts=resource.facts._replace(moved=moved))
    own = tuple((ref, mark.line + 1) for ref, mark, _ in images if mark.name == file)
    out: list[tuple[Resource, tuple[Origin, ...]]] = [(resource._replace(images=own), ())]
    for ref, mark, key in images:
        if mark.name == file:
            continue
        old = obj.replaced.get(key)
        origins = (Origin(old.name, old.line + 1, "image it replaces"),) if old else ()
        line = mark.line + 1
        image = Resource(resource.address, resource.type, mark.name, line, line, Kind.CONTAINER, images=((ref, line),))
        out.append((image, origins))
    return out


def _moved_lines(root: Any, file: str) -> tuple[tuple[str, int], ...]:
    """Values another file set (a patch, an overlay's labels) get lines -1, -2, …: the (file, line) each one
    stands for, in that order (KubeFacts.moved), so that a finding on them points where they were set."""
    places: dict[tuple[str, int], int] = {}
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        mark = node.start_mark
        if mark.name != file:
            index = places.setdefault((mark.name, mark.line + 1), len(places) + 1)
            node.start_mark = node.end_mark = yaml.Mark(file, 0, -index - 1, 0, None, None)  # type: ignore[arg-type]
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return tuple(places)


@dataclass(slots=True)
class Built:
    """What the kustomizations among the scanned files build, ready for the engine."""

    objects: list[Resource] = field(default_factory=list)  # placed like any manifest
    images: list[tuple[Resource, Placement]] = field(default_factory=list)  # images an overlay decided
    used: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def build_all(files: list[SourceFile], findings: list[Finding], limits: Limits, roots: tuple[str, ...]) -> Built:
    """Build the root kustomizations among `files`; reads stay inside `roots` (real paths)."""
    built = Built()
    if not any(is_kustomization(f.path) for f in files):
        return built
    named = {f.path: f for f in files}
    top = roots or (os.path.realpath("."),)

    def read(path: str) -> str:
        return read_text(named.get(path) or SourceFile(path, os.path.realpath(path), "yaml"), limits)

    def inside(path: str) -> bool:
        return repository.inside(os.path.realpath(path), top)

    try:
        result = scan([f.path for f in files if f.kind == "yaml"], read, inside)
    except Exception as exc:  # whatever the build meets, the kustomizations get a SOV000, the scan goes on
        first = min(f.path for f in files if is_kustomization(f.path))
        findings.append(parse_error(first, ParseError(f"the kustomizations could not be built: {unexpected(exc)}")))
        return built
    for resource, origins in result.resources:
        if resource.kind == Kind.CONTAINER:
            built.images.append((resource, Placement(located=False, via=origins)))
        else:
            built.objects.append(resource)
    for path, error in sorted(result.errors.items()):
        if path in named:
            findings.append(parse_error(path, error))
    built.used, built.notes = result.used, result.notes
    return built
