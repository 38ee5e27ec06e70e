"""`--debug`: each stage's timing and each decision (placements, suppressions), logged to the `sovlint` logger.

Off (every run without `--debug`), nothing is logged and `logging` is not even imported: it is a few
milliseconds of a one-file run. `cli` turns it on and gives the logger its handler.
"""

from __future__ import annotations

from typing import Any

_ON = [False]


def turn(on: bool) -> None:
    _ON[0] = on


def enabled() -> bool:
    return _ON[0]


def debug(message: str, *args: Any) -> None:
    """Log one line (`message % args`) when `--debug` is on."""
    if _ON[0]:
        import logging

        logging.getLogger("sovlint").debug(message, *args)
