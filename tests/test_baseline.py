import json

import pytest

from conftest import write_tree
from sovlint.cli import main

TREE = {
    "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "old" {}\n',
}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, TREE)
    return tmp_path


def test_create_then_only_new_findings_fail(repo, capsys):
    assert main(["baseline", "create", "."]) == 0
    document = json.loads((repo / ".sovlint-baseline.json").read_text())
    assert [(e["rule_id"], e["address"]) for e in document["findings"]] == [
        ("SOV101", "aws_s3_bucket.old"),
        ("SOV201", "aws_s3_bucket.old"),
    ]
    capsys.readouterr()
    assert main(["--baseline", ".sovlint-baseline.json", "."]) == 0
    capsys.readouterr()
    # moving code does not revive a finding; a new resource is new
    (repo / "main.tf").write_text("\n\n" + TREE["main.tf"] + 'resource "aws_s3_bucket" "new" {}\n')
    assert main(["--format", "json", "--baseline", ".sovlint-baseline.json", "."]) == 1
    report = json.loads(capsys.readouterr().out)
    open_ = [(f["rule_id"], f["address"]) for f in report["findings"] if not f["suppressed"]]
    assert open_ == [("SOV101", "aws_s3_bucket.new"), ("SOV201", "aws_s3_bucket.new")]
    assert {f["suppressed"]["kind"] for f in report["findings"] if f["suppressed"]} == {"external"}


def test_stale_entries_are_listed_and_update_drops_them(repo, capsys):
    main(["baseline", "create", "."])
    (repo / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n')
    capsys.readouterr()
    assert main(["--format", "json", "--baseline", ".sovlint-baseline.json", "."]) == 0
    stale = json.loads(capsys.readouterr().out)["stale_baseline_entries"]
    assert [e["address"] for e in stale] == ["aws_s3_bucket.old", "aws_s3_bucket.old"]
    assert main(["baseline", "update", "."]) == 0
    assert "0 findings accepted (0 added, 2 removed)" in capsys.readouterr().err
    assert json.loads((repo / ".sovlint-baseline.json").read_text())["findings"] == []


def test_stale_entries_are_listed_under_the_console_summary_with_their_message_in_json(repo, capsys):
    main(["baseline", "create", "."])
    (repo / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n')
    capsys.readouterr()
    assert main(["--baseline", ".sovlint-baseline.json", "."]) == 0
    out = capsys.readouterr().out
    assert (
        "0 findings, 2 stale baseline entries in 1 file, profile eu-strict\n"
        "stale baseline entries, no longer found (sovlint baseline update removes them):\n"
        "  main.tf  SOV101  aws_s3_bucket.old\n"
        "  main.tf  SOV201  aws_s3_bucket.old\n"
    ) in out
    assert main(["--format", "json", "--baseline", ".sovlint-baseline.json", "."]) == 0
    stale = json.loads(capsys.readouterr().out)["stale_baseline_entries"]
    recorded = json.loads((repo / ".sovlint-baseline.json").read_text())["findings"]
    assert [e["message"] for e in stale] == [e["message"] for e in recorded]
    assert stale[0]["message"].startswith("aws_s3_bucket.old is in us-east-1 (United States)")


def test_many_stale_entries_are_cut_short_unless_verbose(repo, capsys):
    buckets = "".join(f'resource "aws_s3_bucket" "b{i:02}" {{}}\n' for i in range(12))
    (repo / "main.tf").write_text(TREE["main.tf"] + buckets)
    main(["baseline", "create", "."])
    (repo / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n')
    capsys.readouterr()
    main(["--baseline", ".sovlint-baseline.json", "."])
    out = capsys.readouterr().out
    listed = out[out.index("stale baseline entries, no") :].splitlines()[1:12]
    assert listed[0] == "  main.tf  SOV101  aws_s3_bucket.b00" and listed[9] == "  main.tf  SOV101  aws_s3_bucket.b09"
    assert listed[10] == "  and 16 more (--verbose lists them all)"
    main(["-v", "--baseline", ".sovlint-baseline.json", "."])
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  main.tf  SOV")]
    assert len(listed) == 26


def test_baseline_is_deterministic_and_create_refuses_to_overwrite(repo, capsys):
    main(["baseline", "create", "."])
    first = (repo / ".sovlint-baseline.json").read_bytes()
    assert main(["baseline", "create", "."]) == 2
    assert main(["baseline", "update", "."]) == 0
    assert (repo / ".sovlint-baseline.json").read_bytes() == first


def test_fail_on_new_for_gradual_adoption(repo, capsys):
    main(["baseline", "create", "."])
    (repo / "k8s.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n"
    )
    args = ["--baseline", ".sovlint-baseline.json", "."]
    assert main(args) == 0  # the new finding is only a warning
    assert main([*args, "--fail-on-new", "warning"]) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{\n  oops\n}\n", "sovlint: broken.json:2: invalid JSON in the baseline"),
        ('{"version": 99}', "sovlint: broken.json: not a sovlint baseline of version 1"),
        ('{"version": 1, "findings": [{"rule_id": "SOV101"}]}', "sovlint: broken.json: findings[0] lacks"),
    ],
)
def test_bad_baseline_exits_2(repo, capsys, content, message):
    (repo / "broken.json").write_text(content)
    assert main(["--baseline", "broken.json", "main.tf"]) == 2
    assert capsys.readouterr().err.startswith(message)
