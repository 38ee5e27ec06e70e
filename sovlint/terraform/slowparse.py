"""Every parse of HCL calls back into Python as it goes, so that the deadline can stop it.

tree-sitter-hcl's time is not linear in its input, and the parse runs in C, where the deadline's signal
(limits.deadline) waits until Python runs again. Measured with tree-sitter-hcl 1.2.0, CPU seconds for 25, 50
and 100 KB: a run of blanks (space, tab, CR, LF, form feed, vertical tab) inside `{`, `[`, `(` or `"${` grows
with the square of the run (`a = {` then 40,000 newlines: 10 s); a run of 32 newlines then a stray name,
repeated, inside an object: 0.13, 0.9, 7.3 s; a newline then a string, repeated, inside an unclosed object
(no long run at all): 0.8, 6.8 s for 50 KB. No check of the bytes finds every such file, so every parse is
given a progress callback: Python runs there every hundred or so bytes of progress (every 0.13 s at worst
in the cases above), sees that the deadline has passed (limits.held) and cancels the parse, which then raises
the deadline's Expired. It costs 3 to 8% of the parser's own time on the
public corpora.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from sovlint.limits import Budget, Expired, held, reached

_BLANKS = b" \t\r\n\f\v"


def parse(parser: Any, data: bytes, rows: int | Callable[[int], int] = 0, spend: Budget | None = None) -> Any:
    """The tree of `data`, which comes after `rows` lines of its file (or whose line n is the file's line rows(n)). A
    parse cut short is not resumed by the next, and its Expired names the line where the run of blanks the parser
    had reached starts (or the line it was on). With `spend`, the evaluation's time limit stops it too.

    tree-sitter 0.26.1 never releases what the read callback returns: it is given a copy of the file, emptied after
    the parse (a view of it for a read that starts inside), so that only a few small shells are left behind."""
    copy = bytearray(data)
    views: list[memoryview] = []
    progress = [0]

    def read(at: int, _: object) -> bytes | bytearray | memoryview:
        if at == 0 or at >= len(copy):
            return copy if at == 0 else b""
        views.append(memoryview(copy)[at:])
        return views[-1]

    timed = spend is not None and spend.ends < math.inf
    over: list[BaseException] = []

    def go_on(offset: int, has_error: bool) -> bool:
        progress[0] = offset
        if timed and spend is not None and not over:
            try:
                spend.check_time()
            except BaseException as stop:  # kept: an exception raised here is not carried out of the C code
                over.append(stop)
        return bool(over) or due()  # True cancels the parse

    try:
        with held() as due:
            try:
                tree = parser.parse(read, progress_callback=go_on)
            except ValueError:  # "Parsing failed": what a cancelled parse raises
                if not (over or due()):
                    raise
        if over:
            raise over[0]
        return tree
    except BaseException as stop:
        parser.reset()
        if isinstance(stop, Expired):
            line = data.count(b"\n", 0, len(data[: progress[0]].rstrip(_BLANKS))) + 1
            stop.line = rows + line if isinstance(rows, int) else rows(line)
            reached(stop.line)
        raise
    finally:
        for view in views:
            view.release()
        copy.clear()


def joined_line(data: bytes, pieces: list[tuple[int, int, int]], number: int) -> int:
    """The file's line of line `number` of the `pieces` of `data` joined by newlines: (start, end, the file's row, from
    0, that `start` is on) each."""
    first = 1
    for start, end, row in pieces:
        count = data.count(b"\n", start, end) + 1
        if number < first + count:
            return row + 1 + number - first
        first += count
    return number
