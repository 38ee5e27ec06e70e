"""The content digests of files, known again without reading them while their status is unchanged.

A file's signature is its size, modification and change times (nanoseconds), inode and device, as git's
index keeps them; its digest (the parser's cache key) and whether it holds the parser's mark (a suppression)
are taken again from the table while the signature is the same. The change time cannot be set by a program
(only the clock can), so a file rewritten with the same size and modification time still gets a new
signature. A file whose modification or change time is not older than when the table was made, less
RACY_NS, may have changed within the time stamps' grain after it was read: it is read again on every run
until it is older. On Windows the change time is the file's creation time, which a rewrite keeps: there
every file is read for its digest on every run. The table is one sealed entry of the cache (cache.py) per
scanned repository, limits and mark; a damaged one is a miss.
"""

from __future__ import annotations

import os
import time
from typing import Any

from sovlint import sealed
from sovlint.parsing import cache as cache_mod

RACY_NS = 2_000_000_000  # time stamps of some file systems have a grain of 2 s
CHANGE_TIME = os.name != "nt"  # st_ctime_ns is the time of the last change of status, not of creation


class Signatures:
    """The digests of one scan's files by signature: `table` from the previous run, `seen` for the next."""

    def __init__(self, cache: cache_mod.Cache, scope: Any) -> None:
        self.cache = cache
        # versions, repositories, limits
        self.name = sealed.name_of(["signatures", cache_mod.key(b"", "signatures"), scope])
        found = cache.get(self.name) if cache.directory is not None else None
        ok = isinstance(found, dict) and type(found.get("taken")) is int and isinstance(found.get("files"), dict)
        self.taken: int = found["taken"] if ok else 0  # type: ignore[index]
        self.table: dict[str, Any] = found["files"] if ok else {}  # type: ignore[index]
        self.now = time.time_ns()
        self.seen: dict[str, list[Any]] = {}
        self.changed = False

    def find(self, real: str, how: str) -> tuple[tuple[str, bool] | None, list[Any] | None]:
        """The digest of a file and whether it held the parser's mark, when its signature is unchanged and old
        enough, else None; and its signature."""
        if not CHANGE_TIME:
            return None, None
        try:
            st = os.stat(real)
        except OSError:
            return None, None
        signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
        name = f"{how}:{real}"
        known = self.table.get(name)
        racy = max(st.st_mtime_ns, st.st_ctime_ns) >= self.taken - RACY_NS
        if not racy and type(known) is list and len(known) == 7 and known[:5] == signature:
            digest, marked = known[5:]
            if type(digest) is str and type(marked) is bool:
                self.seen[name] = known
                return (digest, marked), signature
        return None, signature

    def note(self, real: str, how: str, signature: list[Any], digest: str, marked: bool) -> None:
        """Remember the digest of a file read with `signature` (taken before it was read), and whether it held
        the parser's mark."""
        self.seen[f"{how}:{real}"] = [*signature, digest, marked]
        self.changed = True

    def save(self) -> None:
        """Write the table when a digest was read anew, or a file is gone (by a run that asked for any)."""
        if self.changed or (self.seen and len(self.seen) != len(self.table)):
            self.cache.put(self.name, {"taken": self.now, "files": self.seen})
