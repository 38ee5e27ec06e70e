"""The examples of policies/rules.yaml, scanned through the CLI as a user would: the failing file is reported
as the rule, the passing file is not; the rule reference and `sovlint explain` show both."""

import json

import pytest

from conftest import REPO, write_tree
from sovlint.cli import main
from sovlint.knowledge import catalog

RULES = catalog.load().rules
EXAMPLES = [(rule_id, example) for rule_id, rule in RULES.items() for example in rule.examples]
IDS = [f"{rule_id}-{n}" for rule_id, rule in RULES.items() for n, _ in enumerate(rule.examples)]


def reported(tmp_path, monkeypatch, capsys, name: str, text: str) -> set[str]:
    """The rules the CLI reports (unsuppressed) on a repository holding this one file."""
    write_tree(tmp_path, {name: text})
    monkeypatch.chdir(tmp_path)
    status = main(["--format", "json", "."])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    return {f["rule_id"] for f in json.loads(out)["findings"] if f["suppressed"] is None}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_examples(rule_id):
    assert RULES[rule_id].examples, f"{rule_id}: add examples (a failing and a passing file) to rules.yaml"


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=IDS)
def test_the_failing_example_is_reported(rule_id, example, tmp_path, monkeypatch, capsys):
    assert rule_id in reported(tmp_path, monkeypatch, capsys, example.file, example.fails)


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=IDS)
def test_the_passing_example_is_not_reported(rule_id, example, tmp_path, monkeypatch, capsys):
    assert rule_id not in reported(tmp_path, monkeypatch, capsys, example.file, example.passes)


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=IDS)
def test_the_docs_and_explain_show_them(rule_id, example, capsys):
    page = (REPO / "docs" / "rules" / f"{rule_id}.md").read_text(encoding="utf-8")
    assert main(["explain", rule_id]) == 0
    explained = capsys.readouterr().out
    for snippet in (example.fails, example.passes):
        assert snippet.rstrip("\n") in page
        assert "\n".join(f"    {line}".rstrip() for line in snippet.rstrip("\n").split("\n")) in explained
