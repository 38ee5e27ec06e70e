"""The cache between runs: parsed files by content hash (one pack per repository, packed.py) and single sealed
entries (the results of a scan, results.py), so that repeated scans skip the parser and the evaluation.

A parsed file's key is the hash of its bytes, its kind, and the versions of sovlint, tree-sitter,
tree-sitter-hcl and PyYAML, so an upgrade never reads a stale entry. A single entry is JSON, written to a
temporary file and renamed into place (concurrent runs never see half an entry). Each entry (and each
line of a pack) starts with a digest of its key and its content (`seal`): an entry edited, truncated or
copied under another key is a miss, rewritten, and counted in `rejected` so that the scan notes it.
The directory is bounded: past `MAX_BYTES` the oldest entries and packs are removed
(checked at most once an hour, or after a run that wrote many entries).
Location: `--cache-dir`, else `$XDG_CACHE_HOME/sovlint`, else `~/.cache/sovlint`; `--no-cache` turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sovlint.parsing.packed import Pack
from sovlint.sealed import digester, matches

MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY_S = 3600  # a run that wrote entries checks the size at most this often...
PRUNE_AFTER_WRITES = 1000  # ...unless it wrote at least this many
HEAD = 64  # the length of an entry's digest (SHA-256 in hex), on its first line
SCHEMA = "13"  # bump when what parsers return changes (its shape, or how an expression is read), or the entries


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sovlint"


@functools.lru_cache(maxsize=1)
def _versions() -> str:
    from sovlint import __version__

    parsers = (("tree_sitter", "tree-sitter"), ("tree_sitter_hcl", "tree-sitter-hcl"), ("yaml", "PyYAML"))
    return f"{SCHEMA}|{__version__}|{'|'.join(_version(module, name) for module, name in parsers)}"


def _version(module: str, distribution: str) -> str:
    """The installed version of a distribution: from the name of the `.dist-info` directory beside its module
    (`tree_sitter-0.26.1.dist-info`), else from importlib.metadata, which takes longer to import than a one-file
    run takes to read its cache."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        prefix = distribution.replace("-", "_").lower() + "-"
        with contextlib.suppress(OSError):
            with os.scandir(Path(spec.origin).parent.parent) as entries:
                found = [e.name for e in entries if e.name.lower().startswith(prefix) and e.name.endswith(".dist-info")]
            if len(found) == 1:
                return found[0][len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def key(data: bytes, kind: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_versions()}|{kind}|".encode())
    digest.update(data)
    return digest.hexdigest()


class Cache:
    """`scope`: the real paths of the scanned repositories (default: the working directory), whose parsed
    files are kept together in one pack."""

    def __init__(self, directory: Path | None, scope: Sequence[str] = ()) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0
        self._rejected = 0  # entries whose digest did not match: ignored, rewritten, noted
        self._written = 0
        self.parsed = Pack(directory / pack_name(scope) if directory is not None else None, _versions)
        self._shards: set[Path] = set()  # shard directories made (or found) by this run: not made again

    def get(self, k: str) -> Any:
        body = self.get_bytes(k)
        if body is None:
            return None
        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # matched its digest, yet is not JSON: written by no sovlint
            self.hits -= 1
            self.misses += 1
            self._rejected += 1
            return None

    def get_bytes(self, k: str) -> bytes | None:
        """The content of the entry `k` as it was written (put_bytes), checked against its digest."""
        found = self.get_at(k)
        return found[0][found[1] :] if found is not None else None

    def get_at(self, k: str) -> tuple[bytes, int] | None:
        """The bytes of the entry `k` and where its content starts in them, checked against its digest (a large
        entry's content is not copied)."""
        if self.directory is None:
            return None
        try:
            with open(self._path(k), "rb") as fh:
                if os.fstat(fh.fileno()).st_size > MAX_BYTES:  # larger than the whole cache may be: not ours
                    raise OSError(k)
                data = fh.read()
        except OSError:
            self.misses += 1
            return None
        start = data.find(b"\n") + 1
        if not start or not matches(k, data[: start - 1], memoryview(data)[start:]):
            self.misses += 1  # an entry no sovlint wrote for this key: whatever it holds, it is not used
            self._rejected += 1
            return None
        self.hits += 1
        return data, start

    @property
    def rejected(self) -> int:
        """Entries and lines of the pack whose digest did not match (ignored, rewritten)."""
        return self._rejected + self.parsed.rejected

    def put(self, k: str, value: Any) -> bool:
        """Store `value` under `k`; False when there is no cache or it cannot be written."""
        try:
            body = json.dumps(value, separators=(",", ":"), check_circular=False).encode()
        except (TypeError, ValueError, RecursionError):
            return False
        return self.put_bytes(k, body)

    def put_bytes(self, k: str, body: bytes) -> bool:
        """Store `body` as it is under `k`; False when there is no cache or it cannot be written."""
        return self.put_pieces(k, (body,))

    def put_pieces(self, k: str, pieces: Iterable[bytes]) -> bool:
        """Store the content these pieces make, one after another, each written as it is made, so that a large
        entry is never whole in memory (nor made twice: the digest is written in front once they are written)."""
        if self.directory is None:
            return False
        path = self._path(k)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            if path.parent not in self._shards:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._shards.add(path.parent)
            found = digester(k)
            with open(temp, "wb") as fh:
                fh.write(b"0" * HEAD + b"\n")  # the digest's place
                for piece in pieces:
                    found.update(piece)
                    fh.write(piece)
                fh.seek(0)
                fh.write(found.hexdigest().encode())
            os.replace(temp, path)
            self._written += 1
            return True
        except OSError:
            self._shards.discard(path.parent)  # removed meanwhile (pruned by another run): made again next time
            with contextlib.suppress(OSError):
                temp.unlink()
            return False

    def drop(self, k: str) -> None:
        """Remove the entry `k` (one that failed its digest and is not rewritten)."""
        if self.directory is not None:
            with contextlib.suppress(OSError):
                self._path(k).unlink()

    def tidy(self) -> None:
        """Write the pack of parsed files; prune after a run that wrote entries, at most once an hour unless it
        wrote many."""
        self._written += self.parsed.save()
        if self.directory is None or not self._written:
            return
        stamp = self.directory / ".pruned"
        try:
            recent = time.time() - stamp.stat().st_mtime < PRUNE_EVERY_S
        except OSError:
            recent = False
        if recent and self._written < PRUNE_AFTER_WRITES:
            return
        self.prune()
        with contextlib.suppress(OSError):
            stamp.touch()

    def prune(self, limit: int | None = None) -> None:
        """Keep the directory under `limit` bytes, oldest entries first out.

        A first pass only adds sizes up, so that a cache under its limit costs no memory to check.
        """
        if self.directory is None:
            return
        limit = MAX_BYTES if limit is None else limit
        if sum(size for _, size, _ in self._entries()) <= limit:
            return
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= limit:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size

    def _entries(self) -> Iterator[tuple[float, int, str]]:
        assert self.directory is not None
        try:
            with os.scandir(self.directory) as top:
                found = [(e.path, e.is_dir(follow_symlinks=False)) for e in top if not e.name.startswith(".")]
        except OSError:
            return
        shards = [path for path, shard in found if shard]
        for path, _ in (f for f in found if f[0].endswith(".pack") and not f[1]):
            with contextlib.suppress(OSError):
                st = os.stat(path, follow_symlinks=False)
                yield st.st_mtime, st.st_size, path
        for shard in shards:
            try:
                with os.scandir(shard) as it:
                    for entry in it:
                        if entry.name.endswith(".json"):
                            with contextlib.suppress(OSError):
                                st = entry.stat(follow_symlinks=False)
                                yield st.st_mtime, st.st_size, entry.path
            except OSError:
                continue

    def _path(self, k: str) -> Path:
        assert self.directory is not None
        return self.directory / k[:2] / f"{k[2:]}.json"


def pack_name(scope: Sequence[str]) -> str:
    """The file name of the pack of parsed files of the repositories `scope` (default: the working directory)."""
    where = json.dumps(sorted(scope) or [os.path.realpath(".")])
    return f"parsed-{hashlib.sha256(where.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.pack"


NONE = Cache(None)
