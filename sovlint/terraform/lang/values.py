"""The non-values of static evaluation: an expression to evaluate, an unknown value, an invalid expression."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Node = tuple[Any, ...]  # ('lit', v), ('ref', root, steps), ('call', name, args), … (see lang/nodes.py)


@dataclass(frozen=True, slots=True)
class Expr:
    """An argument's value that is not a literal: the evaluator's node and the source as written."""

    node: Node
    text: str

    def __str__(self) -> str:
        return self.text


class Unknown:
    """A value that cannot be known statically, with the reason why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"


class EvalError(Exception):
    """An expression that Terraform itself would reject (missing key, bad index): `try()` catches it."""


def reference(value: object) -> str | None:
    """The name a value refers to when it is a bare reference (`aws.eu`, or "aws.eu" in JSON syntax)."""
    if isinstance(value, Expr):
        node = value.node
        if node[0] == "ref" and all(isinstance(s, str) for s in node[2]):
            return ".".join((node[1], *node[2]))
        return None
    if isinstance(value, str):
        return value.removeprefix("${").removesuffix("}").strip().strip('"') or None
    return None
