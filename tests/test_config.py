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
        ("profle: eu-strict\n", "sovlint: .sovlint.yaml: unknown key ('profle' was unexpected)"),
        ("profile: us-first\n", "sovlint: .sovlint.yaml:1: profile: unknown profile 'us-first'"),
        ("rules: [\n", "sovlint: .sovlint.yaml:2: invalid YAML"),
        ("locations: [germany]\n", "sovlint: .sovlint.yaml:1: locations.0: 'germany' does not match"),
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


def test_explicit_config_file(repo, capsys):
    (repo / "strict.yaml").write_text("rules:\n  SOV201: off\n  SOV101: off\n")
    assert _run(capsys, "--config", "strict.yaml", "infra")[0] == 0
    assert _run(capsys, "--config", "missing.yaml", "infra")[0] == 2


def test_a_pyproject_that_only_mentions_the_section_is_not_a_config(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"  # settings would go in [tool.sovlint]\n')
    from sovlint import config

    assert config.find("infra") is None
