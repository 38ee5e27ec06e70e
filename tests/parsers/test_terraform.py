import pytest

from conftest import CORPUS
from sovlint.errors import ParseError
from sovlint.terraform import pieces, syntax
from sovlint.terraform.lang.values import Expr
from sovlint.terraform.syntax import parse, read

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
    assert bucket.body["bucket"] == Expr(("tmpl", (("lit", "logs-"), ("ref", "var", ("env",)))), '"logs-${var.env}"')
    assert bucket.body["provider"] == Expr(("ref", "aws", ("paris",)), "aws.paris")
    assert bucket.body["lifecycle_rule"] == [{"enabled": True}]
    assert terraform.body == {"backend": [{"s3": {"region": "us-east-1"}}]}
    assert bucket.lines["lifecycle_rule"] == (9, 11)
    assert terraform.lines["backend.s3"] == (15, 17)
    assert terraform.lines["backend.s3.region"] == (16, 16)


def test_spans_have_columns_in_characters():
    blocks = parse(SOURCE)
    assert (blocks[0].line, blocks[0].column, blocks[0].end_line, blocks[0].end_column) == (1, 1, 4, 2)
    assert blocks[0].span("region") == (2, 3, 2, 23)
    assert blocks[2].span("backend.s3.region") == (16, 5, 16, 25)
    (block,) = parse('locals {\n  é = 1\n  π = "ü${x}"\n}\n')
    assert block.span("π") == (3, 3, 3, 14)


def test_valid_terraform_that_other_parsers_reject():
    source = (
        '\ufeffresource "aws_s3_bucket" /* the logs */ "b" {\n'
        '  bucket = "${\n    join("-", ["a", "b"])\n  }"\n'
        "  region = data.\n    aws_region.current.name\n"
        "  π      = 3.14\n"
        "}\n"
    )
    (block,) = parse(source)
    assert block.labels == ("aws_s3_bucket", "b")
    assert set(block.body) == {"bucket", "region", "π"}


def test_tfvars_are_attributes():
    blocks = parse('region = "eu-west-1"\nzones = ["a", "b"]\n')
    assert [(b.kind, b.labels, b.line, b.body) for b in blocks] == [
        ("attribute", ("region",), 1, {"region": "eu-west-1"}),
        ("attribute", ("zones",), 2, {"zones": ["a", "b"]}),
    ]


