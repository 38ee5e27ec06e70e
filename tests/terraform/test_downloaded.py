"""Registry and git modules after `terraform init`: module calls resolve to .terraform/modules/."""

import json
import os

import pytest

from conftest import write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles

ROOT = """\
provider "aws" {
  region = "us-east-1"
}

module "store" {
  source = "acme/store/aws"
  name   = "logs"
}
"""
STORE = 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\nmodule "inner" {\n  source = "git::https://example.com/inner.git"\n}\n'
INNER = 'resource "aws_sqs_queue" "q" {}\n'


def _index(*entries):
    return json.dumps(
        {"Modules": [{"Key": "", "Source": "", "Dir": "."}] + [{"Key": k, "Source": "x", "Dir": d} for k, d in entries]}
    )


def _run(tmp_path, files, where="."):
    write_tree(tmp_path, files)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        found, _ = discover([where])
        return engine.run(found, engine.Options(profiles.load("eu-strict")))
    finally:
        os.chdir(cwd)


DOWNLOADED = {
    "main.tf": ROOT,
    ".terraform/modules/store/main.tf": STORE,
    ".terraform/modules/store.inner/main.tf": INNER,
    ".terraform/modules/modules.json": _index(
        ("store", ".terraform/modules/store"), ("store.inner", ".terraform/modules/store.inner")
    ),
}


def test_downloaded_modules_are_judged_at_the_call(tmp_path):
    result = _run(tmp_path, DOWNLOADED)
    found = [(f.rule_id, f.file, f.line, f.address) for f in result.findings if f.rule_id == "SOV101"]
    assert found == [
        ("SOV101", "main.tf", 5, "module.store.aws_s3_bucket.this"),
        ("SOV101", "main.tf", 5, "module.store.module.inner.aws_sqs_queue.q"),  # nested: keyed 'store.inner'
    ]
    bucket = next(f for f in result.findings if f.rule_id == "SOV101")
    assert [(o.file, o.line) for o in bucket.related] == [("main.tf", 2), (".terraform/modules/store/main.tf", 2)]
    assert not [n for n in result.notes if "not downloaded" in n]


def test_a_comment_in_downloaded_code_does_not_suppress_the_finding_at_the_call(tmp_path):
    """The finding is the user's, at their module call: a sovlint:ignore that the module's author wrote above the
    resource (whoever publishes the module) suppresses nothing; the user's comment on the call does."""
    comment = '# sovlint:ignore SOV101 reason="the author accepts it"\n'
    store = STORE.split('module "inner"')[0].replace("resource", comment + "resource")
    files = {**DOWNLOADED, ".terraform/modules/store/main.tf": store}
    found = [(f.line, f.address, f.suppressed) for f in _run(tmp_path, files).findings if f.rule_id == "SOV101"]
    assert found == [(5, "module.store.aws_s3_bucket.this", "")]
    files["main.tf"] = ROOT.replace('module "store"', '# sovlint:ignore SOV101 reason="ours"\nmodule "store"')
    found = [(f.line, f.address, f.suppressed) for f in _run(tmp_path, files).findings if f.rule_id == "SOV101"]
    assert found == [(6, "module.store.aws_s3_bucket.this", "ours")]


def test_a_local_module_calling_a_registry_module_is_the_place_to_change(tmp_path):
    files = {
        "main.tf": ROOT.replace('"acme/store/aws"', '"./modules/logs"'),
        "modules/logs/main.tf": 'variable "name" {}\nmodule "remote" {\n  source = "acme/store/aws"\n  name = var.name\n}\n',
        ".terraform/modules/store.remote/main.tf": STORE.split("module")[0],
        ".terraform/modules/modules.json": _index(
            ("store", "modules/logs"), ("store.remote", ".terraform/modules/store.remote")
        ),
    }
    found = [(f.file, f.line, f.address) for f in _run(tmp_path, files).findings if f.rule_id == "SOV101"]
    assert found == [("modules/logs/main.tf", 2, "module.store.module.remote.aws_s3_bucket.this")]


@pytest.mark.parametrize(
    ("index", "note"),
    [
        pytest.param(
            None,
            "main.tf:5: module.store has a remote source that is not downloaded; its resources are not scanned (run `terraform init -backend=false` first, or scan a plan)",
            id="no-index",
        ),
        pytest.param(
            _index(("other", ".terraform/modules/other")),
            "main.tf:5: module.store has a remote source that is not downloaded",
            id="stale-index",
        ),
        pytest.param("{not json", ".terraform/modules/modules.json: cannot be read", id="broken-index"),
        pytest.param(
            _index(("store", "../elsewhere")),
            ".terraform/modules/modules.json: ../elsewhere is outside the scanned tree, not read",
            id="escape",
        ),
    ],
)
def test_what_cannot_be_resolved_is_said(tmp_path, index, note):
    files = {"repo/main.tf": ROOT, "elsewhere/main.tf": STORE}
    if index is not None:
        files["repo/.terraform/modules/modules.json"] = index
    write_tree(tmp_path, files)
    result = _run(tmp_path / "repo", {})
    assert any(note in n for n in result.notes), result.notes
    assert not [f for f in result.findings if f.address.startswith("module.store")]
