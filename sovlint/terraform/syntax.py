"""HCL text → top-level blocks with their spans, read by tree-sitter. The only module that walks syntax trees.

A block's body is a dict: an argument's value is a Python value when it is a literal (strings, numbers,
bools, null, and lists and objects of them) and an `Expr` (an evaluator node with the source text) when
it is not; nested blocks are lists of dicts, labels nested as dicts (`backend "s3" {…}` →
`{"backend": [{"s3": {…}}]}`), the shape Terraform's JSON syntax also has. Spans are 1-based (line,
column, end line, end column), columns counted in characters with the end column just after the last
character; `spans` maps an argument or nested block path (`backend.s3.region`) to its span.

A file with syntax errors still gives every block outside the broken region: the first error is returned
beside them, and a broken block is dropped, never guessed at. When the parser's recovery swallows the
blocks after a broken one, reading starts again at the next line that opens a top-level block.

A file without syntax errors is read a piece at a time (pieces.py), most of it from its bytes: plain shapes
(syntaxplain.py) and blocks laid out as `terraform fmt` writes them (syntaxlines.py, which has the tree read
only their arguments that are not plain).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from sovlint.errors import ParseError
from sovlint.limits import budget
from sovlint.terraform import slowparse, syntaxplain
from sovlint.terraform.lang import nodes
from sovlint.terraform.lang.nodes import Source
from sovlint.terraform.lang.values import Node

Span = tuple[int, int, int, int]  # line, column, end line, end column (just after the last character)

MAX_RESYNC = 32  # re-reads after broken blocks, per file
PIECE_BYTES = 64 * 1024  # a file larger than this is parsed a piece of about this size at a time
PATH_DEPTH = 3  # nested blocks deeper than this keep no spans of their own
BLOCK_START = re.compile(rb"\n(?=[A-Za-z_][\w-]*(?:[ \t]+(?:\"[^\"\n]*\"|[A-Za-z_][\w-]*))*[ \t]*\{)")


class Block(NamedTuple):
    """A top-level block (`resource "t" "n" {…}`) or, for .tfvars, one argument."""

    kind: str  # 'resource', 'data', 'provider', 'module', 'variable', 'locals', 'output', 'terraform'
    labels: tuple[str, ...]
    body: dict[str, Any]
    line: int
    end_line: int
    lines: dict[str, tuple[int, int]]  # 'backend.s3.region' -> (line, end line)
    column: int
    end_column: int
    spans: dict[str, Span]  # 'backend.s3.region' -> span

    def span(self, path: str = "") -> Span:
        """The span of an argument or nested block, or of the block itself."""
        return self.spans.get(path) or (self.line, self.column, self.end_line, self.end_column)


def make_block(
    kind: str, labels: tuple[str, ...], body: dict[str, Any], span: Span, spans: dict[str, Span] | None = None
) -> Block:
    spans = spans or {}
    lines = {path: (s[0], s[2]) for path, s in spans.items()}
    return Block(kind, labels, body, span[0], span[2], lines, span[1], span[3], spans)


@functools.lru_cache(maxsize=1)
def language() -> Any:
    import tree_sitter_hcl
    from tree_sitter import Language

    return Language(tree_sitter_hcl.language())


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from tree_sitter import Parser

    return Parser(language())


# tree-sitter-hcl 1.2.0 reads an exponent only after a fraction: `3.0e10` parses, `3e10` is a syntax error.
# The parser is given `3.10` there instead (`1e+5` → `1.05`): the same length, so every offset stays, and
# values are read from the file's own bytes. Not inside a name (`a3e10`, `a-3e10`) or after a fraction.
_EXPONENT = re.compile(rb"(?<![\w.\x80-\xff])(?<!\w-)(\d+)[eE]([-+]?)(\d+)(?![\w.])")
_MAYBE_EXPONENT = re.compile(rb"\d[eE][-+]?\d")  # three times faster to rule out


def tree_of(data: bytes, rows: int | Callable[[int], int] = 0, spend: Any = None) -> Any:
    """The syntax tree of HCL bytes, around the grammar's gaps; the deadline can stop a slow parse (slowparse.py), at
    a line of the file: the bytes come after its first `rows` lines (or their line n is its line rows(n)); with the
    evaluation's budget `spend`, its time limit too."""
    if _MAYBE_EXPONENT.search(data):
        data = _EXPONENT.sub(_fraction, data)
    return slowparse.parse(_parser(), data, rows, spend)


