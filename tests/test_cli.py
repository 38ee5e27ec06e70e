import json
import os
import re

import pytest

from conftest import write_tree
from sovlint import __version__
from sovlint.cli import main

TREE = {
    "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "logs" {}\n',
    "k8s.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
}

EXPECTED_CONSOLE = """\
k8s.yaml
  8:1     warning SOV203  Pod/p pulls nginx from docker.io, run by Docker, Inc. (United States), outside the EU/EEA
             8 | image: nginx
          fix: Mirror the image into a registry you control in an allowed jurisdiction (for example Harbor) and pull it from there.

main.tf
  5:1     error   SOV101  aws_s3_bucket.logs is in us-east-1 (United States), outside the EU/EEA; us-east-1 is set at main.tf:2 (provider configuration)
             5 | resource "aws_s3_bucket" "logs" {}
          fix: Move the resource to a region in an allowed country (for example eu-west-3 Paris, europe-west3 Frankfurt, francecentral).
  5:1     error   SOV201  aws_s3_bucket.logs is run by Amazon Web Services, Inc., controlled by Amazon.com, Inc. (United States), outside the EU/EEA
             5 | resource "aws_s3_bucket" "logs" {}
          fix: Move the workload to a provider controlled from within the allowed jurisdictions, or record an accepted risk with a suppression and its reason.
"""


@pytest.fixture
def tree(tmp_path, monkeypatch):
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_console_exact_output_and_exit_1(tree, capsys):
    assert main(["."]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(EXPECTED_CONSOLE)
    assert out.splitlines()[-1] == "3 findings (2 errors, 1 warning) in 2 files, profile eu-strict"
    assert err == ""


@pytest.mark.parametrize(("fail_on", "status"), [("error", 1), ("warning", 1), ("note", 1), ("never", 0)])
def test_fail_on(tree, capsys, fail_on, status):
    assert main(["--fail-on", fail_on, "k8s.yaml" if fail_on == "error" else "."]) == (
        0 if fail_on == "error" else status
    )


def test_json_on_stdout_is_the_only_thing_on_stdout(tree, capsys):
    assert main(["--format", "json", "."]) == 1
    out, _ = capsys.readouterr()
    document = json.loads(out)
    assert [f["rule_id"] for f in document["findings"]] == ["SOV203", "SOV101", "SOV201"]
    assert document["tool"] == {"name": "sovlint", "version": __version__}


def test_output_file_and_several_formats(tree, capsys):
    assert main(["--format", "sarif", "--output", "out.sarif", "--output", "json=out.json", "."]) == 1
    out, _ = capsys.readouterr()
    assert out == ""
    assert json.loads((tree / "out.sarif").read_text())["version"] == "2.1.0"
    assert len(json.loads((tree / "out.json").read_text())["findings"]) == 3


def test_console_plus_sarif_file(tree, capsys):
    assert main(["--output", "sarif=out.sarif", "."]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith("k8s.yaml\n") and (tree / "out.sarif").exists()


def test_same_input_same_bytes(tree, capsys):
    main(["--format", "sarif", "."])
    first = capsys.readouterr().out
    main(["--format", "sarif", "."])
    assert capsys.readouterr().out == first


def test_stdin_with_filename(tree, capsys, monkeypatch):
    import io

    class Stdin:
        buffer = io.BytesIO(TREE["k8s.yaml"].encode())

    monkeypatch.setattr("sys.stdin", Stdin)
    assert main(["--format", "json", "--fail-on", "warning", "-", "--stdin-filename", "chart/rendered.yaml"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["file"], finding["line"]) == ("chart/rendered.yaml", 8)


def test_clean_tree_exits_0(tmp_path, capsys, monkeypatch):
    write_tree(tmp_path, {"main.tf": 'resource "scaleway_object_bucket" "b" {\n  region = "nl-ams"\n}\n'})
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 findings in 1 file, profile eu-strict"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope/"], "sovlint: nope/: No such file or directory\n"),
        (["--format", "xml", "."], None),  # argparse words it differently across Python versions
        (["--fail-on", "fatal", "."], None),
        (
            ["--profile", "us-only", "."],
            "sovlint: unknown profile 'us-only' (choose from eu-adequate, eu-residency, eu-strict)\n",
        ),
        (["--var", "novalue", "."], "sovlint: --var novalue: expected NAME=VALUE\n"),
        (["--var-file", "missing.tfvars", "."], "sovlint: --var-file missing.tfvars: no such file\n"),
        (["--output", "xml=out.xml", "."], None),
        (["--output", "/nonexistent-dir/x.json", "."], None),
    ],
)
def test_usage_errors_exit_2_with_one_line(tree, capsys, argv, message):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("sovlint: ") and "Traceback" not in err
    if message:
        assert err == message


def test_check_verb_and_rules_command(tree, capsys):
    assert main(["check", "k8s.yaml"]) == 0
    capsys.readouterr()
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[2].startswith("SOV101  region-outside-allowed")
    assert main(["rules", "--format", "json"]) == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} >= {"SOV000", "SOV101", "SOV301"}
    assert main(["rules", "--docs", "reference"]) == 0
    written = sorted(p.name for p in (tree / "reference").iterdir())
    ids = {r["id"] for r in json.loads(_json_rules())}
    assert written == sorted(["README.md", *(f"{rule_id}.md" for rule_id in ids)])
    assert "| [SOV101](SOV101.md) | region-outside-allowed |" in (tree / "reference" / "README.md").read_text()


