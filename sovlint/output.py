"""Writing a report (or a baseline) to a file without replacing what is not a regular file.

A regular file is written whole: a temporary file beside it, then renamed over it. A symbolic link
is followed and the file it points to written the same way, so the link stays. A pipe or a
character device (`/dev/null`, `/dev/stdout`) is opened and written in place, never replaced; a pipe
with no reader is refused at once rather than waited for. Anything else is refused (exit 2).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from typing import IO, Any

from sovlint import repository
from sovlint.errors import SovlintError

CHUNK = 1 << 20  # characters encoded and written at a time: a report of 20 MB is not copied whole to bytes


def pieces(text: str) -> Iterator[str]:
    """`text` in pieces of CHUNK characters, made as they are written (the same bytes as written whole)."""
    return (text[start : start + CHUNK] for start in range(0, len(text), CHUNK))


def _fill(fh: IO[Any], text: str | memoryview) -> None:
    """Write a text, or the bytes of ASCII text (to a file opened in binary)."""
    if isinstance(text, memoryview):
        fh.write(text)
    else:
        fh.writelines(pieces(text))


def confine(path: str, within: str, source: str) -> None:
    """Refuse a target that lies outside `within` (a real directory) once links are followed.

    `source` names what asked for the file (a configuration file and its setting) in the message.
    """
    if not repository.inside(os.path.realpath(path), (within,)):
        raise SovlintError(f"{source}: outside the repository; not written")


def write(text: str | memoryview, path: str) -> None:
    """Write `text` to `path` (see the module's docstring).

    The path itself is looked at, links followed: `/dev/stdout` is a link to a descriptor whose resolved
    name (`pipe:[N]`) cannot be opened, so a pipe or a device is opened through the path as given. Only a
    regular file to replace needs the real path, for the temporary file beside it."""
    try:
        mode = os.stat(path).st_mode  # follows links
    except FileNotFoundError:
        mode = None  # a new file, or a dangling link whose target is written
    except OSError as exc:
        raise SovlintError(f"{path}: cannot write ({exc.strerror})") from None
    if mode is None or stat.S_ISREG(mode):
        _replace(text, os.path.realpath(path), path)
    elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        _in_place(text, path, path, fifo=stat.S_ISFIFO(mode))
    elif stat.S_ISDIR(mode):
        raise SovlintError(f"{path}: a directory; not written")
    else:
        raise SovlintError(f"{path}: not a regular file, pipe or character device; not written")


def _replace(text: str | memoryview, target: str, shown: str) -> None:
    directory, name = os.path.split(target)
    temp = os.path.join(directory, f".{name}.{os.getpid()}.tmp")
    try:
        with _open(temp, "x", text) as fh:
            _fill(fh, text)
        os.replace(temp, target)
    except OSError as exc:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise SovlintError(f"{shown}: cannot write ({exc.strerror})") from None


def _in_place(text: str | memoryview, target: str, shown: str, fifo: bool) -> None:
    try:  # O_NONBLOCK: opening a pipe nobody reads fails at once (ENXIO) instead of waiting
        fd = os.open(target, os.O_WRONLY | (os.O_NONBLOCK if fifo else 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise SovlintError(f"{shown}: a pipe with no reader; not written") from None
        raise SovlintError(f"{shown}: cannot write ({exc.strerror})") from None
    try:
        os.set_blocking(fd, True)
        with _open(fd, "w", text) as fh:
            _fill(fh, text)
    except OSError as exc:
        raise SovlintError(f"{shown}: cannot write ({exc.strerror})") from None


def _open(file: str | int, mode: str, text: str | memoryview) -> IO[Any]:
    """A file (a path, or a descriptor it takes over) opened for `text`: UTF-8 with newlines as they are, or
    binary for the bytes of ASCII text."""
    if isinstance(text, memoryview):
        return open(file, mode + "b")
    return open(file, mode, encoding="utf-8", newline="\n")
