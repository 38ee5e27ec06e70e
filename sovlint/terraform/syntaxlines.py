"""Top-level blocks laid out as `terraform fmt` writes them, read a line at a time; the tree reads only their
arguments that are not plain.

syntaxplain.block reads a block of plain arguments in one match; most blocks of a module also hold nested blocks
(`node_pool {`, `dynamic "x" {`), comments, and expressions with interpolations or over several lines. Such a block
is read here a line at a time: block headers, closing braces, comments and plain arguments from their bytes. Every
other argument is a fragment: its line, the more indented lines after it, and a line at its own indentation that
starts with a closing bracket (`})`). The fragments of many blocks are parsed together, one after the other in one
buffer, and the tree must read each as one argument that starts at its first byte and ends within its lines
(comments aside), without error; else those blocks are read from the tree as any other block is.

That is enough for the whole file's tree to read the block as read here. A fragment is a whole argument on its
own, so a string, bracket, heredoc or comment opened in it closes in it; the lines between fragments (headers,
closing braces, comments, plain arguments) cannot continue an expression, although tree-sitter-hcl does not end
one at a newline. A line without indentation inside a block ends the reading unless it closes the block or is a
comment: a read never runs past the next line that may open a top-level block, so each line is read once.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from sovlint.limits import reached
from sovlint.terraform import syntaxplain
from sovlint.terraform.lang.values import KEPT, Expr

Span = tuple[int, int, int, int]

_INDENT = re.compile(rb"[ \t]*")
_ARGUMENT = re.compile(syntaxplain.LINE_ARGUMENT + rb"[ \t]*")  # a whole plain line after its indentation
_HEADER = re.compile(syntaxplain.HEADER.pattern + rb"[ \t]*")  # a nested block's header line
_NAMED = re.compile(rb"(" + syntaxplain.NAME + rb")[ \t]*=")  # the start of any other argument
_BLANK_LINES = re.compile(rb"(?:[ \t]*\n)*")
_CLOSERS = b")]}"


class Fragment(NamedTuple):
    """An argument that the tree reads: its bytes, and where its value and span go."""

    start: int  # its name's first byte
    end: int  # the end of its last line
    row: int  # its first line, counted from 0 in the whole file
    column: int  # its name's, counted from 0
    body: dict[str, Any]
    name: str
    spans: dict[str, Any]
    path: str | None  # its span's key in `spans`, None when an argument or block before it holds that key


class Read(NamedTuple):
    """A top-level block read here; its body and spans are whole once its fragments are read by the tree."""

    kind: str
    labels: tuple[str, ...]
    body: dict[str, Any]
    span: Span
    spans: dict[str, Any]
    start: int
    end: int  # where the next line with content starts
    fragments: list[Fragment]


class _Level(NamedTuple):
    """A block being read: its body, its arguments' path prefix, and where its span goes when it closes."""

    body: dict[str, Any]
    prefix: str
    spans: dict[str, Any]  # a throw-away dict below the depth whose paths are kept
    kinds: set[str]  # the keys of `body` that hold nested blocks
    path: str | None  # the key of this block's own span, when it is this block's to fill
    row: int
    column: int


def block(data: bytes, start: int, row: int, depth: int) -> Read | None:
    """The block at `start` (a line start, on line `row` + 1) read a line at a time; None when it is not laid out
    so or holds what is not read here. `depth`: nested blocks deeper than this keep no spans of their own."""
    m = syntaxplain.HEADER.match(data, start)
    if m is None:
        return None
    at = _blanks(data, m.end(), len(data))
    if at < len(data) and data[at] != 10:  # "\n": the header is its line
        return None
    spans: dict[str, Any] = {}
    stack = [_Level({}, "", spans, set(), None, row, 1)]
    fragments: list[Fragment] = []
    while at < len(data):
        at, row = at + 1, row + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        first = _blanks(data, at, end)
        if first == end or data.startswith((b"#", b"//"), first):
            at = end
            continue
        level = stack[-1]
        if data[first] == 125:  # "}"
            if _blanks(data, first + 1, end) != end or (first == at and len(stack) > 1):
                return None
            stack.pop()
            span = (level.row + 1, level.column, row + 1, first - at + 2)
            if not stack:
                if not data[start:end].isascii():  # columns are bytes here
                    return None
                blank_lines = _BLANK_LINES.match(data, min(end + 1, len(data)))
                after = blank_lines.end() if blank_lines is not None else end
                return Read(*syntaxplain.labels(m), level.body, span, spans, start, after, fragments)
            if level.path is not None:
                stack[-1].spans[level.path] = span
        elif first == at:  # content without indentation: not inside this block
            return None
        else:
            read = _line(data, at, first, end, row, stack, depth)
            if read is False:
                return None
            if isinstance(read, Fragment):
                fragments.append(read)
                row += data.count(b"\n", end, read.end)
                end = read.end
        at = end
    return None


