"""The parsed files of one repository, kept in one file (a pack): read once when a scan first needs a parsed
file, written once at its end, instead of one file per parsed file.

A pack starts with a line naming the format and the parsers' versions (a pack of other versions is read
as empty). Each further line holds one parsed file: its cache key (cache.key: a digest of its content,
kind and versions), the day it was last used, the path it was last read at, a digest of key and content
(sealed.py) and the content as JSON. A line is checked and decoded only when its file is asked for, so
that a run that needs a few files of a large repository decodes those. A line whose digest does not
match is a miss, counted in `rejected` and rewritten.

A scan that parsed files writes the pack again: the lines read before (the file as it is on disk then,
so that the entries another run wrote meanwhile stay), less those it supersedes (a path it read with
other content), those unused for EXPIRE_DAYS, and the oldest past MAX_BYTES, plus its own. Writers take
turns on a lock file and replace the pack by renaming, so a reader always sees a whole pack.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sovlint import sealed

FORMAT = b"sovlint-parsed-1"
EXPIRE_DAYS = 30  # an entry no scan used for this long is left out when the pack is written
REFRESH_DAYS = 7  # a run that used entries this old writes the pack again, to note that they are in use
MAX_BYTES = 64 * 1024 * 1024  # past this, the entries used longest ago are left out
LOCK_WAIT_S = 2.0  # a run that cannot take the lock in this time leaves the pack as it is

Entry = list[bytes]  # [day, path (JSON), digest, content (JSON)]


def today() -> int:
    return int(time.time() // 86400)


class Pack:
    """Parsed files by cache key, for one repository; `path` None keeps nothing."""

    def __init__(self, path: Path | None, versions: Callable[[], str]) -> None:
        self.path = path
        self._versions = versions
        self._entries: dict[str, Entry] | None = None  # read when first needed
        self._seen: tuple[int, int, int] | None = None  # the pack read: inode, size, modification time
        self.new: dict[str, bytes] = {}  # key -> content of the files parsed by this run
        self.named: dict[str, str] = {}  # path -> key of each file this run read
        self.used: set[str] = set()  # keys read back by this run
        self.rejected = 0  # lines that were damaged or did not match their digest
        self._dirty = False  # a damaged line was found: the pack is written without it

    def get(self, k: str) -> Any:
        if self.path is None:
            return None
        body = self.new.get(k)
        if body is None:
            entry = self._loaded().get(k)
            if entry is None:
                return None
            if not sealed.matches(k, entry[2], entry[3]):
                return self._reject(k)
            body = entry[3]
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):  # matched its digest, yet is not JSON: written by no sovlint
            return self._reject(k)
        self.used.add(k)
        return value

    def has(self, k: str) -> bool:
        return self.path is not None and (k in self.new or k in self._loaded())

    def put(self, k: str, value: Any) -> bool:
        """Keep `value` under `k`, written by save(); False when there is no cache or it is not JSON data."""
        if self.path is None:
            return False
        try:
            self.new[k] = json.dumps(value, separators=(",", ":")).encode()
        except (TypeError, ValueError, RecursionError):
            return False
        return True

    def name(self, path: str, k: str) -> None:
        """Note that this run read the file at `path` with the content of key `k`."""
        if self.path is not None:
            self.named[path] = k

    def save(self) -> int:
        """Write the pack when this run parsed files, found a damaged line or used entries not used for a while;
        the number of entries it added."""
        if self.path is None or not (self.new or self._dirty or self._stale()):
            return 0
        with _locked(self.path.with_name(self.path.name + ".lock")) as held:
            if not held:
                return 0
            current = self._entries if self._entries is not None and self._seen == _stat(self.path) else self._read()
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(temp, "wb") as fh:  # a line's content is written as it is kept, never copied
                    fh.write(FORMAT + b"\t" + self._versions().encode() + b"\n")
                    for fields, body in self._lines(current):
                        fh.write(fields)
                        fh.write(body)
                        fh.write(b"\n")
                os.replace(temp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    temp.unlink()
                return 0
        return len(self.new)

    def _stale(self) -> bool:
        entries = self._entries or {}
        return any(_day(entries[k][0]) <= today() - REFRESH_DAYS for k in self.used if k in entries)

    def _lines(self, current: dict[str, Entry]) -> Iterator[tuple[bytes, bytes]]:
        """The lines of the pack to write, as their fields up to the content and the content: those of `current`
        that stay, then this run's; past MAX_BYTES, the entries used longest ago are left out."""
        now = today()
        day = str(now).encode()
        where = {k: json.dumps(p).encode() for p, k in self.named.items()}  # a path per key this run read
        read = {json.dumps(p).encode(): k for p, k in self.named.items()}  # the key each path read has now
        kept: list[tuple[int, bytes, bytes]] = []
        for k, (when, path, digest, body) in current.items():
            if k in self.new:
                continue
            if k in where:  # read by this run: in use
                kept.append((now, _fields(k, day, where[k], digest), body))
            elif read.get(path, k) == k and _day(when) > now - EXPIRE_DAYS:  # not superseded, not expired
                kept.append((_day(when), _fields(k, when, path, digest), body))
        for k, body in self.new.items():
            kept.append((now, _fields(k, day, where.get(k, b'""'), sealed.digest(k, body)), body))
        kept.sort(key=lambda t: -t[0])  # the most recently used first
        total = 0
        for _, fields, body in kept:
            total += len(fields) + len(body) + 1
            if total > MAX_BYTES:
                break
            yield fields, body

    def _reject(self, k: str) -> None:
        self.rejected += 1
        self._dirty = True
        if self._entries is not None:
            self._entries.pop(k, None)

    def _loaded(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, Entry]:
        """The entries of the pack on disk, by key; none when there is no pack or it is of other versions."""
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                self._seen = _identity(os.fstat(fh.fileno()))
                data = fh.read()
        except OSError:
            self._seen = None
            return {}
        head, _, rest = data.partition(b"\n")
        if head != FORMAT + b"\t" + self._versions().encode():
            return {}
        entries: dict[str, Entry] = {}
        for line in rest.split(b"\n"):
            parts = line.split(b"\t", 4)
            if len(parts) == 5:
                entries[parts[0].decode("ascii", "replace")] = parts[1:]
            elif line:
                self.rejected += 1
                self._dirty = True
        return entries


def _fields(k: str, day: bytes, path: bytes, digest: bytes) -> bytes:
    """The start of a line, up to its content."""
    return b"\t".join((k.encode(), day, path, digest, b""))


def _day(text: bytes) -> int:
    """The day an entry was last used; 0 (long ago) when it is not a number."""
    try:
        return int(text)
    except ValueError:
        return 0


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        return _identity(os.stat(path))
    except OSError:
        return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on `path` (made if missing) while writing; False when another run held it for
    LOCK_WAIT_S. Where there are no file locks the pack is written without one (a rename is still atomic)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield True
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield False
        return
    try:
        yield _lock(fd, fcntl)
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int, fcntl: Any) -> bool:
    deadline = time.monotonic() + LOCK_WAIT_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        except OSError:  # a file system without locks: written without one
            return True
