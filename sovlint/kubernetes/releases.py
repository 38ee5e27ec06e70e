"""Objects of GitOps controllers that pull images or charts: the values of a Helm release, an OCI chart source.

- Flux's `HelmRelease` (`spec.values`) and Argo CD's `Application` (`spec.source.helm.valuesObject`, and each
  of `spec.sources`) give a chart values, read by the conventions of a chart's `values.yaml`: an image the
  values name is pulled wherever the chart runs.
- Flux's `OCIRepository`, and a `HelmRepository` of `type: oci`, pull charts (or manifests) from a container
  registry at `spec.url` (`oci://quay.io/jetstack/charts/cert-manager`): the registry is judged as an image's.
The object is read as YAML nodes, so that a value a Kustomize patch set keeps the mark of the file that set it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from sovlint.kubernetes import helm
from sovlint.kubernetes.facts import node_at

_OCI = "oci://"


def images(node: Any) -> Iterator[tuple[str, int]]:
    """(reference, line) of the images and OCI artifacts an object makes its controller pull."""
    return ((reference, mark.line + 1) for reference, mark in image_marks(node))


def image_marks(node: Any) -> Iterator[tuple[str, yaml.Mark]]:
    """(reference, mark of the value naming its registry) of the images and OCI artifacts an object pulls."""
    api, kind = _text(node_at(node, ("apiVersion",))), _text(node_at(node, ("kind",)))
    group = api.split("/", 1)[0]
    if group == "helm.toolkit.fluxcd.io" and kind == "HelmRelease":
        yield from helm.image_marks(node_at(node, ("spec", "values")))
    elif group == "argoproj.io" and kind == "Application":
        yield from helm.image_marks(node_at(node, ("spec", "source", "helm", "valuesObject")))
        sources = node_at(node, ("spec", "sources"))
        for source in sources.value if isinstance(sources, yaml.SequenceNode) else []:
            yield from helm.image_marks(node_at(source, ("helm", "valuesObject")))
    elif group == "source.toolkit.fluxcd.io" and kind in ("OCIRepository", "HelmRepository"):
        url = node_at(node, ("spec", "url"))
        value = _text(url)
        if value.startswith(_OCI) and len(value) > len(_OCI):
            yield value.removeprefix(_OCI), url.start_mark


def _text(node: Any) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""
