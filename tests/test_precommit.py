"""pre-commit for real: the README's configuration in throw-away repositories, one commit of each kind sovlint reads.

The hook repository is a git repository made from this working tree (so uncommitted edits are tested too);
pre-commit installs it into its own virtualenv once per test session (PRE_COMMIT_HOME is shared).
"""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import copy_source, readme_block

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
US = 'provider "aws" {{\n  region = "us-east-1"\n}}\nresource "aws_s3_bucket" "b{n}" {{}}\n'
EU = 'resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n'
TF_JSON = {"provider": {"aws": {"region": "us-east-1"}}, "resource": {"aws_s3_bucket": {"j": {}}}}
ACK_BUCKET = (
    "apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: reports\n"
    "  annotations:\n    services.k8s.aws/region: us-east-1\nspec:\n  name: reports\n"
)
PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.5",
    "planned_values": {
        "root_module": {
            "resources": [
                {
                    "address": "aws_s3_bucket.p",
                    "mode": "managed",
                    "type": "aws_s3_bucket",
                    "name": "p",
                    "provider_name": "registry.terraform.io/hashicorp/aws",
                    "values": {"bucket": "p", "region": "us-east-1"},
                }
            ]
        }
    },
}
VAR_TF = 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "v" {}\n'

# each kind: the files staged in one commit, and the file the report must name
KINDS = {
    "tofu": ({"us.tofu": US.format(n=1)}, "us.tofu"),
    "tf.json": ({"us.tf.json": json.dumps(TF_JSON)}, "us.tf.json"),
    "tofu.json": ({"us.tofu.json": json.dumps(TF_JSON)}, "us.tofu.json"),
    "tfvars": ({"vars/main.tf": VAR_TF, "vars/terraform.tfvars": 'region = "us-east-1"\n'}, "vars/main.tf"),
    "tfvars.json": (
        {"vars/main.tf": VAR_TF, "vars/terraform.tfvars.json": '{"region": "us-east-1"}'},
        "vars/main.tf",
    ),
    "yaml": ({"k8s/bucket.yaml": ACK_BUCKET}, "k8s/bucket.yaml"),
    "yml": ({"k8s/bucket.yml": ACK_BUCKET}, "k8s/bucket.yml"),
    "plan json": ({"plan.json": json.dumps(PLAN)}, "plan.json"),
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.eu",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.eu",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "NO_COLOR": "1",
    }


def _run(cmd, cwd, env):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _git_repo(path, files, env):
    path.mkdir()
    _run(["git", "init", "-q", "-b", "main"], path, env).check_returncode()
    _write(path, files)
    _run(["git", "add", "."], path, env).check_returncode()
    return path


def _write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.fixture(scope="module")
def config(tmp_path_factory, env):
    """The README's .pre-commit-config.yaml, pointed at a git repository of this working tree."""
    hooks = _git_repo(tmp_path_factory.mktemp("hook") / "sovlint", {}, env)
    copy_source(hooks)
    _run(["git", "add", "."], hooks, env).check_returncode()
    _run(["git", "commit", "-q", "-m", "sovlint"], hooks, env).check_returncode()
    rev = _run(["git", "rev-parse", "HEAD"], hooks, env).stdout.strip()
    snippet = readme_block("**pre-commit**")
    assert "https://github.com/sovlint/sovlint" in snippet and re.search(r"rev: \S+", snippet)
    snippet = snippet.replace("https://github.com/sovlint/sovlint", str(hooks))
    return re.sub(r"rev: \S+.*", f"rev: {rev}", snippet)


def _app(path, config, env, files):
    repo = _git_repo(path, {".pre-commit-config.yaml": config, "main.tf": EU, **files}, env)
    installed = _run([*PRE_COMMIT, "install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


@pytest.mark.parametrize("kind", KINDS)
def test_a_commit_of_each_kind_is_checked(tmp_path, config, env, kind):
    repo = _app(tmp_path / "app", config, env, {})
    first = _run(["git", "commit", "-q", "-m", "eu only"], repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    files, reported = KINDS[kind]
    _write(repo, files)
    _run(["git", "add", "."], repo, env).check_returncode()
    second = _run(["git", "commit", "-q", "-m", f"add {kind}"], repo, env)
    output = second.stdout + second.stderr
    assert second.returncode == 1, output
    assert "sovlint (sovereignty policy)" in output and "Failed" in output
    assert f"{reported}\n" in output and "us-east-1" in output
    assert "main.tf\n" not in output.replace(reported, "")  # only the staged files are reported


def test_all_files_give_one_report(tmp_path, config, env):
    files = {f"mod{n:02d}/main.tf": US.format(n=n) for n in range(12)}
    repo = _app(tmp_path / "app", config, env, {**files, "ci.yml": "stages: [a]\n", "package.json": "{}"})
    proc = _run([*PRE_COMMIT, "run", "--all-files"], repo, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "SOV101 × 12  … is in us-east-1 (United States), outside the EU/EEA" in proc.stdout  # grouped
    assert "SOV201 × 12" in proc.stdout
    assert len(re.findall(r"^\d+ findings? .* in \d+ files?", proc.stdout, re.M)) == 1


def test_a_clean_commit_passes(tmp_path, config, env):
    repo = _app(tmp_path / "app", config, env, {"eu.tofu": EU.replace('"b"', '"c"')})
    proc = _run(["git", "commit", "-q", "-m", "eu"], repo, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


TG_ROOT = """\
locals {
  vars = read_terragrunt_config(find_in_parent_folders("region.hcl"))
}
remote_state {
  backend = "s3"
  config = {
    bucket = "state"
    region = local.vars.locals.region
  }
}
"""


def test_a_commit_of_region_hcl_alone_is_judged_through_the_units_that_read_it(tmp_path, config, env):
    unit = 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
    files = {"root.hcl": TG_ROOT, "live/region.hcl": 'locals {\n  region = "eu-west-3"\n}\n'}
    repo = _app(tmp_path / "app", config, env, {**files, "live/app/terragrunt.hcl": unit})
    first = _run(["git", "commit", "-q", "--no-verify", "-m", "live"], repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    _write(repo, {"live/region.hcl": 'locals {\n  region = "us-east-1"\n}\n'})
    _run(["git", "add", "live/region.hcl"], repo, env).check_returncode()
    second = _run(["git", "commit", "-q", "-m", "move to us-east-1"], repo, env)
    output = second.stdout + second.stderr
    assert second.returncode == 1, output
    assert "root.hcl" in output and "us-east-1 is set at live/region.hcl:2" in output
