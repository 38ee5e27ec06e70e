"""A pre-commit run on one .tf file imports what it needs, and nothing a Terraform file does not need.

Start-up is most of such a run, so the modules it imports are checked in a fresh process: the readers of
other formats, YAML (the policies come from a JSON snapshot), jsonschema (there is no configuration file),
rich (the report is JSON) and importlib.metadata are not among them, nor dataclasses (and the inspect
module it imports): a dataclass compiles its methods in every process, and its records are named tuples
or classes with their own `__init__`.
"""

import argparse
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, write_tree
from sovlint import cli

NOT_IMPORTED = (
    "sovlint.kubernetes.manifests",
    "sovlint.kubernetes.kustomize",
    "sovlint.kubernetes.kustomize_scan",
    "sovlint.kubernetes.helm",
    "sovlint.kubernetes.helm_render",
    "sovlint.kubernetes.place",
    "sovlint.containers",
    "sovlint.terraform.terragrunt",
    "sovlint.terraform.plan",
    "sovlint.yamlload",
    "yaml",
    "jsonschema",
    "rich",
    "importlib.metadata",
    "importlib.resources",
    "subprocess",
    "concurrent.futures",
    "multiprocessing",
    "logging",
    "dataclasses",
    "inspect",
    "shutil",
    "datetime",
    "copy",
)
IMPORTED = ("sovlint.terraform.scan", "sovlint.reporters.json_report", "tree_sitter_hcl")

PROBE = """
import json, sys
from sovlint.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

TF = 'provider "aws" {\n  region = "us-east-1" # a comment: read by the parser\n}\nresource "aws_s3_bucket" "%s" {}\n'
PLAIN_TF = TF.replace(" # a comment: read by the parser", "")  # plain blocks only: read without the parser


def _modules(cwd, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["status"], set(report["modules"]), done.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_one_file_terraform_run_imports_no_other_reader(tmp_path, fmt):
    write_tree(tmp_path, {"first/main.tf": TF % "first", "second/main.tf": TF % "second"})
    cache = str(tmp_path / "cache")
    _modules(tmp_path, "--cache-dir", cache, "-f", fmt, "first/main.tf")  # the policies' copy is written
    status, modules, out = _modules(tmp_path, "--cache-dir", cache, "-f", fmt, "second/main.tf")  # a new file
    assert status == 1 and "SOV101" in out
    assert sorted(m for m in NOT_IMPORTED if m in modules) == []
    assert all(m in modules for m in IMPORTED if fmt == "json")


def test_a_file_of_plain_blocks_is_read_without_the_hcl_parser(tmp_path):
    write_tree(tmp_path, {"plain/main.tf": PLAIN_TF % "b", "other/main.tf": TF % "c"})
    status, modules, out = _modules(tmp_path, "--no-cache", "-f", "json", "plain/main.tf")
    assert status == 1 and "SOV101" in out and "tree_sitter_hcl" not in modules
    status, modules, out = _modules(tmp_path, "--no-cache", "-f", "json", "other/main.tf")
    assert status == 1 and "SOV101" in out and "tree_sitter_hcl" in modules


def test_a_warm_run_does_not_import_the_hcl_parser(tmp_path):
    write_tree(tmp_path, {"main.tf": TF % "b"})
    cache = str(tmp_path / "cache")
    cold = _modules(tmp_path, "--cache-dir", cache, "-f", "json", "main.tf")
    status, modules, out = _modules(tmp_path, "--cache-dir", cache, "-f", "json", "main.tf")
    assert (status, out) == (cold[0], cold[2]) and "tree_sitter_hcl" in cold[1]
    assert "tree_sitter_hcl" not in modules and "yaml" not in modules
    evaluation = ("sovlint.terraform.place", "sovlint.terraform.scope", "sovlint.terraform.lang.eval")  # kept results
    assert sorted(m for m in ("signal", "threading", *evaluation, *NOT_IMPORTED) if m in modules) == []


def test_a_console_report_to_a_pipe_imports_no_rich(tmp_path):
    write_tree(tmp_path, {"main.tf": TF % "b"})
    status, modules, out = _modules(tmp_path, "--cache-dir", str(tmp_path / "cache"), "main.tf")
    assert status == 1 and "SOV101" in out
    assert "rich" not in modules


def test_kubernetes_files_still_load_their_readers(tmp_path):
    write_tree(
        tmp_path,
        {
            "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n"
        },
    )
    status, modules, out = _modules(tmp_path, "--no-cache", "-f", "json", "pod.yaml")
    assert "SOV203" in out and "sovlint.kubernetes.manifests" in modules


def test_manifests_beside_terraform_import_no_kustomize_builder_and_no_dataclasses(tmp_path):
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n"
    write_tree(tmp_path, {"main.tf": TF % "b", "k8s/pod.yaml": pod, "package.json": '{"name": "web"}\n'})
    status, modules, out = _modules(tmp_path, "--no-cache", "-f", "json", ".")
    assert status == 1 and "SOV101" in out and "SOV203" in out
    builder = ("sovlint.kubernetes.kustomize", "sovlint.kubernetes.kustomize_scan", "sovlint.kubernetes.helm_render")
    assert sorted(m for m in (*builder, "dataclasses", "inspect", "copy") if m in modules) == []
    write_tree(tmp_path, {"k8s/kustomization.yaml": "resources:\n  - pod.yaml\n"})
    status, modules, out = _modules(tmp_path, "--no-cache", "-f", "json", ".")
    assert status == 1 and "SOV203" in out and "sovlint.kubernetes.kustomize_scan" in modules


@pytest.mark.parametrize("columns", ["40", "100", None])
@pytest.mark.parametrize("make", [cli.check_parser, cli.COMMANDS["catalog"][0], cli.COMMANDS["inventory"][0]])
def test_help_is_wrapped_as_argparse_wraps_it(monkeypatch, columns, make):
    """The parsers ask for the terminal's width without shutil; the help text is the one argparse writes."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours = make().format_help()
    monkeypatch.setattr(cli._Parser, "_get_formatter", argparse.ArgumentParser._get_formatter)
    assert ours == make().format_help()
