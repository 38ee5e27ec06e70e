"""What the Terraform reader asks of the Kubernetes readers: the images in a manifest or in Helm values that a
Terraform resource hands to a cluster (terraform/kubeimages.py). The readers know nothing of one another: the
engine gives the Terraform scan `kubernetes.HANDED`, which imports this module when a resource first asks."""

from __future__ import annotations

from sovlint import yamlload
from sovlint.errors import ParseError
from sovlint.kubernetes import helm, manifests


def manifest(text: str) -> list[tuple[str, int]]:
    """(reference, line in `text`) of the images the objects of a manifest's text pull, as a manifest file's."""
    try:
        objects, _ = manifests.read(text, "")
    except ParseError:
        return []  # not read: Terraform would not apply it either
    return [image for resource in objects or [] for image in resource.images]


def values(text: str) -> list[tuple[str, int]]:
    """(reference, line in `text`) of the images Helm values name, as a chart's values.yaml's."""
    root = yamlload.first_mapping(text)
    return list(helm.images(root)) if root is not None else []