def _fraction(m: re.Match[bytes]) -> bytes:
    return m[1] + b"." + b"0" * len(m[2]) + m[3]


_HEX = re.compile(rb"0x[0-9A-Za-z]")  # tree-sitter-hcl's hexadecimal number, which HCL does not have


def bad_number(root: Any, data: bytes) -> Any:
    """The first number literal of a tree that HCL rejects (`0x1e5`), or None."""
    for m in _HEX.finditer(data):
        node = root.descendant_for_byte_range(m.start(), m.start() + 1)
        if node is not None and node.type == "numeric_lit" and node.start_byte == m.start():
            return node
    return None


def parse(text: str) -> list[Block]:
    """Parse one .tf or .tfvars file; ParseError at the first syntax error."""
    blocks, error = read(text)
    if error is not None:
        raise error
    return blocks


def read(text: str, pieces: bool = True) -> tuple[list[Block], ParseError | None]:
    """Every block that parses, and the first syntax error (None for a clean file). A file is read a piece at a
    time first, unless `pieces` is False (its parts were read so, and one had a syntax error)."""
    from sovlint.terraform import pieces as by_pieces

    data = text.removeprefix("\ufeff").encode("utf-8", "replace")
    found = by_pieces.read(data, PIECE_BYTES) if pieces else None
    if found is not None:
        return found, None
    blocks: list[Block] = []
    error: ParseError | None = None
    start, line = 0, 1
    for _ in range(MAX_RESYNC + 1):
        buffer = b"\n" * (line - 1) + data[start:]
        found, first, resync = _read_once(buffer, line)
        blocks += found
        error = error or first
        if resync is None:
            break
        start += resync - (line - 1)
        line = buffer.count(b"\n", 0, resync) + 1
    return blocks, error


def _read_once(buffer: bytes, first_line: int) -> tuple[list[Block], ParseError | None, int | None]:
    """Blocks of one parse; the first error; where to read again when recovery swallowed blocks."""
    from sovlint.terraform import hclerrors

    tree = tree_of(buffer)
    src = Positions(buffer)
    blocks: list[Block] = []
    error: ParseError | None = None
    found = items(tree.root_node)
    loose = tree.root_node.type == "ERROR"  # the file did not parse as a whole: a broken block is loose tokens
    index = 0
    while index < len(found):
        item = found[index]
        index += 1
        if item.start_point.row + 1 < first_line or item.type == "comment":
            continue
        if _parsed(item):
            try:
                blocks.append(read_item(item, src))
                continue
            except RecursionError:
                error = error or ParseError("nesting is too deep to parse", deepest_line(item))
                continue
        if loose and not item.is_error:
            end = _run_end(found, index - 1)
            item, index = hclerrors.Run(found[index - 1 : end]), end
        error = error or hclerrors.describe(item, Source(buffer), src.column)
        match = BLOCK_START.search(buffer, item.start_byte, item.end_byte)
        if match is not None:
            return blocks, error, match.end()
    bad = bad_number(tree.root_node, buffer) if error is None else None
    if bad is not None:  # its blocks are kept, the number's value unknown
        text, point = src.source.text(bad), bad.start_point
        error = ParseError(nodes.not_a_number(text), point.row + 1, src.column(point))
    return blocks, error, None


def _parsed(item: Any) -> bool:
    return not item.has_error and item.type in ("block", "attribute")


def _run_end(found: list[Any], start: int) -> int:
    """Where the loose tokens from `start` end: at the next block that parsed, or at an argument that parsed unless
    a block was opened in the run (then the argument is in that block, as a .tfvars argument is not)."""
    opened = False
    for end in range(start + 1, len(found)):
        opened = opened or found[end - 1].type == "block_start"
        if _parsed(found[end]) and (found[end].type == "block" or not opened):
            return end
    return len(found)


def deepest_line(node: Any) -> int:
    """The line of the first node where the nesting under `node` goes deepest (walked without recursion)."""
    cursor = node.walk()
    depth = deepest = 0
    line: int = node.start_point.row + 1
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > deepest:
                deepest, line = depth, int(cursor.node.start_point.row) + 1
            continue
        while not cursor.goto_next_sibling():
            if depth == 0 or not cursor.goto_parent():
                return line
            depth -= 1


def items(root: Any) -> list[Any]:
    found: list[Any] = []
    for child in root.children:
        found += child.children if child.type == "body" else [child]
    return found


