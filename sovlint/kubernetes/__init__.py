"""Kubernetes manifests, Kustomize and Helm: objects, their images and the cloud resources they declare."""

from __future__ import annotations

import os

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def is_kustomization(path: str) -> bool:
    """A kustomization by its file name: known here, so that a scan without one never imports the builder."""
    return os.path.basename(path) in KUSTOMIZATION_FILES
