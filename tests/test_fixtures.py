"""Whole-repository cases: fixtures/<case>/ holds the inputs and expected.json the whole `--format json`
report of `sovlint .` run inside it as a repository of its own (the version normalised). `pytest --update-golden` rewrites them."""

import json
import shutil

import pytest

from conftest import REPO
from sovlint.cli import main
from sovlint.jsontext import dumps

CASES = sorted(p.parent for p in (REPO / "fixtures").glob("*/expected.json"))
VERSION = "<version>"  # the report's only part that changes without a change of findings


def report(case, monkeypatch, capsys, tmp_path) -> dict:
    """`sovlint .` in the case made a repository of its own: paths are reported from the case's root."""
    repo = tmp_path / case.name
    shutil.copytree(case, repo, symlinks=True)
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo)
    status = main(["--format", "json", "."])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    document = json.loads(out)
    document["tool"]["version"] = VERSION
    return document


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case, monkeypatch, capsys, request, tmp_path):
    found = report(case, monkeypatch, capsys, tmp_path)
    golden = case / "expected.json"
    if request.config.getoption("update_golden"):
        golden.write_text(dumps(found), encoding="utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8")), "if the change is right: pytest --update-golden"


def test_the_demo_shows_both_parsers():
    findings = json.loads((REPO / "fixtures/demo/expected.json").read_text())["findings"]
    rules = {f["rule_id"]: f["file"] for f in findings}
    assert rules["SOV203"].endswith(".yaml") and rules["SOV101"].endswith(".tf")
