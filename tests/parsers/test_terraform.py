import pytest

from sovlint.errors import ParseError
from sovlint.terraform.syntax import parse

SOURCE = """\
provider "aws" {
  region = "eu-west-3"
  alias  = "paris"
}

resource "aws_s3_bucket" "logs" {
  bucket   = "logs-${var.env}"
  provider = aws.paris
  lifecycle_rule {
    enabled = true
  }
}

terraform {
  backend "s3" {
    region = "us-east-1"
  }
}
"""


def test_blocks_with_line_spans_and_values():
    blocks = parse(SOURCE)
    assert [(b.kind, b.labels, b.line, b.end_line) for b in blocks] == [
        ("provider", ("aws",), 1, 4),
        ("resource", ("aws_s3_bucket", "logs"), 6, 12),
        ("terraform", (), 14, 18),
    ]
    provider, bucket, terraform = blocks
    assert provider.body == {"region": "eu-west-3", "alias": "paris"}
    assert provider.lines["region"] == (2, 2)
    assert bucket.body["bucket"] == "logs-${var.env}"
    assert bucket.body["provider"] == "${aws.paris}"
    assert bucket.lines["lifecycle_rule"] == (9, 11)
    assert terraform.lines["backend.s3"] == (15, 17)
    assert terraform.lines["backend.s3.region"] == (16, 16)


def test_tfvars_are_attributes():
    blocks = parse('region = "eu-west-1"\nzones = ["a", "b"]\n')
    assert [(b.kind, b.labels, b.line, b.body) for b in blocks] == [
        ("attribute", ("region",), 1, {"region": "eu-west-1"}),
        ("attribute", ("zones",), 2, {"zones": ["a", "b"]}),
    ]


@pytest.mark.parametrize(
    ("source", "line", "column", "message"),
    [
        ('resource "a" "b" {\n  x = "abc\n}\n', 2, 8, "the file ends inside a string: a closing '\"' is missing"),
        ('resource "a" "b"\n  x = 1\n}\n', 2, 3, "unexpected 'x'; expected '{'"),
        ("x = <<EOT\nabc\n", 1, 5, "a heredoc is not closed: its end marker is missing"),
    ],
)
def test_errors_are_sentences_with_positions(source, line, column, message):
    with pytest.raises(ParseError) as info:
        parse(source)
    assert (info.value.line, info.value.column) == (line, column)
    assert message in info.value.message
    assert "Token(" not in info.value.message and "Expected one of" not in info.value.message


def test_deep_nesting_is_a_parse_error_not_a_crash():
    with pytest.raises(ParseError):
        parse("x = " + "[" * 5000 + "]" * 5000 + "\n")
