"""Terraform whose parse would run for minutes in C is stopped by the deadline at the line the parser had reached,
and no parse keeps a copy of its file."""

import gc
import os
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
# An expiry that lands in a garbage-collector callback (Hypothesis installs one) is dropped by Python, which pytest
# reports as unraisable; the deadline's signal comes again, and the parse is still a timeout (tests/test_budget.py).
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def _sov000(root, monkeypatch):
    monkeypatch.chdir(root)
    files, _ = discover(["."])
    options = engine.Options(profiles.load("eu-strict"), limits=Limits(timeout_s=0.3))
    started = time.process_time()  # CPU, whatever the machine's load: the parse did not run on
    findings = engine.run(files, options).findings
    assert time.process_time() - started < 5
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
        started = time.process_time()
        with pytest.raises(BudgetExceeded):  # 40,000 spaces in brackets: 9 s of parsing
            syntax.expression_node("local.b[" + " " * 40_000 + "0]")
    assert time.process_time() - started < 3
    assert spend.reported() == "over the 0.2 s limit for evaluating a root module"


_OTHER = {"other.tf": 'resource "aws_s3_bucket" "o" {\n  region = "us-east-1"\n}\n'}
_IN = 'variable "in" {}\nresource "aws_s3_bucket" "b" {\n  region = var.in.region\n}\n'
_KEPT = [  # expressions kept as their source (references, calls, conditionals), each place a value can come from
    ({"main.tf": 'resource "aws_s3_bucket" "b" {\n  region = RUN\n}\n'}, "main.tf", 2),  # read a line at a time
    ({"main.tf": 'resource "aws_s3_bucket" "b" {\n region = RUN\n  bucket = "b"\n}\n'}, "main.tf", 2),
    ({"main.tf": 'module "m" {\n  source = "./m"\n  in = { region = RUN }\n}\n', "m/main.tf": _IN}, "main.tf", 3),
    ({"main.tf": 'resource "aws_s3_bucket" "b" {\n  replication {\n    region = RUN\n  }\n}\n'}, "main.tf", 3),
    (
        {"main.tf": 'locals {\n  r = true ? RUN : "x"\n}\nresource "aws_s3_bucket" "b" {\n  region = local.r\n}\n'},
        "main.tf",
        2,
    ),
    (
        {
            "main.tf": 'locals {\n  r = [for v in var.x : v if v != RUN]\n}\nresource "aws_s3_bucket" "b" {\n  region = local.r[0]\n}\n'
        },
        "main.tf",
        2,
    ),
    ({"main.tf": 'provider "aws" {\n  region = lower(RUN)\n}\nresource "aws_s3_bucket" "b" {}\n'}, "main.tf", 2),
    (
        {"main.tf": 'module "m" {\n  source = "./m"\n  region = RUN\n}\n', "m/main.tf": 'variable "region" {}\n'},
        "main.tf",
        3,
    ),
    (
        {"main.tf": 'variable "x" {\n  default = upper(RUN)\n}\nresource "aws_s3_bucket" "b" {\n  region = var.x\n}\n'},
        "main.tf",
        2,
    ),
    (
        {
            "main.tf": 'variable "y" {}\nresource "aws_s3_bucket" "b" {\n  region = var.y\n}\n',
            "terraform.tfvars": "y = RUN\n",
        },
        "terraform.tfvars",
        1,
    ),
]


def _scan_counting_evaluated_parses(root, monkeypatch, limits):
    evaluated: list[int] = []  # the sizes of the parses made as expressions are evaluated
    parse = syntax.slowparse.parse

    def counted(parser, data, rows=0, spend=None):
        if spend is not None:
            evaluated.append(len(data))
        return parse(parser, data, rows, spend)

    monkeypatch.setattr(syntax.slowparse, "parse", counted)
    monkeypatch.chdir(root)
    files, _ = discover(["."])
    started = time.process_time()
    findings = engine.run(files, engine.Options(profiles.load("eu-strict"), limits=limits)).findings
    assert time.process_time() - started < 5
    return findings, evaluated


@pytest.mark.parametrize(("files", "file", "line"), _KEPT)
def test_an_expression_kept_to_evaluate_is_parsed_once_within_the_files_limit(tmp_path, monkeypatch, files, file, line):
    # Kept as its source and parsed again when evaluated, the expression cost its parse twice (the file's time
    # limit, then the root module's: 60,000 spaces ran 56 s), or once but after the file was read, where it
    # stopped the whole root module's evaluation at the root module's limit.
    for blanks, limits in ((3_000, Limits()), (100_000, Limits(timeout_s=0.3))):  # 0.02 s, then minutes
        hostile = {name: text.replace("RUN", "var.x[" + " " * blanks + "0]") for name, text in files.items()}
        write_tree(tmp_path, {**_OTHER, **hostile})
        findings, evaluated = _scan_counting_evaluated_parses(tmp_path, monkeypatch, limits)
        assert not [size for size in evaluated if size > 1000], "no long expression is parsed as it is evaluated"
        assert any(f.file == "other.tf" and "us-east-1" in f.message for f in findings), "the scan goes on"
        stopped = [(f.file, f.line, f.message) for f in findings if f.rule_id == "SOV000"]
        assert stopped == ([] if blanks < 10_000 else [(file, line, LIMIT)])


def _stopped_at(seconds, text, how=None):
    if how is None:
        with pytest.raises(TimedOut) as stop:
            within(seconds, lambda: syntax.read(text))
        return stop.value.line
    from sovlint.parsing.parser import _outcome

    found = _outcome(text, how, Limits(timeout_s=seconds))
    assert found["error"] == f"skipped: parsing took longer than the {seconds:g} s limit"
    return found["line"]


def test_a_deadline_that_expires_as_blocks_are_read_from_their_bytes_names_the_block():
    # Plain blocks are read without a parse: an expiry there named line 1.
    text = "".join(
        f'resource "aws_s3_bucket" "b{i}" {{\n  region = "eu-west-1"\n  tags = {{ a = "b" }}\n}}\n'
        for i in range(50_000)
    )
    line = _stopped_at(0.3, text)
    assert 1 < line < 200_000 and line % 4 == 1, line  # the first line of a block


def test_a_deadline_that_expires_as_an_arguments_lines_are_looked_for_names_the_argument():
    # An argument read a line at a time is looked for to its last line, in Python (2,500,000 lines: seconds).
    assert _stopped_at(0.5, "locals {\n  a = {" + "\n" * 2_500_000 + " x }\n}\n") == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="files are read on several cores by forked workers")
def test_a_deadline_that_expires_in_a_part_of_a_large_file_read_by_a_worker_names_the_workers_line(monkeypatch):
    # A file of 512 KB or more is read on every core: the scan waited for the worker whose part was slow, and its
    # expiry named line 1. The part after the middle is a worker's (with two cores, or as here one said to be two).
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    comments = ("# " + "x" * 98 + "\n") * 4_000  # 400 KB read in a few milliseconds, by this process
    hostile = "locals {\n  a = {" + "\n" * 300_000 + " x }\n}\n"  # minutes of parsing, by the worker
    line = comments.count("\n") + 2
    assert _stopped_at(1, comments + hostile, "hcl") == line
    assert _stopped_at(1, comments + hostile) == line  # as when the file is read at once
