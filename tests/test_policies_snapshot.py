"""The policies read back from a sealed JSON snapshot: equal to the YAML, ignored when stale or damaged."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from sovlint import yamlload
from sovlint.knowledge import catalog, policies
from sovlint.sealed import matches

POLICIES = REPO / "policies"


def _yaml(root):
    """Every policy file parsed with the YAML loader, in the shape JSON gives it (dates as text)."""
    raw = {p.relative_to(root).as_posix(): yamlload.load(p.read_text(encoding="utf-8")) for p in root.rglob("*.yaml")}
    return json.loads(json.dumps(raw, default=str))


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the policies and, as a wheel ships it, the snapshot of that copy; no cache directory."""
    root = tmp_path / "policies"
    shutil.copytree(POLICIES, root)
    snapshot = tmp_path / "_policies.json"
    snapshot.write_bytes(policies.snapshot(root))
    monkeypatch.setattr(policies, "SNAPSHOT", snapshot)
    policies.cache_in(None)
    return root, snapshot


def _no_yaml(monkeypatch):
    def refuse(texts):
        raise AssertionError("the YAML was parsed")

    monkeypatch.setattr(policies, "_parse", refuse)


def test_the_snapshot_equals_the_yaml(shipped):
    root, snapshot = shipped
    head, _, body = snapshot.read_bytes().partition(b"\n")
    read = policies.read_policies.__wrapped__(root)
    assert read == _yaml(root)
    assert len(read) == len(list(root.rglob("*.yaml"))) > 90
    assert read["regions/aws.yaml"]["regions"]["us-east-1"]["country"] == "US"
    assert matches(policies._digest(policies._files(root)), head, body)


def test_a_file_of_the_snapshot_is_decoded_when_first_read(shipped):
    root, _ = shipped
    read = policies.read_policies(root)
    assert isinstance(read, policies.Lazy)
    made = catalog.Catalog(root)  # what every scan makes: the rules and the country groups are read
    assert sorted(read._read) == ["countries.yaml", "rules.yaml"]
    assert made.region(made.provider("aws"), "eu-west-3").countries == ("FR",)
    assert "regions/aws.yaml" in read._read and "regions/azure.yaml" not in read._read


def test_a_matching_snapshot_is_read_without_parsing_yaml(shipped, monkeypatch):
    root, _ = shipped
    expected = _yaml(root)
    _no_yaml(monkeypatch)
    assert policies.read_policies.__wrapped__(root) == expected
    assert catalog.Catalog(root).regions["aws"].get("eu-west-2").city == "London"


def test_editing_a_policy_file_makes_the_snapshot_stale(shipped):
    root, _ = shipped
    table = root / "regions" / "aws.yaml"
    table.write_text(table.read_text().replace('city: "London"', 'city: "Londinium"'))
    assert policies.read_policies.__wrapped__(root)["regions/aws.yaml"]["regions"]["eu-west-2"]["city"] == "Londinium"
    assert catalog.Catalog(root).regions["aws"].get("eu-west-2").city == "Londinium"


@pytest.mark.parametrize("change", ["removed", "added"])
def test_a_file_removed_or_added_makes_the_snapshot_stale(shipped, change):
    root, _ = shipped
    if change == "removed":
        (root / "laws.yaml").unlink()
    else:
        (root / "extra.yaml").write_text("a: 1\n")
    read = policies.read_policies.__wrapped__(root)
    assert ("laws.yaml" in read) is (change == "added") and ("extra.yaml" in read) is (change == "added")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b'"US"', b'"FR"'),  # every US region now in France, digest left as it was
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",
        lambda data: b"\x80\x81not json at all",
    ],
)
def test_a_damaged_snapshot_is_ignored(shipped, damage):
    root, snapshot = shipped
    snapshot.write_bytes(damage(snapshot.read_bytes()))
    read = policies.read_policies.__wrapped__(root)
    assert read == _yaml(root) and read["regions/aws.yaml"]["regions"]["us-east-1"]["country"] == "US"


def test_a_snapshot_that_is_not_a_mapping_is_ignored(shipped):
    from sovlint.sealed import seal

    root, snapshot = shipped
    snapshot.write_bytes(seal(policies._digest(policies._files(root)), ["not", "policies"]))
    assert policies.read_policies.__wrapped__(root) == _yaml(root)


def test_a_snapshot_of_another_version_is_stale(shipped, monkeypatch):
    import sovlint

    root, _ = shipped
    monkeypatch.setattr(sovlint, "__version__", "0.0.0-other")
    _no_yaml(monkeypatch)
    with pytest.raises(AssertionError, match="the YAML was parsed"):
        policies.read_policies.__wrapped__(root)


def test_the_cache_copy_is_used_when_no_snapshot_matches(shipped, tmp_path, monkeypatch):
    root, snapshot = shipped
    snapshot.unlink()
    policies.cache_in(tmp_path / "cache")
    try:
        first = policies.read_policies.__wrapped__(root)  # parsed, and the copy written
        (copy,) = (tmp_path / "cache").glob("policies-*.json")
        _no_yaml(monkeypatch)
        assert policies.read_policies.__wrapped__(root) == first == _yaml(root)
    finally:
        policies.cache_in(None)


def test_a_one_file_run_of_the_installed_package_reads_no_yaml(tmp_path):
    """The wheel ships `_policies.json`; an installed sovlint loads it with or without a cache."""
    pytest.importorskip("hatchling")
    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "--target",
            str(site),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    snapshot = site / "sovlint" / "_policies.json"
    assert policies._unsealed(policies._digest(policies._files(site / "sovlint" / "_policies")), snapshot) == _yaml(
        POLICIES
    )
    probe = (
        "import os, sys\nfrom sovlint.cli import main\nfrom sovlint.knowledge import policies\n"
        "policies._parse = lambda texts: os._exit(3)  # the YAML was parsed\n"
        "sys.exit(main(['--no-cache', '-f', 'json', '-o', 'out.json', sys.argv[1]]))\n"
    )
    tf = tmp_path / "main.tf"
    tf.write_text('provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n')
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tf)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1, done.stderr
    assert "SOV101" in (tmp_path / "out.json").read_text()
