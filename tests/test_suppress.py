import datetime

import pytest

from sovlint.suppress import parse

TODAY = datetime.date(2026, 11, 22)


def test_parse_comment_forms():
    text = (
        '# sovlint:ignore SOV201 reason="accepted by the CISO" expires=2027-06-30\n'
        '// sovlint:ignore SOV101, SOV102 reason="lab account"\n'
        "# sovlint:ignore SOV201\n"
        '# sovlint:ignore reason="no id"\n'
        '# sovlint:ignore SOV201 reason="x" expires=soon\n'
        "# an ordinary comment\n"
    )
    found, problems = parse("main.tf", text)
    assert [(s.line, sorted(s.rule_ids), s.reason, s.expires) for s in found] == [
        (1, ["SOV201"], "accepted by the CISO", datetime.date(2027, 6, 30)),
        (2, ["SOV101", "SOV102"], "lab account", None),
    ]
    assert [line for line, _ in problems] == [3, 4, 5]


@pytest.mark.parametrize(
    ("source", "rules_left"),
    [
        pytest.param(
            '# sovlint:ignore SOV201 reason="accepted"\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV101"],
            id="above-the-block",
        ),
        pytest.param(
            'resource "aws_s3_bucket" "b" { # sovlint:ignore SOV101,SOV201 reason="lab"\n  region = "us-east-1"\n}\n',
            [],
            id="on-the-block-line",
        ),
        pytest.param(
            '# sovlint:ignore SOV201 reason="x" expires=2026-01-01\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV101", "SOV201"],
            id="expired",
        ),
        pytest.param(
            '# sovlint:ignore SOV201\nresource "aws_s3_bucket" "b" {\n  region = "us-east-1"\n}\n',
            ["SOV001", "SOV101", "SOV201"],
            id="no-reason-suppresses-nothing",
        ),
    ],
)
def test_suppression_on_terraform_blocks(lint, source, rules_left):
    findings = lint({"main.tf": source}, today=TODAY)
    assert sorted(f.rule_id for f in findings if not f.suppressed) == rules_left


def test_expired_suppression_says_so(lint):
    source = '# sovlint:ignore SOV201 reason="x" expires=2026-01-01\nresource "aws_iam_role" "r" {}\n'
    (finding,) = lint({"main.tf": source}, today=TODAY)
    assert finding.message.endswith("(its suppression at main.tf:1 expired on 2026-01-01)")


def test_suppression_on_a_module_call_covers_what_the_module_creates(lint):
    files = {
        "main.tf": 'provider "aws" {\n  region = "eu-west-3"\n}\n'
        '# sovlint:ignore SOV201 reason="AWS accepted for this workload"\nmodule "q" {\n  source = "./q"\n}\n',
        "q/main.tf": 'resource "aws_sqs_queue" "this" {}\n',
    }
    (finding,) = lint(files, today=TODAY)
    assert (finding.address, finding.suppressed, finding.suppressed_by) == (
        "module.q.aws_sqs_queue.this",
        "AWS accepted for this workload",
        "inSource",
    )


def test_yaml_object_and_image_line(lint):
    manifest = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n"
        '    - name: a\n      image: nginx  # sovlint:ignore SOV203 reason="public base image"\n'
        "    - name: b\n      image: ghcr.io/x/b\n"
        "---\n"
        '# sovlint:ignore SOV203 reason="vendor image"\n'
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n    - name: c\n      image: quay.io/x/c\n"
    )
    findings = lint({"pods.yaml": manifest}, today=TODAY)
    assert [(f.line, bool(f.suppressed)) for f in findings] == [(8, True), (10, False), (20, True)]


def test_parse_errors_cannot_be_suppressed(lint):
    findings = lint({"main.tf": '# sovlint:ignore SOV000 reason="x"\nresource "a" {\n'}, today=TODAY)
    assert [(f.rule_id, f.suppressed) for f in findings] == [("SOV000", "")]
