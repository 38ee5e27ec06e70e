"""Inventory, indicators (hand-computed), comparison and the HTML report."""

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import write_tree
from sovlint.cli import main
from sovlint.inventory import hhi

ESTATE = {
    "main.tf": """\
provider "aws" {
  region = "eu-west-3"
}
variable "r" {}
resource "aws_s3_bucket" "a" {
  region = "us-east-1"
}
resource "aws_sfn_state_machine" "b" {
  name = "b"
}
resource "scaleway_object_bucket" "c" {
  region = "fr-par"
}
resource "hcloud_server" "d" {
  location = "nbg1"
}
resource "aws_sqs_queue" "e" {
  region = var.r
}
resource "random_id" "x" {}
"""
}


@pytest.fixture
def estate(tmp_path, monkeypatch):
    write_tree(tmp_path, ESTATE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_indicators_by_hand(estate, capsys):
    assert main(["inventory", "--format", "json", "."]) == 0
    document = json.loads(capsys.readouterr().out)
    # 5 resources (random_id creates nothing located or controlled); 3 of them AWS (US)
    assert document["indicators"] == {
        "resources": 5,
        "foreign_control_share": 0.6,  # a, b, e of 5
        "foreign_control_share_data": 0.6667,  # a (storage), e (queue) of a, c, e
        "data_bearing": 3,
        "outside_share": 0.25,  # a of the 4 placed (e is unresolved)
        "hhi_provider": 4400,  # 60² + 20² + 20²
        "hhi_region": 2500,  # four regions, one resource each
        "largest_region": "us-east-1",
        "largest_region_share": 0.25,
        "portability_share": 0.2,  # b: Step Functions
        "unresolved_share": 0.2,  # e
    }
    rows = {r["address"]: r for r in document["resources"]}
    assert (rows["aws_s3_bucket.a"]["control"], rows["aws_s3_bucket.a"]["location"]) == ("foreign", "foreign")
    assert (rows["scaleway_object_bucket.c"]["control"], rows["scaleway_object_bucket.c"]["data"]) == (
        "EU/EEA",
        "storage",
    )
    assert rows["aws_sqs_queue.e"]["location"] == "unresolved"


def test_hhi():
    from collections import Counter

    assert hhi(Counter({"a": 1})) == 10000
    assert hhi(Counter({"a": 1, "b": 1})) == 5000
    assert hhi(Counter()) == 0


def test_csv_and_markdown(estate, capsys):
    assert main(["inventory", "--format", "csv", "."]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("address,file,line,type,provider,company,parent,parent_country,control")
    assert len(lines) == 6
    assert main(["report", "--format", "markdown", "."]) == 0
    assert "| under foreign control | 60.0% |" in capsys.readouterr().out


def test_compare_shows_what_moved(estate, capsys):
    main(["inventory", "--format", "json", "--output", "old.json", "."])
    (estate / "main.tf").write_text(
        ESTATE["main.tf"].replace('resource "aws_s3_bucket" "a" {\n  region = "us-east-1"\n}\n', "")
        + 'resource "google_storage_bucket" "g" {\n  location = "europe-west1"\n}\n'
    )
    assert main(["inventory", "--format", "json", "--compare", "old.json", "."]) == 0
    comparison = json.loads(capsys.readouterr().out)["comparison"]
    assert [r["address"] for r in comparison["repatriated"]] == ["aws_s3_bucket.a"]
    assert [r["address"] for r in comparison["new_foreign"]] == ["google_storage_bucket.g"]
    assert main(["inventory", "--compare", "missing.json", "."]) == 2


def test_html_report_is_self_contained_and_accessible(estate, capsys):
    assert main(["report", "--output", "report.html", "."]) == 0
    page = (estate / "report.html").read_text()
    assert page.startswith("<!doctype html>") and '<html lang="en">' in page
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"\s(src|srcset)=|<link\b", page), "nothing is loaded from anywhere"
    assert 'role="img"' in page and '<title id="t-world">' in page
    assert '<div class="card" id="foreign-control"><strong>60%</strong>' in page


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(_chromium() is None, reason="no Chromium on this machine")
def test_html_report_in_headless_chromium(estate, capsys, tmp_path):
    assert main(["report", "--output", "report.html", "."]) == 0
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    url = (estate / "report.html").as_uri()
    home = {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env = {**os.environ, **home}  # its crash reports go there, not to the user's configuration
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120, env=env)
    assert "60%" in dom.stdout and "Headline indicators" in dom.stdout
    shot = tmp_path / "report.png"
    subprocess.run(
        [_chromium(), *flags, f"--screenshot={shot}", "--window-size=1200,2400", url],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
