"""The non-values of static evaluation: an expression to evaluate, an unknown value, an invalid expression."""

from __future__ import annotations

from typing import Any

Node = tuple[Any, ...]  # ('lit', v), ('ref', root, steps), ('call', name, args), … (see lang/nodes.py)
SHOWN = 120  # characters of an expression's source kept for messages
# Bytes of source at most kept to be read when evaluated: a longer expression is read from the syntax tree at hand.
# Read again, it could cost what the file's parse cost (tree-sitter's time grows with the square of a run of blanks
# in brackets: 60,000 spaces in `var.x[…]`, 12 s), and twice the file's time limit in all; 512 bytes cost 2 ms.
KEPT = 512


class Expr:
    """An argument's value that is not a literal: the evaluator's node and the source as written.

    An expression of a .tf file is held as its source (up to KEPT bytes) and read into a node when first
    evaluated: most of a module's expressions (descriptions, types, validations, outputs no one reads)
    never are. `text` is the source on one line, shortened, for messages.
    """

    __slots__ = ("_node", "_text", "source")

    def __init__(self, node: Node | None, text: str = "", source: str = "") -> None:
        self._node = node
        self._text = text
        self.source = source  # the full source, when the node is read from it on first use

    @classmethod
    def of(cls, source: str) -> Expr:
        """An expression of HCL source, read when first evaluated."""
        return cls(None, "", source)

    @property
    def node(self) -> Node:
        if self._node is None:
            from sovlint.terraform.syntax import expression_node

            self._node = expression_node(self.source)
        return self._node

    @property
    def pending(self) -> bool:
        """Whether the node is still to be read from the source."""
        return self._node is None

    @property
    def text(self) -> str:
        if not self._text:
            self._text = shorten(self.source)
        return self._text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and self.text == other.text and self.node == other.node

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expr(node={self.node!r}, text={self.text!r})"

    def __str__(self) -> str:
        return self.text


def shorten(text: str) -> str:
    """Source text on one line, cut at SHOWN characters, for messages."""
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


class Unknown:
    """A value that cannot be known statically, with the reason why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"


class Unset(Unknown):
    """A variable that nothing gives a value: no default, no .tfvars, no `--var`, no module input."""

    __slots__ = ()


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
