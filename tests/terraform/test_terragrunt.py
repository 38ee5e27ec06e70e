"""Terragrunt, statically: units with their includes, locals, generated files, remote state and modules."""

import os

from conftest import REPO, write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles


def _run(root, where="."):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover([where])
        return engine.run(files, engine.Options(profiles.load("eu-strict")))
    finally:
        os.chdir(cwd)


def test_live_repository_remote_state_is_judged_where_its_region_is_set():
    result = _run(REPO / "fixtures" / "terragrunt-live")
    found = [(f.rule_id, f.file, f.line, [(o.file, o.line) for o in f.related]) for f in result.findings]
    assert found == [
        ("SOV202", "root.hcl", 38, [("non-prod/us-east-1/region.hcl", 4)]),
        ("SOV202", "root.hcl", 38, [("prod/us-east-1/region.hcl", 4)]),
    ]
    assert result.findings[1].message == (
        "terraform.backend.s3: Terraform state is stored with Amazon Web Services, Inc., controlled by Amazon.com, Inc. "
        "(United States) and in us-east-1 (United States), outside the EU/EEA; us-east-1 is set at "
        "prod/us-east-1/region.hcl:4 (local value)"
    )
    # the module is a git source: said once per unit, nothing guessed
    assert sum("is a remote module source" in n for n in result.notes) == 6


ROOT_HCL = """\
locals {
  region = read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region
  bucket = "${get_env("STATE_PREFIX", "acme")}-state"
}
generate "provider" {
  path     = "provider.tf"
  contents = <<EOF
provider "aws" {
  region = "${local.region}"
}
EOF
}
remote_state {
  backend = "s3"
  config = {
    bucket = local.bucket
    region = "eu-west-3"
  }
}
"""
UNIT = """\
include "root" {
  path = find_in_parent_folders("root.hcl")
}
terraform {
  source = "../../modules//queue"
}
inputs = {
  name = "orders"
}
"""
MODULE = 'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n'


def test_a_unit_runs_its_local_module_with_the_generated_provider(tmp_path, monkeypatch):
    monkeypatch.setenv("STATE_PREFIX", "never-read")
    write_tree(
        tmp_path,
        {
            "root.hcl": ROOT_HCL,
            "live/region.hcl": 'locals {\n  region = "us-west-2"\n}\n',
            "live/queue/terragrunt.hcl": UNIT,
            "modules/queue/main.tf": MODULE,
        },
    )
    result = _run(tmp_path)
    found = [(f.rule_id, f.file, f.line, f.address) for f in result.findings]
    assert found == [
        ("SOV101", "modules/queue/main.tf", 2, "aws_sqs_queue.q"),  # once: not judged again as a library
        ("SOV201", "modules/queue/main.tf", 2, "aws_sqs_queue.q"),
        ("SOV202", "root.hcl", 13, "terraform.backend.s3"),  # in Paris, but run by AWS
    ]
    assert "us-west-2 is set at root.hcl:9" in result.findings[0].message  # the generated file's line
    backend = next(r for r, _ in result.inventory if r.kind == "backend")
    assert backend.body["bucket"] == "acme-state"  # get_env gives its default only


def test_what_needs_running_is_unresolved_and_said(tmp_path):
    root = ROOT_HCL.replace(
        'read_terragrunt_config(find_in_parent_folders("region.hcl")).locals.region',
        'run_cmd("aws", "configure", "get", "region")',
    )
    write_tree(tmp_path, {"root.hcl": root, "live/queue/terragrunt.hcl": UNIT, "modules/queue/main.tf": MODULE})
    result = _run(tmp_path)
    assert "root.hcl:5: generate provider cannot be written statically (run_cmd() is not executed)" in result.notes
    assert [f.rule_id for f in result.findings if f.file == "modules/queue/main.tf"] == ["SOV201"]


def test_parent_folders_stop_at_the_scanned_tree(tmp_path):
    write_tree(tmp_path, {"root.hcl": ROOT_HCL, "repo/live/queue/terragrunt.hcl": UNIT})
    result = _run(tmp_path / "repo")
    assert any("no root.hcl in the folders above live/queue" in n for n in result.notes), result.notes
    assert result.findings == []


def test_include_cycles_end_and_broken_units_are_parse_errors(tmp_path):
    write_tree(
        tmp_path,
        {
            "a/terragrunt.hcl": 'include "b" {\n  path = "a/b.hcl"\n}\n',
            "a/b.hcl": 'include "a" {\n  path = "a/terragrunt.hcl"\n}\n',
            "c/terragrunt.hcl": "remote_state {\n  backend = \n",
        },
    )
    result = _run(tmp_path)
    assert [(f.rule_id, f.file) for f in result.findings] == [("SOV000", "c/terragrunt.hcl")]
