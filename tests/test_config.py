import json

import pytest

from conftest import write_tree
from sovlint.cli import main

BUCKET = 'resource "aws_s3_bucket" "b" {\n  region = "eu-west-2"\n}\n'


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / ".git").mkdir()  # the walk up stops at the repository root
    write_tree(tmp_path, {"infra/main.tf": BUCKET})
    return tmp_path


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_config_found_walking_up_changes_profile_levels_and_locations(repo, capsys):
    assert _run(capsys, "--format", "json", "infra")[0] == 1
    (repo / ".sovlint.yaml").write_text("profile: eu-residency\nlocations: [GB]\nrules:\n  SOV102: off\n")
    status, out, _ = _run(capsys, "--format", "json", "infra")
    assert status == 0 and '"findings": []' in out


def test_rule_level_and_accepted_provider(repo, capsys):
    (repo / ".sovlint.yaml").write_text("rules:\n  SOV101:\n    level: warning\nproviders: [hashicorp/aws]\n")
    status, out, _ = _run(capsys, "--format", "json", "infra")
    assert status == 0
    assert '"level": "warning"' in out and "SOV201" not in out


def test_pyproject_section(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.sovlint]\nprofile = "eu-adequate"\n')
    status, out, _ = _run(capsys, "--format", "json", "infra")
    assert status == 1 and "SOV101" not in out and "SOV201" in out


def test_exclude_globs(repo, capsys):
    write_tree(repo, {"examples/demo/main.tf": BUCKET})
    (repo / ".sovlint.yaml").write_text('exclude: ["examples/**", "infra"]\n')
    status, out, _ = _run(capsys, "--format", "json", ".")
    assert status == 0 and '"files_scanned": 0' in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules:\n  SOV201:\n    level: fatal\n", "sovlint: .sovlint.yaml:2: rules.SOV201: "),
        ("rules:\n  SOV999: off\n", "sovlint: .sovlint.yaml:2: rules.SOV999: unknown rule (known: SOV000,"),
        ("profle: eu-strict\n", "sovlint: .sovlint.yaml:1: unknown key 'profle'"),
        ("profile: us-first\n", "sovlint: .sovlint.yaml:1: profile: unknown profile 'us-first'"),
        ("rules: [\n", "sovlint: .sovlint.yaml:2: invalid YAML"),
        ("limits:\n  timeout_s: !!int x\n", "sovlint: .sovlint.yaml:2: invalid YAML: 'x' is not a valid int"),
        ("locations: [germany]\n", "sovlint: .sovlint.yaml:1: locations.0: 'germany' does not match"),
        (
            "locations: [DE]\ncontrol: [EU, EU-ADEQUAT]\n",
            "sovlint: .sovlint.yaml:2: control.1: unknown country or group",
        ),
        ("limits:\n  timeout_s: .nan\n", "sovlint: .sovlint.yaml:2: limits.timeout_s: nan is not a finite number"),
        ("locations: [XY]\n", "sovlint: .sovlint.yaml:1: locations.0: unknown country or group 'XY' (groups: "),
        (
            "endpoints:\n  - hosts: [s3.example.eu]\n    country: QQ\n",
            "sovlint: .sovlint.yaml:3: endpoints.0.country: unknown country or group 'QQ'",
        ),
    ],
)
def test_bad_config_names_file_line_and_key_and_exits_2(repo, capsys, content, message):
    (repo / ".sovlint.yaml").write_text(content)
    status, out, err = _run(capsys, "infra")
    assert status == 2 and out == ""
    assert err.startswith(message), err
    assert err.count("\n") == 1


def test_init_writes_a_valid_starter_and_never_overwrites(repo, capsys):
    assert _run(capsys, "init")[0] == 0
    assert (repo / ".sovlint.yaml").read_text().startswith("# sovlint configuration")
    assert _run(capsys, "infra")[0] == 1  # the starter itself is valid
    status, _, err = _run(capsys, "init")
    assert status == 2 and "already exists" in err


