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


def dump(b: Block) -> dict[str, Any]:
    spans = {path: list(span) for path, span in b.spans.items()}
    if not spans and b.lines:  # .tf.json gives lines only
        spans = {path: [start, 1, end, 0] for path, (start, end) in b.lines.items()}
    span = [b.line, b.column, b.end_line, b.end_column]
    return {"k": b.kind, "l": list(b.labels), "b": _encode(b.body), "p": span, "n": spans}


def load(d: dict[str, Any]) -> Block:
    spans = {path: (s[0], s[1], s[2], s[3]) for path, s in d["n"].items()}
    p = d["p"]
    return make_block(d["k"], tuple(d["l"]), _decode(d["b"]), (p[0], p[1], p[2], p[3]), spans)


_SCALARS = frozenset({str, int, float, bool, type(None)})  # written and read as they are, without a call each


def _encode(value: Any) -> Any:
    if isinstance(value, Expr):
        return {_MARK: value.source if value.pending else [value.node, value.text]}
    if isinstance(value, dict):
        return {
            (_MARK + k if k.startswith(_MARK) else k): (v if type(v) in _SCALARS else _encode(v))
            for k, v in value.items()
        }
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
        return {
            (k[1:] if k.startswith(_MARK) else k): (v if type(v) in _SCALARS else _decode(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _decode(v) for v in value]
    return value
