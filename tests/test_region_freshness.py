"""The region tables against the clouds' own machine-readable lists (pinned copies in tests/upstream/)."""

import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import REPO

TOOL = REPO / "tools" / "refresh_regions.py"


def _tool():
    spec = importlib.util.spec_from_file_location("refresh_regions", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("cloud", "anchors"),
    [
        ("aws", ["eu-west-1", "me-west-1", "us-isob-east-1"]),
        ("azure", ["westeurope", "eastus2euap"]),
        ("oci", ["eu-frankfurt-1"]),
        ("google", ["europe-west1", "europe-north2", "asia-southeast3"]),
    ],
)
def test_every_listed_region_is_known(cloud, anchors):
    tool = _tool()
    upstream = tool.pinned(cloud)
    assert set(anchors) <= set(upstream)  # the pinned copy is a real list, not an empty file
    missing, _gone = tool.compare(cloud, upstream)
    assert missing == [], f"add to policies/regions/{cloud}.yaml (with a source) or mark uncertain: {missing}"


def test_the_script_runs_from_the_repository_and_reports_nothing_missing():
    done = subprocess.run([sys.executable, str(TOOL)], capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "aws: " in done.stdout and "0 missing from policies/regions/aws.yaml" in done.stdout
    assert "0 missing from policies/regions/azure.yaml" in done.stdout
    assert "google: " in done.stdout and "0 missing from policies/regions/google.yaml" in done.stdout


def test_a_new_upstream_region_is_reported_and_fails(tmp_path, monkeypatch, capsys):
    tool = _tool()
    pinned = json.loads((REPO / "tests" / "upstream" / "aws-regions.json").read_text())
    pinned["regions"]["xx-nowhere-9"] = "aws: Nowhere (New)"
    (tmp_path / "aws-regions.json").write_text(json.dumps(pinned))
    monkeypatch.setattr(tool, "PINNED", tmp_path)
    assert tool.main(["aws"]) == 1
    assert "missing  xx-nowhere-9  (aws: Nowhere (New))" in capsys.readouterr().out


def test_reads_a_downloaded_wheel_without_importing_it(tmp_path):
    import zipfile

    tool = _tool()
    wheel = tmp_path / "oci-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("oci/regions_definitions.py", "import os\nos.exit(3)\nREGION_REALMS = {'eu-new-1': 'oc1'}\n")
    assert tool.oci(wheel) == {"eu-new-1": "realm oc1"}
    partitions = {"partitions": [{"id": "aws", "regions": {"aws-global": {}, "eu-new-1": {"description": "New"}}}]}
    path = tmp_path / "partitions.json"
    path.write_text(json.dumps(partitions))
    assert tool.aws(path) == {"eu-new-1": "aws: New"}


def test_reads_google_region_lists_of_either_shape(tmp_path):
    tool = _tool()
    gcping = tmp_path / "regions.json"
    gcping.write_text(json.dumps({"europe-west1": "Belgium", "europe-west1-b": "a zone", "EU": "multi"}))
    assert tool.google(gcping) == {"europe-west1": "Belgium"}
    picker = tmp_path / "picker.json"
    picker.write_text(json.dumps({"europe-north2": {"name": "Stockholm, Sweden", "latitude": 59.3}}))
    assert tool.google(picker) == {"europe-north2": "Stockholm, Sweden"}
    listed = tmp_path / "list.json"
    listed.write_text("[]")
    with pytest.raises(SystemExit, match="expected a JSON object"):
        tool.google(listed)


def test_a_new_google_region_is_missing_and_a_dropped_one_is_gone(tmp_path, capsys):
    tool = _tool()
    upstream = dict(tool.pinned("google"))
    upstream["europe-west99"] = "Nowhere"
    del upstream["europe-west9"]
    source = tmp_path / "regions.json"
    source.write_text(json.dumps(upstream))
    assert tool.main(["google", "--from", str(source), "--gone"]) == 1
    out = capsys.readouterr().out
    assert "missing  europe-west99  (Nowhere)" in out
    gone = {line.split()[-1] for line in out.splitlines() if "not upstream" in line}
    assert gone == {"europe-west9", "us-central2"}  # multi-regions (eu, nam4) and global are not regions


def test_unknown_cloud_is_a_usage_error():
    done = subprocess.run(
        [sys.executable, str(TOOL), "atlantis"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 2 and "unknown cloud atlantis" in done.stderr
