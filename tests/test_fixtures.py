"""Whole-repository cases: fixtures/<case>/ holds the inputs and expected.json the findings."""

import json

import pytest

from conftest import REPO, lint_tree

CASES = sorted(p.parent for p in (REPO / "fixtures").glob("*/expected.json"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case):
    expected = json.loads((case / "expected.json").read_text())
    found = [
        {"rule_id": f.rule_id, "file": f.file, "line": f.line, "address": f.address}
        for f in lint_tree(case)
        if not f.suppressed
    ]
    assert found == expected


def test_the_demo_shows_both_parsers():
    rules = {row["rule_id"]: row["file"] for row in json.loads((REPO / "fixtures/demo/expected.json").read_text())}
    assert rules["SOV203"].endswith(".yaml") and rules["SOV101"].endswith(".tf")
