"""Smoke tests over real public code in ../shared/corpus: no crash, no traceback, no SOV000 on valid files."""

import pytest

from conftest import CORPUS, lint_tree

VALID = ["terraform-aws-vpc", "terraform-google-kubernetes-engine", "kubernetes-examples"]


def _corpus(name):
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip("../shared/corpus is absent")
    return path


@pytest.mark.parametrize("name", VALID)
def test_valid_corpus_scans_without_parse_errors(name):
    findings = lint_tree(_corpus(name))
    assert [f"{f.file}:{f.line}: {f.message}" for f in findings if f.rule_id == "SOV000"] == []


def test_hard_corners_do_not_crash():
    findings = lint_tree(_corpus("checkov-fixtures"))
    for f in findings:
        assert f.line >= 1 and "Token(" not in f.message and "Traceback" not in f.message
