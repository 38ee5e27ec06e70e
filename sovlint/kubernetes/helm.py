"""Helm chart values → the images a chart deploys, at the line of the values file that names the registry.

Charts spell their images by a few conventions, all read here:
- a mapping with `repository` and `tag`, `digest` or `registry` (`image: {registry, repository,
  tag}` in Bitnami's charts and `helm create`'s scaffold; `redis: {repository, tag}` in others);
  a non-empty `global.imageRegistry` replaces every such mapping's registry, as Bitnami's
  `common.images.image` helper does;
- a key ending in `image` (`image`, `initImage`) whose value is a whole reference;
- under such a key, a mapping with `name` and `tag` or `digest`, itself or one per component.
The values are walked as YAML nodes, never constructed; templated values (`{{ … }}`) are left out.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from typing import Any

import yaml

from sovlint import repository as repo
from sovlint import yamlload
from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError, reported
from sovlint.limits import Limits
from sovlint.model import Finding, Kind, Placement, Resource

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$")
_POLICIES = {"always", "ifnotpresent", "never"}  # pullPolicy values, never images
MAX_DEPTH = 32


def is_values(name: str) -> bool:
    """A chart's values file: `values.yaml`, `values-prod.yaml`, `values.prod.yml`."""
    lower = name.lower()
    return lower.startswith("values") and lower.endswith((".yaml", ".yml"))


def scan(
    files: list[SourceFile], findings: list[Finding], limits: Limits, rendered: set[str] | frozenset[str] = frozenset()
) -> list[tuple[Resource, Placement]]:
    """The images of the values files among `files` that sit beside a Chart.yaml (not of `rendered` charts)."""
    out: list[tuple[Resource, Placement]] = []
    for source in files:
        chart = os.path.join(os.path.dirname(source.real), "Chart.yaml") if source.real else ""
        if source.kind != "yaml" or not is_values(os.path.basename(source.path)) or not os.path.isfile(chart):
            continue
        if not repo.inside(os.path.realpath(chart), (repo.root(source.real),)):
            continue  # a Chart.yaml linked to a file outside the repository is not read
        directory = os.path.dirname(source.path)
        if (directory or ".") in rendered:
            continue  # judged in its rendered output
        try:
            meta = read_text(SourceFile(os.path.join(directory, "Chart.yaml"), chart, "yaml"), limits)
        except ParseError:
            meta = ""
        name = chart_name(meta, os.path.basename(directory) or ".")
        found = reported(source.path, findings, functools.partial(_read, source, limits, name))
        out += [(r, Placement(located=False)) for r in found or []]
    return out


def _read(source: SourceFile, limits: Limits, chart: str) -> list[Resource]:
    return parse(read_text(source, limits), source.path, chart)


def parse(text: str, file: str, chart: str) -> list[Resource]:
    """The images of one values file of the chart named `chart`, as one Resource `Chart/<name>`."""
    try:
        documents = list(yamlload.compose_all(text.removeprefix("\ufeff")))
    except (yaml.YAMLError, RecursionError) as exc:
        raise yamlload.error(exc, "not a values file") from None
    root = documents[0] if documents else None
    if not isinstance(root, yaml.MappingNode):
        return []
    found = list(images(root))
    if not found:
        return []
    end = max(1, root.end_mark.line)
    return [Resource(f"Chart/{chart}", "HelmValues", file, 1, end, kind=Kind.CONTAINER, images=tuple(found))]


def images(root: Any) -> Iterator[tuple[str, int]]:
    """(reference, line) of every image the values name."""
    return ((reference, mark.line + 1) for reference, mark in image_marks(root))


def image_marks(root: Any) -> Iterator[tuple[str, yaml.Mark]]:
    """(reference, mark of the value that names its registry) of every image the values name."""
    override = _scalar(_get(_get(root, "global"), "imageRegistry"))
    stack: list[tuple[str, str, Any, int]] = [("", "", root, 0)]
    seen: set[int] = set()
    while stack:
        key, parent, node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            continue  # an alias reached twice, or nesting beyond any real chart
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            found = _from_mapping(node, key, parent, override)
            if found:
                yield found
                continue
            pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
            stack.extend((str(k.value), key, v, depth + 1) for k, v in reversed(pairs))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((key, parent, v, depth + 1) for v in reversed(node.value))
        elif key.lower().endswith("image") and _reference(node):
            yield str(node.value), node.start_mark


def _from_mapping(node: Any, key: str, parent: str, override: Any) -> tuple[str, yaml.Mark] | None:
    repository = _scalar(_get(node, "repository")) or _image_name(node, key, parent)
    if repository is None or not _reference(repository) or "://" in str(repository.value):
        return None
    registry, tag, digest = (_scalar(_get(node, k)) for k in ("registry", "tag", "digest"))
    declared = any(_get(node, k) is not None for k in ("registry", "tag", "digest"))  # even when left empty
    if not (declared or key.lower().endswith(("image", "images"))):
        return None  # a `repository` that is not an image's (a chart or git repository)
    if override is not None and _reference(override):
        registry = override
    reference = str(repository.value)
    mark = repository.start_mark
    if registry is not None and _reference(registry):
        reference = f"{registry.value}/{reference}"
        mark = registry.start_mark
    if tag is not None and _reference(tag):
        reference += f":{tag.value}"
    if digest is not None and _reference(digest):
        reference += f"@{digest.value}"
    return reference, mark


def _image_name(node: Any, key: str, parent: str) -> Any:
    """`name` as the repository, under an image key and beside a tag or digest: `image: {name, tag}`, or the
    images of several components, `image: {attacher: {name, tag}, driver: {name, tag}}` (Hetzner's CSI chart)."""
    if not any(k.lower().endswith(("image", "images")) for k in (key, parent)):
        return None
    if all(_get(node, k) is None for k in ("tag", "digest")):
        return None
    return _scalar(_get(node, "name"))


def _reference(node: Any) -> bool:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    return bool(value) and value.lower() not in _POLICIES and bool(_REFERENCE.match(value))


def _scalar(node: Any) -> Any:
    return node if isinstance(node, yaml.ScalarNode) and node.value not in ("", "~", "null") else None


def _get(node: Any, name: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)


def chart_name(text: str, default: str) -> str:
    """The `name` in a Chart.yaml, or `default` (the chart's directory name)."""
    try:
        root = next(yamlload.compose_all(text.removeprefix("\ufeff")), None)
    except (yaml.YAMLError, RecursionError):
        return default
    name = _scalar(_get(root, "name"))
    return str(name.value) if name is not None else default
