"""The GitHub Action and the CI templates call sovlint with arguments it accepts."""

import shlex

import yaml

from conftest import REPO
from sovlint.cli import check_parser as _check_parser


def _sovlint_args(script: str) -> list[str]:
    text = script.replace("\\\n", " ")
    line = next(row for row in text.splitlines() if row.strip().startswith("sovlint "))
    return shlex.split(line.strip())[1:]


def test_action_is_composite_and_its_command_parses():
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    run = steps[-1]["run"]
    assert "${{" not in run, "inputs reach the script through env, never interpolated into it"
    values = {"$SOVLINT_FAIL_ON": "error", "$SOVLINT_SARIF": "out.sarif", "$summary": "summary.md"}
    args = []
    for arg in _sovlint_args(run):
        for name, value in values.items():
            arg = arg.replace(name, value)
        if arg not in ("$SOVLINT_ARGS", "$SOVLINT_PATHS"):
            args.append(arg)
    parsed = _check_parser().parse_args(args)
    assert parsed.format == "github" and any(o.startswith("sarif=") for o in parsed.output)


def test_example_workflow_uploads_the_sarif():
    workflow = yaml.safe_load((REPO / "docs/examples/github-workflow.yml").read_text())
    steps = workflow["jobs"]["sovlint"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["if"] == "always()" and workflow["permissions"]["security-events"] == "write"


def test_gitlab_template_publishes_code_quality():
    job = yaml.safe_load((REPO / "docs/examples/gitlab-ci.yml").read_text())["sovlint"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    parsed = _check_parser().parse_args(_sovlint_args("\n".join(job["script"])))
    assert "gitlab=gl-code-quality.json" in parsed.output