@pytest.mark.parametrize(
    ("source", "line", "column", "message"),
    [
        ('resource "a" "b" {\n  x = "abc\n}\n', 2, 7, "a string is not closed: its closing '\"' is missing"),
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


def test_blocks_around_a_broken_one_are_kept():
    source = (
        'resource "a" "one" {\n  x = 1\n}\n'
        'resource "a" "broken" {\n<<<<<<< HEAD\n  x = 1\n=======\n  x = 2\n>>>>>>> other\n}\n'
        'resource "a" "three" {\n  x = 3\n}\n'
    )
    blocks, error = read(source)
    assert [b.labels[1] for b in blocks] == ["one", "three"]
    assert blocks[1].line == 11
    assert (error.line, error.column) == (5, 1) and "merge conflict" in error.message


def test_a_block_swallowed_by_the_parsers_recovery_is_read_again():
    source = 'resource "a" "b" {\n  x = [1, 2\n  y = 3\n}\nresource "c" "d" {\n  z = 1\n}\n'
    blocks, error = read(source)
    assert [(b.labels, b.line, b.body) for b in blocks] == [(("c", "d"), 5, {"z": 1})]
    assert (error.line, error.column, error.message) == (3, 3, "expected ']' to close the '[' before it")


@pytest.mark.parametrize("argument", ["", '  name = "n"\n'])
@pytest.mark.parametrize("before", ["", 'resource "a" "first" {\n  x = 1\n}\n\n'])
def test_a_file_that_does_not_parse_as_a_whole_names_the_broken_argument_not_its_first_word(before, argument):
    broken = 'resource "a" "b" {\n' + argument + '  tags = {\n    startswith(var.x, "$${abc:"\n\n'  # never closed
    source = before + broken + 'variable "v" {\n}\nresource "c" "after" {\n  z = 1\n}\n'
    blocks, error = read(source)
    assert [b.labels[-1] for b in blocks] == ["first"] * bool(before) + ["v", "after"]
    offset = before.count("\n") + argument.count("\n")
    assert (error.line - offset, error.column, error.message) == (2, 3, "the value of 'tags' cannot be read")


def test_an_argument_with_no_value_is_named():
    blocks, error = read('resource "x" "y" {\n  a = \n}\nresource "ok" "z" {}\n')
    assert [b.labels for b in blocks] == [("ok", "z")]
    assert (error.line, error.column, error.message) == (2, 3, "the argument 'a' has no value")


# Lines at column 0 that look like the start of a block inside a heredoc, a comment and a nested block:
# a piece cut there is broken, and the file is read whole.
TRAPS = """\
resource "a" "one" {
  policy = <<EOT
resource "not" "a_block" {
EOT
}
/*
resource "in" "comment" {
*/
resource "a" "nested" {
lifecycle {
  x = 1
}
}
resource "a" "last" {
  x = 3
}
"""


def test_a_large_file_is_read_in_pieces_with_the_blocks_and_spans_of_a_whole_read():
    source = "".join(f'resource "a" "r{i}" {{\n  π = "ü${{x}}"\n  tags = {{ n = {i} }}\n}}\n' for i in range(40))
    data = source.encode()
    found = pieces.read(data, 100)
    assert found is not None
    assert found == parse(source)
    assert (found[-1].line, found[-1].span("π")) == (157, (158, 3, 158, 14))


@pytest.mark.parametrize("size", [1, 40, 120, 400])
def test_a_cut_inside_a_heredoc_comment_or_nested_block_reads_the_file_whole(monkeypatch, size):
    whole = read(TRAPS)
    assert [b.labels for b in whole[0]] == [("a", "one"), ("a", "nested"), ("a", "last")]
    monkeypatch.setattr(syntax, "PIECE_BYTES", size)
    assert read(TRAPS) == whole


def test_a_broken_large_file_keeps_its_recovery_and_first_error(monkeypatch):
    source = 'resource "a" "one" {\n  x = 1\n}\nresource "a" "b" {\n  x = [1, 2\n  y = 3\n}\n' + TRAPS
    blocks, error = read(source)
    monkeypatch.setattr(syntax, "PIECE_BYTES", 10)
    again, same = read(source)
    assert again == blocks and [b.labels[1] for b in blocks] == ["one", "one", "nested", "last"]
    assert (
        (same.line, same.column, same.message)
        == (error.line, error.column, error.message)
        == (
            6,
            3,
            "expected ']' to close the '[' before it",
        )
    )


def test_a_large_file_never_holds_its_whole_syntax_tree(monkeypatch):
    import tracemalloc  # tree-sitter allocates through Python's allocator: its trees are traced

    source = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "b-{i}"\n}}\n' for i in range(2000))
    monkeypatch.setattr(syntax, "PIECE_BYTES", 8192)
    tracemalloc.start()
    try:
        blocks = parse(source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(blocks) == 2000
    assert peak < 60 * len(source)  # the whole tree of this file takes 140 bytes per byte of source


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_corpus_files_cut_before_every_block_read_as_when_read_whole():
    pieced = 0
    for path in sorted(CORPUS.rglob("*.tf"))[::3]:  # a third of them: the suite stays fast
        text = path.read_bytes().decode("utf-8", "replace")
        blocks, error = read(text)
        found = pieces.read(text.removeprefix("\ufeff").encode("utf-8", "replace"), 1)
        assert found is None if error else found in (None, blocks), path
        pieced += found is not None
    assert pieced > 150


@pytest.mark.parametrize(
    "expression",
    [
        "var.region",
        'lookup(var.regions, "eu", "eu-west-1")',
        'var.eu ? "eu-west-1" : local.fallback[0]',
        '[for r in var.regions : upper(r) if r != ""]',
        "{ for k, v in var.m : k => v... }",
        "aws_instance.a[*].id",
        "data.x.y.list.0.name",
        'join(",", [\n  "a", # one\n  "b",\n])',
        "format(<<-EOT\n    %s\n  EOT\n, var.x)",
        'merge(var.tags, { name = "é${var.x}" })',
    ],
)
def test_an_expression_is_read_when_first_evaluated_as_it_reads_in_its_file(expression):
    from sovlint.terraform.lang import nodes
    from sovlint.terraform.syntax import Source, _parser

    text = f'resource "t" "n" {{\n  nested {{\n    x = {expression}\n  }}\n}}\n'
    value = parse(text)[0].body["nested"][0]["x"]
    assert value.pending and value.source == expression
    data = text.encode()
    found = _parser().parse(data).root_node.descendant_for_point_range((2, 8), (2, 8))
    while found.type != "expression" or found.parent.type != "attribute":
        found = found.parent
    in_its_file = nodes.convert(found, Source(data))
    assert value.node == in_its_file and not value.pending
    assert in_its_file[0] not in ("lit", "unknown")
    again = parse(f"y = {expression}\n")[0].body["y"]
    assert again.pending and again.node is value.node  # the same source is read once


def test_a_number_with_an_exponent_and_no_fraction_is_read():
    """tree-sitter-hcl 1.2.0 reads `3.0e10` but not `3e10`, which Terraform accepts."""
    source = 'a = 3e10\nb = [1E+3, -2e-2, 1.5e3]\nc = "1e5 ${2e1}"\nd = x1e5\ne = y-1e5\nf = 7\n'
    blocks, error = read(source)
    assert error is None
    body = {k: v for b in blocks for k, v in b.body.items()}
    assert (body["a"], body["b"]) == (3e10, [1000.0, -0.02, 1500.0])
    assert (body["c"].node, body["d"].node, body["e"].node) == (
        ("tmpl", (("lit", "1e5 "), ("lit", 20.0))),
        ("ref", "x1e5", ()),
        ("ref", "y-1e5", ()),
    )
    assert blocks[-1].span("f") == (6, 1, 6, 6)


def test_a_hexadecimal_number_is_a_syntax_error_with_its_line_not_a_silent_zero():
    """HCL numbers are decimal (hclsyntax/spec.md, NumericLit); tree-sitter-hcl reads `0x1e5` all the same."""
    source = 'variable "n" {\n  default = 0x1e5\n}\nlocals {\n  mask = "0x1e5"\n  m = 10 + 0x1F\n}\n'
    blocks, error = read(source)
    assert error is not None and (error.line, error.column) == (2, 13)
    assert "'0x1e5' is not a number" in error.message
    assert [b.kind for b in blocks] == ["variable", "locals"]  # the rest of the file is still read
    assert isinstance(blocks[0].body["default"], Expr) and blocks[1].body["mask"] == "0x1e5"
    assert read('locals {\n  mask = "0x1e5" # 0x1e5\n}\n')[1] is None  # in a string or a comment: no error


def test_a_hexadecimal_number_in_a_large_file_is_reported_too():
    filler = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "b{i}"\n}}\n' for i in range(4000))
    source = filler + "locals {\n  n = 0x10\n}\n"
    assert len(source.encode()) > syntax.PIECE_BYTES
    blocks, error = read(source)
    assert error is not None and error.line == 4000 * 3 + 2 and len(blocks) == 4001
