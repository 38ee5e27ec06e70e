"""Helm charts: the images their values name, judged by SOV203 at the line that names the registry."""

import pytest

CHART = "apiVersion: v2\nname: shop\nversion: 1.0.0\n"

BITNAMI = """\
global:
  imageRegistry: ""
image:
  registry: docker.io
  repository: bitnami/nginx
  tag: 1.27.0
  digest: ""
  pullPolicy: IfNotPresent
metrics:
  image:
    registry: quay.io
    repository: acme/exporter
    tag: "2"
sidecar:
  initImage: ghcr.io/acme/init:1
  image: "{{ .Values.image.repository }}"
dependencies:
  repository: https://charts.example.com
chart:
  repository: acme/charts
local:
  image:
    registry: harbor.example.eu
    repository: acme/app
"""


def test_values_images_by_convention(lint):
    findings = lint({"shop/Chart.yaml": CHART, "shop/values.yaml": BITNAMI}, only=["SOV203"])
    assert [(f.line, f.address, dict(f.properties)["image"]) for f in findings] == [
        (4, "Chart/shop", "docker.io/bitnami/nginx:1.27.0"),  # the registry's line decides
        (11, "Chart/shop", "quay.io/acme/exporter:2"),
        (15, "Chart/shop", "ghcr.io/acme/init:1"),  # a key ending in `image` holding a whole reference
    ]
    assert findings[1].message == (
        "Chart/shop pulls quay.io/acme/exporter:2 from quay.io, run by Red Hat, Inc., controlled by "
        "International Business Machines Corporation (United States), outside the EU/EEA"
    )


def test_global_image_registry_replaces_every_registry(lint):
    values = BITNAMI.replace('imageRegistry: ""', "imageRegistry: harbor.example.eu")
    findings = lint({"shop/Chart.yaml": CHART, "shop/values.yaml": values}, only=["SOV203"])
    assert [(f.line, dict(f.properties)["image"]) for f in findings] == [(15, "ghcr.io/acme/init:1")]
    values = BITNAMI.replace('imageRegistry: ""', "imageRegistry: gcr.io")
    findings = lint({"shop/Chart.yaml": CHART, "shop/values.yaml": values}, only=["SOV203"])
    assert [f.line for f in findings] == [2, 2, 2, 15]  # the global line decides for each mapping


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param({"values.yaml": "image: {repository: nginx, tag: '1'}\n"}, [], id="no-chart-beside-it"),
        pytest.param(
            {"c/Chart.yaml": CHART, "c/values-prod.yaml": "image:\n  repository: nginx\n"},
            [("c/values-prod.yaml", 2)],
            id="other-values-files",
        ),
        pytest.param(
            {
                "c/Chart.yaml": CHART,
                "c/charts/redis/Chart.yaml": "name: redis\n",
                "c/charts/redis/values.yaml": "image: redis:7\n",
            },
            [("c/charts/redis/values.yaml", 1)],
            id="subchart",
        ),
        pytest.param({"c/Chart.yaml": CHART, "c/values.yaml": "replicaCount: 1\n"}, [], id="no-image"),
        pytest.param(
            {
                "c/Chart.yaml": CHART,
                "c/values.yaml": 'images:\n  repository: europe-docker.pkg.dev/acme/shop\n  tag: ""\n',
            },
            [("c/values.yaml", 2)],
            id="empty-tag-still-an-image",
        ),
        pytest.param({"c/Chart.yaml": CHART, "c/values.yaml": "image:\n  pullPolicy: Always\n"}, [], id="policy-only"),
        pytest.param(
            {
                "c/Chart.yaml": CHART,
                "c/values.yaml": (
                    "image:\n  attacher:\n    name: registry.k8s.io/sig-storage/csi-attacher\n    tag: v4\n"
                    "  driver:\n    name: docker.io/acme/driver\n    tag: v2\n"
                    "serviceAccount:\n  name: driver\n  tag: x\n"  # a `name` that is no image's
                    "exporter:\n  image: {name: quay.io/acme/exporter, digest: 'sha256:1'}\n"
                    "sidecarImage:\n  name: ghcr.io/acme/sidecar\n"  # no tag or digest: not this convention
                ),
            },
            [("c/values.yaml", 3), ("c/values.yaml", 6), ("c/values.yaml", 12)],
            id="name-and-tag-per-component",
        ),
    ],
)
def test_values_cases(lint, files, expected):
    assert [(f.file, f.line) for f in lint(files, only=["SOV203"])] == expected


def test_a_broken_values_file_is_a_parse_error(lint):
    findings = lint({"c/Chart.yaml": CHART, "c/values.yaml": "image:\n  repository: [nginx\n"})
    assert [(f.rule_id, f.file, f.line) for f in findings] == [("SOV000", "c/values.yaml", 3)]


def test_aliases_are_not_expanded(lint):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert lint({"c/Chart.yaml": CHART, "c/values.yaml": bomb + "image: nginx\n"}, only=["SOV203"])[0].line == 22
