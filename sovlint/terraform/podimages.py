"""The container images a Kubernetes workload written in Terraform pulls (SOV203), as its manifest would.

The kubernetes provider writes a workload's pod template as nested blocks: `spec { template { spec { container {
image = "nginx:1.25" } } } }` for a Deployment (hashicorp/kubernetes, resources kubernetes_deployment_v1 and the
others below), `spec { container { … } }` for a Pod, `spec { job_template { spec { template { spec { … } } } } }` for
a CronJob. Each `container` and `init_container` block's `image` is judged like a manifest's; an image known only
when Terraform runs (a variable without a value, another resource's attribute) is left alone, nothing is guessed.
"""

from __future__ import annotations

from typing import Any, Protocol

_TEMPLATE = ("spec", "template", "spec")
_POD_SPECS: dict[str, tuple[str, ...]] = {  # resource type without its `_v1`/`_v2` suffix -> path to the pod spec
    "kubernetes_pod": ("spec",),
    "kubernetes_deployment": _TEMPLATE,
    "kubernetes_stateful_set": _TEMPLATE,
    "kubernetes_daemonset": _TEMPLATE,
    "kubernetes_daemon_set": _TEMPLATE,
    "kubernetes_replication_controller": _TEMPLATE,
    "kubernetes_job": _TEMPLATE,
    "kubernetes_cron_job": ("spec", "job_template", *_TEMPLATE),
}
_CONTAINERS = ("init_container", "container")
HANDED = frozenset({"kubectl_manifest", "kubernetes_manifest", "helm_release"})  # hand Kubernetes text (kubeimages.py)


class _Values(Protocol):  # what images() needs of a module scope: the value of a written expression
    def value(self, raw: Any) -> Any: ...


class AsWritten:
    """A plan's values, resolved already; `kube` reads the manifests and Helm values among them."""

    def __init__(self, kube: Any = None) -> None:
        self.kube = kube

    def value(self, raw: Any) -> Any:
        return raw


def images(
    rtype: str, body: Any, scope: _Values, lines: dict[str, tuple[int, int]] | None = None
) -> tuple[tuple[str, int], ...]:
    """The image references a workload's containers name, in order and once each; line 0: at the resource. A
    manifest or a Helm release gives those of its objects or values (kubeimages.py), at the `lines` of its
    arguments."""
    path = _POD_SPECS.get(rtype.removesuffix("_v1").removesuffix("_v2"))
    if path is None:
        readers = getattr(getattr(scope, "ctx", scope), "kube", None)  # a module scope's context, or a plan's
        if readers is None or rtype not in HANDED:
            return ()
        from sovlint.terraform import kubeimages

        return kubeimages.images(rtype, body, scope, lines, readers)
    found: dict[str, None] = {}
    for spec in _blocks(body, path):
        for key in _CONTAINERS:
            for container in _blocks(spec, (key,)):
                value = scope.value(container["image"]) if "image" in container else None
                if isinstance(value, str) and value.strip():
                    found.setdefault(value.strip(), None)
    return tuple((reference, 0) for reference in found)


def _blocks(value: Any, path: tuple[str, ...]) -> list[dict[str, Any]]:
    """The nested blocks at a path (each step a block, written once or repeated)."""
    level = [value] if isinstance(value, dict) else []
    for step in path:
        nested: list[dict[str, Any]] = []
        for item in level:
            inner = item.get(step)
            for block in inner if isinstance(inner, list) else [inner]:
                if isinstance(block, dict):
                    nested.append(block)
        level = nested
    return level
