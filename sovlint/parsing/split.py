"""A large Terraform file read on every core: its parts (cut before top-level blocks) by forked workers.

Parsing runs at about 4 MB/s. A worker forked from the scan starts in milliseconds and sends its blocks
back pickled as plain tuples (a named tuple is pickled through a call of Python code each): for half of a
1.7 MB file of 20,000 buckets, reading took 0.2 s of CPU, pickling 0.03 s (0.05 s as blocks) and unpickling
and making the blocks here 0.02 s. The blocks are those of one read of the whole file, in its order;
anything unusual (a syntax error, a worker that dies, no fork) reads the file whole instead.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovlint import stored
from sovlint.errors import ParseError
from sovlint.terraform.syntax import Block


def read(text: str) -> tuple[list[Block], ParseError | None] | None:
    """The blocks of a large Terraform file and its first syntax error, its parts read at once by this process
    and forked workers; None when it cannot be split or a worker fails (read it as any file then). A part with
    a syntax error has the file read whole, for its recovery, and not in pieces once more: a piece would fail as
    the part did. Blocks come back in the file's order. A timeout here (the parse's deadline) ends the workers.
    A worker of the process pool (`prefetch`) reads its files whole: the cores are busy already."""
    import multiprocessing

    from sovlint.terraform import syntax

    cpus = min(os.cpu_count() or 1, MOST)
    usable = "fork" in multiprocessing.get_all_start_methods()  # a spawned worker starts too slowly
    if cpus < 2 or not usable or multiprocessing.parent_process() is not None:
        return None
    try:
        blocks = stored.kept(_read, text, cpus, multiprocessing.get_context("fork"))
    except (EOFError, OSError, AssertionError):  # a worker died, or could not start (in a daemon process)
        return None
    return (blocks, None) if blocks is not None else syntax.read(text, pieces=False)


def _read(text: str, cpus: int, context: Any) -> list[Block] | None:
    """The blocks of the file's parts, this process reading the first; None when a part has a syntax error."""
    from sovlint.terraform import pieces

    first, *rest = pieces.parts(text, cpus)
    workers = []
    try:
        for data, rows in rest:
            reader, writer = context.Pipe(duplex=False)
            worker = context.Process(target=_read_part, args=(data, rows, writer, os.getpid()), daemon=True)
            workers.append((worker, reader))
            worker.start()
            writer.close()
        found = pieces.read_part(*first)
        for _, reader in workers:
            part = reader.recv() if found is not None else None
            found = found + list(map(Block._make, part)) if found is not None and part is not None else None
        return found
    finally:
        with _alarm_held():  # the deadline's alarm repeats: it must not cut this clean-up short
            for worker, reader in workers:
                reader.close()
                if worker.pid is not None:
                    worker.kill()
            for worker, _ in workers:
                if worker.pid is not None:
                    worker.join()


@contextmanager
def _alarm_held() -> Iterator[None]:
    """Hold SIGALRM until the block ends; one that arrived meanwhile is delivered (and raised) after it."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


MOST = 4  # cores a file is read on at most: this process unpickles every worker's blocks in turn


def _read_part(data: bytes, rows: int, out: Any, parent: int) -> None:
    """In a worker: the blocks of one part of a file, sent back (None on a syntax error or a failure)."""
    from sovlint.parsing.parser import die_with
    from sovlint.terraform import pieces

    die_with(parent)
    gc.freeze()  # the parent's objects, copied on write, are left alone by this worker's collections
    try:
        found = pieces.read_part(data, rows)
    except Exception:
        found = None
    out.send(None if found is None else [tuple(b) for b in found])
    out.close()
