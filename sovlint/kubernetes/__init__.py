"""Kubernetes manifests, Kustomize and Helm: objects, their images and the cloud resources they declare."""
