"""The two kinds of error: a usage/config problem (exit 2) and a file that cannot be parsed (SOV000)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sovlint.model import Finding

T = TypeVar("T")


class SovlintError(Exception):
    """A usage or configuration error: one line on stderr, exit status 2."""


def unexpected(exc: BaseException) -> str:
    """What an exception no reader should raise says to a user: a defect, or input it did not expect."""
    text = str(exc)
    if isinstance(exc, ValueError) and "integer string conversion" in text:
        return "a number has more than 4,300 digits"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to read in memory"
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"an unexpected error ({text[:200]})"


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


def reported(path: str, findings: list[Finding], work: Callable[[], T]) -> T | None:
    """work(); or, when it fails, None and a SOV000 for `path` in `findings`: whatever a reader does with
    hostile input costs that file a finding, never the scan its report."""
    try:
        return work()
    except ParseError as error:
        findings.append(parse_error(path, error))
    except Exception as exc:
        findings.append(parse_error(path, ParseError(unexpected(exc))))
    return None
