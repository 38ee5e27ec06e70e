"""SOV204 for a registry the catalog does not know: an image is never passed silently; SOV203 for a registry the
configuration declares under endpoints:, by who runs it."""

import pytest

from sovlint.cli import main

POD = """apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: {first}
    - name: b
      image: {second}
"""


def _pod(first: str, second: str = "quay.io/org/b:1") -> dict[str, str]:
    return {"pod.yaml": POD.format(first=first, second=second)}


def test_a_registry_the_catalog_does_not_know_is_a_note_at_the_image(lint):
    (finding,) = lint(_pod("docker.redpanda.com/redpandadata/redpanda:v24.1"), only=["SOV204"])
    assert (finding.line, finding.address, str(finding.level)) == (8, "Pod/p", "note")
    assert finding.message == (
        "Pod/p pulls docker.redpanda.com/redpandadata/redpanda:v24.1 from docker.redpanda.com, a registry sovlint's"
        " catalog does not know: who runs it is not judged; once you know, declare it under endpoints: in"
        " .sovlint.yaml (hosts, country, operator_country), or the mirror it is pulled through under registries.mirrors"
    )


def test_once_per_registry_of_a_resource(lint):
    found = lint(_pod("harbor.example.eu/a:1", "harbor.example.eu/b:2"), only=["SOV204"])
    assert [f.line for f in found] == [8]


@pytest.mark.parametrize(
    "image",
    [
        "nginx:1.27",  # Docker Hub
        "ghcr.io/org/app:1",
        "localhost:5000/app:1",
        "registry:5000/app:1",  # one label: a name of the user's own network
        "registry.kube-system.svc.cluster.local:5000/app",
        "10.0.0.12:5000/app:1",
        "harbor.corp.internal/app:1",
    ],
)
def test_a_known_registry_or_one_of_the_users_own_network_is_not_said(lint, image):
    assert lint(_pod(image), only=["SOV204"]) == []


def test_a_registry_declared_under_endpoints_is_judged_by_its_operator(tmp_path, capsys):
    """Declared, it is no longer unknown: run from the United States it is a SOV203, from Germany nothing."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pod.yaml").write_text(POD.format(first="harbor.example.eu/a:1", second="cr.vendor.example/b:1"))
    config = (
        "endpoints:\n"
        "  - {name: our Harbor, hosts: [harbor.example.eu], country: DE}\n"
        "  - {name: Vendor registry, hosts: ['*.vendor.example'], country: US}\n"
    )
    (tmp_path / ".sovlint.yaml").write_text(config)
    main(["-f", "json", "--select", "SOV203,SOV204", str(tmp_path)])
    import json

    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["line"], f["message"]) for f in found] == [
        (
            "SOV203",
            10,
            "Pod/p pulls cr.vendor.example/b:1 from cr.vendor.example, run by Vendor registry (United States),"
            " outside the EU/EEA",
        )
    ]


def test_a_mirror_in_the_configuration_is_known_to_the_organisation(tmp_path, capsys):
    """Neither the registry it mirrors nor the mirror itself, pulled from directly, is said."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pod.yaml").write_text(POD.format(first="docker.redpanda.com/r:1", second="harbor.example.eu/o/b:1"))
    (tmp_path / ".sovlint.yaml").write_text("registries:\n  mirrors:\n    docker.redpanda.com: harbor.example.eu\n")
    assert main(["-f", "json", "--select", "SOV204", str(tmp_path)]) == 0
    assert '"findings": []' in capsys.readouterr().out


def test_not_said_where_control_is_not_judged(lint):
    assert lint(_pod("harbor.example.eu/a:1"), only=["SOV204"], profile="eu-residency") == []
