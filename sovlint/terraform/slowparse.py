"""A parse that the deadline can stop, for the files whose parse may run for minutes.

Inside brackets, tree-sitter-hcl's time grows with the square of a run of blanks (spaces, tabs, newlines):
`a = {` then 20,000 newlines takes 3 s, 200,000 took minutes, and a comment in the run breaks it. The
parse runs in C, where the deadline's signal (limits.deadline) waits until Python runs again. A file with
a run of BLANK_RUN blanks (none in the public corpora; the check costs 0.5% of a parse) is parsed with a
progress callback instead: Python runs there every few hundred parser steps and raises the deadline's
TimedOut. Every other file takes the plain parse: a read callback costs memory (below). Runs just shorter
than BLANK_RUN cost a few seconds at most for a file of 2 MB (the default limit for HCL).
"""

from __future__ import annotations

from typing import Any

BLANK_RUN = 64
_RUN = b"\0" * BLANK_RUN
_BLANKS = bytes(0 if c in b" \t\r\n" else 1 for c in range(256))


def likely(data: bytes) -> bool:
    """Whether `data` holds a run of BLANK_RUN blanks."""
    return _RUN in data.translate(_BLANKS)


def parse(parser: Any, data: bytes) -> Any:
    """The tree of `data`, parsed so that the deadline can stop it (and a parse cut short is not resumed by the
    next). tree-sitter 0.26.1 never frees what a read callback returns: it is given the file's own bytes, once
    (a copy only if it asks for an offset again)."""
    try:
        return parser.parse(lambda at, _: data if at == 0 else data[at:], progress_callback=_go_on)
    except BaseException:
        parser.reset()
        raise


def _go_on(offset: int, has_error: bool) -> bool:
    return False  # never cancels: it gives Python the hand, where the deadline's signal is raised
