"""Tools' configurations that carry apiVersion and kind are not Kubernetes objects: no finding, no SOV000."""

import pytest

from sovlint.cli import main

SKAFFOLD = """apiVersion: skaffold/v4beta11
kind: Config
metadata:
  name: app
build:
  artifacts:
    - image: gcr.io/my-project/app
    - image: docker.io/org/worker
manifests:
  rawYaml: [k8s/*.yaml]
"""
KIND = """kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    image: kindest/node:v1.29.2
"""
KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
  - name: eks
    cluster:
      server: https://ABC.gr7.us-east-1.eks.amazonaws.com
users:
  - name: u
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: aws
"""
KUBEADM = """apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
imageRepository: registry.k8s.io
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
"""
EKSCTL = """apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: us-east-1
"""
K3D = "apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: rancher/k3s:v1.29.1-k3s1\n"
TALOS = "apiVersion: v1alpha1\nkind: SideroLinkConfig\napiUrl: https://siderolink.example.com\n"
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n"
CONFIGS = {
    "skaffold.yaml": SKAFFOLD,
    "kind.yaml": KIND,
    "kubeconfig.yaml": KUBECONFIG,
    "kubeadm.yaml": KUBEADM,
    "eksctl.yaml": EKSCTL,
    "k3d.yaml": K3D,
    "talos.yaml": TALOS,
}


@pytest.mark.parametrize(("name", "text"), CONFIGS.items(), ids=list(CONFIGS))
def test_a_tool_configuration_gives_nothing_and_is_nothing_to_scan(tmp_path, capsys, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["--fail-on-empty", "-f", "json", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert '"findings": []' in out
    assert "nothing to scan" in err


@pytest.mark.parametrize(("name", "text"), CONFIGS.items(), ids=list(CONFIGS))
def test_a_broken_tool_configuration_is_not_a_parse_error(lint, name, text):
    """Broken YAML in a file that names only tools' APIs is left alone, as other YAML is; a manifest is not."""
    findings = lint({name: text + "broken: [unclosed\n", "pod.yaml": POD + "broken: [unclosed\n"})
    assert [(f.file, f.rule_id) for f in findings] == [("pod.yaml", "SOV000")]


def test_a_manifest_beside_a_tool_configuration_in_one_file_is_read(lint):
    findings = lint({"all.yaml": SKAFFOLD + "---\n" + POD}, only=["SOV203"])
    assert [(f.address, f.line) for f in findings] == [("Pod/p", 19)]


def test_a_kubernetes_list_is_still_an_object_of_the_core_group(lint):
    listed = "apiVersion: v1\nkind: List\nitems:\n  - " + POD.replace("\n", "\n    ").rstrip() + "\n"
    assert [f.address for f in lint({"list.yaml": listed}, only=["SOV203"])] == ["Pod/p"]
