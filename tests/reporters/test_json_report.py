import json

from conftest import lint_tree, write_tree
from sovlint import __version__
from sovlint.knowledge import catalog
from sovlint.reporters import RunInfo, render


def test_json_report_is_complete_and_deterministic(tmp_path):
    write_tree(
        tmp_path,
        {"main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'},
    )
    info = RunInfo(version=__version__, profile="eu-strict", rules=catalog.load().rules, files=1)
    first = render("json", lint_tree(tmp_path), info)
    assert first == render("json", lint_tree(tmp_path), info)
    document = json.loads(first)
    assert document["summary"] == {
        "by_rule": {"SOV101": {"error": 1}, "SOV201": {"error": 1}},
        "suppressed": 0,
        "total": 2,
    }
    finding = document["findings"][0]
    assert {k: finding[k] for k in ("rule_id", "rule_name", "level", "file", "line", "address")} == {
        "rule_id": "SOV101",
        "rule_name": "region-outside-allowed",
        "level": "error",
        "file": "main.tf",
        "line": 4,
        "address": "aws_s3_bucket.b",
    }
    assert finding["related"] == [{"file": "main.tf", "line": 2, "what": "provider configuration"}]
    assert len(finding["fingerprint"]) == 32
