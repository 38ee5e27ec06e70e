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
    pinned = [
        (f.file, f.line, f.address, [(o.file, o.line) for o in f.related]) for f in findings if f.rule_id == "SOV101"
    ]
    # the patch's node selector pins the object: reported at the patch's line, the object as a related location
    assert pinned == [("prod/patch.yaml", 9, "Deployment/api", [("base/deployment.yaml", 1)])]
    assert "is set at" not in next(f.message for f in findings if f.rule_id == "SOV101")


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
            "app/kustomization.yaml: `helmCharts` is not applied (charts are not rendered: render the build",
            id="code",
        ),
        pytest.param(
            "resources: []\ntransformers:\n  - labels.yaml\n",
            "app/kustomization.yaml: `transformers` is not applied (transformer configurations and plugins are not run",
            id="builtin-transformer-configuration",
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


SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n"


def test_an_annotation_a_patch_sets_is_reported_at_the_patch(lint):
    files = {
        "base/kustomization.yaml": "resources: [service.yaml]\n",
        "base/service.yaml": SERVICE,
        "aws/kustomization.yaml": "resources: [../base]\npatches:\n  - path: nlb.yaml\n",
        "aws/nlb.yaml": (
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
            "    service.beta.kubernetes.io/aws-load-balancer-type: nlb\n"
        ),
    }
    coupled = [(f.file, f.line, [(o.file, o.line) for o in f.related]) for f in lint(files) if f.rule_id == "SOV302"]
    assert coupled == [("aws/nlb.yaml", 6, [("base/service.yaml", 1)])]


def test_overlays_pinning_one_base_apart_are_each_reported_at_their_patch(lint):
    def overlay(region):
        patch = PATCH.replace("us-east-1", region).replace("quay.io/acme/proxy:3", "harbor.example.eu/acme/proxy:2")
        return {
            f"{region}/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patch.yaml\n",
            f"{region}/patch.yaml": patch,
        }

    findings = lint({**BASE, **overlay("us-east-1"), **overlay("ap-south-1"), **overlay("eu-west-1")})
    assert sorted((f.file, f.line) for f in findings if f.rule_id == "SOV101") == [
        ("ap-south-1/patch.yaml", 9),
        ("us-east-1/patch.yaml", 9),
    ]


PV = """\
apiVersion: v1
kind: PersistentVolume
metadata:
  name: data
spec:
  capacity:
    storage: 10Gi
  nfs:
    server: nfs.example.eu
    path: /data
"""


def test_common_labels_apply_and_a_volume_zone_label_pins_it(lint):
    files = {
        "base/kustomization.yaml": "resources: [pv.yaml]\n",
        "base/pv.yaml": PV,
        "us/kustomization.yaml": (
            "resources: [../base]\ncommonLabels:\n  app: data\n  topology.kubernetes.io/zone: us-east-1a\n"
        ),
    }
    pinned = [(f.file, f.line, f.message) for f in lint(files) if f.rule_id == "SOV101"]
    assert [(file, line) for file, line, _ in pinned] == [("us/kustomization.yaml", 4)]  # the label's line
    assert "PersistentVolume/data is pinned to us-east-1a" in pinned[0][2]


def test_labels_reach_selectors_and_templates_as_kustomize_builds_them(tmp_path, monkeypatch):
    from sovlint import yamlload
    from sovlint.kubernetes.kustomize import Kustomizer

    kustomization = (
        "resources: [deployment.yaml]\ncommonLabels:\n  app: api\n"
        "labels:\n  - pairs: {team: web}\n  - pairs: {tier: front}\n    includeTemplates: true\n"
    )
    write_tree(tmp_path, {"k/kustomization.yaml": kustomization, "k/deployment.yaml": DEPLOYMENT})
    monkeypatch.chdir(tmp_path)
    (obj,) = Kustomizer(lambda p: (tmp_path / p).read_text(), lambda p: True).build("k")
    built = yamlload.construct(obj.node)
    assert built["metadata"]["labels"] == {"app": "api", "team": "web", "tier": "front"}
    assert built["spec"]["selector"] == {"matchLabels": {"app": "api"}}  # only commonLabels touch selectors
    assert built["spec"]["template"]["metadata"]["labels"] == {"app": "api", "tier": "front"}


def test_a_base_with_overlays_from_kustomize_examples(monkeypatch):
    from conftest import REPO, lint_tree

    findings = lint_tree(REPO / "fixtures" / "kustomize-hello")
    found = [(f.rule_id, f.file, f.line, f.address, [(o.file, o.line) for o in f.related]) for f in findings]
    assert found == [
        ("SOV203", "base/deployment.yaml", 17, "Deployment/dev-the-deployment", []),
        ("SOV203", "base/deployment.yaml", 17, "Deployment/prod-us-the-deployment", []),
        ("SOV203", "base/deployment.yaml", 17, "Deployment/stg-the-deployment", []),  # prod-eu mirrors it
        # to registry.example.eu, which the catalog does not know: said, not judged
        ("SOV204", "overlays/prod-eu/kustomization.yaml", 10, "Deployment/prod-eu-the-deployment", []),
        ("SOV302", "overlays/prod-us/load-balancer.yaml", 6, "Service/prod-us-the-service", [("base/service.yaml", 1)]),
        (
            "SOV101",
            "overlays/prod-us/region.yaml",
            10,
            "Deployment/prod-us-the-deployment",
            [("base/deployment.yaml", 1)],
        ),
    ]  # prod-eu's node selector (eu-central-1) passes


def test_a_node_affinity_a_json6902_patch_adds_is_reported_at_the_patch(lint):
    kustomization = """\
resources: [../base]
patches:
  - target: {kind: Deployment, name: api}
    patch: |-
      - op: add
        path: /spec/template/spec/affinity
        value:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - key: topology.kubernetes.io/zone
                      operator: In
                      values: [us-west-2a]
"""
    findings = lint({**BASE, "prod/kustomization.yaml": kustomization})
    pinned = [(f.file, f.line, [(o.file, o.line) for o in f.related]) for f in findings if f.rule_id == "SOV101"]
    assert pinned == [("prod/kustomization.yaml", 14, [("base/deployment.yaml", 1)])]  # the `values` line
