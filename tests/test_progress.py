"""The progress line: on a terminal's stderr only, only for scans that take a while, erased at the end."""

import io
import re
import time

from sovlint.progress import progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_slow_scan_shows_progress_and_erases_it():
    stream = Terminal()
    with progress(stream, "scanning 3 files", delay=0.05):
        waited = time.monotonic() + 30
        while not stream.getvalue() and time.monotonic() < waited:  # the line comes however loaded the machine
            time.sleep(0.01)
    out = stream.getvalue()
    assert re.match(r"\rsovlint: scanning 3 files… \d+s\x1b\[K", out) and out.endswith("\r\x1b[K"), repr(out)


def test_a_quick_scan_or_a_pipe_shows_nothing():
    terminal, pipe = Terminal(), io.StringIO()
    with progress(terminal, "scanning"):
        pass
    with progress(pipe, "scanning", delay=0):
        time.sleep(0.1)
    assert terminal.getvalue() == "" and pipe.getvalue() == ""
