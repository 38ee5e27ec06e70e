"""Kubernetes manifests, Kustomize and Helm: objects, their images and the cloud resources they declare."""

from __future__ import annotations

import os

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def is_kustomization(path: str) -> bool:
    """A kustomization by its file name: known here, so that a scan without one never imports the builder."""
    return os.path.basename(path) in KUSTOMIZATION_FILES


class Handed:
    """The images of a manifest or of Helm values that a Terraform resource hands to Kubernetes (handed.py), its
    readers imported when a resource first asks: a Terraform run without one imports none of them."""

    def manifest(self, text: str) -> list[tuple[str, int]]:
        from sovlint.kubernetes import handed

        return handed.manifest(text)

    def values(self, text: str) -> list[tuple[str, int]]:
        from sovlint.kubernetes import handed

        return handed.values(text)


HANDED = Handed()
