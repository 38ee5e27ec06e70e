"""Expressions evaluate alike in both syntaxes: HCL (read from the syntax tree) and JSON (`${…}` strings)."""

import pytest

from sovlint.errors import ParseError
from sovlint.terraform.lang.eval import EvalError, Unknown, evaluate, references
from sovlint.terraform.lang.values import Expr
from sovlint.terraform.syntax import expression
from sovlint.terraform.tfjson import expressions


class Scope:
    VARS = {"region": "eu-west-3", "m": {"eu": "eu-west-1"}, "rs": ["a", "b"], "n": 2}

    def resolve(self, root, steps):
        if root == "var":
            return self.VARS.get(steps[0], Unknown(f"var.{steps[0]}")), 1
        return Unknown(f"{root} is not known"), len(steps)


def both(cases):
    """Each (HCL source, JSON-syntax string, expected) as two cases, one per syntax."""
    out = []
    for hcl, json_text, expected in cases:
        out.append(pytest.param(hcl, "hcl", expected, id=f"hcl:{hcl}"))
        if json_text is not None:
            out.append(pytest.param(json_text, "json", expected, id=f"json:{json_text}"))
    return out


def read(text, syntax):
    return expression(text) if syntax == "hcl" else expressions(text)


@pytest.mark.parametrize(
    ("text", "syntax", "value"),
    both(
        [
            ('"eu-west-1"', "eu-west-1", "eu-west-1"),
            ("var.region", "${var.region}", "eu-west-3"),
            ('"x-${var.region}-y"', "x-${var.region}-y", "x-eu-west-3-y"),
            ('"$${literal}"', "$${literal}", "${literal}"),
            ('lookup(var.m, "eu", "z")', '${lookup(var.m, "eu", "z")}', "eu-west-1"),
            ('lookup(var.m, "us", "z")', '${lookup(var.m, "us", "z")}', "z"),
            ('var.m["eu"]', '${var.m["eu"]}', "eu-west-1"),
            ("var.rs[1]", "${var.rs[1]}", "b"),
            ("var.rs.1", "${var.rs.1}", "b"),
            ('var.region == "eu-west-3" ? "yes" : "no"', '${var.region == "eu-west-3" ? "yes" : "no"}', "yes"),
            ('var.unknown ? "same" : "same"', '${var.unknown ? "same" : "same"}', "same"),
            # a chain of conditionals reads from the right, as in HCL: `a ? b : (c ? d : e)`
            ("false ? 0 : true ? 2 : 1", "${false ? 0 : true ? 2 : 1}", 2),
            ('var.n == 1 ? "a" : var.n == 2 ? "b" : "c"', '${var.n == 1 ? "a" : var.n == 2 ? "b" : "c"}', "b"),
            ("(true ? false : true) ? 1 : 2", "${(true ? false : true) ? 1 : 2}", 2),
            ("upper(var.region)", "${upper(var.region)}", "EU-WEST-3"),
            ('format("%s-%d", var.region, var.n)', '${format("%s-%d", var.region, var.n)}', "eu-west-3-2"),
            ('coalesce("", var.region)', '${coalesce("", var.region)}', "eu-west-3"),
            ('try(var.m.nope, "fallback")', '${try(var.m.nope, "fallback")}', "fallback"),
            ("element(var.rs, 3)", "${element(var.rs, 3)}", "b"),
            ('join("-", split(",", "a,b"))', '${join("-", split(",", "a,b"))}', "a-b"),
            ('replace(var.region, "-", "_")', '${replace(var.region, "-", "_")}', "eu_west_3"),
            ('{a = 1, "b" = var.region}.b', '${{a = 1, "b" = var.region}.b}', "eu-west-3"),
            ('merge(var.m, {us = "x"})["us"]', '${merge(var.m, {us = "x"})["us"]}', "x"),
            ("merge([{ a = 1 }, { b = var.n }]...)", "${merge([{ a = 1 }, { b = var.n }]...)}", {"a": 1, "b": 2}),
            ('concat(["x"], [var.rs, ["c"]]...)', '${concat(["x"], [var.rs, ["c"]]...)}', ["x", "a", "b", "c"]),
            ('format("%s-%s", var.rs...)', '${format("%s-%s", var.rs...)}', "a-b"),
            ("merge(null, var.m, null)", "${merge(null, var.m, null)}", {"eu": "eu-west-1"}),
            ('contains(var.rs, "a")', '${contains(var.rs, "a")}', True),
            ("length(var.rs) + 1", "${length(var.rs) + 1}", 3),
            ("substr(var.region, 0, 2)", "${substr(var.region, 0, 2)}", "eu"),
            ('trimsuffix(var.region, "-3")', '${trimsuffix(var.region, "-3")}', "eu-west"),
            ("!true || false", "${!true || false}", False),
            ("[for r in var.rs : upper(r)]", "${[for r in var.rs : upper(r)]}", ["A", "B"]),
            (
                '{for k, v in var.m : v => k if k != "x"}',
                '${{for k, v in var.m : v => k if k != "x"}}',
                {"eu-west-1": "eu"},
            ),
            ("{for r in var.rs : r => r...}", "${{for r in var.rs : r => r...}}", {"a": ["a"], "b": ["b"]}),
            ('[{ id = "x" }, { id = "y" }][*].id', '${[{ id = "x" }, { id = "y" }][*].id}', ["x", "y"]),
            ('[{ id = "x" }].*.id', None, ["x"]),
            ("var.region[*]", "${var.region[*]}", ["eu-west-3"]),
            ("-2 * var.n", "${-2 * var.n}", -4),
            ("{ a = var.region, b = [1, var.n] }", None, {"a": "eu-west-3", "b": [1, 2]}),
            ("<<EOT\nin ${var.region}\nEOT", None, "in eu-west-3\n"),
            ("<<-EOT\n    in ${var.region}\n      x\n    EOT", None, "in eu-west-3\n  x\n"),
            ('"${\n  join(",", var.rs)\n}"', None, "a,b"),
            ('var.m[\n  "eu"\n]', None, "eu-west-1"),
            ('"tab\\t \\"q\\" \\u00e9"', None, 'tab\t "q" é'),
            ('"${~ var.region ~}  !"', None, "eu-west-3!"),
            ("3e10", None, 3e10),
            ("-1E-3 * var.n", "${-1E-3 * var.n}", -0.002),
            ('"${1e3}-${1} ${true}"', "${1e3}-${1} ${true}", "1000-1 true"),
            # one interpolation alone is its value, of its own type, in both syntaxes (template unwrapping)
            ('"${1}" == 1', '${"${1}" == 1}', True),
            ('"${true}"', "${true}", True),
            ('"${~ 1 ~}"', "${~ 1 ~}", 1),
            ('"a ${~ 1 ~} b"', "a ${~ 1 ~} b", "a1b"),
            ('" ${1}"', " ${1}", " 1"),
        ]
    ),
)
def test_evaluate(text, syntax, value):
    assert evaluate(read(text, syntax), Scope()) == value


