import pytest

from sovlint.terraform.lang.eval import EvalError, Unknown, evaluate, references


class Scope:
    VARS = {"region": "eu-west-3", "m": {"eu": "eu-west-1"}, "rs": ["a", "b"], "n": 2}

    def resolve(self, root, steps):
        if root == "var":
            return self.VARS.get(steps[0], Unknown(f"var.{steps[0]}")), 1
        return Unknown(f"{root} is not known"), len(steps)


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("eu-west-1", "eu-west-1"),
        ("${var.region}", "eu-west-3"),
        ("x-${var.region}-y", "x-eu-west-3-y"),
        ("$${literal}", "${literal}"),
        ('${lookup(var.m, "eu", "z")}', "eu-west-1"),
        ('${lookup(var.m, "us", "z")}', "z"),
        ('${var.m["eu"]}', "eu-west-1"),
        ("${var.rs[1]}", "b"),
        ('${var.region == "eu-west-3" ? "yes" : "no"}', "yes"),
        ('${var.unknown ? "same" : "same"}', "same"),
        ("${upper(var.region)}", "EU-WEST-3"),
        ('${format("%s-%d", var.region, var.n)}', "eu-west-3-2"),
        ('${coalesce("", var.region)}', "eu-west-3"),
        ('${try(var.m.nope, "fallback")}', "fallback"),
        ("${element(var.rs, 3)}", "b"),
        ('${join("-", split(",", "a,b"))}', "a-b"),
        ('${replace(var.region, "-", "_")}', "eu_west_3"),
        ('${{a = 1, "b" = var.region}.b}', "eu-west-3"),
        ('${merge(var.m, {us = "x"})["us"]}', "x"),
        ('${contains(var.rs, "a")}', True),
        ("${length(var.rs) + 1}", 3),
        ("${substr(var.region, 0, 2)}", "eu"),
        ('${trimsuffix(var.region, "-3")}', "eu-west"),
        ("<<EOT\nin ${var.region}\nEOT", "in eu-west-3"),
        ("${!true || false}", False),
    ],
)
def test_evaluate(expr, value):
    assert evaluate(expr, Scope()) == value


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("${var.nope}", "var.nope"),
        ("${[for r in var.nope : upper(r)]}", "var.nope"),
        ("%{ if true }x%{ endif }", "template directives"),
        ("${aws_s3_bucket.b.region}", "aws_s3_bucket is not known"),
        ("${var.nope ? 1 : 2}", "var.nope"),
        ("${timestamp()}", "the function timestamp() is not evaluated"),
        ("${var.nope[*].id}", "var.nope"),
        ("${(((}", "cannot read expression"),
    ],
)
def test_unknown_with_reason(expr, reason):
    result = evaluate(expr, Scope())
    assert isinstance(result, Unknown) and reason in result.reason


def test_invalid_expression_raises_for_try_to_catch():
    with pytest.raises(EvalError):
        evaluate("${var.m.nope}", Scope())


def test_references():
    assert references("${lookup(var.m, local.k)}-${aws_s3_bucket.b.region}") == [
        "var.m",
        "local.k",
        "aws_s3_bucket.b.region",
    ]
