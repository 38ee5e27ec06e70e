"""Plain arguments and block headers are read from their bytes: the blocks must be those the tree gives."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from sovlint.terraform import syntax, syntaxlines, syntaxplain

ARGUMENTS = [
    'a = "x"',
    'a = "x" # a comment',
    'a = /* a comment */ "x"',
    'a = "é ü"',
    'a = "a$b"',
    'a = "100%"',
    'a = "$${x}"',
    'a = "\\n\\u00e9"',
    'a = "${var.x}"',
    'a = "a-${var.x}"',
    'a = ""',
    "a = 1",
    "a = 01",
    "a = 1.5",
    "a = 1e5",
    "a = 1.5e3",
    "a = -1",
    "a = true",
    "a = false",
    "a = null",
    "a = trueish",
    "a = true.x",
    "a = null_x",
    "a = var.x",
    "a = var.x[0].y",
    "a = var.x.0",
    "a = var.a-b",
    "a = var.x[*].id",
    "a = var.x + 1",
    "a = !var.x",
    "a = -var.x",
    "a = (1)",
    "a = var.a ? 1 : 2",
    "a = true && var.x",
    'a = var.x == "é"',
    "a = f(x) + 1",
    "a = merge(\n  { a = 1 },\n  var.b, # a comment\n)",
    "a = var.x # a comment",
    "a = null_resource.x.id",
    "a = [for x in var.xs : x]",
    'a = lookup(var.m, "k", "d")',
    "a =\n  var.x",
    "a\t=\t1",
    "π = 3",
    "a = []",
    "a = [1, 2,]",
    'a = ["a", "b"]',
    'a = [\n  "a",\n  "b",\n]',
    "a = [true, null, 1.5]",
    'a = [\n  # a comment\n  "a",\n]',
    "a = [var.x]",
    "a = {}",
    'a = { n = "1" }',
    'a = { n = "1", m = 2 }',
    'a = { "n" = "1" }',
    'a = { "n x" = "1" }',
    'a = { "${x}" = "1" }',
    "a = { null = 1 }",
    "a = { true = 1 }",
    "a = { false = 1 }",
    "a = { n: 1 }",
    'a = {\n  n = "1"\n  m = true\n}',
    'a = {\n  n = "1",\n  m = true,\n}',
    'a = {\r\n  n = "1"\r\n  m = 2\r\n}',
    'a = { n = "1", n = 2 }',
    "a = { a-b = 1 }",
    "a = { 1 = 2 }",
    "a = { n = var.x }",
    "a = { k = [1] }",
    "a = { # a comment\n  n = 1\n}",
    "a = <<EOT\nhi\nEOT",
]

HEADERS = [
    'resource "a" "b" {',
    "resource a b {",
    'resource "a" /* a comment */ "b" {',
    'resource "a\\n" "b" {',
    'resource "é" "b" {',
    'resource "" "b" {',
    'resource "a" "${x}" {',
    'resource "a" "b" "c" {',
    "locals {",
    'resource "a" "b" { # a comment',
    "a-b c-d {",
]
BODIES = ["\n  x = 1\n}", "}", "\n}", "\n  # a comment\n}", "\n  x = 1\n  # a comment\n}", " x = 1 }"]


def _tree_only(monkeypatch, text):
    with monkeypatch.context() as m:
        m.setattr(syntaxplain, "argument", lambda node, data: None)
        m.setattr(syntaxplain, "header", lambda node, data: None)
        m.setattr(syntaxplain, "block", lambda data, start, row: None)
        m.setattr(syntaxlines, "block", lambda data, start, row, depth: None)
        return syntax.read(text)


def _same(monkeypatch, text):
    blocks, error = syntax.read(text)
    expected, expected_error = _tree_only(monkeypatch, text)
    assert repr([tuple(b) for b in blocks]) == repr([tuple(b) for b in expected])  # repr: 1, 1.0 and True differ
    assert repr(error) == repr(expected_error)
    return blocks


@pytest.mark.parametrize("argument", ARGUMENTS)
def test_an_argument_reads_as_the_tree_gives_it(monkeypatch, argument):
    nested = argument.replace("\n", "\n    ")
    blocks = _same(monkeypatch, f'resource "t" "n" {{\n  {nested}\n  inner "x" {{\n    {nested}\n  }}\n}}\n')
    _same(monkeypatch, argument + "\n")  # a .tfvars file: one block per argument
    assert blocks, "every case is valid HCL"


@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("body", BODIES)
def test_a_block_header_reads_as_the_tree_gives_it(monkeypatch, header, body):
    _same(monkeypatch, f"{header}{body}\nlocals {{\n  y = 2\n}}\n")


PLAIN = 'resource "t" "p" {\n  a = "x"\n\n  b = [1, true]\n  c = { k = "v" }\n  d = list(string)\n}\n'
FILES = [
    PLAIN,
    PLAIN + PLAIN.replace('"p"', '"q"'),
    "locals {}\n" + PLAIN + "\n\n",
    "# a comment\n" + PLAIN + "# a comment\n" + PLAIN,
    PLAIN.rstrip("\n"),
    PLAIN.replace("\n", "\r\n"),
    PLAIN.replace("  ", "\t"),
    PLAIN.replace('"x"', '"é"'),
    PLAIN.replace("}\n", "} # a comment\n"),
    PLAIN.replace("}\n", "}\nb = 1\n"),
    'variable "v" {\n  type = map(list(string))\n  default = null\n}\n',
    'variable "v" {\n  type = list(\n    string\n  )\n}\n' + PLAIN,
    "locals {\n  x = <<EOT\n" + PLAIN + "EOT\n}\n" + PLAIN,
    "locals {\n  x = <<-EOT\n" + PLAIN + "  EOT\n}\n",
    "/*\n" + PLAIN + "*/\n" + PLAIN,
    'resource "t" "outer" {\n' + PLAIN + "}\n",
    'resource "t" "outer" {\n' + PLAIN,
    PLAIN + "}\n",
    PLAIN.replace('a = "x"', 'a = "x" b = 1'),
    PLAIN.replace('a = "x"', "a = true(x)"),
    PLAIN.replace('a = "x"', "a = list(string))"),
    PLAIN.replace('a = "x"', "a = 0x1e5"),
    PLAIN.replace('a = "x"', "a = 1e5"),
    PLAIN.replace('a = "x"', "a = {k = 1 j = 2}"),
    PLAIN.replace('a = "x"', "a = [,]"),
    PLAIN.replace('a = "x"', 'a = "x", b = 1'),
    PLAIN * 3 + "<<<<<<< HEAD\n" + PLAIN,
]


@pytest.mark.parametrize("text", FILES)
def test_a_file_with_plain_blocks_reads_as_the_tree_gives_it(monkeypatch, text):
    _same(monkeypatch, text)
    _same(monkeypatch, text * 3)


def test_a_large_file_of_plain_and_other_blocks_reads_as_the_tree_gives_it(monkeypatch):
    other = 'resource "t" "o" {\n  a = "${var.x}"\n  nested {\n    b = 1\n  }\n}\n'
    blocks = _same(monkeypatch, (PLAIN * 3 + other) * 300)  # past PIECE_BYTES: read a piece at a time
    assert len(blocks) == 1200 and blocks[-1].span() == (8095, 1, 8100, 2)  # 27 lines a round


@pytest.mark.parametrize(
    "text",
    [
        'variable "x" {{\n  default = [1{0}, var.a]\n}}\n',  # the block's line reading gives up at the reference
        'locals {{\n  x = ["a"{0}# a comment\n  ]\n}}\n',  # the argument's reading gives up at the comment
        "y = [1, 2{0}, var.a]\n",
    ],
)
def test_a_long_run_of_spaces_in_a_list_is_read_in_linear_time(monkeypatch, text):
    """A list whose plain reading fails after a long run of spaces: each split of the run was tried in turn
    (80,000 spaces took minutes), so a valid file ran into the time limit and its resources were not judged."""
    start = time.process_time()
    syntax.read(text.format(" " * 80_000))
    assert time.process_time() - start < 5  # CPU seconds: the same on a loaded machine
    _same(monkeypatch, text.format(" " * 200))


def test_a_control_character_in_a_string_is_left_to_the_tree(monkeypatch):
    blocks = _same(monkeypatch, 'resource "a" "b" {\n  x = "\x00"\n}\n')
    assert blocks == []


def test_plain_shapes_are_read_without_the_tree():
    data = b'a = { n = "1", "m x" = 2.5 }\nb = ["x", true]\nc = var.x[0]\nresource "t" "n" {\n}\n'
    attributes = [item for item in syntax.items(syntax.tree_of(data).root_node)]
    assert syntaxplain.argument(attributes[0], data) == ("a", {"n": "1", "m x": 2.5})
    assert syntaxplain.argument(attributes[1], data) == ("b", ["x", True])
    assert str(syntaxplain.argument(attributes[2], data)[1]) == "var.x[0]"
    assert syntaxplain.header(attributes[3], data) == ("resource", ("t", "n"))
    kind, labels, body, span, spans, end = syntaxplain.block(PLAIN.encode(), 0, 9)
    assert (kind, labels, span, end) == ("resource", ("t", "p"), (10, 1, 16, 2), len(PLAIN))
    assert body == {"a": "x", "b": [1, True], "c": {"k": "v"}, "d": body["d"]} and str(body["d"]) == "list(string)"
    assert spans["b"] == (13, 3, 13, 16)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_the_corpus_reads_as_the_tree_gives_it(monkeypatch):
    for path in sorted(CORPUS.rglob("*.tf"))[::7]:
        _same(monkeypatch, path.read_text(encoding="utf-8", errors="replace"))


# Blocks read a line at a time (syntaxlines): nested blocks, comments, and arguments the tree reads as fragments.
NESTED = """resource "google_container_cluster" "c" {
  name     = "c"
  location = var.region != "" ? var.region : "europe-west1"
  # a comment
  // another
  node_pool {
    name = "default"
    node_config {
      labels = merge(
        { a = 1 },
        var.labels, # a comment
      )
      oauth_scopes = ["x"]
    }
  }
  node_pool {
    name = "second"
  }
  dynamic "taint" {
    for_each = var.taints
    content {
      key    = taint.value.key
      effect = "${upper(taint.value.effect)}"
    }
  }
  type = object({
    create = optional(string)
  })

  description = <<-EOT
    a text with } and {
    EOT
}
"""
LINES = [
    NESTED,
    NESTED.replace('  node_pool {\n    name = "second"\n  }\n', ""),
    'resource "t" "n" {\n  a {\n    b "x.y" {\n      c "z" {\n        d {\n          e = var.x ? 1 : 2\n          f = 1\n        }\n      }\n    }\n  }\n}\n',
    'resource "t" "n" {\n  a "x" {\n    b = var.x\n  }\n  a "x" {\n    b = var.y\n  }\n}\n',
    'resource "t" "n" {\n  a {\n    b = 1\n  }\n  c = var.x\n}\n',
    'resource "t" "n" {\n  x = var.a\n  x = var.b\n}\n',
    'resource "t" "n" {\n  x = var.a\n  x {\n  }\n}\n',
    'resource "t" "n" {\n  x {\n  }\n  x = var.a\n}\n',
    'resource "t" "n" {\n  x = [1]\n  x {\n  }\n}\n',
    'resource "t" "n" {\n  x = var.a\n  y = 1\n  x = 2\n}\n',
    'resource "t" "n" {\n  a = {\n  b = 1\n  }\n}\n',  # an object closed at its own indentation
    'resource "t" "n" {\n  a = f(\n    1)\n  b = var.x\n}\n',
    'resource "t" "n" {\n  a = var.x\n    b = var.y\n}\n',  # more indented, yet not a part of `a`
    'resource "t" "n" {\n  a = var.x\n    ? 1 : 2\n}\n',
    'resource "t" "n" {\n  a = var.x\n  ? 1 : 2\n}\n',
    'resource "t" "n" {\n  a = var.x ? 1 :\n  b = 1\n}\n',
    'resource "t" "n" {\n  a = "${\n  b = 1\n  }"\n}\n',
    'resource "t" "n" {\n  a = "${var.x\n    }"\n}\n',
    'resource "t" "n" {\n  a = <<EOT\n  })\n  b = 1\nEOT\n}\n',
    'resource "t" "n" {\n  a = <<EOT\n}\nEOT\n}\n',
    'resource "t" "n" {\n  a = var.x /*\n  b = 1\n  */\n}\n',
    'resource "t" "n" {\n  a = var.x /* c */\n  b = var.y # c\n}\n',
    'resource "t" "n" {\n  /* a comment */\n  a = var.x\n}\n',
    'resource "t" "n" {\n  a = var.x\n}\n/* a\n}\n*/\n' + PLAIN,
    'resource "t" "n" {\n  a = "x/*"\n  b = var.y\n}\n',
    'resource "t" "n" {\n  a = var.x == 0x1e5\n}\n',
    'resource "t" "n" {\n  a = var.x + 1e5\n}\n',
    'resource "t" "n" {\n  a ==var.x\n}\n',
    'resource "t" "n" {\n  a = \n}\n',
    'resource "t" "n" {\n  a = var.x\n  b {}\n}\n',
    'resource "t" "n" {\n  a = var.x\n  b { c = 1 }\n}\n',
    'resource "t" "n" {\n  a = var.x\n  b {\n  }}\n}\n',
    'resource "t" "n" {\n  a = var.x\n  b {\n}\n}\n',  # a nested block closed without indentation
    'resource "t" "n" {\n  a = var.x\nb {\n  }\n}\n',
    'resource "t" "n" {\n  a = var.x\n  } # a comment\n',
    'resource "t" "n" {\n  a = var.x\n',
    'resource "t" "n" {\n  a = var.x',
    'resource "t" "n" {\n  a = var.x\n  b = "é${var.y}"\n}\n',
    'resource "t" "n" {\n  a = var.x\n  b = "${var.y}"\n}\n'.replace("\n", "\r\n"),
    'resource "t" "n" {\n\ta = var.x\n\tb {\n\t\tc = "${var.y}"\n\t}\n}\n',
    'resource "t" "n" {\n  a = [for x in var.xs : x if x != ""]\n  b = {\n    for k, v in var.m : k => v\n  }\n}\n',
    'resource "t" "n" {\n  a = [\n    [\n      1,\n  ],\n  ]\n}\n',
    "/**\n * a licence\n */\n\n# a comment\n" + NESTED,
    "/* a */ x = 1\n" + NESTED,
    "/* never closed\n" + NESTED,
    NESTED + "<<<<<<< HEAD\n" + NESTED,
]


@pytest.mark.parametrize("text", LINES)
def test_a_block_read_a_line_at_a_time_reads_as_the_tree_gives_it(monkeypatch, text):
    _same(monkeypatch, text)
    _same(monkeypatch, text * 3)
    _same(monkeypatch, PLAIN + text + PLAIN)


def test_nested_blocks_and_their_fragments_are_read_without_a_tree_of_the_block():
    data = NESTED.encode()
    read = syntaxlines.block(data, 0, 0, syntax.PATH_DEPTH)
    assert read is not None and read.end == len(data)
    names = [data[f.start : f.end].split(b" ")[0] for f in read.fragments]
    assert names == [b"labels", b"effect", b"type", b"description"]  # `location` is read from its line
    assert syntaxlines.resolve(data, [read])
    assert read.body["node_pool"][1] == {"name": "second"} and str(read.body["location"]).startswith("var.region")
    assert read.spans["node_pool.node_config.labels"] == (9, 7, 12, 8)
    assert read.spans["dynamic.taint.content.effect"] == (23, 7, 23, 46)
    assert read.spans["description"] == (30, 3, 32, 8)


def test_fragments_that_the_tree_reads_otherwise_leave_their_blocks_to_the_tree():
    data = b'resource "t" "n" {\n  a = "${var.x}"\n    b = "${var.y}"\n}\n'
    read = syntaxlines.block(data, 0, 0, syntax.PATH_DEPTH)
    assert read is not None and not syntaxlines.resolve(data, [read])  # `b` is not a part of `a`
    assert syntax.read(data.decode())[0][0].body.keys() == {"a", "b"}


@pytest.mark.parametrize(
    "text",
    [
        'resource "t" "n" {{\n  a = var.x{0}\n  b = 1\n}}\n',
        'resource "t" "n" {{\n  a = [{0}1]\n}}\n',
        'resource "t" "n" {{\n  a{0}= var.x\n  b{0}{{\n  }}\n}}\n',
        'resource "t" "n"{0}{{\n  a = var.x ? 1 : 2\n}}\n',
        'resource "t" "n" {{\n{0}\n  a = var.x\n}}\n',
        "/*{0}*/\n" + 'resource "t" "n" {{\n  a = var.x ? 1 : 2\n}}\n',
    ],
)
def test_a_long_run_of_spaces_in_a_block_read_a_line_at_a_time_is_read_in_linear_time(monkeypatch, text):
    from sovlint.limits import within

    within(10, lambda: syntax.read(text.format(" " * 100_000)))
    _same(monkeypatch, text.format(" " * 200))


def test_many_lines_that_may_open_a_block_inside_one_are_each_read_once():
    """A line without indentation ends a line-at-a-time reading: a block of 20,000 nested blocks written without
    indentation is not read again from each of them (which took quadratic time)."""
    from sovlint.limits import within

    text = 'resource "t" "n" {\n' + "x {\n  a = var.x\n}\n" * 20_000 + "  y = [\n"
    blocks, error = within(20, lambda: syntax.read(text))
    assert error is not None and len(blocks) == 20_000  # the recovery of a whole read


def test_many_blocks_with_fragments_are_read_in_linear_time(monkeypatch):
    from sovlint.limits import within

    text = "".join(
        f'resource "t" "r{i}" {{\n  a = var.x[{i}]\n  b {{\n    c = "${{var.y}}"\n  }}\n}}\n' for i in range(20_000)
    )
    blocks, error = within(30, lambda: syntax.read(text))
    assert error is None and len(blocks) == 20_000 and blocks[-1].span("b.c") == (119_998, 5, 119_998, 19)


_LEAVES = ["var.x", "each.value", 'local.m["all"]', "var.x[0]", "var.x[each.key]", "x.y-z", "a-", "1", "1.5", "01"]
_LEAVES += ['"s"', '"a-${b}"', '"%s-$"', '"$${x}"', '"\\n"', '"\\q"', "true", "null", "null_x", "for", "in", "if"]
_LEAVES += [
    "true.x",
    "x[*]",
    "1e5",
    "0x1f",
    "x.0",
    "-1",
    "x.*",
    "f()",
    "f(,)",
    "{}",
    "<<EOT",
    "# c",
    "/* c */",
    "a = b",
]


def _grown(children):
    joined = st.lists(children, max_size=3).map(", ".join)
    return st.one_of(
        st.tuples(st.sampled_from(["f", "lookup", "for", "!", "x.y"]), joined, st.sampled_from(["", ",", " , "])).map(
            lambda t: f"{t[0]}({t[1]}{t[2] if t[1] else ''})"
        ),
        st.tuples(joined, st.sampled_from(["", ","])).map(lambda t: f"[{t[0]}{t[1] if t[0] else ''}]"),
        st.tuples(children, st.sampled_from([" + ", "==", " && ", " - ", " -", " ! ", " ", "?", " : "]), children).map(
            "".join
        ),
        st.tuples(children, children, children).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        children.map(lambda c: "!" + c),
        children.map(lambda c: f"({c})"),
        st.tuples(children, st.sampled_from(["[0]", ".y", '["k"]', "[var.i]", "[f(1)]", "(1)", "\t"])).map("".join),
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["", "var.p == ", "!", "f(1) + "]), st.recursive(st.sampled_from(_LEAVES), _grown, max_leaves=8))
def test_an_expression_read_from_its_line_is_one_that_the_tree_reads_whole(start, expression):
    """Soundness: a line that expression_line takes is one argument to the tree, without error, whose value is the
    text it took (the value is kept as that source, and the tree is never asked)."""
    line = f"a = {start}{expression}".encode()
    m = syntaxplain.expression_line().fullmatch(line)
    if m is not None:
        root = syntax.tree_of(line + b"\n").root_node
        (item,) = syntax.items(root)
        assert not root.has_error and item.type == "attribute" and item.end_byte == m.end(2)


@pytest.mark.parametrize(
    ("value", "taken"),
    [
        ('lookup(each.value, "name", null)', True),
        ('var.regional || var.channel != "UNSPECIFIED" ? true : false', True),
        ("!var.x && length(var.y) > 0 ? f(g(1), [var.c]) : (var.d)", True),
        ('format("%s-%s", var.a, local.m["all"])', True),
        ("f(a,)", True),
        ("var.x ? 1 : 2 ? 3 : 4", False),
        ("f(g(h(1)))", False),
        ("f(,)", False),
        ("[for]", False),
        ("f(for)", False),
        ("var.x +", False),
        ("var.x + ? 1 : 2", False),
        ('"${var.x}" == var.y', False),
        ("true && var.x", False),
        ("var.x # a comment", False),
    ],
)
def test_an_expression_on_its_line_is_read_from_its_bytes_when_of_a_known_shape(monkeypatch, value, taken):
    assert (syntaxplain.expression_line().fullmatch(f"a = {value}".encode()) is not None) is taken
    _same(monkeypatch, f'resource "t" "n" {{\n  a = {value}\n  b {{\n    c = {value}\n  }}\n}}\n')


@pytest.mark.parametrize(
    "value",
    [
        "var.x{0}+",
        "f(1{0}, 1{0}",
        "x ? y +{0}:",
        "f(x) +{0}f(x) + )",
        "!{0}x +",
        "f(x{0},{0}]",
        "[[1],{0}[1],{0}",
        "x{0}== x{0}? 1 :",
    ],
)
def test_an_expression_that_is_not_taken_after_a_long_run_is_given_up_in_linear_time(monkeypatch, value):
    from sovlint.limits import within

    for run in (" " * 100_000, " x +" * 20_000, ", 1" * 20_000):
        text = f'resource "t" "n" {{\n  a = {value.format(run)}\n}}\n'
        within(5, lambda text=text: syntaxplain.expression_line().fullmatch(text.encode(), 21, len(text) - 3))
    _same(monkeypatch, f'resource "t" "n" {{\n  a = {value.format("  ")}\n}}\n')
