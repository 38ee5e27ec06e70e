"""The engine's seams: findings once, the configured level of findings made outside the rules, per-path levels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import profiles
from sovlint.model import Finding, Level, Origin
from sovlint.rules.base import RuleContext

CATALOG = catalog_mod.load()
A = Origin("a/main.tf", 4, "module.m")
B = Origin("b/main.tf", 7, "module.m")


def _finding(rule: str = "SOV101", line: int = 1, message: str = "m", key: str = "", **kw: object) -> Finding:
    return Finding("mod/main.tf", line, rule, "aws_s3_bucket.b", Level.ERROR, message, key=key, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], []),
        # identical findings: once, the later ones' related locations added in order, none twice
        (
            [_finding(related=(A,)), _finding(related=(B,)), _finding(related=(A, B))],
            [_finding(related=(A, B))],
        ),
        ([_finding(), _finding()], [_finding()]),
        # any difference keeps them apart, in first-seen order
        ([_finding(line=2), _finding(line=1)], [_finding(line=2), _finding(line=1)]),
        ([_finding(message="x"), _finding(message="y")], [_finding(message="x"), _finding(message="y")]),
        ([_finding(key="img:1"), _finding(key="img:2")], [_finding(key="img:1"), _finding(key="img:2")]),
        ([_finding("SOV101"), _finding("SOV102")], [_finding("SOV101"), _finding("SOV102")]),
    ],
)
def test_once(findings: list[Finding], expected: list[Finding]) -> None:
    assert engine.once(findings) == expected


def _context(**levels: Level | None) -> RuleContext:
    return RuleContext(CATALOG, profiles.load("eu-strict")._replace(levels=dict(levels)))


@pytest.mark.parametrize(
    ("rule", "levels", "expected"),
    [
        ("SOV000", {}, Level.ERROR),  # the rule's own level
        ("SOV001", {}, Level.WARNING),
        ("SOV000", {"SOV000": Level.WARNING}, Level.WARNING),  # the configured one
        ("SOV001", {"SOV001": Level.ERROR}, Level.ERROR),
        ("SOV001", {"SOV101": Level.NOTE}, Level.WARNING),  # another rule's level does not apply
    ],
)
def test_stamp_gives_the_configured_level(rule: str, levels: dict[str, Level | None], expected: Level) -> None:
    made = Finding("main.tf", 3, rule, "", Level.NOTE, "cannot be read")
    stamped = _context(**levels).stamp(made)
    assert stamped.level == expected
    assert stamped.fix == CATALOG.rules[rule].fix != ""
    assert stamped._replace(level=made.level, fix="") == made  # nothing else changes


def test_stamp_keeps_a_fix_of_its_own_and_leaves_unknown_rules_alone() -> None:
    own = Finding("main.tf", 3, "SOV000", "", Level.ERROR, "m", fix="close the brace")
    assert _context().stamp(own).fix == "close the brace"
    other = Finding("main.tf", 3, "XYZ999", "", Level.NOTE, "m")
    assert _context().stamp(other) is other


US = 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_sqs_queue" "q" {}\n'


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **profile: object) -> list[tuple[str, str, Level]]:
    write_tree(tmp_path, {"prod/main.tf": US, "sandbox/main.tf": US, "broken/main.tf": "resource {\n"})
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["."])
    chosen = profiles.load("eu-strict")._replace(**profile)  # type: ignore[arg-type]
    found = engine.run(files, engine.Options(chosen)).findings
    return [(f.file, f.rule_id, f.level) for f in found if f.rule_id in ("SOV000", "SOV101")]


@pytest.mark.parametrize(
    ("levels", "per_path", "expected"),
    [
        (
            {},
            (),
            [
                ("broken/main.tf", "SOV000", Level.ERROR),
                ("prod/main.tf", "SOV101", Level.ERROR),
                ("sandbox/main.tf", "SOV101", Level.ERROR),
            ],
        ),
        # a path's own level; None drops the rule there
        (
            {"SOV000": Level.NOTE},
            (("sandbox/**", {"SOV101": Level.WARNING}), ("prod/**", {"SOV101": None})),
            [("broken/main.tf", "SOV000", Level.NOTE), ("sandbox/main.tf", "SOV101", Level.WARNING)],
        ),
        # off everywhere, on again for one path; the last glob that names the rule wins
        (
            {"SOV101": None},
            (("**", {"SOV101": Level.WARNING}), ("prod/**", {"SOV101": Level.NOTE})),
            [
                ("broken/main.tf", "SOV000", Level.ERROR),
                ("prod/main.tf", "SOV101", Level.NOTE),
                ("sandbox/main.tf", "SOV101", Level.WARNING),
            ],
        ),
        # SOV000 is never off: an unread file is never silent
        (
            {"SOV000": None, "SOV101": None},
            (),
            [("broken/main.tf", "SOV000", Level.ERROR)],
        ),
    ],
)
def test_levels_per_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    levels: dict[str, Level | None],
    per_path: tuple[tuple[str, dict[str, Level | None]], ...],
    expected: list[tuple[str, str, Level]],
) -> None:
    assert _run(tmp_path, monkeypatch, levels=levels, per_path=per_path) == expected


def test_a_rule_is_given_every_resource_of_the_kinds_it_judges_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rule names the kinds of resource it judges (KINDS) and relies on it: of the fixtures' Terraform
    resources, backends, providers, Kubernetes objects, cloud resources and images, the engine gives a rule
    those of its kinds and no other."""
    from sovlint.model import Kind
    from sovlint.rules import KINDS, RULES

    given: set[tuple[str, Kind]] = set()

    def recording(rule_id: str, check: Any) -> Any:
        def judged(resource: Any, placement: Any, ctx: Any) -> Any:
            given.add((rule_id, resource.kind))
            return check(resource, placement, ctx)

        return judged

    monkeypatch.setattr(engine, "RULES", {rule_id: recording(rule_id, check) for rule_id, check in RULES.items()})
    root = Path(__file__).resolve().parent.parent / "fixtures"
    write_tree(tmp_path, {"main.tf": 'resource "libvirt_domain" "a" {\n  name = "a"\n}\n'})  # an unknown provider
    named = [str(root / name) for name in ("demo", "kubernetes-cloud", "compose-voting-app", "plan")]
    files, _ = discover([*named, str(tmp_path)])
    result = engine.run(files, engine.Options(profiles.load("eu-strict")))  # type: ignore[arg-type]
    kinds = {r.kind for r, _ in result.inventory}
    assert kinds == set(Kind)
    assert given == {(rule_id, kind) for rule_id in RULES for kind in KINDS[rule_id]}
    assert all(KINDS[rule_id] < set(Kind) for rule_id in ("SOV101", "SOV104", "SOV202", "SOV204", "SOV302"))


