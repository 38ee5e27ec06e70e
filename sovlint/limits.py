"""Limits that keep one hostile or broken file from exhausting the machine, and the per-file deadline.

Defaults are generous for real code (the largest .tf in the public corpora is about 100 KB) and can
be changed in the configuration under `limits:`. A file over a limit becomes a SOV000 "skipped: …"
finding; the scan goes on.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sovlint.errors import ParseError


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_mb: float = 20.0  # any file
    max_hcl_mb: float = 2.0  # HCL files: python-hcl2's parser needs ~300 bytes of memory per byte
    max_line_kb: float = 512.0  # one line of HCL (a 10 MB line would cost gigabytes to parse)
    timeout_s: float = 30.0  # per file, parsing included


DEFAULT = Limits()


def check_size(size: int, limits: Limits, hcl: bool) -> None:
    cap = limits.max_hcl_mb if hcl else limits.max_file_mb
    if size > cap * 1024 * 1024:
        kind = "HCL " if hcl else ""
        raise ParseError(f"skipped: the file is {size / 1048576:.1f} MB, over the {cap:g} MB limit for {kind}files")


def check_lines(text: str, limits: Limits) -> None:
    longest, line = 0, 0
    start = 0
    for number, end in enumerate(_newlines(text), 1):
        if end - start > longest:
            longest, line = end - start, number
        start = end + 1
    if longest > limits.max_line_kb * 1024:
        raise ParseError(
            f"skipped: line {line} is {longest // 1024} KB long, over the {limits.max_line_kb:g} KB limit", line
        )


def _newlines(text: str) -> Iterator[int]:
    position = text.find("\n")
    while position != -1:
        yield position
        position = text.find("\n", position + 1)
    yield len(text)


class TimedOut(ParseError):
    """A parse cut by the time limit: reported, never cached (the next run may finish it)."""


class _Expired(BaseException):  # not an Exception: parsers that catch Exception must not swallow it
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ParseError when the block runs longer than `seconds` (main thread on POSIX; else no limit)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    armed = [True]

    def expire(signum: int, frame: object) -> None:
        if armed[0]:
            raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        try:
            # It fires again every 50 ms: an expiry raised inside a garbage-collector callback or
            # a __del__ is swallowed by Python, and must not let the parse run on unbounded.
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
            yield
        finally:
            armed[0] = False  # a signal that lands from here on is ignored
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise TimedOut(f"skipped: parsing took longer than the {seconds:g} s limit") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