@pytest.mark.parametrize(
    ("text", "syntax", "reason"),
    both(
        [
            ("var.nope", "${var.nope}", "var.nope"),
            ("[for r in var.nope : upper(r)]", "${[for r in var.nope : upper(r)]}", "var.nope"),
            ('"%{ if true }x%{ endif }"', "%{ if true }x%{ endif }", "template directives"),
            ("aws_s3_bucket.b.region", "${aws_s3_bucket.b.region}", "aws_s3_bucket is not known"),
            ("var.nope ? 1 : 2", "${var.nope ? 1 : 2}", "var.nope"),
            ("timestamp()", "${timestamp()}", "the function timestamp() is not evaluated"),
            ("var.nope[*].id", "${var.nope[*].id}", "var.nope"),
            ("merge(var.nope...)", "${merge(var.nope...)}", "var.nope"),
            ("{ (var.nope) = 1 }", "${{ (var.nope) = 1 }}", "var.nope"),
            ("keys({ (var.nope) = 1, a = 2 })", None, "var.nope"),
            ("[for k, v in { (var.nope) = 1 } : k]", None, "var.nope"),
        ]
    ),
)
def test_unknown_with_reason(text, syntax, reason):
    result = evaluate(read(text, syntax), Scope())
    assert isinstance(result, Unknown) and reason in result.reason


