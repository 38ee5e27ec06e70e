"""Kustomize, statically: overlays applied to their bases, findings at the line that decided the value."""

import pytest

from conftest import write_tree
from sovlint.cli import main

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.0
        - name: proxy
          image: harbor.example.eu/acme/proxy:2
"""

BASE = {"base/kustomization.yaml": "resources:\n  - deployment.yaml\n", "base/deployment.yaml": DEPLOYMENT}


def _sov203(findings):
    return [(f.file, f.line, f.address, dict(f.properties)["image"]) for f in findings if f.rule_id == "SOV203"]


def test_overlays_replace_images_and_names(lint):
    findings = lint(
        {
            **BASE,
            "overlays/prod/kustomization.yaml": (
                "resources:\n  - ../../base\nnamespace: prod\nnamePrefix: prod-\n"
                "images:\n  - name: harbor.example.eu/acme/proxy\n    newName: public.ecr.aws/acme/proxy\n"
            ),
            "overlays/dev/kustomization.yaml": (
                "resources:\n- ../../base\nimages:\n- name: ghcr.io/acme/api\n  newTag: dev\n"
            ),
        }
    )
    assert _sov203(findings) == [
        ("base/deployment.yaml", 10, "Deployment/api", "ghcr.io/acme/api:dev"),  # dev: only the tag changed
        ("base/deployment.yaml", 10, "prod/Deployment/prod-api", "ghcr.io/acme/api:1.0"),
        ("overlays/prod/kustomization.yaml", 7, "prod/Deployment/prod-api", "public.ecr.aws/acme/proxy:2"),
    ]
    replaced = findings[-1]
    assert [(o.file, o.line) for o in replaced.related] == [("base/deployment.yaml", 12)]


def test_a_base_alone_is_built_once(lint):
    # two overlays that change nothing: the base's image is one finding, not one per overlay
    overlay = "resources:\n  - ../../base\n"
    files = {**BASE, "overlays/a/kustomization.yaml": overlay, "overlays/b/kustomization.yaml": overlay}
    assert _sov203(lint(files)) == [("base/deployment.yaml", 10, "Deployment/api", "ghcr.io/acme/api:1.0")]


PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: us-east-1
      containers:
        - name: proxy
          image: quay.io/acme/proxy:3
"""


def test_strategic_merge_patch_sets_an_image_and_a_region(lint):
    findings = lint(
        {
            **BASE,
            "prod/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patch.yaml\n",
            "prod/patch.yaml": PATCH,
        }
    )
    assert _sov203(findings) == [
        ("base/deployment.yaml", 10, "Deployment/api", "ghcr.io/acme/api:1.0"),
        ("prod/patch.yaml", 12, "Deployment/api", "quay.io/acme/proxy:3"),  # merged by container name
    ]
    pinned = [(f.file, f.line) for f in findings if f.rule_id == "SOV101"]
    assert pinned == [("base/deployment.yaml", 1)]  # the patch's node selector pins the object
    assert not [f for f in findings if f.file == "prod/patch.yaml" and f.rule_id != "SOV203"]


def test_json6902_and_inline_patches(lint):
    kustomization = """\
resources: [../base]
patches:
  - target: {kind: Deployment, name: api}
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/image
        value: gcr.io/acme/api:9
  - path: ops.yaml
    target: {kind: Deployment}
"""
    ops = "- op: replace\n  path: /spec/template/spec/containers/1/image\n  value: mcr.microsoft.com/acme/proxy:1\n"
    findings = lint({**BASE, "prod/kustomization.yaml": kustomization, "prod/ops.yaml": ops})
    assert _sov203(findings) == [
        ("prod/kustomization.yaml", 7, "Deployment/api", "gcr.io/acme/api:9"),
        ("prod/ops.yaml", 3, "Deployment/api", "mcr.microsoft.com/acme/proxy:1"),
    ]


def test_components_apply_to_what_was_gathered(lint):
    files = {
        **BASE,
        "app/kustomization.yaml": "resources: [../base]\ncomponents: [../mirror]\n",
        "mirror/kustomization.yaml": (
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            "images:\n  - name: ghcr.io/acme/api\n    newName: harbor.example.eu/acme/api\n"
        ),
    }
    assert _sov203(lint(files)) == []


@pytest.mark.parametrize(
    ("kustomization", "note"),
    [
        pytest.param(
            "resources:\n  - github.com/acme/deploy//base?ref=v1\n",
            "app/kustomization.yaml:2: github.com/acme/deploy//base?ref=v1 is a remote base; it is not fetched",
            id="remote",
        ),
        pytest.param(
            "resources:\n  - ../../outside.yaml\n",
            "app/kustomization.yaml:2: ../../outside.yaml is outside the scanned tree; not read",
            id="escape",
        ),
        pytest.param(
            "resources:\n  - missing.yaml\n", "app/kustomization.yaml:2: missing.yaml cannot be read", id="missing"
        ),
        pytest.param(
            "resources: []\nhelmCharts:\n  - name: x\n",
            "app/kustomization.yaml: `helmCharts` is not applied",
            id="code",
        ),
    ],
)
def test_what_is_not_built_is_said(tmp_path, monkeypatch, capsys, kustomization, note):
    write_tree(tmp_path, {"outside.yaml": DEPLOYMENT, "repo/app/kustomization.yaml": kustomization})
    monkeypatch.chdir(tmp_path / "repo")
    assert main(["--format", "json", "."]) == 0
    assert note in capsys.readouterr().err


def test_a_cycle_ends(lint):
    files = {
        "a/kustomization.yaml": "resources: [../b, deployment.yaml]\n",
        "a/deployment.yaml": DEPLOYMENT,
        "b/kustomization.yaml": "resources: [../a]\n",
        "c/kustomization.yaml": "resources: [../a]\n",
    }
    assert _sov203(lint(files)) == [("a/deployment.yaml", 10, "Deployment/api", "ghcr.io/acme/api:1.0")]


def test_a_broken_base_file_is_a_parse_error(lint):
    files = {
        **BASE,
        "base/deployment.yaml": "kind: Deployment\napiVersion: v1\nspec: [\n",
        "o/kustomization.yaml": "resources: [../base]\n",
    }
    findings = lint(files)
    assert [(f.rule_id, f.file, f.line) for f in findings] == [("SOV000", "base/deployment.yaml", 4)]


def test_a_kustomization_named_kustomization_is_a_root(lint):
    files = {
        **BASE,
        "prod/Kustomization": (
            "resources: [../base]\nimages:\n  - name: ghcr.io/acme/api\n    newName: public.ecr.aws/acme/api\n"
        ),
    }
    assert _sov203(lint(files)) == [
        ("prod/Kustomization", 4, "Deployment/api", "public.ecr.aws/acme/api:1.0"),
    ]
