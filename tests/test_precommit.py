"""pre-commit for real: try-repo against this clone, then a commit through the installed hook."""

import os
import shutil
import subprocess

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None or not (REPO / ".git").exists(),
    reason="needs git, pre-commit and a git clone of sovlint",
)

US = 'provider "aws" {{\n  region = "us-east-1"\n}}\nresource "aws_s3_bucket" "b{n}" {{}}\n'
EU = 'resource "scaleway_object_bucket" "b" {\n  region = "fr-par"\n}\n'


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.eu",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.eu",
        "NO_COLOR": "1",
    }


def _git_repo(path, files, env):
    path.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True, env=env)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    subprocess.run(["git", "add", "."], cwd=path, check=True, env=env)
    return path


def _run(cmd, cwd, env):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_try_repo_clean_and_dirty(tmp_path, env):
    clean = _git_repo(tmp_path / "clean", {"main.tf": EU, "ci.yml": "stages: [a]\n"}, env)
    proc = _run(["pre-commit", "try-repo", str(REPO), "sovlint", "--all-files"], clean, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "sovlint (sovereignty policy)" in proc.stdout and "Passed" in proc.stdout
    # many files: pre-commit splits them into parallel batches; every batch reports on its own
    files = {f"mod{n:02d}/main.tf": US.format(n=n) for n in range(12)}
    dirty = _git_repo(tmp_path / "dirty", files, env)
    proc = _run(["pre-commit", "try-repo", str(REPO), "sovlint", "--all-files"], dirty, env)
    assert proc.returncode == 1
    assert "Failed" in proc.stdout
    assert proc.stdout.count("is in us-east-1 (United States), outside the EU/EEA") == 12


def test_commit_through_the_installed_hook(tmp_path, env):
    rev = _run(["git", "rev-parse", "HEAD"], REPO, env).stdout.strip()
    config = f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: sovlint\n"
    repo = _git_repo(tmp_path / "app", {".pre-commit-config.yaml": config, "main.tf": EU}, env)
    assert _run(["pre-commit", "install"], repo, env).returncode == 0
    first = _run(["git", "commit", "-q", "-m", "eu only"], repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    (repo / "us.tf").write_text(US.format(n=1))
    _run(["git", "add", "us.tf"], repo, env)
    second = _run(["git", "commit", "-q", "-m", "add a US bucket"], repo, env)
    assert second.returncode == 1
    output = second.stdout + second.stderr
    assert "us.tf" in output and "SOV101" in output
    assert "main.tf" not in output  # only the staged file is reported
