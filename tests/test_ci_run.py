"""The CI integrations run the way a user's CI runs them: the GitLab job's script lines and the GitHub Action's
steps, in one fresh virtual environment per test session (the Python image or runner of a real job).

sovlint is installed the way the templates say: the GitLab job from a commit archive (here: this working tree
packed as GitHub packs a commit), the Action from its own checkout (here: this working tree).
"""

import json
import os
import re
import subprocess
import sys
import tarfile

import pytest
import yaml

from conftest import REPO, copy_source, readme_block, write_tree

ARCHIVE_URL = re.compile(r"https://github\.com/sovlint/sovlint/archive/[0-9a-f]{40}\.tar\.gz")
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
US_BUCKETS = {
    f"infra/b{n:02d}.tf": f'resource "aws_s3_bucket" "b{n:02d}" {{\n  region = "us-east-1"\n}}\n' for n in range(8)
}
PROJECT = {
    **US_BUCKETS,
    "k8s/app.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n"
    "      image: nginx\n",
}


@pytest.fixture(scope="session")
def venv(tmp_path_factory):
    """A fresh virtual environment: the stock Python of a CI job, nothing of sovlint's installed."""
    path = tmp_path_factory.mktemp("ci") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return path


def _env(venv, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", VIRTUAL_ENV=str(venv), NO_COLOR="1", **extra)
    return env


def _bash(script, cwd, env):
    """As GitLab and GitHub run a script: bash, stop at the first failing command."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_gitlab_job_runs_in_a_stock_python_image(venv, tmp_path):
    job = yaml.safe_load((REPO / "docs/examples/gitlab-ci.yml").read_text())["sovlint"]
    assert re.fullmatch(r"python:3\.\d+(-slim)?", job["image"]), "a stock image: no git, no compiler"
    assert readme_block("**GitLab**") == (REPO / "docs/examples/gitlab-ci.yml").read_text(), "the README shows it whole"
    source = copy_source(tmp_path / "sovlint-0123456")
    archive = tmp_path / "sovlint.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(source, arcname=source.name)
    project = tmp_path / "project"
    write_tree(project, PROJECT)
    env = _env(venv, CI_PROJECT_DIR=str(project))
    for name, value in job.get("variables", {}).items():
        env[name] = os.path.expandvars(str(value).replace("$CI_PROJECT_DIR", str(project)))
    script = "\n".join(job["script"])
    assert len(ARCHIVE_URL.findall(script)) == 1, "installed from a commit archive: pip needs no git for it"
    proc = _bash(ARCHIVE_URL.sub(str(archive), script), project, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # findings at --fail-on: the job fails
    assert "17 findings (16 errors, 1 warning)" in proc.stdout  # the console report in the job log
    reports = job["artifacts"]["reports"]
    quality = json.loads((project / reports["codequality"]).read_text())
    assert {(q["check_name"], q["location"]["path"]) for q in quality} >= {("SOV101", "infra/b00.tf")}
    sarif = [p for p in job["artifacts"]["paths"] if p.endswith(".sarif")]
    assert sarif and json.loads((project / sarif[0]).read_text())["version"] == "2.1.0"
    assert job["artifacts"]["when"] == "always"


def _expand(value, contexts):
    """`${{ inputs.x }}` and `${{ github.x }}` as the runner expands them."""
    return EXPRESSION.sub(lambda m: str(contexts[m.group(1)]), str(value))


def test_action_first_run_without_a_baseline(venv, tmp_path):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    workflow_text = (REPO / "docs/examples/github-workflow.yml").read_text()
    assert readme_block("**GitHub**") == workflow_text, "the README shows it whole"
    steps = yaml.safe_load(workflow_text)["jobs"]["sovlint"]["steps"]
    (step,) = [s for s in steps if s.get("uses", "").startswith("sovlint/sovlint@")]
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    assert set(step["with"]) <= set(inputs), "the example uses only inputs the Action has"
    inputs.update(step["with"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["uses"].endswith("@v4") and upload["if"] == "always()"

    project = tmp_path / "workspace"
    write_tree(project, PROJECT)
    assert "--baseline .sovlint-baseline.json" in inputs["args"] and not (project / ".sovlint-baseline.json").exists()
    summary = tmp_path / "step-summary.md"
    action_path = copy_source(tmp_path / "action")
    contexts = {f"inputs.{k}": v for k, v in inputs.items()} | {"github.action_path": action_path}
    runs = [s for s in action["runs"]["steps"] if "run" in s]  # setup-python and the cache: the venv stands in
    assert [s["name"] for s in runs] == ["Install sovlint from this action's ref", "Run sovlint"]
    results = []
    for run in runs:
        assert run["shell"] == "bash" and "${{" not in run["run"], "inputs reach scripts through env only"
        env = _env(
            venv,
            GITHUB_ACTION_PATH=str(action_path),
            GITHUB_STEP_SUMMARY=str(summary),
            GITHUB_WORKSPACE=str(project),
            **{k: _expand(v, contexts) for k, v in run.get("env", {}).items()},
        )
        results.append(_bash(run["run"], project, env))
    install, scan = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert scan.returncode == 1, scan.stdout + scan.stderr  # errors: the step fails, the upload still runs
    assert ".sovlint-baseline.json does not exist yet: no findings are accepted" in scan.stderr
    annotations = [line for line in scan.stdout.splitlines() if "title=sovlint configuration" not in line]
    assert annotations[0] == (
        "::error title=sovlint::17 findings (16 errors, 1 warning); the 10 most severe are annotated, "
        "the full list is in the job summary and the SARIF report"
    )
    assert len(annotations) == 11 and all(line.startswith("::error file=infra/") for line in annotations[1:10])
    assert annotations[10].startswith("::warning file=k8s/app.yaml,")
    log = json.loads((project / inputs["sarif"]).read_text())
    assert log["runs"][0]["automationDetails"]["id"] == "sovlint/" and len(log["runs"][0]["results"]) == 17
    assert summary.read_text().startswith("## sovlint\n\n**17 findings** (16 errors, 1 warning)")


def test_the_documentation_pins_one_commit_that_has_what_it_uses():
    texts = [
        (REPO / n).read_text()
        for n in ("README.md", "docs/examples/github-workflow.yml", "docs/examples/gitlab-ci.yml")
    ]
    (sha,) = {m for text in texts for m in re.findall(r"\b[0-9a-f]{40}\b", text)}
    if not (REPO / ".git").exists():
        pytest.skip("not a git clone")
    show = subprocess.run(["git", "show", f"{sha}:action.yml"], cwd=REPO, capture_output=True, text=True)
    if show.returncode != 0:
        pytest.skip(f"{sha} is not in this clone's history (a shallow clone)")
    pinned = yaml.safe_load(show.stdout)
    workflow = yaml.safe_load(texts[1])
    (step,) = [s for s in workflow["jobs"]["sovlint"]["steps"] if s.get("uses", "").startswith("sovlint/sovlint@")]
    assert step["uses"] == f"sovlint/sovlint@{sha}" and set(step["with"]) <= set(pinned["inputs"])
    cli = subprocess.run(["git", "show", f"{sha}:sovlint/cli.py"], cwd=REPO, capture_output=True, text=True).stdout
    assert "--sarif-category" in cli
    hooks = subprocess.run(["git", "show", f"{sha}:.pre-commit-hooks.yaml"], cwd=REPO, capture_output=True, text=True)
    (hook,) = yaml.safe_load(hooks.stdout)
    assert hook["require_serial"] and all(re.search(hook["files"], n) for n in ("a.tofu", "a.tf.json", "plan.json"))
