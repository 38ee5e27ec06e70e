"""A configuration planted by a pull request cannot switch the gate off without a trace.

Each test reproduces one way a `.sovlint.yaml` weakened the gate silently and shows the defence:
the files used and each change they make are named on stderr, in the console summary and in
SARIF; `--isolated` ignores them; SOV000 cannot be turned off.
"""

import json
import os
import shutil
import subprocess

import pytest

from conftest import write_tree
from sovlint.cli import main

US_BUCKET = 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n'


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"infra/main.tf": US_BUCKET})
    return tmp_path


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _weakens(err):
    return [line.removeprefix("sovlint: ") for line in err.splitlines() if "weakens the gate" in line]


PLANTED = """\
profile: eu-residency
exclude: ["**"]
rules:
  SOV101: off
  SOV201: note
locations: [US]
providers: [hashicorp/aws]
fail_on: never
"""


def test_a_planted_config_is_named_with_every_change_it_makes(repo, capsys):
    (repo / ".sovlint.yaml").write_text(PLANTED)
    status, out, err = _run(capsys, ".")
    assert status == 0  # the config still applies: the defence is that it is seen
    assert "sovlint: configuration: .sovlint.yaml\n" in err
    assert _weakens(err) == [
        ".sovlint.yaml:1: weakens the gate: profile eu-residency instead of eu-strict",
        ".sovlint.yaml:2: weakens the gate: excludes paths: **",
        ".sovlint.yaml:4: weakens the gate: SOV101 off",
        ".sovlint.yaml:5: weakens the gate: SOV201 lowered from error to note",
        ".sovlint.yaml:6: weakens the gate: also allows locations: US",
        ".sovlint.yaml:7: weakens the gate: accepts providers whoever controls them: hashicorp/aws",
        ".sovlint.yaml:8: weakens the gate: fail_on never: no finding fails the run",
    ]
    summary = out[out.index("configuration .sovlint.yaml") :]
    assert "  .sovlint.yaml:2  excludes paths: **" in summary
    assert "  .sovlint.yaml:8  fail_on never: no finding fails the run" in summary


