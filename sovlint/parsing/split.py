"""A large Terraform file read on every core: its parts (cut before top-level blocks) by forked workers.

Parsing runs at about 4 MB/s. A worker forked from the scan (by os.fork: multiprocessing takes 30 ms to import
and start its first process) starts in a millisecond and sends its blocks back pickled as plain tuples (a named
tuple is pickled through a call of Python code each): for half of a 1.7 MB file of 20,000 buckets, reading took
0.2 s of CPU, pickling 0.03 s (0.05 s as blocks) and unpickling and making the blocks here 0.02 s. The blocks
are those of one read of the whole file, in its order; anything unusual (a syntax error, a worker that dies, no
fork) reads the file whole instead.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovlint import stored
from sovlint.errors import ParseError
from sovlint.limits import Expired, TimedOut, reached, within
from sovlint.terraform.syntax import Block


def read(text: str) -> tuple[list[Block], ParseError | None] | None:
    """The blocks of a large Terraform file and its first syntax error, its parts read at once by this process
    and forked workers; None when it cannot be split or a worker fails (read it as any file then). A part with
    a syntax error has the file read whole, for its recovery, and not in pieces once more: a piece would fail as
    the part did. Blocks come back in the file's order. A timeout here (the parse's deadline) ends the workers.
    A worker of the process pool (`prefetch`) reads its files whole: the cores are busy already."""
    from sovlint.terraform import syntax

    cpus = min(os.cpu_count() or 1, MOST)
    pool = sys.modules.get("multiprocessing")  # imported where the pool runs; not here (it takes 30 ms to start)
    if cpus < 2 or not hasattr(os, "fork") or (pool is not None and pool.parent_process() is not None):
        return None
    try:
        blocks = stored.kept(_read, text, cpus)
    except (EOFError, OSError, pickle.UnpicklingError):  # a worker died, or could not start
        return None
    return (blocks, None) if blocks is not None else syntax.read(text, pieces=False)


def _read(text: str, cpus: int) -> list[Block] | None:
    """The blocks of the file's parts, this process reading the first; None when a part has a syntax error."""
    from sovlint.terraform import pieces

    first, *rest = pieces.parts(text, cpus)
    workers: list[tuple[int, int]] = []  # each worker's process id and the pipe it writes its blocks to
    try:
        for data, rows in rest:
            with _alarm_held():  # a timeout between the fork and this list would leave the worker unknown here
                workers.append(_start(data, rows))
        found = pieces.read_part(*first)
        for pid, reader in workers:
            part = _received(pid, reader) if found is not None else None
            found = found + list(map(Block._make, part)) if found is not None and part is not None else None
        return found
    finally:
        with _alarm_held():  # the deadline's alarm repeats: it must not cut this clean-up short
            for pid, reader in workers:
                os.close(reader)
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            for pid, _ in workers:
                with contextlib.suppress(OSError):  # ChildProcessError where children are reaped unasked
                    os.waitpid(pid, 0)


def _start(data: bytes, rows: int) -> tuple[int, int]:
    """Fork a worker that reads a part; its process id and the pipe it writes the blocks to."""
    parent = os.getpid()
    left = signal.getitimer(signal.ITIMER_REAL)[0] if hasattr(signal, "getitimer") else 0.0  # 0: no deadline
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid == 0:  # the worker: it ends here, never returning into the scan, nor flushing what the scan buffered
        try:
            os.close(reader)
            _read_part(data, rows, writer, parent, left)
        finally:
            os._exit(0)
    os.close(writer)
    return pid, reader


def _received(pid: int, reader: int) -> list[tuple[Any, ...]] | None:
    """What a worker sent (EOFError when it ended without sending). A worker that ran out of time sent the line its
    parse had reached, raised here as the deadline's Expired; when this process's deadline expires while it
    waits, the worker is told to stop (its deadline's signal) and the line it sends is the Expired's."""
    try:
        with open(reader, "rb", closefd=False) as pipe:
            found: list[tuple[Any, ...]] | int | None = pickle.load(pipe)  # from a worker of this scan
    except Expired as stop:
        with _alarm_held():  # the deadline's signal that repeats meanwhile is raised as it ends, at the worker's line
            line = _stopped(pid, reader)
            if line is not None:
                stop.line = line
                reached(line)
        raise
    if isinstance(found, int):
        reached(found)
        raise Expired()
    return found


def _stopped(pid: int, reader: int) -> int | None:
    """The line a worker's parse had reached, once told to stop (None when it does not say within a second)."""
    import select

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGALRM)
        if select.select([reader], [], [], 1.0)[0]:
            with open(reader, "rb", closefd=False) as pipe:
                found = pickle.load(pipe)
            return found if isinstance(found, int) else None
    return None


@contextmanager
def _alarm_held() -> Iterator[None]:
    """Hold SIGALRM until the block ends; one that arrived meanwhile is delivered (and raised) after it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


MOST = 4  # cores a file is read on at most: this process unpickles every worker's blocks in turn


def _read_part(data: bytes, rows: int, out: int, parent: int, left: float) -> None:
    """In a worker: the blocks of one part of a file, sent back (None on a syntax error or a failure)."""
    from sovlint.parsing.parser import die_with
    from sovlint.terraform import pieces

    die_with(parent, kernel=False)
    gc.freeze()  # the parent's objects, copied on write, are left alone by this worker's collections
    sent: list[tuple[Any, ...]] | int | None = None
    signal.signal(signal.SIGALRM, signal.SIG_IGN)  # outside `within`, the parent's "stop" must not end it unheard
    if hasattr(signal, "pthread_sigmask"):  # forked with the deadline's signal held (_alarm_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    try:  # under the time left to the parent's deadline (a timer is not inherited), or until the parent says stop
        found = within(left, lambda: pieces.read_part(data, rows))
        sent = None if found is None else [tuple(b) for b in found]
    except TimedOut as stop:
        sent = stop.line  # the line its parse had reached, for the parent's report
    except Exception:
        sent = None
    with open(out, "wb") as pipe:
        pickle.dump(sent, pipe, pickle.HIGHEST_PROTOCOL)
