"""The common shapes of HCL read from a node's bytes instead of its subtree: most arguments and block headers.

Reading a syntax tree in Python costs a call per node it visits, and most of a file is plain: `name = "text"`,
`count = 2`, `tags = { team = "a" }`, `resource "t" "n" {`, or an expression that cannot be a literal because it
starts with a name (`var.region`, `merge(…)`, `var.a ? 1 : 2`), kept as its source until it is evaluated. These
are recognised by a regular expression over the node's bytes and give the values the tree would give (syntax.py's
reading of the tree stays the reference: anything else, such as escapes, interpolations, comments, a leading
minus or a key written `null`, is not recognised here and is read from the tree).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sovlint.terraform.lang.values import KEPT, Expr

NAME = rb"[A-Za-z_][\w-]*"
_NOT_KEYWORD = rb"(?!(?:true|false|null)(?![\w-]))"  # these are literals, not names
_TEXT = rb'[^"\\$%\x00-\x08\n-\x1f\x7f]*'  # no control character but a tab: those are the tree's to judge
_STRING = rb'"' + _TEXT + rb'"'  # no escape, no interpolation or directive: its text is its value
_PLAIN = _STRING + rb"|true|false|null|\d+(?:\.\d+)?"
# An expression that starts with a name (not true, false or null) or `!` is never a literal: a reference, a call,
# an operation or a conditional. It is kept as its source, read into a node when first evaluated.
_COMPUTED = rb"(?:!|" + _NOT_KEYWORD + rb"[A-Za-z_])[\s\S]*"
# A list's trailing comma takes the space after it (`(?:,\s*)?`): never two runs of space in a row, whose splits a
# failing match would try one by one (a long run of spaces before a reference took quadratic time).
_LIST = rb"\[\s*(?:(?:" + _PLAIN + rb")\s*(?:,\s*(?:" + _PLAIN + rb")\s*)*(?:,\s*)?)?\]"
_KEY = _NOT_KEYWORD + NAME + rb"|" + _STRING
_OBJECT = rb"\{\s*(?:(?:" + _KEY + rb")[ \t]*=[ \t]*(?:" + _PLAIN + rb")[ \t\r]*(?:[,\n]\s*|(?=\})))*\}"
_VALUE = rb"(" + _PLAIN + rb")|(" + _COMPUTED + rb")|(" + _LIST + rb")|(" + _OBJECT + rb")"  # groups 2 to 5
_ARGUMENT = re.compile(rb"(" + NAME + rb")[ \t]*=[ \t]*(?:" + _VALUE + rb")")
_PLAIN_ITEM = re.compile(_PLAIN)
_ELEMENT = re.compile(rb"(?:(" + _NOT_KEYWORD + NAME + rb')|"(' + _TEXT + rb')")[ \t]*=[ \t]*(' + _PLAIN + rb")")
_LABEL = rb'(?:[ \t]+(?:"(' + _TEXT + rb')"|(' + NAME + rb")))?"  # a block's label: a string or a name
HEADER = re.compile(rb"(" + NAME + rb")" + _LABEL + _LABEL + rb"[ \t]*\{")  # up to two labels
_WORDS: dict[bytes, Any] = {b"true": True, b"false": False, b"null": None}


# A whole top-level block of plain arguments, one per line, read without the parser: the block at the start of a
# line, its arguments' values on one line each (a name with steps or a type such as list(string), not any
# expression), nothing else in it, ASCII (its columns are its bytes'); then the blank lines after it.
_REFERENCE = _NOT_KEYWORD + NAME + rb"(?:\." + NAME + rb"|\[\d+\])*"  # var.region, module.a.ids[0]
_CALL = _NOT_KEYWORD + NAME + rb"\("
_NAME_TYPE = _REFERENCE + rb"|" + _CALL + rb"(?:" + _REFERENCE + rb"|" + _CALL + _REFERENCE + rb"\))\)"
_LIST_LINE = rb"\[[ \t]*(?:(?:" + _PLAIN + rb")[ \t]*(?:,[ \t]*(?:" + _PLAIN + rb")[ \t]*)*(?:,[ \t]*)?)?\]"
_OBJECT_LINE = rb"\{[ \t]*(?:(?:" + _KEY + rb")[ \t]*=[ \t]*(?:" + _PLAIN + rb")[ \t]*(?:,[ \t]*|(?=\})))*\}"
_LINE_VALUE = (_PLAIN, _NAME_TYPE, _LIST_LINE, _OBJECT_LINE)
LINE_ARGUMENT = rb"(" + NAME + rb")[ \t]*=[ \t]*(?:(" + rb")|(".join(_LINE_VALUE) + rb"))"  # groups as _ARGUMENT's
_ANY_LINE_ARGUMENT = NAME + rb"[ \t]*=[ \t]*(?:(?:" + rb")|(?:".join(_LINE_VALUE) + rb"))"
_BLOCK = re.compile(  # group 6: just after the opening brace
    HEADER.pattern
    + rb"()[ \t]*(?:\n(?:[ \t]*(?:"
    + _ANY_LINE_ARGUMENT
    + rb"[ \t]*)?\n)*[ \t]*)?\}[ \t]*(?:\n|\Z)(?:[ \t]*\n)*"
)
_LINES = re.compile(rb"^[ \t]*" + LINE_ARGUMENT + rb"[ \t]*$", re.MULTILINE)

Span = tuple[int, int, int, int]


def block(
    data: bytes, start: int, row: int
) -> tuple[str, tuple[str, ...], dict[str, Any], Span, dict[str, Span], int] | None:
    """A plain top-level block at `start` (a line start, on line `row` + 1): its type, labels, body, span, the
    spans of its arguments, and where the next line with content starts; None when the block is not plain."""
    m = _BLOCK.match(data, start)
    if m is None or not data[start : m.end()].isascii():
        return None
    body: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    close = data.rindex(b"}", start, m.end())
    line, at = row, start
    for arg in _LINES.finditer(data, m.end(6), close):
        line += data.count(b"\n", at, arg.start())
        at = arg.start()
        found = value(arg)
        if found is None:
            return None
        name, body[name] = found
        spans.setdefault(name, (line + 1, arg.start(1) - at + 1, line + 1, arg.end(arg.lastindex or 1) - at + 1))
    line += data.count(b"\n", at, close)
    newline = data.rfind(b"\n", start, close)
    column = close - (newline if newline >= 0 else start - 1)  # of the closing brace
    return *labels(m), body, (row + 1, 1, line + 1, column + 1), spans, m.end()


def argument(node: Any, data: bytes) -> tuple[str, Any] | None:
    """The name and body value of an `attribute` node in a plain shape, else None."""
    m = _ARGUMENT.fullmatch(data, node.start_byte, node.end_byte)
    if m is None:
        return None
    return value(m)


def value(m: re.Match[bytes]) -> tuple[str, Any] | None:
    """The name and body value of an argument matched by _ARGUMENT or LINE_ARGUMENT; None for an expression longer
    than the source kept to be read when evaluated (KEPT): the tree is to read it."""
    name, kind = m[1].decode(), m.lastindex
    if kind == 2:
        return name, _plain(m[2])
    if kind == 3:
        return None if m.end(3) - m.start(3) > KEPT else (name, Expr.of(m[3].decode("utf-8", "replace")))
    if kind == 4:
        return name, [_plain(item[0]) for item in _PLAIN_ITEM.finditer(m[4])]
    out: dict[str, Any] = {}
    for item in _ELEMENT.finditer(m[5]):
        key = item[1] if item[1] is not None else item[2]
        out[key.decode("utf-8", "replace")] = _plain(item[3])
    return name, out


def _plain(text: bytes) -> Any:
    if text[0] == 34:  # '"'
        return text[1:-1].decode("utf-8", "replace")
    if text in _WORDS:
        return _WORDS[text]
    return float(text) if b"." in text else int(text)


def header(node: Any, data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """The type and labels of a `block` node whose header is plain (`resource "t" "n" {`), else None."""
    m = HEADER.match(data, node.start_byte)
    if m is None or m.end() > node.end_byte:
        return None
    return labels(m)


def labels(m: re.Match[bytes]) -> tuple[str, tuple[str, ...]]:
    kind, text, name, text2, name2 = m.group(1, 2, 3, 4, 5)
    if text is None and name is None:
        return kind.decode(), ()
    first = (text if name is None else name).decode("utf-8", "replace")
    if text2 is None and name2 is None:
        return kind.decode(), (first,)
    return kind.decode(), (first, (text2 if name2 is None else name2).decode("utf-8", "replace"))


# An argument on one line whose value is an expression that starts with a name or `!` (kept as its source, as
# `argument` keeps it): references, calls of references and literals (and of such calls), lists, parentheses,
# operators and a conditional, shapes that the tree-sitter grammar takes (tested against it). A name or number is
# matched whole and spaces only between tokens; a list of operands matches each once (an operand is followed by
# an operator or a comma, or by what ends the list), so that the expression is written once per nesting level.
_WORD = rb"[A-Za-z_][\w-]*(?![\w-])"
_ROOT = rb"(?!(?:true|false|null|for|in|if)(?![\w-]))" + _WORD  # the grammar reads `for` in brackets as a keyword
_NUMBER = rb"\d+(?:\.\d+)?(?![\w.])"
_QUOTED = rb'"(?:[^"\\$%\x00-\x08\n-\x1f\x7f]|\\["\\nrt]|\$(?!\{)|%(?!\{))*"'
_LITERAL = _QUOTED + rb"|" + _NUMBER + rb"|(?:true|false|null)(?![\w-])"
_STEPS = (
    rb"(?:\.(?:"
    + _WORD
    + rb")|\[[ \t]*(?:"
    + _NUMBER
    + rb"|"
    + _QUOTED
    + rb"|"
    + _ROOT
    + rb"(?:\."
    + _WORD
    + rb")*)[ \t]*\])*"
)
_SIMPLE = _ROOT + _STEPS + rb"|" + _LITERAL


def _items(item: bytes, close: bytes) -> bytes:
    return rb"(?:(?:" + item + rb")(?:[ \t]*,[ \t]*|(?=[ \t]*" + close + rb")))*"


_CALL = _ROOT + rb"\([ \t]*" + _items(_SIMPLE, rb"\)") + rb"\)"
_OPERAND = _CALL + rb"|" + _SIMPLE + rb"|\[[ \t]*" + _items(_SIMPLE, rb"\]") + rb"\]"
_TERM = rb"!?[ \t]*(?:" + _ROOT + rb"\([ \t]*" + _items(_OPERAND, rb"\)") + rb"\)|" + _SIMPLE
_TERM += rb"|\[[ \t]*" + _items(_OPERAND, rb"\]") + rb"\]|\([ \t]*(?:" + _OPERAND + rb")[ \t]*\))"
_OPERATOR = rb"[ \t]*(?:==|!=|<=|>=|&&|\|\||[<>+\-*/%])[ \t]*(?=[!A-Za-z_\"\d(\[])"  # an operand follows
_OPERATION = rb"(?:(?:" + _TERM + rb")(?:" + _OPERATOR + rb"|(?=[ \t]*(?:[?:]|\Z))))+"
# An operation, or a conditional: `?`, then twice an operation followed by `:` or by the end (the operation pattern
# is written twice, not three times).
_BRANCHES = rb"(?:" + _OPERATION + rb"(?:[ \t]*:[ \t]*(?=[!A-Za-z_\"\d(\[])|(?=[ \t]*\Z))){2}"
_EXPRESSION = _OPERATION + rb"(?:[ \t]*\?[ \t]*" + _BRANCHES + rb")?"


@functools.lru_cache(maxsize=1)
def expression_line() -> re.Pattern[bytes]:
    """A line `name = expression` (after its indentation): group 1 the name, group 2 the expression. Compiled when
    first asked for (about 10 ms): a file of plain blocks needs none."""
    computed = rb"(?=!|" + _NOT_KEYWORD + rb"[A-Za-z_])"
    return re.compile(rb"(" + NAME + rb")[ \t]*=[ \t]*(" + computed + _EXPRESSION + rb")[ \t]*")
