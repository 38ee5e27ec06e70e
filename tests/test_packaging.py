"""What a user meets first: the README commands, CI, the wheel with its policies, the pre-commit manifest."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

INSTALL_AND_DEMO = "pip install . && sovlint fixtures/demo"
TEST_COMMAND = "pip install '.[test]' && pytest"


def test_readme_starts_with_the_two_commands():
    lines = (REPO / "README.md").read_text().splitlines()
    assert [line.strip() for line in lines[2:4]] == [INSTALL_AND_DEMO, TEST_COMMAND]


def test_ci_runs_exactly_the_readme_test_command():
    commands = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert commands[-1] == TEST_COMMAND


def test_pre_commit_manifest_is_valid():
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed")
    proc = subprocess.run(
        [exe, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wheel_ships_the_policies_and_loads_them(tmp_path):
    pytest.importorskip("hatchling")
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("sovlint-*.whl")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import sovlint, sovlint.knowledge.catalog as c, sovlint.knowledge.policies as p; cat = c.load(); "
        "print(sovlint.__file__); print(p.policies_dir()); print(len(cat.providers), len(cat.rules))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    module_file, policies, counts = proc.stdout.splitlines()
    assert module_file.startswith(str(site)) and policies == str(site / "sovlint" / "_policies")
    providers, rules = map(int, counts.split())
    assert providers >= 9 and rules >= 8
    demo = subprocess.run(
        [sys.executable, "-m", "sovlint", str(REPO / "fixtures" / "demo")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "NO_COLOR": "1"},
    )
    assert demo.returncode == 1 and "SOV101" in demo.stdout and "SOV203" in demo.stdout


@pytest.mark.parametrize(
    "name",
    [
        "main.tf",
        "infra/x.tofu",
        "prod.tfvars",
        "a.auto.tfvars",
        "main.tf.json",
        "main.tofu.json",
        "prod.tfvars.json",
        "k8s/app.yaml",
        "k8s/app.yml",
        "plan.json",
        "Dockerfile",
        "svc/Dockerfile.prod",
        "svc/app.dockerfile",
        "Containerfile",
        "docker-compose.yml",
        "compose.yaml",
        "MAIN.TF",
        "live/terragrunt.hcl",
        "live/root.hcl",
        "live/prod/account.hcl",
        "live/prod/us-east-1/region.hcl",
        "live/prod/us-east-1/prod/env.hcl",
        "live/_envcommon/mysql.hcl",
        "k8s/overlays/prod/kustomization.yaml",
        "k8s/base/kustomization.yml",
        "k8s/base/Kustomization",
        "chart/Chart.yaml",
        "chart/values-prod.yaml",
        "chart/charts/redis/values.yaml",
        "stack/docker-stack.yml",
    ],
)
def test_pre_commit_hook_takes_every_format_sovlint_reads(name):
    import re

    import yaml

    from sovlint.discover import kind_of

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert kind_of(name.rsplit("/", 1)[-1]) is not None  # a format sovlint reads
    assert re.search(hook["files"], name) and not re.search(hook["exclude"], name)
    assert re.search(hook["exclude"], "mod/.terraform/modules/vpc/main.tf")
    assert re.search(hook["exclude"], "live/vpc/.terragrunt-cache/abc/def/main.tf")
    assert not re.search(hook["files"], "README.md") and not re.search(hook["files"], "x.tfstate")


@pytest.mark.parametrize("name", [".terraform.lock.hcl", "images/base.pkr.hcl", "jobs/web.nomad.hcl", "notes.txt"])
def test_pre_commit_hook_leaves_out_what_sovlint_does_not_read(name):
    import re

    import yaml

    from sovlint.discover import kind_of

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert kind_of(name.rsplit("/", 1)[-1]) is None
    assert not re.search(hook["files"], name)
