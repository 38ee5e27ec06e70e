"""Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) → the same Blocks as the HCL parser gives.

Expressions in JSON syntax are strings with `${…}` templates: such a string becomes an `Expr` of
the node that parse.py reads from it, the same node the HCL front end builds from the syntax tree,
so the evaluator reads both alike. Nested blocks are normalised to the HCL front end's shape
(a list of objects). JSON carries no positions: the line of a block is where its key is first
written after the previous one, which is exact for the usual one-key-per-line layout.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sovlint.errors import ParseError, unexpected
from sovlint.escape import unbytes
from sovlint.terraform.lang.parse import parse_template
from sovlint.terraform.lang.values import Expr
from sovlint.terraform.syntax import Block, make_block

_LABELS = {"resource": 2, "data": 2, "provider": 1, "module": 1, "variable": 1, "output": 1}


def load_json(text: str) -> Any:
    """JSON as Terraform reads it: a lone surrogate escape (`\\ud800`) becomes U+FFFD; ParseError if invalid."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("nesting is too deep to parse", _deepest_line(text)) from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise ParseError(unexpected(exc)) from None
    return _text(data) if "\\ud" in text.lower() else data


_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # a string (passed over) or a bracket


def _deepest_line(text: str) -> int:
    """The line where the nesting of JSON text first goes deepest."""
    depth = deepest = at = 0
    for m in _NESTING.finditer(text):
        if m[0] in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, m.start()
        elif m[0] in "]}":
            depth -= 1
    return text.count("\n", 0, at) + 1


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return unbytes(value)
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {unbytes(k): _text(v) for k, v in value.items()}
    return value


_load = load_json


def tfvars_blocks(text: str) -> list[Block]:
    data = _load(text)
    if not isinstance(data, dict):
        raise ParseError("a .tfvars.json file must hold a JSON object")
    finder = _Lines(text)
    return [
        make_block("attribute", (k,), {k: expressions(v)}, (finder.find(k), 1, finder.find(k), 0))
        for k, v in data.items()
    ]


def config_blocks(text: str) -> list[Block]:
    data = _load(text)
    if not isinstance(data, dict):
        raise ParseError("a .tf.json file must hold a JSON object")
    finder = _Lines(text)
    blocks: list[Block] = []
    for kind, content in data.items():
        finder.find(kind)
        for labels, body in _entries(content, _LABELS.get(kind, 0)):
            line = finder.find(labels[-1]) if labels else finder.last
            blocks.append(make_block(kind, labels, expressions(_normalise(kind, body)), (line, 1, line, 0)))
    return blocks


def expressions(value: Any) -> Any:
    """A JSON value with its `${…}` template strings read as expressions (`Expr`); `$${` is a literal `${`."""
    if isinstance(value, str):
        if "${" not in value and "%{" not in value:
            return value
        node = parse_template(value)
        if node[0] == "tmpl" and all(part[0] == "lit" and isinstance(part[1], str) for part in node[1]):
            return "".join(part[1] for part in node[1])  # only escapes: `$${x}` is the text `${x}`
        return node[1] if node[0] == "lit" else Expr(node, value)
    if isinstance(value, list):
        return [expressions(v) for v in value]
    if isinstance(value, dict):
        return {k: expressions(v) for k, v in value.items()}
    return value


def _entries(content: Any, depth: int) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    if depth == 0:
        items = content if isinstance(content, list) else [content]
        return [((), body) for body in items if isinstance(body, dict)]
    out: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    if isinstance(content, dict):
        for label, inner in content.items():
            out += [((label, *labels), body) for labels, body in _entries(inner, depth - 1)]
    elif isinstance(content, list):
        for item in content:
            out += _entries(item, depth)
    return out


def _normalise(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    if kind == "terraform":
        body = dict(body)
        for name in ("backend", "required_providers", "cloud"):
            if isinstance(body.get(name), dict):
                body[name] = [body[name]]
    return body


class _Lines:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.last = 1

    def find(self, key: str) -> int:
        needle = json.dumps(key)
        for number in range(self.last, len(self.lines) + 1):
            if needle in self.lines[number - 1]:
                self.last = number
                return number
        return self.last
