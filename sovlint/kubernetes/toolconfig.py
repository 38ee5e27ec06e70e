"""YAML that carries `apiVersion` and `kind` but is a tool's configuration, never an object of a cluster.

Such a file is read by a program on a laptop, a CI runner or a node, not applied to a cluster: it yields no
object, no finding and no parse error, as other YAML does not (SPEC §2). Images that Skaffold's
`build.artifacts` name are built, not pulled, and a kind or k3d node image runs on the machine that starts it.

- Skaffold `skaffold/v4beta…` (https://skaffold.dev/docs/references/yaml/);
- kind `kind.x-k8s.io` (https://kind.sigs.k8s.io/docs/user/configuration/), k3d `k3d.io`
  (https://k3d.io/stable/usage/configfile/), ctlptl `ctlptl.dev` (https://github.com/tilt-dev/ctlptl);
- the configuration APIs of Kubernetes's own programs: kubeconfig (`v1`, kind `Config`), kubeadm, kubelet,
  kube-proxy, kube-scheduler, kube-controller-manager, the API server's admission, audit, encryption and
  authentication files, client authentication (https://kubernetes.io/docs/reference/config-api/);
- eksctl `eksctl.io` (https://eksctl.io/usage/schema/) and kOps `kops.k8s.io`, kept in kOps's state store
  (https://kops.sigs.k8s.io/state/): both describe a cluster to create, not objects in one;
- test harnesses: KUTTL `kuttl.dev` (https://kuttl.dev/docs/testing/reference.html), Chainsaw
  `chainsaw.kyverno.io` and the Kyverno CLI's `cli.kyverno.io` (https://kyverno.github.io/chainsaw/,
  https://kyverno.io/docs/kyverno-cli/);
- Kustomize's built-in plugin configurations, `apiVersion: builtin`
  (https://kubectl.docs.kubernetes.io/references/kustomize/builtins/).
The core group has one version, `v1`: a bare `v1alpha1` or `v2` is no Kubernetes object either.
"""

from __future__ import annotations

import re

TOOL_GROUPS = frozenset(
    {
        "skaffold",
        "kind.x-k8s.io",
        "k3d.io",
        "ctlptl.dev",
        "kubeadm.k8s.io",
        "kubelet.config.k8s.io",
        "kubeproxy.config.k8s.io",
        "kubescheduler.config.k8s.io",
        "kubecontrollermanager.config.k8s.io",
        "controllermanager.config.k8s.io",
        "cloudcontrollermanager.config.k8s.io",
        "credentialprovider.kubelet.k8s.io",
        "apiserver.config.k8s.io",
        "apiserver.k8s.io",
        "audit.k8s.io",
        "client.authentication.k8s.io",
        "eventratelimit.admission.k8s.io",
        "pod-security.admission.config.k8s.io",
        "eksctl.io",
        "kops.k8s.io",
        "kuttl.dev",
        "chainsaw.kyverno.io",
        "cli.kyverno.io",
        "builtin",
    }
)
_API = re.compile(r"""^\s*(?:-\s+)?apiVersion\s*:\s*["']?([^\s"'#]+)""", re.M)
_KIND = re.compile(r"""^\s*(?:-\s+)?kind\s*:\s*["']?([^\s"'#]+)""", re.M)


def is_tool_config(api_version: str, kind: str) -> bool:
    """Whether an apiVersion and kind name a tool's configuration rather than an object of a cluster."""
    group, slash, _ = api_version.partition("/")
    if not slash:
        return api_version != "v1" or kind == "Config"  # kubeconfig: `apiVersion: v1`, `kind: Config`
    return group in TOOL_GROUPS


def only_tool_configs(text: str) -> bool:
    """Whether every apiVersion a text names (with the kinds it names) is a tool's configuration, as far as its
    lines tell: for a file that cannot be parsed, so that it is left alone rather than reported."""
    apis = _API.findall(text)
    if not apis:
        return False
    kinds = set(_KIND.findall(text))
    kind = next(iter(kinds)) if len(kinds) == 1 else ""
    return all(is_tool_config(api, kind) for api in apis)
