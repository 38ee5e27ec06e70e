"""The two kinds of error: a usage/config problem (exit 2) and a file that cannot be parsed (SOV000)."""

from __future__ import annotations


class SovlintError(Exception):
    """A usage or configuration error: one line on stderr, exit status 2."""


class ParseError(Exception):
    """A scanned file that cannot be read or parsed; it becomes a SOV000 finding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)
