"""Hostile and broken input: never crash, never hang, never lose a finding, never run foreign code."""

import json
import os
import random
import socket
import time

import pytest

from conftest import REPO, SARIF_SCHEMA, lint_tree, write_tree
from sovlint import engine
from sovlint.cli import main
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.limits import Limits


def _scan(root, limits=None, shuffle=False):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover(["."])
        if shuffle:
            random.Random(7).shuffle(files)
        options = engine.Options(profiles.load("eu-strict"), limits=limits or Limits())
        return engine.run(files, options).findings
    finally:
        os.chdir(cwd)


def test_hostile_fixtures_never_execute_code(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO / "fixtures" / "hostile")
    assert main(["--format", "json", "--output", str(tmp_path / "out.json"), "."]) == 1
    assert not (REPO / "fixtures" / "hostile" / "pwned.txt").exists()


def test_size_line_and_time_limits_skip_with_a_finding(tmp_path):
    write_tree(
        tmp_path,
        {
            "big.yaml": "# " + "x" * (3 * 1024 * 1024) + "\n",
            "long.tf": 'locals {\n  a = "' + "y" * (600 * 1024) + '"\n}\n',
            "ok.tf": 'resource "aws_iam_role" "r" {}\n',
            "many.tf": "locals {\n"
            + f'  a = "{"z" * 400}"\n' * 2000
            + "}\n",  # longer than a line may be, in short lines
        },
    )
    findings = _scan(tmp_path, Limits(max_file_mb=2))
    messages = {(f.file, f.line): f.message for f in findings if f.rule_id == "SOV000"}
    assert messages == {
        ("big.yaml", 1): "skipped: the file is 3.0 MB, over the 2 MB limit for files",
        ("long.tf", 2): "skipped: line 2 is 600 KB long, over the 512 KB limit",
    }
    assert any(f.file == "ok.tf" for f in findings), "the rest of the scan goes on"


# An expiry that lands in a garbage-collector callback is swallowed (and reported by pytest as
# unraisable); the parse is still a timeout (tests/test_budget.py). Reading the file takes 50 ms or more.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_per_file_deadline(tmp_path):
    write_tree(tmp_path, {"slow.tf": "".join(f'resource "aws_s3_bucket" "b{i}" {{}}\n' for i in range(10_000))})
    findings = _scan(tmp_path, Limits(timeout_s=0.005))
    assert [(f.rule_id, f.message) for f in findings] == [
        ("SOV000", "skipped: parsing took longer than the 0.005 s limit")
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "a = {",
        "a = [",
        "a = (",
        'a = "${',
        'resource "aws_s3_bucket" "x" {\n  tags = {',
        'a "x" "y" "z"',  # a block header's labels, the brace still to come: quadratic too
        'resource "aws_s3_bucket" "x"',
        "a = [for x in var.v :",
        "a = var.c ?",
    ],
)
def test_a_parse_quadratic_in_blank_lines_stops_at_the_deadline(tmp_path, opening):
    # Unclosed or not, brackets around a long run of blank lines take the parser time quadratic in it:
    # 200,000 lines ran for minutes, in C, where only a call back into Python lets the deadline stop it.
    write_tree(
        tmp_path,
        {
            "hostile.tf": 'variable "v" {}\n\n' + opening + "\n" * 200_000 + " x }\n",
            "main.tf": 'resource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
        },
    )
    started = time.process_time()
    findings = _scan(tmp_path, Limits(timeout_s=0.5))
    assert time.process_time() - started < 5  # CPU, whatever the load: not minutes of parsing
    found = {(f.rule_id, f.file, f.line, f.message) for f in findings}
    run_starts = 3 + opening.count("\n")  # the line that opens the bracket the blank lines are in
    assert ("SOV000", "hostile.tf", run_starts, "skipped: parsing took longer than the 0.5 s limit") in found
    assert [f.file for f in findings if f.rule_id == "SOV000"] == ["hostile.tf"]
    assert any(f.file == "main.tf" and "us-east-1" in f.message for f in findings), found


def test_a_deadline_that_lands_inside_the_parsers_callback_is_a_timeout_every_run(tmp_path):
    # Spaces after an unclosed comment: the parser calls back into Python all along, and the deadline's signal
    # lands inside a callback, whose exception tree-sitter's C code cannot carry (it became a SystemError,
    # an "unexpected error" in place of the timeout). The second run must not take it from a cache.
    write_tree(tmp_path, {"hostile.tf": "/*" + " " * 100_000 + '\nresource "t" "n" {\n  a = var.x\n}\n'})
    for _ in range(2):
        findings = _scan(tmp_path, Limits(timeout_s=0.3))
        assert [(f.rule_id, f.file, f.line, f.message) for f in findings] == [
            ("SOV000", "hostile.tf", 1, "skipped: parsing took longer than the 0.3 s limit")
        ]


def test_a_parse_cut_short_is_not_resumed_by_the_next(tmp_path):
    from sovlint.limits import TimedOut, within
    from sovlint.terraform import syntax

    with pytest.raises(TimedOut):
        within(0.2, lambda: syntax.read("a = {" + "\n" * 100_000 + " x }\n"))
    assert syntax.parse('b = "eu-west-1"\n')[0].body == {"b": "eu-west-1"}
    blanks = syntax.parse("c = [\n" + " \n" * 100 + '"eu-west-1", 2]\nd = 1\n')  # parsed so that it can be stopped
    assert [(b.body, b.line) for b in blanks] == [({"c": ["eu-west-1", 2]}, 1), ({"d": 1}, 103)]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.tf", "locals {\n  a = " + "[" * 5000 + "]" * 5000 + "\n}\n"),
        (
            "deep.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a: " + "[" * 20000 + "]" * 20000 + "\n",
        ),
        (
            "expr.tf",
            'locals {\n  a = "${'
            + "(" * 3000
            + "1"
            + ")" * 3000
            + '}"\n}\nresource "aws_s3_bucket" "b" {\n  region = local.a\n}\n',
        ),
    ],
)
def test_deep_nesting_is_a_finding_or_a_scan_never_a_crash(tmp_path, name, content):
    write_tree(tmp_path, {name: content})
    findings = _scan(tmp_path)
    assert all(f.rule_id in ("SOV000", "SOV102", "SOV201") for f in findings)