def test_unreadable_json_expression_is_unknown_and_unreadable_hcl_a_parse_error():
    result = evaluate(expressions("${(((}"), Scope())
    assert isinstance(result, Unknown) and "cannot read expression" in result.reason
    for text in ("${var.n + 0x10}", "${~}", "${ }"):  # never a silent 0, never an exception
        result = evaluate(expressions(text), Scope())
        assert isinstance(result, Unknown) and "cannot read expression" in result.reason, text
    with pytest.raises(ParseError, match="'0x10' is not a number Terraform reads"):
        expression("var.n + 0x10")
    for text in ("0x1e5", "var.n + 0x10"):  # an expression read when evaluated: unknown, not 0
        result = evaluate(Expr.of(text), Scope())
        assert isinstance(result, Unknown) and "is not a number Terraform reads" in result.reason, text
    with pytest.raises(ParseError):
        expression("(((")


@pytest.mark.parametrize(
    ("text", "syntax", "_"),
    both([("var.m.nope", "${var.m.nope}", None), ("merge(var.region...)", "${merge(var.region...)}", None)]),
)
def test_invalid_expression_raises_for_try_to_catch(text, syntax, _):
    with pytest.raises(EvalError):
        evaluate(read(text, syntax), Scope())


@pytest.mark.parametrize(
    ("text", "syntax", "_"),
    both(
        [
            (
                '"${lookup(var.m, local.k)}-${aws_s3_bucket.b.region}"',
                "${lookup(var.m, local.k)}-${aws_s3_bucket.b.region}",
                None,
            )
        ]
    ),
)
def test_references(text, syntax, _):
    assert references(read(text, syntax)) == ["var.m", "local.k", "aws_s3_bucket.b.region"]


def test_literals_are_python_values_and_the_rest_keeps_its_source_text():
    assert expression('["a", 1, true, null, { k = "v" }]') == ["a", 1, True, None, {"k": "v"}]
    found = expression("var.region  # a comment")
    assert isinstance(found, Expr) and found.text == "var.region"
    assert expressions("$${not.a.template}") == "${not.a.template}"


def test_references_read_back_from_the_cache_are_the_same():
    from sovlint.terraform import blockdata
    from sovlint.terraform.syntax import parse

    (block,) = parse('locals {\n  x = "${var.ref.a}-${lookup(local.m, var.k)[0]}"\n}\n')
    again = blockdata.load(blockdata.dump(block))
    assert references(again.body["x"]) == references(block.body["x"]) == ["var.ref.a", "local.m", "var.k"]


def test_keys_that_start_with_nul_read_back_from_the_cache_as_written():
    """A map of the user's with a key "\\0" is not taken for an expression when read back, nor its keys changed."""
    import json

    from sovlint.terraform import blockdata
    from sovlint.terraform.syntax import make_block, parse

    (parsed,) = parse("locals {\n  x = var.y\n}\n")
    body = {"m": {"\0": "not an expression"}, "n": {"\0a": 1, "b": [{"\0\0": None}]}, "x": parsed.body["x"]}
    block = make_block("locals", (), body, (1, 1, 3, 2), {"m": (2, 3, 2, 9)})
    again = blockdata.load(json.loads(json.dumps(blockdata.dump(block))))
    assert again.body == body and again.spans == block.spans and again.labels == ()
    assert isinstance(again.body["x"], Expr) and not isinstance(again.body["m"], Expr)
