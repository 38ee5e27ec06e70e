"""Terraform whose parse would run for minutes in C is stopped by the deadline at the line the parser had reached,
and no parse keeps a copy of its file."""

import gc
import time
import tracemalloc

import pytest

from conftest import write_tree
from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.limits import Budget, BudgetExceeded, Limits, TimedOut, evaluation, within
from sovlint.terraform import syntax

LIMIT = "skipped: parsing took longer than the 0.3 s limit"


def _sov000(root, monkeypatch):
    monkeypatch.chdir(root)
    files, _ = discover(["."])
    options = engine.Options(profiles.load("eu-strict"), limits=Limits(timeout_s=0.3))
    started = time.monotonic()
    findings = engine.run(files, options).findings
    assert time.monotonic() - started < 5
    return [(f.file, f.line, f.message) for f in findings if f.rule_id == "SOV000"]


@pytest.mark.parametrize(
    ("hostile", "line"),
    [
        ("b = {" + "\f" * 50_000 + "}\n", 3),  # form feeds are blanks to the parser too: quadratic like newlines
        ("b = {" + "\v \t" * 20_000 + "}\n", 3),
        ("locals {\n  b = 1\n  a = [" + " " * 30_000 + "\n" + " " * 30_000 + "]\n}\n", 5),  # in a block as fmt writes
    ],
)
def test_a_long_run_of_any_blanks_stops_at_the_line_it_starts(tmp_path, monkeypatch, hostile, line):
    write_tree(tmp_path, {"hostile.tf": 'variable "v" {}\na = 1\n' + hostile})
    assert _sov000(tmp_path, monkeypatch) == [("hostile.tf", line, LIMIT)]


@pytest.mark.parametrize(
    "hostile",
    [
        "b = {" + '\n"x"' * 12_500,  # no long run: the parser's recovery grows with the cube (50 KB took 7 s)
        "b = {" + ("\n" * 32 + "x") * 3_000 + "}\n",  # runs of 32 newlines after stray names (100 KB took 7 s)
    ],
)
def test_a_parse_slow_on_broken_code_stops_at_the_line_it_reached(tmp_path, monkeypatch, hostile):
    write_tree(tmp_path, {"hostile.tf": "a = 1\n" + hostile})
    [(file, line, message)] = _sov000(tmp_path, monkeypatch)
    assert (file, message) == ("hostile.tf", LIMIT)
    assert 2 < line <= 1 + hostile.count("\n")  # inside the object, past its first line


def test_a_parse_keeps_no_copy_of_the_file():
    text = "a = 1\n" + "\n" * 100 + "b = [" + " 1,\n" * 50_000 + "]\n"  # 200 KB
    hostile = "a = {" + "\n" * 50_000 + " x }\n"
    syntax.read(text)
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(2):
            assert syntax.read(text)[1] is None
        with pytest.raises(TimedOut):
            within(0.2, lambda: syntax.read(hostile))
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert kept < 50_000


def test_an_expression_parsed_again_as_it_is_evaluated_stops_at_the_evaluation_time_limit():
    spend = Budget(Limits(timeout_s=0.2))
    with evaluation(spend):
        spend.root()
        started = time.monotonic()
        with pytest.raises(BudgetExceeded):  # 40,000 spaces in brackets: 9 s of parsing
            syntax.expression_node("local.b[" + " " * 40_000 + "0]")
    assert time.monotonic() - started < 3
    assert spend.reported() == "over the 0.2 s limit for evaluating a root module"