def _line(data: bytes, at: int, first: int, end: int, row: int, stack: list[_Level], depth: int) -> Fragment | bool:
    """Read the argument or nested block header on the line at `at` (its content from `first` to `end`) into the
    innermost block: True, the fragment of an argument the tree reads, or False when the line is not read here."""
    level = stack[-1]
    m = _ARGUMENT.fullmatch(data, first, end)
    found = syntaxplain.value(m) if m is not None else None
    if m is not None and found is not None:
        name, value = found
        if name in level.body:  # a name given twice, or also to a nested block: the tree's reading is left to it
            return False
        level.body[name] = value
        level.spans.setdefault(
            level.prefix + name, (row + 1, first - at + 1, row + 1, m.end(m.lastindex or 1) - at + 1)
        )
        return True
    m = _HEADER.fullmatch(data, first, end)
    if m is not None:
        return _nested(m, row, first - at + 1, stack, depth)
    m = syntaxplain.expression_line().fullmatch(data, first, end)
    if m is not None and m.end(2) - m.start(2) <= KEPT:  # else the tree reads it, as a longer one is read below
        return _computed(m, row, first - at, level)
    m = _NAMED.match(data, first, end)
    if m is None or m[1].decode() in level.body:
        return False
    name = m[1].decode()
    level.body[name] = None  # its place in the body, filled by the tree's reading
    path = level.prefix + name
    own = path not in level.spans  # else the span of an earlier argument or block there is kept, as by the tree
    if own:
        level.spans[path] = None
    column = first - at
    reached(row + 1)  # its extent is looked for line by line: a deadline that expires there names it
    return Fragment(
        first, _extent(data, end, column), row, column, level.body, name, level.spans, path if own else None
    )


def _computed(m: re.Match[bytes], row: int, column: int, level: _Level) -> bool:
    """Read an argument whose value is an expression kept as its source (matched by syntaxplain.expression_line)."""
    name = m[1].decode()
    if name in level.body:
        return False
    level.body[name] = Expr.of(m[2].decode())
    level.spans.setdefault(level.prefix + name, (row + 1, column + 1, row + 1, column + m.end(2) - m.start() + 1))
    return True


def _nested(m: re.Match[bytes], row: int, column: int, stack: list[_Level], depth: int) -> bool:
    """Open the nested block whose header is `m` (on line `row` + 1, at `column`) in the innermost block."""
    level = stack[-1]
    kind, labels = syntaxplain.labels(m)
    if kind in level.body and kind not in level.kinds:
        return False
    path = level.prefix + ".".join((kind, *labels))
    deeper = level.prefix.count(".") < depth
    own = deeper and path not in level.spans
    if own:
        level.spans[path] = None  # its place among the spans, filled when the block closes
    content: dict[str, Any] = {}
    wrapped = content
    for label in reversed(labels):
        wrapped = {label: wrapped}
    level.body.setdefault(kind, []).append(wrapped)
    level.kinds.add(kind)
    spans = level.spans if deeper else {}
    stack.append(_Level(content, path + ".", spans, set(), path if own else None, row, column))
    return True


def _blanks(data: bytes, at: int, end: int) -> int:
    """Where the spaces and tabs from `at` end."""
    m = _INDENT.match(data, at, end)
    return m.end() if m is not None else at


def _extent(data: bytes, end: int, indent: int) -> int:
    """The end of an argument's last line: the lines after the first that are more indented or blank, and the line
    after them when it is at the argument's indentation and starts with a closing bracket."""
    last = at = end
    while at < len(data):
        at += 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        first = _blanks(data, at, end)
        if first < end and first - at <= indent:
            return end if first - at == indent and data[first] in _CLOSERS else last
        if first < end:
            last = end
        at = end
    return last


def resolve(data: bytes, reads: list[Read]) -> bool:
    """Read the fragments of `reads` with the tree, into their blocks' bodies and spans; False when the tree does
    not read each as one argument within its lines (then the blocks are read from the tree, and left as they are)."""
    from sovlint.terraform import slowparse, syntax

    fragments = [f for read in reads for f in read.fragments]
    if not fragments:
        return True
    buffer = b"\n".join([data[f.start : f.end] for f in fragments]) + b"\n"

    def file_line(line: int) -> int:  # where a slow parse stopped, in the file's lines
        return slowparse.joined_line(data, [(f.start, f.end, f.row) for f in fragments], line)

    root = syntax.tree_of(buffer, file_line).root_node
    if root.has_error or syntax.bad_number(root, buffer) is not None:
        return False
    items = [item for item in syntax.items(root) if item.type != "comment"]
    if len(items) != len(fragments):
        return False
    pos = syntax.Positions(buffer)
    found: list[tuple[Any, Span]] = []
    row = 0  # of the fragment in the buffer
    for f, item in zip(fragments, items, strict=True):
        lines = data.count(b"\n", f.start, f.end)
        start, end = item.start_point, item.end_point
        if item.type != "attribute" or (start.row, start.column) != (row, 0) or end.row > row + lines:
            return False
        try:
            name, value = syntax.argument(item, pos)
        except RecursionError:
            return False
        if name != f.name:
            return False
        column = end.column + (f.column if end.row == row else 0)
        found.append((value, (f.row + 1, f.column + 1, f.row + end.row - row + 1, column + 1)))
        row += lines + 1
    for f, (value, span) in zip(fragments, found, strict=True):
        f.body[f.name] = value
        if f.path is not None:
            f.spans[f.path] = span
    return True