def test_many_resources_and_many_files(tmp_path):
    write_tree(tmp_path, {"many.tf": "".join(f'resource "aws_iam_role" "r{i}" {{}}\n' for i in range(2000))})
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n"
    )
    write_tree(tmp_path, {f"k8s/{i // 100}/p{i}.yaml": pod.format(i=i) for i in range(3000)})
    findings = _scan(tmp_path)
    assert sum(f.rule_id == "SOV201" for f in findings) == 2000
    assert sum(f.rule_id == "SOV203" for f in findings) == 3000


def test_no_network_and_no_stray_writes(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise AssertionError("a scan opened a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    write_tree(tmp_path, {"main.tf": 'module "m" {\n  source = "git::https://example.com/m.git"\n}\n'})
    for name in ("demo", "module-tree", "plan", "hostile"):
        os.system(f"cp -r '{REPO / 'fixtures' / name}' '{tmp_path / name}'")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    assert main(["--format", "sarif", "."]) == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_same_bytes_whatever_the_file_order(tmp_path):
    for name in ("demo", "module-tree", "hostile", "azure-references"):
        os.system(f"cp -r '{REPO / 'fixtures' / name}' '{tmp_path / name}'")
    assert _scan(tmp_path) == _scan(tmp_path, shuffle=True)


def test_odd_file_names_give_valid_uris_and_safe_console(tmp_path, monkeypatch, capsys):
    names = ["with space.tf", "hash#.tf", "per%cent.tf", "ünïcödé.tf", "new\nline.tf"]
    write_tree(tmp_path, {n: f'resource "aws_iam_role" "r{i}" {{}}\n' for i, n in enumerate(names)})
    monkeypatch.chdir(tmp_path)
    main(["--format", "sarif", "--output", "out.sarif", "."])
    uris = sorted(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    )
    assert uris == sorted(
        ["hash%23.tf", "new%0Aline.tf", "per%25cent.tf", "with%20space.tf", "%C3%BCn%C3%AFc%C3%B6d%C3%A9.tf"]
    )
    capsys.readouterr()
    monkeypatch.setenv("NO_COLOR", "1")
    main(["."])
    out = capsys.readouterr().out
    assert "new\ufffdline.tf" in out and "new\nline.tf" not in out


def test_sarif_of_the_hostile_fixtures_is_valid(tmp_path, monkeypatch):
    import jsonschema

    monkeypatch.chdir(REPO / "fixtures" / "hostile")
    main(["--format", "sarif", "--output", str(tmp_path / "h.sarif"), "."])
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads((tmp_path / "h.sarif").read_text()))


def test_unreadable_file_is_a_finding(tmp_path, monkeypatch):
    write_tree(tmp_path, {"secret.tf": 'resource "aws_iam_role" "r" {}\n', "ok.tf": 'resource "aws_iam_role" "q" {}\n'})
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.tf"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    findings = lint_tree(tmp_path)
    assert ("SOV000", "secret.tf", "cannot be read: Permission denied") in {
        (f.rule_id, f.file, f.message) for f in findings
    }
    assert any(f.file == "ok.tf" for f in findings)


_DEEP = 3_000  # levels: past what Python's recursion reads


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("one_line.tf", 'variable "v" {}\nlocals {\n  ok = 1\n  a = ' + "[" * _DEEP + "]" * _DEEP + "\n}\n", 4, ""),
        ("objects.tf", "locals {\n  a = 1\n  b = " + "{a = " * _DEEP + "1" + "}" * _DEEP + "\n}\n", 3, ""),
        ("lines.tf", "locals {\n  a = " + "[\n" * _DEEP + "]\n" * _DEEP + "}\n", 1 + _DEEP, ""),  # its deepest point
        ("blocks.tf", 'resource "t" "n" {\n a = 1\n' + "b {\n" * _DEEP + "}\n" * _DEEP + "}\n", 2 + _DEEP, ""),
        ("terraform.tfvars", "a = 1\n\nb = " + "[" * _DEEP + "]" * _DEEP + "\n", 3, ""),
        ("deep.tf.json", '{"locals": {\n"a": 1,\n"b": ' + "[" * _DEEP + "]" * _DEEP + "}}\n", 3, ""),
        (
            "evaluated.tf",  # nested blocks read a line at a time, then evaluated
            'resource "aws_s3_bucket" "b" {\n  region = "eu-west-1"\n' + "  b {\n" * _DEEP + "  }\n" * _DEEP + "}\n",
            1,
            "could not evaluate: aws_s3_bucket.b: nested too deeply to evaluate",
        ),
    ],
)
def test_nesting_too_deep_is_reported_at_its_line(tmp_path, name, content, line, message):
    # It named the line of the top-level block (or line 1 in JSON, or "an internal error" when evaluated).
    write_tree(tmp_path, {name: content, "ok.tf": 'resource "aws_s3_bucket" "ok" {\n  region = "us-east-1"\n}\n'})
    findings = _scan(tmp_path)
    found = [(f.file, f.line, f.message) for f in findings if f.rule_id == "SOV000"]
    assert found == [(name, line, message or "nesting is too deep to parse")]
    assert any(f.file == "ok.tf" and "us-east-1" in f.message for f in findings), "the scan goes on"