def test_the_starters_exclude_globs_start_from_its_folder(repo, capsys, monkeypatch):
    """What `sovlint init` says of `exclude` is what it does, from any working directory."""
    write_tree(repo, {"infra/examples/main.tf": BUCKET})
    monkeypatch.chdir(repo / "infra")
    assert _run(capsys, "init")[0] == 0
    starter = repo / "infra" / ".sovlint.yaml"
    text = starter.read_text()
    assert "# Paths to leave out: globs on paths from this file's folder" in text
    starter.write_text(text.replace('# - "examples/**"', '- "examples/**"'))
    for cwd, target in ((repo, "infra"), (repo / "infra" / "examples", "..")):
        monkeypatch.chdir(cwd)
        status, out, _ = _run(capsys, "--format", "json", target)
        assert {f["file"] for f in json.loads(out)["findings"]} == {"infra/main.tf"}, cwd


def test_explicit_config_file(repo, capsys):
    (repo / "strict.yaml").write_text("rules:\n  SOV201: off\n  SOV101: off\n")
    assert _run(capsys, "--config", "strict.yaml", "infra")[0] == 0
    assert _run(capsys, "--config", "missing.yaml", "infra")[0] == 2


def test_a_pyproject_that_only_mentions_the_section_is_not_a_config(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"  # settings would go in [tool.sovlint]\n')
    from sovlint import config

    assert config.find("infra") is None


def test_unknown_key_names_its_line(repo, capsys):
    (repo / ".sovlint.yaml").write_text("profile: eu-strict\nprofle: eu-strict\n")
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err == "sovlint: .sovlint.yaml:2: unknown key 'profle'\n"


def test_pyproject_errors_name_file_and_line(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.sovlint]\nfail_on = "sometimes"\n')
    status, _, err = _run(capsys, "infra")
    assert status == 2
    assert err.startswith("sovlint: pyproject.toml:5: fail_on: 'sometimes' is not one of error, warning, note, never")
    (repo / "pyproject.toml").write_text('[tool.sovlint]\nfail_on = "never\n')
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err.startswith("sovlint: pyproject.toml:2: invalid TOML"), err


# extends: a shared (organisation) configuration


def test_extends_a_shared_config_and_overrides_it(repo, capsys):
    write_tree(
        repo,
        {
            "org/base.yaml": "profile: eu-adequate\nrules:\n  SOV102: note\n  SOV201: warning\nexclude: ['vendor/**']\n",
            ".sovlint.yaml": "extends: org/base.yaml\nrules:\n  SOV201: error\n",
        },
    )
    status, out, err = _run(capsys, "--format", "json", "infra")
    assert status == 1
    assert "sovlint: configuration: .sovlint.yaml, extending org/base.yaml\n" in err
    # the profile and SOV102 come from the base, SOV201 is set back to error here
    levels = {f["rule_id"]: f["level"] for f in json.loads(out)["findings"]}
    assert levels == {"SOV201": "error"}
    assert "org/base.yaml:1: weakens the gate: profile eu-adequate instead of eu-strict" in err
    assert "org/base.yaml:5: weakens the gate: excludes paths: vendor/**" in err
    assert "SOV201 lowered" not in err


def test_extends_chain_and_cycle(repo, capsys):
    write_tree(
        repo, {"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n", ".sovlint.yaml": "extends: a.yaml\n"}
    )
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err == "sovlint: b.yaml:1: extends: a.yaml is already being read (a cycle)\n"


@pytest.mark.parametrize(
    ("extends", "message"),
    [
        ("missing.yaml", "sovlint: .sovlint.yaml:1: extends: missing.yaml: no such file"),
        ("https://example.com/org.yaml", "sovlint: .sovlint.yaml:1: extends: a file path, not a URL"),
        ("../outside.yaml", "sovlint: .sovlint.yaml:1: extends: ../outside.yaml is outside the repository"),
    ],
)
def test_extends_errors(repo, capsys, extends, message):
    (repo.parent / "outside.yaml").write_text("fail_on: never\n")
    (repo / ".sovlint.yaml").write_text(f"extends: {extends}\n")
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err.startswith(message), err


def test_an_error_in_an_extended_file_names_that_file(repo, capsys):
    write_tree(repo, {"org.yaml": "rules:\n  SOV201: fatal\n", ".sovlint.yaml": "extends: org.yaml\n"})
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err.startswith("sovlint: org.yaml:2: rules.SOV201: 'fatal' is not one of"), err


# per_path: rule settings for some paths only (as ruff's per-file-ignores)


def test_per_path_rule_settings(repo, capsys):
    write_tree(repo, {"examples/demo/main.tf": BUCKET.replace("eu-west-2", "us-east-1")})
    (repo / ".sovlint.yaml").write_text(
        "per_path:\n  'examples/**':\n    SOV101: off\n    SOV201: note\n  'infra/*.tf':\n    SOV201: warning\n"
    )
    status, out, err = _run(capsys, "--format", "json", ".")
    assert status == 1
    found = {(f["file"], f["rule_id"], f["level"]) for f in json.loads(out)["findings"]}
    assert found == {
        ("examples/demo/main.tf", "SOV201", "note"),
        ("infra/main.tf", "SOV101", "error"),
        ("infra/main.tf", "SOV201", "warning"),
    }
    assert ".sovlint.yaml:3: weakens the gate: SOV101 off in examples/**" in err
    assert ".sovlint.yaml:6: weakens the gate: SOV201 lowered from error to warning in infra/*.tf" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("per_path:\n  'x/**':\n    SOV999: off\n", "sovlint: .sovlint.yaml:3: per_path.x/**.SOV999: unknown rule"),
        (
            "per_path:\n  'x/**':\n    SOV000: off\n",
            "sovlint: .sovlint.yaml:3: per_path.x/**.SOV000: cannot be turned off",
        ),
        ("per_path:\n  'x/**': [SOV101]\n", "sovlint: .sovlint.yaml:2: per_path.x/**: "),
    ],
)
def test_per_path_errors(repo, capsys, content, message):
    (repo / ".sovlint.yaml").write_text(content)
    status, _, err = _run(capsys, "infra")
    assert status == 2 and err.startswith(message), err