class Positions:
    """Source text and character columns of one buffer (byte columns differ on non-ASCII lines); `rows`: the
    lines of the file before the buffer, when it is a piece of the file."""

    def __init__(self, data: bytes, rows: int = 0) -> None:
        self.source = Source(data)
        self.rows = rows
        self.ascii = data.isascii()
        self._starts: list[int] | None = None

    def column(self, point: Any) -> int:
        row, col = int(point[0]), int(point[1])
        if self.ascii or col == 0:
            return col + 1
        if self._starts is None:
            data = self.source.data
            self._starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
        start = self._starts[row]
        return len(self.source.data[start : start + col].decode("utf-8", "replace")) + 1

    def span(self, node: Any) -> Span:
        start, end = node.start_point, node.end_point
        if self.ascii:  # byte columns are character columns
            return (start.row + self.rows + 1, start.column + 1, end.row + self.rows + 1, end.column + 1)
        return (start.row + self.rows + 1, self.column(start), end.row + self.rows + 1, self.column(end))


def read_item(node: Any, pos: Positions) -> Block:
    if node.type == "attribute":
        name, found = argument(node, pos)
        span = pos.span(node)
        return make_block("attribute", (name,), {name: found}, span, {name: span})
    kind, labels, inner = _header(node, pos)
    spans: dict[str, Span] = {}
    body = _body(inner, pos, "", spans) if inner is not None else {}
    return make_block(kind, labels, body, pos.span(node), spans)


def argument(node: Any, pos: Positions) -> tuple[str, Any]:
    """An argument's name and body value."""
    plain = syntaxplain.argument(node, pos.source.data)
    if plain is not None:
        return plain
    name, expr = _attribute(node, pos)
    return name, nodes.value(expr, pos.source)


def _attribute(node: Any, pos: Positions) -> tuple[str, Any]:
    children = node.named_children
    name = pos.source.text(children[0])
    expr = children[1]
    if expr.type != "expression":  # a comment before the value
        expr = next(c for c in children[2:] if c.type == "expression")
    return name, expr


def _header(node: Any, pos: Positions) -> tuple[str, tuple[str, ...], Any]:
    plain = syntaxplain.header(node, pos.source.data)
    if plain is not None:  # the body is the child before the closing brace, or none between the braces
        inner = node.child(node.child_count - 2)
        if inner.type in ("body", "block_start"):
            return plain[0], plain[1], inner if inner.type == "body" else None
    kind, labels, inner = "", [], None
    for child in node.named_children:
        t = child.type
        if t == "identifier":
            if kind:
                labels.append(pos.source.text(child))
            else:
                kind = pos.source.text(child)
        elif t == "string_lit":
            labels.append(_label(child, pos))
        elif t == "body":
            inner = child
    return kind, tuple(labels), inner


def _label(node: Any, pos: Positions) -> str:
    converted = nodes.convert(node, pos.source)
    return str(converted[1]) if converted[0] == "lit" else pos.source.text(node).strip('"')


def _body(node: Any, pos: Positions, prefix: str, spans: dict[str, Span]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in node.named_children:
        t = child.type
        if t == "attribute":
            name, out[name] = argument(child, pos)
            spans.setdefault(prefix + name, pos.span(child))
        elif t == "block":
            kind, labels, inner = _header(child, pos)
            path = prefix + ".".join((kind, *labels))
            deeper = prefix.count(".") < PATH_DEPTH
            if deeper:
                spans.setdefault(path, pos.span(child))
            content: dict[str, Any] = {}
            if inner is not None:
                content = _body(inner, pos, path + ".", spans if deeper else {})
            for label in reversed(labels):
                content = {label: content}
            existing = out.setdefault(kind, [])
            if isinstance(existing, list):
                existing.append(content)
    return out


def expression(text: str) -> Any:
    """One HCL expression as a body value (`var.region` → Expr); ParseError when it does not parse."""
    blocks = parse(f"x = {text}\n")
    return blocks[0].body["x"]


@functools.lru_cache(maxsize=4096)
def expression_node(text: str) -> Node:
    """The evaluator's node of one HCL expression's source; ('unknown', reason) when it does not parse.

    Memoised: a module's expressions repeat (`var.project_id`, `string`), and a node is never changed."""
    data = f"x = {text}\n".encode("utf-8", "replace")
    root = tree_of(data, 0, budget()).root_node  # evaluated: under its time limit
    found = items(root)
    if root.has_error or len(found) != 1 or found[0].type != "attribute":
        return ("unknown", "the expression cannot be read")
    return nodes.convert(_attribute(found[0], Positions(data))[1], Source(data))
