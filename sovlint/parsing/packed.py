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
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sovlint import sealed

FORMAT = b"sovlint-parsed-1"
KEY = 64  # the length of a key (a SHA-256 digest in hex): a line is found by its first KEY bytes
EXPIRE_DAYS = 30  # an entry no scan used for this long is left out when the pack is written
REFRESH_DAYS = 7  # a run that used entries this old writes the pack again, to note that they are in use
MAX_BYTES = 64 * 1024 * 1024  # past this, the entries used longest ago are left out
WRITE_BUFFER = 1024 * 1024  # a pack is written in pieces this large
LOCK_WAIT_S = 5.0  # a run that cannot take the lock in this time leaves the pack as it is (it is held for a write)


def today() -> int:
    return int(time.time() // 86400)


class Pack:
    """Parsed files by cache key, for one repository; `path` None keeps nothing."""

    def __init__(self, path: Path | None, versions: Callable[[], str]) -> None:
        self.path = path
        self._versions = versions
        self._lines: dict[bytes, bytes] | None = None  # key -> the pack's line, read when first needed
        self._seen: tuple[int, int, int] | None = None  # the pack read: inode, size, modification time
        self.new: dict[bytes, bytes] = {}  # key -> content of the files parsed by this run
        self.named: dict[str, bytes] = {}  # path -> key of each file this run read
        self.used: dict[bytes, int] = {}  # key -> the day it was last used before, of the entries this run read
        self.rejected = 0  # lines that were damaged or did not match their digest
        self._dirty = False  # a damaged line was found: the pack is written without it

    def get(self, k: str) -> Any:
        if self.path is None:
            return None
        key = k.encode()
        body = self.new.get(key)
        if body is None:
            line = self._loaded().get(key)
            if line is None:
                return None
            parts = line.split(b"\t", 4)
            if len(parts) != 5 or parts[0] != key or not sealed.matches(k, parts[3], parts[4]):
                return self._reject(key)
            body = parts[4]
            self.used[key] = _day(parts[1])
        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # matched its digest, yet is not JSON: written by no sovlint
            return self._reject(key)

    def has(self, k: str) -> bool:
        return self.path is not None and (k.encode() in self.new or k.encode() in self._loaded())

    def put(self, k: str, value: Any) -> bool:
        """Keep `value` under `k`, written by save(); False when there is no cache, `k` is not a key or `value`
        is not JSON data."""
        if self.path is None or len(k) != KEY or "\t" in k:
            return False
        try:
            self.new[k.encode()] = json.dumps(value, separators=(",", ":"), check_circular=False).encode()
        except (TypeError, ValueError, RecursionError):
            return False
        return True

    def name(self, path: str, k: str) -> None:
        """Note that this run read the file at `path` with the content of key `k`."""
        if self.path is not None:
            self.named[path] = k.encode()

    def save(self) -> int:
        """Write the pack when this run parsed files, found a damaged line or used entries not used for a while;
        the number of entries it added."""
        stale = any(day <= today() - REFRESH_DAYS for day in self.used.values())
        if self.path is None or not (self.new or self._dirty or stale):
            return 0
        with _locked(self.path.with_name(self.path.name + ".lock")) as held:
            if not held:
                return 0
            current = self._lines if self._lines is not None and self._seen == _stat(self.path) else self._read()
            _sweep(self.path)
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(temp, "wb", buffering=WRITE_BUFFER) as fh:  # lines written as they are, never joined
                    fh.write(FORMAT + b"\t" + self._versions().encode() + b"\n")
                    for pieces in self._kept(current):
                        fh.writelines(pieces)
                os.replace(temp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    temp.unlink()
                return 0
        return len(self.new)

    def _kept(self, current: dict[bytes, bytes]) -> list[tuple[bytes, ...]]:
        """The lines to write, each as pieces: those of `current` that stay, then this run's; past MAX_BYTES, the
        entries used longest ago are left out."""
        now = today()
        day = str(now).encode()
        where = {k: json.dumps(p).encode() for p, k in self.named.items()}  # a path per key this run read
        read = {json.dumps(p).encode(): k for p, k in self.named.items()}  # the key each path read has now
        kept: list[tuple[int, tuple[bytes, ...]]] = []
        total = 0
        for k, line in current.items():
            if k in self.new:
                continue
            parts = line.split(b"\t", 4 if k in where else 3)
            if len(parts) < 4 or parts[0] != k:  # damaged: left out
                continue
            if k in where:  # read by this run: in use
                if len(parts) == 5:
                    kept.append((now, (_fields(k, day, where[k], parts[3]), parts[4], b"\n")))
                    total += len(line) + 1
            elif read.get(parts[2], k) == k and (when := _day(parts[1])) > now - EXPIRE_DAYS:
                kept.append((when, (line, b"\n")))  # neither superseded nor expired: as it was
                total += len(line) + 1
        for k, body in self.new.items():
            kept.append((now, (_fields(k, day, where.get(k, b'""'), sealed.digest(k.decode(), body)), body, b"\n")))
            total += len(body) + 200
        if total > MAX_BYTES:
            kept.sort(key=lambda t: -t[0])  # the most recently used first
            total = 0
            for i, (_, pieces) in enumerate(kept):
                total += sum(map(len, pieces))
                if total > MAX_BYTES:
                    del kept[i:]
                    break
        return [pieces for _, pieces in kept]

    def _reject(self, k: bytes) -> None:
        self.rejected += 1
        self._dirty = True
        if self._lines is not None:
            self._lines.pop(k, None)

    def _loaded(self) -> dict[bytes, bytes]:
        if self._lines is None:
            self._lines = self._read()
        return self._lines

    def _read(self) -> dict[bytes, bytes]:
        """The lines of the pack on disk, by key; none when there is no pack or it is of other versions. A line
        is split into its fields only when used: reading the pack of a large repository stays cheap."""
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                self._seen = _identity(os.fstat(fh.fileno()))
                data = fh.read()
        except OSError:
            self._seen = None
            return {}
        lines = data.split(b"\n")
        if lines[0] != FORMAT + b"\t" + self._versions().encode():
            return {}
        lines.pop()  # after the last newline: nothing, or a line cut short (never written whole: a miss)
        return {line[:KEY]: line for line in itertools.islice(lines, 1, None)}


def _sweep(pack: Path) -> None:
    """Remove the temporary files of this pack that runs killed while writing it left behind. The caller holds
    the pack's lock, which every writer holds while its file exists, so none of them is being written; the
    files of other packs (other repositories) are left to the runs that write those."""
    prefix = f".{pack.name}."
    try:
        with os.scandir(pack.parent) as entries:
            found = [e.path for e in entries if e.name.startswith(prefix) and _is_pid_tmp(e.name[len(prefix) :])]
    except OSError:
        return
    for path in found:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _is_pid_tmp(rest: str) -> bool:
    return rest.endswith(".tmp") and rest[:-4].isdigit()


def _fields(k: bytes, day: bytes, path: bytes, digest: bytes) -> bytes:
    """The start of a line, up to its content."""
    return b"\t".join((k, day, path, digest, b""))


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