def test_rules_json_lists_each_rule_as_rules_yaml_writes_it(capsys):
    import yaml

    from conftest import REPO

    written = yaml.safe_load((REPO / "policies" / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    assert main(["rules", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == written


def _json_rules():
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["rules", "--format", "json"])
    return out.getvalue()


def test_console_script_runs_as_a_module(tree):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "sovlint", "--format", "json", "."],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.returncode == 1 and proc.stderr == ""
    assert len(json.loads(proc.stdout)["findings"]) == 3


def test_one_named_file_reads_its_module_but_reports_only_itself(tmp_path, capsys, monkeypatch):
    # pre-commit passes only the staged file: variables.tf must still resolve (ECOSYSTEM.md P3)
    write_tree(
        tmp_path,
        {
            "infra/main.tf": 'provider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n',
            "infra/variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\n',
            "infra/other.tf": 'resource "aws_iam_role" "r" {}\n',
            "infra/prod.auto.tfvars": 'region = "eu-west-3"\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--format", "json", "infra/main.tf"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["file"]) for f in findings] == [("SOV201", "infra/main.tf")]
    # a named .tfvars reports what it decides, in the files it affects
    (tmp_path / "infra/prod.auto.tfvars").write_text('region = "us-west-2"\n')
    assert main(["--format", "json", "infra/prod.auto.tfvars"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["file"], f["related"][-1]["file"]) for f in findings] == [
        ("SOV101", "infra/main.tf", "infra/prod.auto.tfvars")
    ]


def test_explain_and_catalog(capsys):
    assert main(["explain", "sov201"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SOV201 provider-foreign-control (default level: error)")
    assert "CLOUD Act" in out and "source:" in out
    assert out.count("Docs: https://github.com/sovlint/sovlint/blob/main/docs/rules/SOV201.md") == 1
    assert main(["explain", "SOV101"]) == 0  # what, why, how to fix, and the sources of the why
    out = capsys.readouterr().out
    assert "Sources:\n  source: Regulation (EU) 2016/679 (General Data Protection Regulation), Chapter V" in out
    assert "- EEA: European Economic Area (30 countries)\n    source: EU countries (European Union)" in out
    assert main(["explain", "SOV301"]) == 0
    assert "Regulation (EU) 2023/2854 (Data Act)" in capsys.readouterr().out
    assert main(["catalog", "region", "aws", "eu-west-2a"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Amazon Web Services eu-west-2: United Kingdom, London")
    assert "('eu-west-2a' is a zone or another name of eu-west-2)" in out
    assert main(["catalog", "provider", "hashicorp/aws"]) == 0
    out = capsys.readouterr().out
    assert "- Amazon Web Services, Inc. (United States)" in out and "- Amazon.com, Inc. (United States)" in out
    assert main(["catalog", "region", "aws", "mars-1"]) == 2
    assert main(["catalog", "region", "ovh", "EU-SOUTH-LZ-MAD-A"]) == 0  # a real code, country not sourced
    out = capsys.readouterr().out
    assert out.startswith("OVHcloud EU-SOUTH-LZ-MAD-A: country unknown\n  an OVHcloud Local Zone")
    assert "source: ovh_cloud_project_region_network resource" in out
    assert main(["explain", "SOV999"]) == 2


def test_catalog_of_region_tables_and_endpoints(capsys):
    assert main(["catalog", "region", "azure", "West Europe"]) == 0
    assert capsys.readouterr().out.startswith("Microsoft Azure westeurope: Netherlands")
    assert main(["catalog", "region", "cleura", "kna1"]) == 0  # a table reached only through an endpoint
    assert "Kna1: Sweden, Karlskrona" in capsys.readouterr().out
    assert main(["catalog", "region", "atlantis", "x"]) == 2
    assert "region tables: alibaba, aruba, auth0, aws" in capsys.readouterr().err
    assert main(["catalog", "provider", "openstack"]) == 0
    out = capsys.readouterr().out
    assert "the host of auth_url names who runs it; without it, who runs it is unknown" in out
    assert "- Cleura Public Cloud" in out and "*.citycloud.com -> Cleura AB (Sweden)" in out
    assert main(["catalog", "provider", "aws"]) == 0
    assert (
        "- Scaleway Object Storage: s3.*.scw.cloud, *.s3.*.scw.cloud -> iliad S.A. (France)" in capsys.readouterr().out
    )


def test_inventory_flag_adds_jurisdictions(tree, capsys):
    assert main(["--inventory", "--fail-on", "never", "."]) == 0
    out = capsys.readouterr().out
    assert "Inventory" in out
    assert re.search(r"hashicorp/aws\s+-\s+US\s+foreign\s+foreign\s+1", out)


def test_debug_logs_stages_placements_and_suppressions(tmp_path, capsys, monkeypatch):
    write_tree(
        tmp_path,
        {
            "main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\n'
            '# sovlint:ignore SOV201 reason="contract with AWS until 2027"\n'
            'resource "aws_s3_bucket" "logs" {}\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    main(["--debug", "--no-cache", "."])
    err = capsys.readouterr().err
    assert "sovlint: debug: terraform: " in err
    assert "sovlint: debug: placed aws_s3_bucket.logs (main.tf:5) [hashicorp/aws]: us-east-1 (US) by provider" in err
    assert "sovlint: debug: main.tf:5: SOV201 suppressed: contract with AWS until 2027" in err


def test_debug_lines_show_control_characters_escaped(tmp_path, capsys, monkeypatch):
    write_tree(tmp_path, {"x\u202e\x1b[31m.tf": 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'})
    monkeypatch.chdir(tmp_path)
    main(["--debug", "--no-cache", "."])
    debug = [line for line in capsys.readouterr().err.splitlines() if line.startswith("sovlint: debug: placed")]
    assert debug and "\x1b" not in debug[0] and "\u202e" not in debug[0]
    assert "\ufffd\ufffd[31m" in debug[0]  # shown as replacement characters, as every other terminal line
