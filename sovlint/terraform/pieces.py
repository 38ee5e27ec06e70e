"""A Terraform file without syntax errors read a piece at a time, most of it without a syntax tree of its own.

At the start of each top-level block, comments are passed over and the block is read from its bytes when it is
plain (syntaxplain.block), or a line at a time when it is laid out as `terraform fmt` writes it
(syntaxlines.block: its arguments that are not plain are parsed later, many blocks' together, and must read as
expected, else those blocks are parsed as the rest is). The rest of the file is parsed a piece at a time: a piece
ends before a line that opens a block read so, or that opens a block PIECE_BYTES on, so that only one piece's
syntax tree is in memory (about 150 bytes per byte of source).

A piece ends before a line that looks like the start of a top-level block. A cut that is not between two
top-level items (inside a heredoc, a string, a comment or a nested block) leaves the piece before it
unterminated, hence with an error: when every piece parses cleanly, the pieces' blocks are the whole file's.
On an error the whole file is read at once (syntax.read), for its recovery and its first error's message.
"""

from __future__ import annotations

import re

from sovlint.limits import reached
from sovlint.terraform import syntax, syntaxlines, syntaxplain
from sovlint.terraform.syntax import Block, make_block
from sovlint.terraform.syntaxlines import Read

_COMMENT = rb"(?:#|//)[^\n]*|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/[ \t]*"  # a block comment ends at its first */
_COMMENTS = re.compile(rb"(?:[ \t]*(?:" + _COMMENT + rb")?\n)*")  # blank lines and lines of comments


def read(data: bytes, size: int, rows: int = 0) -> list[Block] | None:
    """The blocks of a file without syntax errors (`rows`: the lines before it, when it is a part of a file), the
    pieces parsed of about `size` bytes; None when a piece has an error."""
    found: list[Read | list[Block]] = []
    waiting: list[Read] = []  # blocks whose arguments the tree is still to read
    failed: set[int] = set()  # the ids of those whose arguments did not read as expected
    ahead: Read | None = None  # the block read where the last piece ends
    start = waiting_bytes = 0
    while start < len(data):
        comments = _COMMENTS.match(data, start)
        after = comments.end() if comments is not None else start
        rows, start = rows + data.count(b"\n", start, after), after
        if start >= len(data):
            break
        reached(rows + 1)  # a deadline that expires in this pass names the block it is on
        read = ahead if ahead is not None and ahead.start == start else _block(data, start, rows)
        if read is None:
            end, ahead = _piece_end(data, start, size, rows)
            blocks = _parse(data[start:end], rows)
            if blocks is None:
                return None
            found.append(blocks)
        else:
            found.append(read)
            end = read.end
            if read.fragments:
                waiting.append(read)
                waiting_bytes += sum(f.end - f.start for f in read.fragments)
                if waiting_bytes >= size:  # one buffer's syntax tree in memory at a time
                    failed, waiting_bytes = failed | _resolve(data, waiting), 0
        rows, start = rows + data.count(b"\n", start, end), end
    failed |= _resolve(data, waiting)
    return _blocks(data, found, failed)


def _block(data: bytes, start: int, rows: int) -> Read | None:
    plain = syntaxplain.block(data, start, rows)
    if plain is not None:
        kind, labels, body, span, spans, end = plain
        return Read(kind, labels, body, span, spans, start, end, [])
    return syntaxlines.block(data, start, rows, syntax.PATH_DEPTH)


def _resolve(data: bytes, waiting: list[Read]) -> set[int]:
    """Read the waiting blocks' arguments with the tree: the ids of the blocks to parse whole instead."""
    failed = set() if syntaxlines.resolve(data, waiting) else set(map(id, waiting))
    waiting.clear()
    return failed


def _blocks(data: bytes, found: list[Read | list[Block]], failed: set[int]) -> list[Block] | None:
    blocks: list[Block] = []
    for item in found:
        if isinstance(item, list):
            blocks += item
        elif id(item) not in failed:
            blocks.append(make_block(item.kind, item.labels, item.body, item.span, item.spans))
        else:
            parsed = _parse(data[item.start : item.end], item.span[0] - 1)
            if parsed is None:
                return None
            blocks += parsed
    return blocks


def _parse(piece: bytes, rows: int) -> list[Block] | None:
    """The blocks of a piece parsed by the tree; None when it has a syntax error."""
    root = syntax.tree_of(piece, rows).root_node
    if root.has_error or syntax.bad_number(root, piece) is not None:
        return None
    pos = syntax.Positions(piece, rows)
    blocks = []
    for item in syntax.items(root):
        kind = item.type
        if kind == "comment":
            continue
        if kind not in ("block", "attribute"):
            return None
        try:
            blocks.append(syntax.read_item(item, pos))
        except RecursionError:
            return None
    return blocks


def _piece_end(data: bytes, start: int, size: int, rows: int) -> tuple[int, Read | None]:
    """Before the first line after `start` that opens a block read from its bytes (and that block), or that opens
    a block `size` bytes on."""
    at = start
    while (cut := cut_at(data, at)) is not None:
        if cut - start >= size:
            return cut, None
        rows += data.count(b"\n", at, cut)
        read = _block(data, cut, rows)
        if read is not None:
            return cut, read
        at = cut
    return len(data), None


def cut_at(data: bytes, at: int) -> int | None:
    """Where to cut `data` at or after `at`: after the newline before a line that opens a top-level block."""
    found = syntax.BLOCK_START.search(data, at)
    return found.start() + 1 if found is not None else None


def parts(text: str, count: int) -> list[tuple[bytes, int]]:
    """A file's bytes cut into up to `count` parts of about equal size, each before a line that opens a top-level
    block, with the lines of the file before it: parts that `read_part` reads on as many cores."""
    data = text.removeprefix("\ufeff").encode("utf-8", "replace")
    out: list[tuple[bytes, int]] = []
    start, rows = 0, 0
    for i in range(1, count):
        end = cut_at(data, max(start, len(data) * i // count))
        if end is None:
            break
        out.append((data[start:end], rows))
        start, rows = end, rows + data.count(b"\n", start, end)
    return [*out, (data[start:], rows)]


def read_part(data: bytes, rows: int) -> list[Block] | None:
    """The blocks of a part cut by `parts`; None when a piece of it has a syntax error (read the file whole then)."""
    return read(data, syntax.PIECE_BYTES, rows)
