"""A progress line on a terminal's stderr for scans that take longer than a second.

Never on stdout, never when stderr is not a terminal (CI logs, pre-commit, pipes), so machine
formats and logs are unchanged. The line is erased when the scan ends.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import IO

DELAY = 1.0  # seconds before the line appears: quick scans show nothing
INTERVAL = 0.25


@contextlib.contextmanager
def progress(stream: IO[str], what: str, delay: float = DELAY) -> Iterator[None]:
    """Show `sovlint: <what>… Ns` on `stream` while the body runs, if it is a terminal."""
    if not _is_terminal(stream):
        yield
        return
    import threading  # only for a terminal: pre-commit, CI and pipes start no thread

    done = threading.Event()
    shown = threading.Event()
    start = time.monotonic()

    def tick() -> None:
        if done.wait(delay):
            return
        while not done.is_set():
            stream.write(f"\rsovlint: {what}… {time.monotonic() - start:.0f}s\x1b[K")
            stream.flush()
            shown.set()
            done.wait(INTERVAL)

    thread = threading.Thread(target=tick, name="sovlint-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            stream.write("\r\x1b[K")
            stream.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