def test_the_resources_found_are_out_of_the_collectors_way_while_judged_and_collected_again_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 20,000 resources of one file are not walked again by each collection the rules and reports make; once
    the scan ends they are collected as usual (sovlint used as a library keeps nothing)."""
    import gc

    write_tree(tmp_path, {"main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {}\n'})
    monkeypatch.chdir(tmp_path)
    seen: list[int] = []
    judge = engine._judge
    monkeypatch.setattr(engine, "_judge", lambda *args: seen.append(gc.get_freeze_count()) or judge(*args))
    files, _ = discover(["."])
    result = engine.run(files, engine.Options(profiles.load("eu-strict")))  # type: ignore[arg-type]
    assert [f.rule_id for f in result.findings if f.rule_id == "SOV101"] == ["SOV101"]
    assert seen and min(seen) > 0
    assert gc.get_freeze_count() == 0


def test_a_scan_leaves_nothing_for_the_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a scan parsed and evaluated is freed as soon as it is no longer used, without a collection: a cycle
    would hold a large file's blocks to the end (and its collection at exit takes a quarter of a second)."""
    import gc

    call = 'module "m" {\n  source = "./m"\n  count  = 2\n}\n'
    child = 'resource "aws_s3_bucket" "b" {}\n'
    write_tree(tmp_path, {"main.tf": 'provider "aws" {\n  region = "us-east-1"\n}\n' + call, "m/main.tf": child})
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["."])
    gc.collect()
    gc.disable()
    try:
        result = engine.run(files, engine.Options(profiles.load("eu-strict")))  # type: ignore[arg-type]
        assert sorted(r.address for r, _ in result.inventory) == [
            "module.m[0].aws_s3_bucket.b",
            "module.m[1].aws_s3_bucket.b",
        ]
        del result
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_cycles_made_while_a_file_is_read_are_collected_while_the_scan_collects_nothing_else() -> None:
    """A scan turns the collector off (it makes many objects that live to its end); what reading a file makes is
    collected all the same, hostile input making cycles there, and nothing made before is walked."""
    import gc
    import weakref

    from sovlint.stored import collected_apart, thaw, unswept

    class Node:
        pass

    def cycle() -> weakref.ref[Node]:
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        return weakref.ref(node)

    with unswept():
        before = cycle()
        with collected_apart():
            assert gc.isenabled()
            inside = cycle()
            gc.collect(0)  # as a collection of the youngest objects would, once enough are made
        assert not gc.isenabled() and gc.get_freeze_count() > 0  # until the scan ends
        assert inside() is None  # collected
        assert before() is not None  # made before: left out
    thaw()
    assert gc.get_freeze_count() == 0
    gc.collect()
