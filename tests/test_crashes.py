"""Inputs that once stopped the whole scan: now each is reported for its own file and the rest is scanned."""

import json
import os

import pytest

from conftest import write_tree
from sovlint.cli import main

US_BUCKET = 'resource "aws_s3_bucket" "ok" {\n  region = "us-east-1"\n}\n'
BIG = "9" * 5000
PLAN_HEAD = '{"format_version": "1.2", "terraform_version": "1.9.0", '


def _plan(root_module: str) -> str:
    return PLAN_HEAD + '"planned_values": {"root_module": ' + root_module + "}}"


def _bucket_plan(region: str) -> str:
    resource = (
        '{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",'
        ' "provider_name": "registry.terraform.io/hashicorp/aws", "values": {"region": ' + region + "}}"
    )
    return _plan('{"resources": [' + resource + "]}")


POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n{extra}spec:\n  containers:\n    - name: c\n      image: gcr.io/x/y\n"

CASES = {
    "timestamp-out-of-range": ("k.yaml", POD.format(extra="  creationTimestamp: 2001-02-30\n"), None),
    "explicit-timestamp": ("k.yaml", POD.format(extra="  labels: {a: !!timestamp 2001-13-01}\n"), None),
    "yaml-huge-integer": ("k.yaml", POD.format(extra=f"  labels: {{a: {BIG}}}\n"), "SOV000"),
    "tfjson-huge-integer": ("x.tf.json", '{"locals": {"n": ' + BIG + "}}", "SOV000"),
    "plan-huge-integer": ("plan.json", _bucket_plan(BIG), "SOV000"),
    "plan-resources-not-objects": ("plan.json", _plan('{"resources": [5]}'), "SOV000"),
    "plan-child-modules-not-a-list": ("plan.json", _plan('{"child_modules": "oops"}'), "SOV000"),
    "plan-values-not-an-object": (
        "plan.json",
        _plan('{"resources": [{"address": "a.b", "mode": "managed", "values": 3}]}'),
        "SOV000",
    ),
    "plan-not-an-object": ("plan.json", '["format_version", "planned_values"]', None),  # other JSON: not ours
    "plan-root-module-a-string": ("plan.json", _plan('"oops"'), "SOV000"),
    "tfjson-lone-surrogate-label": (
        "x.tf.json",
        '{"resource": {"aws_s3_bucket": {"b\\ud800": {"region": "us-west-2"}}}}',
        "SOV101",
    ),
}


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "console", "github", "junit", "markdown"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_one_bad_file_never_stops_the_scan(tmp_path, monkeypatch, capsys, case, fmt):
    name, content, expected = CASES[case]
    write_tree(tmp_path, {"bad/" + name: content, "good/main.tf": US_BUCKET})
    monkeypatch.chdir(tmp_path)
    status = main(["--no-cache", "--format", fmt, "."])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    assert status == 1
    out.encode("utf-8")
    assert "good/main.tf" in out, "the rest of the scan is reported"
    if fmt == "json":
        bad = [f["rule_id"] for f in json.loads(out)["findings"] if f["file"].startswith("bad/")]
        assert (expected in bad) if expected else ("SOV000" not in bad)


def test_huge_integer_is_explained(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {"x.tf.json": '{"locals": {"n": ' + BIG + "}}"})
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--format", "json", "."])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["rule_id"], finding["message"]) == ("SOV000", "a number has more than 4,300 digits")


def test_kubernetes_timestamps_stay_text(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {"k.yaml": POD.format(extra="  creationTimestamp: 2001-02-30\n")})
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--format", "json", "."])
    assert [f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["SOV203"]


NOT_UTF8 = b"b\xff\x1b.tf"


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "console", "github", "junit", "markdown"])
def test_a_file_name_that_is_not_utf8(tmp_path, capsys, fmt):
    (tmp_path / os.fsdecode(NOT_UTF8)).write_text(US_BUCKET)
    status = main(["--no-cache", "--format", fmt, str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1 and "internal error" not in err
    out.encode("utf-8")
    assert "\x1b" not in out
    if fmt in ("json", "gitlab"):
        assert "b\\\\xff\\u001b.tf" in out  # JSON text: the byte as `\\xff`, the escape as \\u001b
    if fmt == "sarif":
        assert "b%FF%1B.tf" in out


def test_an_unreadable_directory_is_a_finding(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {"locked/main.tf": US_BUCKET, "open/main.tf": US_BUCKET})
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "--format", "json", "."]) == 1
    found = {(f["rule_id"], f["file"], f["message"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert ("SOV000", "locked", "the directory cannot be read: Permission denied") in found
    assert any(file == "open/main.tf" for _, file, _ in found)


KUSTOMIZED = {
    "kustomization.yaml": "resources:\n  - pod.yaml\n",
    "pod.yaml": POD.format(extra="  creationTimestamp: 2001-02-30\n"),
}


def test_kustomized_timestamps_stay_text(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, KUSTOMIZED)
    monkeypatch.chdir(tmp_path)
    main(["--no-cache", "--format", "json", "."])
    out, err = capsys.readouterr()
    assert "internal error" not in err
    assert [(f["rule_id"], f["file"]) for f in json.loads(out)["findings"]] == [("SOV203", "pod.yaml")]


def test_a_kustomization_that_cannot_be_built_is_a_finding(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {**KUSTOMIZED, "pod.yaml": POD.format(extra=f"  labels: {{a: {BIG}}}\n")})
    write_tree(tmp_path, {"main.tf": US_BUCKET})
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "--format", "json", "."]) == 1
    out, err = capsys.readouterr()
    assert "internal error" not in err
    found = {(f["rule_id"], f["file"]) for f in json.loads(out)["findings"]}
    assert ("SOV000", "kustomization.yaml") in found and ("SOV101", "main.tf") in found
