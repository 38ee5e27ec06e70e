"""The one reader of `policies/`: where the shipped files are, and every file parsed.

Parsing the ~95 YAML files takes longer than the rest of a one-file run, so they are parsed once into a
JSON snapshot and read back with `json.loads`, one file at a time: a file's JSON is a line of its own, decoded
when the file is first read (a one-file run reads the rules, the countries and a profile; the catalog reads the
others when it needs them). The snapshot is sealed (`sealed.digest`) with a digest of
the sovlint version and of every policy file's path and bytes, computed again on each run from the files
themselves: a snapshot of other files (a policy edited, added or removed) or one edited or cut is ignored.
Two snapshots are tried, in this order:

- the one built into the package (`sovlint/_policies.json`, written by `hatch_build.py` when the wheel is
  built, as pip compiles the modules): an installed sovlint never parses YAML, with or without a cache,
  and the cache directory has no say in what it knows;
- a copy in the scan's cache directory (`cache_in`), for a source checkout or edited policy files. A copy
  that fails its seal is rewritten and noted (`cache_notes`).

Otherwise the YAML is parsed (and the copy written when there is a cache directory). Snapshots are JSON,
never pickle: reading one runs no code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar

from sovlint.sealed import seal_bytes, unseal_bytes

PACKAGE = Path(__file__).resolve().parents[1]
SNAPSHOT = PACKAGE / "_policies.json"  # built into the wheel; absent in a source checkout
R = TypeVar("R")
V = TypeVar("V")


def policies_dir() -> Path:
    """The shipped `policies/`: inside the installed package, else beside it in a source checkout."""
    packaged = PACKAGE / "_policies"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "policies"


_CACHE_DIR: list[Path] = []  # where read_policies keeps its JSON copy; empty: nowhere


def cache_in(directory: Path | None) -> None:
    """Keep a JSON copy of the parsed policies in `directory` (the scan's cache); None keeps none."""
    _CACHE_DIR[:] = [directory] if directory else []


def _files(root: Path) -> dict[str, bytes]:
    """The bytes of every policy file under `root`, by its path below it ('regions/aws.yaml'), in path order."""
    found: dict[str, bytes] = {}
    for directory, folders, names in os.walk(root):
        folders.sort()
        below = os.path.relpath(directory, root).replace(os.sep, "/")
        for name in names:
            if name.endswith(".yaml"):
                with open(os.path.join(directory, name), "rb") as f:
                    found[name if below == "." else f"{below}/{name}"] = f.read()
    return dict(sorted(found.items()))


def _digest(texts: dict[str, bytes]) -> str:
    """What a snapshot is sealed with: the sovlint version and every file's path and bytes."""
    from sovlint import __version__

    shipped = hashlib.sha256(__version__.encode())
    for name, data in texts.items():
        shipped.update(b"\0%s\0%d\0" % (name.encode(), len(data)) + data)
    return shipped.hexdigest()


def _parse(texts: dict[str, bytes]) -> dict[str, Any]:
    """The YAML parsed, in the shape a snapshot has (dates as text, as JSON writes them)."""
    from sovlint import yamlload

    raw = {name: yamlload.load(data.decode("utf-8")) for name, data in texts.items()}
    parsed: dict[str, Any] = json.loads(json.dumps(raw, default=str))
    return parsed


def snapshot(root: Path) -> bytes:
    """The sealed snapshot of the policy files under `root` (what `hatch_build.py` ships)."""
    texts = _files(root)
    return _sealed(_digest(texts), _parse(texts))


def _sealed(key: str, parsed: dict[str, Any]) -> bytes:
    """A snapshot: its digest, then a line with the files' names, then each file's JSON on a line of its own."""
    names = list(parsed)
    body = "\n".join([json.dumps(names), *(json.dumps(parsed[n], separators=(",", ":")) for n in names)]).encode()
    return seal_bytes(key, body)


class Lazy(Mapping[str, V], Generic[R, V]):
    """Values by name, each made from its raw form when first looked up, then kept: the policy files of a
    snapshot (from their JSON lines) and the catalog's region tables (from those files)."""

    def __init__(self, raw: Mapping[str, R], make: Callable[[R], V]) -> None:
        self._raw = raw
        self._make = make
        self._read: dict[str, V] = {}

    def __getitem__(self, name: str) -> V:
        if name not in self._read:
            self._read[name] = self._make(self._raw[name])
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _parsed(body: bytes) -> Lazy[bytes, Any]:
    """The policy files of a snapshot by path, each decoded from its line when first read."""
    first, *lines = body.split(b"\n")
    names = json.loads(first)
    if not isinstance(names, list) or len(names) != len(lines) or not all(isinstance(n, str) for n in names):
        raise ValueError("not a policies snapshot")
    return Lazy(dict(zip(names, lines, strict=True)), json.loads)


def _unsealed(key: str, path: Path) -> Mapping[str, Any] | None:
    """The snapshot at `path` when it was made of the files `key` digests; None when absent or of other files."""
    try:
        return _parsed(unseal_bytes(key, path.read_bytes()))
    except (OSError, ValueError):  # absent, unreadable, of other files (Tampered), or not of this layout
        return None


@functools.lru_cache(maxsize=4)
def read_policies(root: Path) -> Mapping[str, Any]:
    """Every policy file under `root`, parsed, keyed by its path below it ('regions/aws.yaml')."""
    texts = _files(root)
    key = _digest(texts)
    shipped = _unsealed(key, SNAPSHOT)
    if shipped is not None:
        return shipped
    copy_path = _CACHE_DIR[0] / f"policies-{key[:20]}.json" if _CACHE_DIR else None
    if copy_path is not None and copy_path.is_file():
        cached = _unsealed(key, copy_path)
        if cached is not None:
            return cached
        _NOTES.append(f"{copy_path}: the cached copy of the policies did not match its digest; rewritten")
    parsed = _parse(texts)
    if copy_path is not None:
        with contextlib.suppress(OSError):
            copy_path.parent.mkdir(parents=True, exist_ok=True)
            for stale in copy_path.parent.glob("policies-*.json"):
                stale.unlink()
            partial = copy_path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(_sealed(key, parsed))
            os.replace(partial, copy_path)
    return parsed


_NOTES: list[str] = []


def noted() -> bool:
    """Whether reading the policy copy has something to say (cache_notes() says it)."""
    return bool(_NOTES)


def cache_notes() -> list[str]:
    """What reading the policy copy had to say since the last call (a copy that failed its check)."""
    notes, _NOTES[:] = list(_NOTES), []
    return notes
