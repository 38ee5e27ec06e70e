"""--helm-render: charts rendered by a helm binary on PATH, objects mapped back to their templates."""

import os
import shutil
import stat

import pytest

from conftest import REPO
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.kubernetes import helm_render
from sovlint.limits import DEFAULT

CHART = REPO / "fixtures" / "helm-podinfo"

# What `helm template release podinfo` writes for the podinfo chart, cut to two objects (Helm's format:
# each document opens with `---` and a `# Source: <chart>/<template>` comment).
RECORDED = """\
---
# Source: podinfo/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-podinfo
spec:
  type: ClusterIP
---
# Source: podinfo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-podinfo
spec:
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: us-east-1
      containers:
        - name: podinfo
          image: "ghcr.io/stefanprodan/podinfo:6.14.1"
"""


def test_source_comments_map_objects_to_their_templates(monkeypatch):
    monkeypatch.chdir(CHART)
    found = helm_render.objects(RECORDED, "podinfo", DEFAULT)
    assert [(r.address, r.file, r.line, r.images) for r in found] == [
        ("Service/release-podinfo", "podinfo/Chart.yaml", 1, ()),  # its template is not in the tree
        (
            "Deployment/release-podinfo",
            "podinfo/templates/deployment.yaml",
            1,
            (("ghcr.io/stefanprodan/podinfo:6.14.1", 39),),  # the template's `image:` line
        ),
    ]


def _fake_helm(tmp_path, output, code=0):
    """A stand-in for helm that prints a recorded rendering and records how it was called."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "out.yaml").write_text(output)
    script = bin_dir / "helm"
    script.write_text(
        f'#!/bin/sh\necho "$@" > {tmp_path}/args\nenv > {tmp_path}/env\n'
        f'(cd "$3" && find . -type f | sort && cat templates/* 2>/dev/null) > {tmp_path}/seen\n'
        f"cat {tmp_path}/out.yaml\nexit {code}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def _run(helm_render_on=True):
    files, _ = discover(["."])
    return engine.run(files, engine.Options(profiles.load("eu-strict"), helm_render=helm_render_on))


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the stand-in")
def test_rendered_output_is_judged_at_the_template_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", f"{_fake_helm(tmp_path, RECORDED)}:{os.environ['PATH']}")
    monkeypatch.setenv("HELM_REPOSITORY_CONFIG", "/never/passed")
    monkeypatch.chdir(CHART)
    result = _run()
    found = [(f.rule_id, f.file, f.line, f.address) for f in result.findings]
    assert found == [
        ("SOV101", "podinfo/templates/deployment.yaml", 1, "Deployment/release-podinfo"),
        ("SOV203", "podinfo/templates/deployment.yaml", 39, "Deployment/release-podinfo"),
    ]  # the values files of a rendered chart are not judged again
    args = (tmp_path / "args").read_text().split()
    assert args[:2] == ["template", "release"] and args[2].endswith("/podinfo")  # a copy of the chart
    assert not os.path.exists(args[2])  # removed once rendered
    assert "./templates/deployment.yaml" in (tmp_path / "seen").read_text().splitlines()
    env = (tmp_path / "env").read_text()
    assert "HELM_REPOSITORY_CONFIG" not in env and "HELM_PLUGINS=" in env  # the user's Helm setup is not used


def test_a_failing_render_falls_back_to_the_values(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", f"{_fake_helm(tmp_path, '', code=1)}:{os.environ['PATH']}")
    monkeypatch.chdir(CHART)
    result = _run()
    assert "podinfo: helm template failed: no message" in result.notes
    assert {f.file for f in result.findings} == {"podinfo/values.yaml", "podinfo/values-prod.yaml"}


def test_without_helm_on_path_it_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(CHART)
    result = _run()
    assert "--helm-render: no helm on PATH; charts are judged by their values files only" in result.notes
    assert len(result.findings) == 4


def _chart_with_link(tmp_path, target):
    """The podinfo chart copied into a repository, with a template that is a symbolic link to `target`."""
    repo = tmp_path / "repo"
    shutil.copytree(CHART, repo)
    (repo / ".git").mkdir()
    (repo / "podinfo" / "templates" / "secret.yaml").symlink_to(target)
    return repo


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the stand-in")
def test_a_chart_linking_outside_the_repository_is_not_given_to_helm(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("apiVersion: v1\nkind: Secret\ndata: {token: TOP-SECRET}\n")
    repo = _chart_with_link(tmp_path, secret)
    monkeypatch.setenv("PATH", f"{_fake_helm(tmp_path, RECORDED)}:{os.environ['PATH']}")
    monkeypatch.chdir(repo)
    result = _run()
    assert not (tmp_path / "args").exists()  # helm never ran
    assert (
        "podinfo: helm template failed: podinfo/templates/secret.yaml is a symbolic link leaving the repository;"
        " the chart is not rendered" in result.notes
    )
    assert {f.file for f in result.findings} == {"podinfo/values.yaml", "podinfo/values-prod.yaml"}  # the values


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the stand-in")
def test_a_link_inside_the_repository_is_given_to_helm_as_a_file(tmp_path, monkeypatch):
    repo = _chart_with_link(tmp_path, "../../shared.yaml")
    (repo / "shared.yaml").write_text("# shared template\n")
    monkeypatch.setenv("PATH", f"{_fake_helm(tmp_path, RECORDED)}:{os.environ['PATH']}")
    monkeypatch.chdir(repo)
    result = _run()
    assert [f.rule_id for f in result.findings] == ["SOV101", "SOV203"]
    seen = (tmp_path / "seen").read_text()
    assert "./templates/secret.yaml" in seen.splitlines() and "# shared template" in seen
