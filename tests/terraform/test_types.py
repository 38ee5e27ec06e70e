"""A variable's value converted to its type constraint, as Terraform converts it before a module reads it."""

import pytest

from sovlint.terraform.lang.types import conform, constraint
from sovlint.terraform.lang.values import Unknown
from sovlint.terraform.syntax import expression


def _conform(value, type_text):
    return conform(value, constraint(expression(type_text)))


@pytest.mark.parametrize(
    ("type_text", "value", "expected"),
    [
        ("object({ a = optional(bool, true), b = optional(string) })", {}, {"a": True, "b": None}),
        ("object({ a = optional(bool, true) })", {"a": None}, {"a": True}),  # null takes the default
        ("object({ a = optional(bool, true) })", {"a": False}, {"a": False}),
        ("object({ a = string })", {"a": "x", "dropped": 1}, {"a": "x"}),
        ("map(object({ on = optional(bool, false) }))", {"k": {}}, {"k": {"on": False}}),
        ("list(object({ n = optional(number, 2) }))", [{}, {"n": 3}], [{"n": 2}, {"n": 3}]),
        ("set(object({ n = optional(number, 2) }))", [{}], [{"n": 2}]),
        ('tuple([string, object({ x = optional(string, "d") })])', ["a", {}], ["a", {"x": "d"}]),
        (
            'object({ inner = optional(object({ z = optional(string, "eu") }), {}) })',
            {},
            {"inner": {"z": "eu"}},  # a default object is itself converted
        ),
        ("map(any)", {"k": {"v": 1}}, {"k": {"v": 1}}),
        ("any", {"v": 1}, {"v": 1}),
        ("object({ a = string })", "not an object", "not an object"),  # Terraform would reject it
    ],
)
def test_conform(type_text, value, expected):
    assert _conform(value, type_text) == expected


def test_unknown_and_null_values_and_no_type_are_left_alone():
    unknown = Unknown("var.x")
    assert _conform(unknown, "object({ a = optional(bool, true) })") is unknown
    assert _conform(None, "object({ a = optional(bool, true) })") is None
    assert conform({"a": 1}, None) == {"a": 1}
    assert constraint("map(string)") is None  # a JSON-syntax type string is not read
