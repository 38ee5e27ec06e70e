"""Blocks as plain JSON data, for the parse cache and for worker processes, and back.

A body holds literals and `Expr`s; an `Expr` is written as `{"\\u0000": [node, text]}`, or as
`{"\\u0000": source}` while it has not been evaluated, and a key of the user's that starts with NUL
gets one more, so that no written object can pass for an `Expr`.
"""

from __future__ import annotations

from typing import Any

from sovlint.terraform.lang.values import Expr
from sovlint.terraform.syntax import Block, make_block

_MARK = "\0"
_AFTER_MARK = "\1"  # every text that starts with NUL sorts before it, and only those


def dump(b: Block) -> dict[str, Any]:
    """A block as JSON data (tuples are written as arrays)."""
    spans: dict[str, Any] = b.spans
    if not spans and b.lines:  # .tf.json gives lines only
        spans = {path: (start, 1, end, 0) for path, (start, end) in b.lines.items()}
    span = (b.line, b.column, b.end_line, b.end_column)
    return {"k": b.kind, "l": b.labels, "b": _encode(b.body), "p": span, "n": spans}


def load(d: dict[str, Any]) -> Block:
    n = d["n"]
    spans = dict(zip(n, map(tuple, n.values()), strict=True))
    if not set(map(len, spans.values())) <= {4}:
        raise ValueError("a span of other than four numbers")
    p = d["p"]
    return make_block(d["k"], tuple(d["l"]), _decode(d["b"]), (p[0], p[1], p[2], p[3]), spans)


_SCALARS = frozenset({str, int, float, bool, type(None)})  # written and read as they are, without a call each


def _encode(value: Any) -> Any:
    if isinstance(value, Expr):
        return {_MARK: value.source if value.pending else [value.node, value.text]}
    if isinstance(value, dict):
        if value and min(value) < _AFTER_MARK:  # a key of the user's that starts with NUL (min: no call per key)
            return {(_MARK + k if k.startswith(_MARK) else k): _encode(v) for k, v in value.items()}
        return {k: (v if type(v) in _SCALARS else _encode(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and _MARK in value:
            if isinstance(value[_MARK], str):
                return Expr.of(value[_MARK])
            node, text = value[_MARK]
            return Expr(node, text)  # JSON arrays for tuples: the evaluator reads nodes by index either way
        if value and min(value) < _AFTER_MARK:
            return {(k[1:] if k.startswith(_MARK) else k): _decode(v) for k, v in value.items()}
        return {k: (v if type(v) in _SCALARS else _decode(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _decode(v) for v in value]
    return value
