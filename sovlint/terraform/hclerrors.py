"""The first syntax error of a broken block, as one sentence with its line and column.

tree-sitter marks what it could not read as ERROR nodes and what it had to invent as MISSING
nodes; this module turns the first of them into what a person would say about the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sovlint.errors import ParseError
from sovlint.terraform.lang.nodes import Source

_CONFLICT = re.compile(rb"^(<<<<<<<|=======|>>>>>>>)", re.MULTILINE)
_CLOSERS = {"}": "{", "]": "[", ")": "("}
_SHOWN_TOKENS = {
    "{": "'{'",
    "}": "'}'",
    "[": "'['",
    "]": "']'",
    "(": "'('",
    ")": "')'",
    "=": "'='",
    ",": "','",
    ":": "':'",
    "identifier": "a name",
    "quoted_template_start": "'\"'",
}


class Run:
    """The loose tokens of a file that did not parse as a whole (its root is an ERROR), from the one where a broken
    block starts to the next block that parsed: read by `describe` as the broken block they are."""

    is_error, is_missing, has_error, type = True, False, True, "ERROR"

    def __init__(self, children: list[Any]) -> None:
        self.children = children
        self.start_byte, self.start_point = children[0].start_byte, children[0].start_point
        self.end_byte = children[-1].end_byte
        self.prev_sibling = children[0].prev_sibling


def describe(item: Any, src: Source, column: Callable[[Any], int]) -> ParseError:
    """The first problem inside a top-level item that did not parse."""
    conflict = _CONFLICT.search(src.data, item.start_byte, item.end_byte)
    if conflict is not None:
        line = src.data.count(b"\n", 0, conflict.start()) + 1
        return ParseError("a merge conflict marker is in the file; resolve the conflict first", line, 1)
    node = _first_problem(item) or item
    if node.is_missing:
        return _missing(node, src, column)
    return _unexpected(node, src, column)


def _first_problem(node: Any) -> Any:
    if node.is_error or node.is_missing:
        return node
    for child in node.children:
        if child.has_error or child.is_missing or child.is_error:
            found = _first_problem(child)
            if found is not None:
                return found
    return None


def _at(node: Any, column: Callable[[Any], int]) -> tuple[int, int]:
    return node.start_point.row + 1, column(node.start_point)


def _missing(node: Any, src: Source, column: Callable[[Any], int]) -> ParseError:
    wanted = node.type
    at_end = not src.data[node.start_byte :].strip()
    line, col = _at(node, column)
    if wanted == "}":
        opened = _enclosing(node, "block")
        where = f" opened on line {opened.start_point.row + 1}" if opened is not None else ""
        if at_end:
            return ParseError(f"the file ends inside a block{where}: a closing '}}' is missing", line, col)
        return ParseError(f"a closing '}}' is missing for the block{where}", line, col)
    if wanted == "quoted_template_end":
        opened = _enclosing(node, "string_lit", "quoted_template") or node
        return ParseError("a string is not closed: its closing '\"' is missing", *_at(opened, column))
    if wanted == "heredoc_identifier":
        opened = _enclosing(node, "heredoc_template") or node
        return ParseError("a heredoc is not closed: its end marker is missing", *_at(opened, column))
    if wanted in _CLOSERS.values():
        attribute = _enclosing(node, "attribute")
        if attribute is not None and attribute.named_children:
            name = src.text(attribute.named_children[0])
            return ParseError(f"the argument '{name}' has no value", *_at(attribute, column))
    if wanted in _CLOSERS:
        return ParseError(f"expected '{wanted}' to close the '{_CLOSERS[wanted]}' before it", line, col)
    if wanted in ("identifier", "expression"):
        return ParseError("the expression is incomplete: a value is missing", line, col)
    return ParseError(f"expected {_SHOWN_TOKENS.get(wanted, repr(wanted))}", line, col)


def _enclosing(node: Any, *types: str) -> Any:
    parent = node.parent
    while parent is not None and parent.type not in types:
        parent = parent.parent
    return parent


def _unexpected(node: Any, src: Source, column: Callable[[Any], int]) -> ParseError:
    children = [c for c in node.children if c.type != "comment"]
    header = _after_header(children)
    if header is not None:
        shown = _snippet(src.text(header))
        return ParseError(f"unexpected {shown!r}; expected '{{'", *_at(header, column))
    inside = _inside_block(children)
    if inside is not None:
        node = inside
        following = inside.next_sibling
        if inside.type == "identifier" and following is not None and following.type == "=":
            return ParseError(f"the value of '{src.text(inside)}' cannot be read", *_at(inside, column))
    shown = _snippet(src.text(node))
    if not shown:
        return ParseError("unexpected end of file", *_at(node, column))
    hint = _expected(node)
    return ParseError(f"unexpected {shown!r}{hint}", *_at(node, column))


def _after_header(children: list[Any]) -> Any:
    """In `resource "a" "b"` followed by something else than '{': that something."""
    if len(children) < 2 or children[0].type != "identifier" or children[1].type != "string_lit":
        return None
    row = children[0].start_point.row
    for child in children[1:]:
        if child.type in ("string_lit", "identifier") and child.start_point.row == row:
            continue
        return None if child.type in ("block_start", "{") else child
    return None


def _inside_block(children: list[Any]) -> Any:
    """In a block whose header and '{' did parse: the first thing in its body that did not."""
    opened = next((i for i, c in enumerate(children) if c.type in ("block_start", "{")), -1)
    if opened < 1 or children[0].type != "identifier":
        return None
    for child in children[opened + 1 :]:
        if child.type in ("attribute", "block", "body") and not child.has_error:
            continue
        if child.type == "body":
            return _inside_block([children[0], children[opened], *child.children])
        return None if child.type in ("block_end", "}") else child
    return None


def _snippet(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first[:40]


def _expected(node: Any) -> str:
    before = node.prev_sibling
    state = before.next_parse_state if before is not None else 0
    if not state:
        return ""
    from sovlint.terraform.syntax import language

    iterator = language().lookahead_iterator(state)
    if iterator is None:
        return ""
    wanted = sorted({_SHOWN_TOKENS[n] for n in iterator.names() if n in _SHOWN_TOKENS})
    return f"; expected {' or '.join(wanted)}" if 0 < len(wanted) <= 3 else ""
