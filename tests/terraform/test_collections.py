"""Collections the way Terraform evaluates them: for expressions, splats and the functions around gates."""

import pytest

from sovlint.terraform.lang.eval import EvalError, Unknown, evaluate
from sovlint.terraform.syntax import expression
from sovlint.terraform.tfjson import expressions


def read(text):
    """A `${…}` expression as the HCL front end reads it (bare), anything else in JSON syntax."""
    if text.startswith("${") and text.endswith("}") and text.count("${") == 1:
        return expression(text[2:-1])
    return expressions(text)


VARS = {
    "website": {},
    "rules": [{"id": "a", "on": True}, {"id": "b", "on": False}],
    "regions": {"paris": "eu-west-3", "virginia": "us-east-1"},
    "names": ["b", "a", "b", ""],
    "grant": [],
    "off": False,
    "one_null": None,
}


class Scope:
    def resolve(self, root, steps):
        if root == "var":
            return VARS.get(steps[0], Unknown(f"var.{steps[0]} is not set")), 1
        return Unknown(f"{root} is not known"), len(steps)


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("${length(keys(var.website)) > 0 ? 1 : 0}", 0),
        ("${{for k, v in var.regions : k => v if !var.off}}", {"paris": "eu-west-3", "virginia": "us-east-1"}),
        ("${{for k, v in var.regions : k => v if var.off}}", {}),
        ("${[for r in var.rules : r.id if r.on]}", ["a"]),
        ("${{for r in var.rules : r.on => r.id...}}", {"true": ["a"], "false": ["b"]}),
        ("${var.rules[*].id}", ["a", "b"]),
        ("${var.rules.*.id}", ["a", "b"]),
        ("${toset(var.names)}", ["", "a", "b"]),
        ("${distinct(compact(var.names))}", ["b", "a"]),
        ("${flatten([[1, [2]], 3])}", [1, 2, 3]),
        ("${values(var.regions)}", ["eu-west-3", "us-east-1"]),
        ("${one([])}", None),
        ("${try(jsondecode(var.grant), var.grant)}", []),
        ("${can(var.regions.nowhere)}", False),
        ("${can(var.regions.paris)}", True),
        ("${length(var.grant) > 0}", False),
        ('${lookup(var.regions, "paris", null)}', "eu-west-3"),
        ('${zipmap(["a"], [1])}', {"a": 1}),
        ("${max(length(var.names), 1, 0)}", 4),
        ("${min(2, 3)}", 2),
        ("${range(1, 7, 2)}", [1, 3, 5]),
        ('${setsubtract(["a", "b"], ["b"])}', ["a"]),
        ('${sort(["b", "a"])}', ["a", "b"]),
        ('${formatlist("folders/%s", var.names)}', ["folders/b", "folders/a", "folders/b", "folders/"]),
        ('${formatlist("%s-%s", ["a", "b"], "x")}', ["a-x", "b-x"]),
        ('${toset(flatten([formatlist("folders/%s", var.grant), []]))}', []),
        ('${formatlist("%s", "x")}', ["x"]),
        ('${try(fileset(try(pathexpand(var.one_null), null), "**/*.yaml"), [])}', []),
        ('${{for f in try(fileset(null, "*.yaml"), []) : f => yamldecode(file(f))}}', {}),
    ],
)
def test_collections(expr, value):
    assert evaluate(read(expr), Scope()) == value


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("${{for k, v in var.unset : k => v}}", "var.unset is not set"),
        ("${[for r in var.rules : r.id if var.unset]}", "var.unset is not set"),
        ("${can(var.unset)}", "var.unset is not set"),
        ('${toset([var.unset, "a"])}', "var.unset is not set"),
        ('${try(fileset("subnets", "*.yaml"), [])}', "fileset() is not evaluated"),
    ],
)
def test_unknown_stays_unknown(expr, reason):
    result = evaluate(read(expr), Scope())
    assert isinstance(result, Unknown) and reason in result.reason


@pytest.mark.parametrize(
    "expr",
    [
        '${{for r in var.rules : "same" => r.id}}',
        "${one([1, 2])}",
        "${[for r in null : r]}",
        '${formatlist("%s%s", ["a"], [])}',
        "${keys([1])}",
    ],
)
def test_what_terraform_rejects_raises_for_try_to_catch(expr):
    with pytest.raises(EvalError):
        evaluate(read(expr), Scope())