# inline suppressions can be made to count, for CI gates

SUPPRESSED = '# sovlint:ignore SOV201 reason="accepted"\nresource "aws_s3_bucket" "b" {\n  region = "eu-west-3"\n}\n'


def test_disable_suppressions_counts_inline_suppressions(repo, capsys):
    write_tree(repo, {"infra/main.tf": SUPPRESSED})
    assert _run(capsys, "infra")[0] == 0
    status, out, _ = _run(capsys, "--disable-suppressions", "--format", "json", "infra")
    assert status == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["rule_id"] == "SOV201" and not finding.get("suppressed")
    assert finding["message"].endswith(
        '(suppressed at infra/main.tf:1, reason "accepted"; counted: suppressions are disabled)'
    )
    (repo / ".sovlint.yaml").write_text("disable_suppressions: true\n")
    assert _run(capsys, "infra")[0] == 1


def test_disable_suppressions_leaves_the_baseline_alone(repo, capsys):
    assert _run(capsys, "baseline", "create", "infra")[0] == 0
    assert _run(capsys, "--disable-suppressions", "--baseline", ".sovlint-baseline.json", "infra")[0] == 0


def test_levels_reach_findings_made_outside_the_rules(tmp_path, capsys, monkeypatch):
    """SOV001 (a malformed suppression) can be turned off; SOV000 can be lowered but never turned off."""
    write_tree(
        tmp_path,
        {
            ".sovlint.yaml": "rules:\n  SOV001: off\n  SOV000: note\n",
            "main.tf": '# sovlint:ignore\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "x" {\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--format", "json", "--fail-on", "warning", "."]) == 1
    found = {(f["rule_id"], f["level"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert ("SOV000", "note") in found
    assert not any(rule == "SOV001" for rule, _ in found)
