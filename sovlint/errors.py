"""The two kinds of error: a usage/config problem (exit 2) and a file that cannot be parsed (SOV000)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sovlint.model import Finding


class SovlintError(Exception):
    """A usage or configuration error: one line on stderr, exit status 2."""


class ParseError(Exception):
    """A scanned file that cannot be read or parsed; it becomes a SOV000 finding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)


def parse_error(path: str, error: ParseError) -> Finding:
    """A SOV000 finding for a file that cannot be read or parsed (the engine adds the level set and fix)."""
    from sovlint.model import Finding, Level

    return Finding(
        file=path,
        line=error.line,
        end_line=error.line,
        column=error.column,
        rule_id="SOV000",
        address="",
        level=Level.ERROR,
        message=error.message,
    )
