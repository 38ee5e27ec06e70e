import pytest

MANIFEST = """\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: ops
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: fetch
              image: ghcr.io/acme/fetch:2
          containers:
            - name: report
              image: busybox
            - name: local
              image: harbor.example.eu/ops/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
"""


def test_images_of_every_container_list_at_their_line(lint):
    findings = lint({"cron.yaml": MANIFEST}, only=["SOV203"])
    assert [(f.line, f.address, dict(f.properties)["registry"]) for f in findings] == [
        (14, "ops/CronJob/report", "ghcr.io"),
        (17, "ops/CronJob/report", "docker.io"),
    ]
    assert findings[1].message == (
        "ops/CronJob/report pulls busybox from docker.io, run by Docker, Inc. (United States), outside the EU/EEA"
    )


def test_list_kind_and_multi_document(lint):
    source = (
        "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: a\n"
        "    spec:\n      containers:\n        - name: a\n          image: quay.io/x/a\n"
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n    - name: b\n      image: nginx\n"
    )
    findings = lint({"pods.yml": source}, only=["SOV203"])
    assert [(f.line, f.address) for f in findings] == [(11, "Pod/a"), (20, "Pod/b")]


POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: {image}\n"


@pytest.mark.parametrize(
    ("image", "operator"),
    [
        ("nvcr.io/nvidia/pytorch:24.01-py3", "NVIDIA Corporation"),
        ("123456789012.dkr.ecr.eu-west-3.amazonaws.com/app:1", "Amazon Web Services, Inc."),
        ("8093ff7x.gra5.container-registry.ovh.net/private/hello:1", None),
        ("registry.onstackit.cloud/project/app:2", None),
        ("rg.fr-par.scw.cloud/ns/app:3", None),
    ],
)
def test_registry_operators(lint, image, operator):
    findings = lint({"p.yaml": POD.format(image=image)}, only=["SOV203"])
    assert len(findings) == (1 if operator else 0)
    assert all(f"run by {operator}" in f.message for f in findings)
