"""Precision and recall on real Terraform that no one on the project wrote.

Each folder under cases/ holds files copied unchanged from a public repository (ORIGIN.txt, LICENSE)
and expected.yaml: the findings a user should get under the default profile, labelled by hand against
SPEC.md, as `RULE address` lines. A reported finding that is not expected counts against precision, an
expected one that is not reported against recall. The figures may rise; they must not fall below the
ones recorded here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import lint_tree

CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/expected.yaml"))
PRECISION = 1.0  # recorded figures: raise them when sovlint gets better, never lower them
RECALL = 1.0


def _expected(case: Path) -> tuple[Counter[tuple[str, str]], dict[str, object]]:
    spec = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    wanted = Counter(tuple(line.split("#")[0].split(None, 1)) for line in spec.get("expected") or [])
    # a file that cannot be read (SOV000) has no address: its line is the rule alone
    return Counter({(key[0], "".join(key[1:]).strip()): n for key, n in wanted.items()}), spec


def _reported(case: Path, spec: dict[str, object]) -> Counter[tuple[str, str]]:
    var_files = tuple(str(case / name) for name in spec.get("var_files") or [])  # type: ignore[attr-defined]
    findings = lint_tree(case, var_files=var_files)
    return Counter((f.rule_id, f.address) for f in findings if not f.suppressed)


def _judge(case: Path) -> tuple[int, int, int, Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(right, reported, expected, wrong, missed) for one case."""
    expected, spec = _expected(case)
    reported = _reported(case, spec)
    right = sum((expected & reported).values())
    return right, sum(reported.values()), sum(expected.values()), reported - expected, expected - reported


def test_every_case_names_its_origin_and_licence():
    assert len(CASES) >= 20
    for case in CASES:
        origin = (case / "ORIGIN.txt").read_text(encoding="utf-8")
        assert "repository: https://github.com/" in origin and "commit: " in origin, case.name
        assert (case / "LICENSE").stat().st_size > 0, case.name


def test_precision_and_recall_do_not_fall():
    right = reported = expected = 0
    wrong: dict[str, list[str]] = {}
    missed: dict[str, list[str]] = {}
    for case in CASES:
        r, n, e, bad, lost = _judge(case)
        right, reported, expected = right + r, reported + n, expected + e
        if bad:
            wrong[case.name] = sorted(" ".join(k) for k in bad.elements())
        if lost:
            missed[case.name] = sorted(" ".join(k) for k in lost.elements())
    precision = right / reported if reported else 1.0
    recall = right / expected if expected else 1.0
    print(f"\nprecision {precision:.3f} ({right}/{reported}), recall {recall:.3f} ({right}/{expected})")
    assert precision >= PRECISION, wrong
    assert recall >= RECALL, missed


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Per case, for reading: what is wrong and what is missed (fails only on a crash)."""
    _, _, _, wrong, missed = _judge(case)
    with capsys.disabled():
        for key in sorted(wrong.elements()):
            print(f"\n  {case.name}: unexpected {' '.join(key)}", end="")
        for key in sorted(missed.elements()):
            print(f"\n  {case.name}: missed {' '.join(key)}", end="")


def test_no_duplicate_and_no_location_finding_on_a_sub_resource():
    """Done when: no finding twice, and no SOV1xx on a resource without a location of its own whose parent is in
    the case (a part of a parent declared elsewhere is judged once, as its parent would be)."""
    import re

    from sovlint.knowledge import catalog as catalog_mod

    catalog = catalog_mod.load()
    for case in CASES:
        _, spec = _expected(case)
        var_files = tuple(str(case / name) for name in spec.get("var_files") or [])
        findings = [f for f in lint_tree(case, var_files=var_files) if not f.suppressed]
        keys = [(f.rule_id, f.file, f.line, f.address, f.message) for f in findings]
        assert len(keys) == len(set(keys)), case.name
        text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in case.rglob("*.tf"))
        for f in findings:
            if not f.rule_id.startswith("SOV1") or f.address.startswith("provider[") or not f.file.endswith(".tf"):
                continue  # Kubernetes parts are the kubernetes tests' (tests/kubernetes)
            rtype = re.sub(r"\[.*?\]", "", f.address).split(".")[-2]
            provider = catalog.provider(dict(f.properties).get("provider", ""))
            parent = catalog.part_of(provider, rtype) if provider is not None else ""
            assert not parent or f'resource "{parent}"' not in text, (case.name, f.address)