def test_sarif_run_properties_carry_the_configuration(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV201: off\nexclude: ['examples/**']\n")
    status, out, _ = _run(capsys, "--format", "sarif", ".")
    assert status == 1
    configuration = json.loads(out)["runs"][0]["properties"]["configuration"]
    assert configuration == {
        "files": [".sovlint.yaml"],
        "weakens": [
            {"file": ".sovlint.yaml", "line": 2, "setting": "rules.SOV201", "change": "SOV201 off"},
            {"file": ".sovlint.yaml", "line": 3, "setting": "exclude", "change": "excludes paths: examples/**"},
        ],
    }


def test_json_report_carries_the_configuration(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV201: off\n")
    _, out, _ = _run(capsys, "--format", "json", ".")
    assert json.loads(out)["configuration"]["weakens"][0]["change"] == "SOV201 off"


def test_a_config_that_only_tightens_is_named_but_weakens_nothing(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV102: error\nfail_on: warning\n")
    status, out, err = _run(capsys, ".")
    assert status == 1
    assert "sovlint: configuration: .sovlint.yaml\n" in err and _weakens(err) == []
    assert "configuration .sovlint.yaml weakens nothing" in out


def test_no_config_no_configuration_line(repo, capsys):
    _, out, err = _run(capsys, ".")
    assert "configuration" not in err and "configuration" not in out


def test_isolated_ignores_the_planted_config(repo, capsys):
    (repo / ".sovlint.yaml").write_text(PLANTED)
    status, out, err = _run(capsys, "--isolated", "--format", "json", ".")
    assert status == 1
    assert {f["rule_id"] for f in json.loads(out)["findings"]} == {"SOV101", "SOV201"}
    assert "configuration" not in err


def test_isolated_ignores_a_pyproject_section_too(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.sovlint]\nfail_on = "never"\n')
    assert _run(capsys, ".")[0] == 0
    assert _run(capsys, "--isolated", ".")[0] == 1


def test_isolated_with_a_pinned_config_from_the_base_branch(repo, tmp_path_factory, capsys):
    pinned = tmp_path_factory.mktemp("gate") / "gate.yaml"
    pinned.write_text("rules:\n  SOV201: off\n")
    (repo / ".sovlint.yaml").write_text(PLANTED)
    status, out, err = _run(capsys, "--isolated", "--config", str(pinned), "--format", "json", ".")
    assert status == 1
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["SOV101"]
    assert (
        f"sovlint: configuration: {pinned} (outside the repository: its paths are taken from the repository root)\n"
        in err
    )
    assert _weakens(err) == [f"{pinned}:2: weakens the gate: SOV201 off"]


def test_pyproject_weakenings_name_their_line(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.sovlint.rules]\nSOV201 = "off"\n')
    _, _, err = _run(capsys, ".")
    assert _weakens(err) == ["pyproject.toml:5: weakens the gate: SOV201 off"]


def test_baseline_named_with_what_it_accepts(repo, capsys):
    assert _run(capsys, "baseline", "create", ".")[0] == 0
    (repo / ".sovlint.yaml").write_text("baseline: .sovlint-baseline.json\nfail_on: never\n")
    status, _, err = _run(capsys, ".")
    assert status == 0
    assert _weakens(err) == [
        ".sovlint.yaml:1: weakens the gate: baseline .sovlint-baseline.json accepts 2 findings",
        ".sovlint.yaml:2: weakens the gate: fail_on never: no finding fails the run",
    ]
    (repo / ".sovlint.yaml").unlink()
    _, _, err = _run(capsys, "--baseline", ".sovlint-baseline.json", ".")
    assert _weakens(err) == ["--baseline: weakens the gate: baseline .sovlint-baseline.json accepts 2 findings"]


def test_endpoints_and_mirrors_are_named(repo, capsys):
    (repo / ".sovlint.yaml").write_text(
        "endpoints:\n  - {hosts: ['s3.amazonaws.com'], country: DE}\n"
        "registries:\n  mirrors:\n    docker.io: harbor.example.eu\n"
    )
    _, _, err = _run(capsys, ".")
    assert _weakens(err) == [
        ".sovlint.yaml:2: weakens the gate: declares an endpoint of its own: s3.amazonaws.com in DE",
        ".sovlint.yaml:5: weakens the gate: takes docker.io images as pulled from harbor.example.eu",
    ]


def test_options_on_the_command_line_win_and_are_not_reported(repo, capsys):
    (repo / ".sovlint.yaml").write_text("profile: eu-residency\nfail_on: never\n")
    status, _, err = _run(capsys, "--profile", "eu-strict", "--fail-on", "error", ".")
    assert status == 1 and _weakens(err) == []


@pytest.mark.parametrize(
    "content",
    ["rules:\n  SOV000: off\n", "rules:\n  SOV000:\n    level: off\n"],
)
def test_sov000_cannot_be_turned_off(repo, capsys, content):
    (repo / ".sovlint.yaml").write_text(content)
    status, out, err = _run(capsys, ".")
    assert status == 2 and out == ""
    assert err.startswith("sovlint: .sovlint.yaml:2: rules.SOV000: cannot be turned off"), err


def test_sov000_lowered_and_sov001_off_are_reported(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV000: note\n  SOV001: off\n")
    _, _, err = _run(capsys, ".")
    assert _weakens(err) == [
        ".sovlint.yaml:2: weakens the gate: SOV000 lowered from error to note",
        ".sovlint.yaml:3: weakens the gate: SOV001 off",
    ]


def test_a_config_cannot_hide_its_own_report_with_control_characters(repo, capsys):
    (repo / ".sovlint.yaml").write_text('exclude: ["\\e[1A\\e[2K", "x\\n::error::forged", "\\u2028y"]\n')
    _, out, err = _run(capsys, ".")
    (line,) = _weakens(err)
    assert line.startswith(".sovlint.yaml:1: weakens the gate: excludes paths: ")
    assert "\x1b" not in err + out and "\n::error" not in err + out


def test_a_found_config_cannot_name_a_baseline_outside_the_repository(repo, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "b.json"
    elsewhere.write_text('{"version": 1, "findings": []}')
    (repo / ".sovlint.yaml").write_text(f"fail_on: error\nbaseline: {elsewhere}\n")
    status, _, err = _run(capsys, ".")
    assert status == 2
    assert err == f"sovlint: .sovlint.yaml:2: baseline: {elsewhere} is outside the repository; not read\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            ".sovlint.yaml",
            "x:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)),
            "sovlint: .sovlint.yaml: more than 100000 values once its aliases are expanded\n",
        ),
        (
            "pyproject.toml",
            "[tool.sovlint]\nexclude = " + "[" * 5000 + "]" * 5000 + "\n",
            "sovlint: pyproject.toml: invalid TOML: nested too deeply\n",
        ),
        (".sovlint.yaml", "# " + "x" * (1024 * 1024) + "\n", "sovlint: .sovlint.yaml: 1024 KB, over the 1024 KB"),
    ],
)
def test_a_hostile_config_is_refused_quickly(repo, capsys, name, content, message):
    (repo / name).write_text(content)
    status, out, err = _run(capsys, ".")
    assert status == 2 and out == "" and err.startswith(message), err


def test_github_annotates_the_weakening_config_on_the_pull_request(repo, capsys):
    (repo / ".sovlint.yaml").write_text("# planted\nexclude: ['**']\nfail_on: never\n")
    status, out, _ = _run(capsys, "--format", "github", ".")
    assert status == 0
    assert out == (
        "::warning file=.sovlint.yaml,line=2,title=sovlint configuration weakens the gate::"
        "line 2: excludes paths: **%0Aline 3: fail_on never: no finding fails the run\n"
    )


def test_github_config_annotation_comes_before_the_findings(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV201: off\n")
    _, out, _ = _run(capsys, "--format", "github", ".")
    lines = out.splitlines()
    assert lines[0].startswith("::warning file=.sovlint.yaml,line=2,") and lines[0].endswith("::line 2: SOV201 off")
    assert lines[1].startswith("::error title=sovlint::1 finding")


def test_markdown_summary_shows_the_configuration(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV201: off\n")
    _, out, _ = _run(capsys, "--format", "markdown", ".")
    assert "**Configuration `.sovlint.yaml` weakens the gate:**" in out
    assert "| `.sovlint.yaml:2` | SOV201 off |" in out


def test_extends_a_list_in_order(repo, capsys):
    write_tree(
        repo,
        {
            "org/a.yaml": "rules:\n  SOV201: off\n  SOV101: note\n",
            "org/b.yaml": "rules:\n  SOV201: warning\n",
            ".sovlint.yaml": "extends: [org/a.yaml, org/b.yaml]\n",
        },
    )
    status, _, err = _run(capsys, ".")
    assert status == 0
    assert "sovlint: configuration: .sovlint.yaml, extending org/a.yaml, org/b.yaml\n" in err
    assert _weakens(err) == [
        "org/a.yaml:3: weakens the gate: SOV101 lowered from error to note",
        "org/b.yaml:2: weakens the gate: SOV201 lowered from error to warning",
    ]


def test_include_and_control_are_named(repo, capsys):
    (repo / ".sovlint.yaml").write_text("include: ['docs/**']\ncontrol: [US]\nlimits: {max_file_mb: 5}\n")
    status, _, err = _run(capsys, ".")
    assert status == 0  # nothing under docs/: nothing scanned
    assert _weakens(err) == [
        ".sovlint.yaml:1: weakens the gate: scans only: docs/**",
        ".sovlint.yaml:2: weakens the gate: also allows control from: US",
    ]


def test_inventory_and_report_name_the_configuration_too(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV201: off\n")
    for command in ("inventory", "report"):
        status, _, err = _run(capsys, command, ".", *(["-o", "r.html"] if command == "report" else []))
        assert status == 0 and _weakens(err) == [".sovlint.yaml:2: weakens the gate: SOV201 off"], command


def test_raised_limits_are_named_lowered_ones_are_not(repo, capsys):
    """A planted config that lets bigger inputs through (a slower, costlier gate) says so; a stricter one does not."""
    (repo / ".sovlint.yaml").write_text("limits:\n  max_file_mb: 4000\n  timeout_s: 10\n  eval_steps: 90000000\n")
    _, _, err = _run(capsys, ".")
    assert _weakens(err) == [
        ".sovlint.yaml:2: weakens the gate: raises the max_file_mb limit from 20 to 4000",
        ".sovlint.yaml:4: weakens the gate: raises the eval_steps limit from 500000 to 90000000",
    ]


def test_a_baseline_not_written_yet_weakens_nothing(repo, capsys):
    """The first run of a CI gate names a baseline that does not exist yet: it accepts nothing, says so in a
    note, and is not listed (nor annotated) as weakening the gate."""
    (repo / ".sovlint.yaml").write_text("baseline: .sovlint-baseline.json\n")
    status, out, err = _run(capsys, ".")
    assert status == 1
    assert ".sovlint-baseline.json does not exist yet: no findings are accepted" in err
    assert _weakens(err) == []


# A configuration pinned from the base branch and kept outside the repository (README: "Pin the gate's configuration")


def _git(repo, *argv):
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    done = subprocess.run(["git", "-C", str(repo), *argv], capture_output=True, env=env, check=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_pinned_gate_recipe_fails_on_a_violation(repo, tmp_path_factory, capsys):
    """The README's recipe, step by step: the base branch's configuration, written outside the repository."""
    shutil.rmtree(repo / ".git")
    (repo / ".sovlint.yaml").write_text('include: ["infra/**"]\n')
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=ci", "-c", "user.email=ci@example.eu", "commit", "-q", "-m", "base")
    (repo / ".sovlint.yaml").write_text('include: ["docs/**"]\n')  # the pull request narrows its own gate
    gate = tmp_path_factory.mktemp("tmp") / "gate.yaml"
    gate.write_bytes(_git(repo, "show", "main:.sovlint.yaml"))
    status, out, err = _run(capsys, "--isolated", "--config", str(gate), "--format", "json", ".")
    assert status == 1
    assert {(f["file"], f["rule_id"]) for f in json.loads(out)["findings"]} == {
        ("infra/main.tf", "SOV101"),
        ("infra/main.tf", "SOV201"),
    }
    assert (
        f"sovlint: configuration: {gate} (outside the repository: its paths are taken from the repository root)\n"
        in err
    )
    assert _weakens(err) == [f"{gate}:1: weakens the gate: scans only: infra/**"]
    os.chdir(repo / "infra")  # from a folder of the repository, its paths are still the root's
    assert _run(capsys, "--isolated", "--config", str(gate), ".")[0] == 1


PINNED = """\
include: ["infra/**", "legacy/**"]
exclude: ["legacy/old/**"]
baseline: .sovlint-baseline.json
"""


def test_a_pinned_config_includes_excludes_and_baselines_as_in_the_repository(repo, tmp_path_factory, capsys):
    write_tree(repo, {"legacy/main.tf": US_BUCKET, "legacy/old/main.tf": US_BUCKET, "docs/main.tf": US_BUCKET})
    assert _run(capsys, "baseline", "create", "legacy")[0] == 0  # accepts the findings under legacy/ (4)
    (repo / ".sovlint.yaml").write_text(PINNED)
    in_repo = _run(capsys, "--format", "json", ".")
    gate = tmp_path_factory.mktemp("tmp") / "gate.yaml"
    gate.write_text(PINNED)
    (repo / ".sovlint.yaml").write_text("fail_on: never\n")  # planted: not read with --isolated
    pinned = _run(capsys, "--isolated", "--config", str(gate), "--format", "json", ".")
    assert (pinned[0], in_repo[0]) == (1, 1)

    def found(out):
        return sorted((f["file"], f["rule_id"], bool(f["suppressed"])) for f in json.loads(out)["findings"])

    assert (
        found(pinned[1])
        == found(in_repo[1])
        == [
            ("infra/main.tf", "SOV101", False),
            ("infra/main.tf", "SOV201", False),
            ("legacy/main.tf", "SOV101", True),
            ("legacy/main.tf", "SOV201", True),
        ]
    )
    assert f"{gate}:3: weakens the gate: baseline .sovlint-baseline.json accepts 4 findings" in _weakens(pinned[2])


def test_a_pinned_config_reads_what_it_extends_from_beside_it(repo, tmp_path_factory, capsys):
    """What a configuration extends is configuration too: the pull request's copy in the tree is not read."""
    write_tree(repo, {"platform/org.yaml": "fail_on: never\n"})  # planted by the pull request
    kept = tmp_path_factory.mktemp("tmp")
    write_tree(kept, {"gate.yaml": "extends: platform/org.yaml\n", "platform/org.yaml": "fail_on: error\n"})
    status, _, err = _run(capsys, "--isolated", "--config", str(kept / "gate.yaml"), ".")
    assert status == 1 and f"extending {kept / 'platform/org.yaml'}" in err
    (kept / "platform/org.yaml").unlink()  # not fetched beside it: an error, never the tree's copy
    status, _, err = _run(capsys, "--isolated", "--config", str(kept / "gate.yaml"), ".")
    assert status == 2 and "extends: platform/org.yaml: no such file" in err
