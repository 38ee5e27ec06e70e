"""The one reader of `policies/`: where the shipped files are, and every file parsed (with a JSON copy kept)."""

from __future__ import annotations

import contextlib
import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

from sovlint import yamlload


def policies_dir() -> Path:
    """The shipped `policies/`: inside the installed package, else beside it in a source checkout."""
    packaged = Path(str(resources.files("sovlint"))) / "_policies"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "policies"


_CACHE_DIR: list[Path] = []  # where read_policies keeps its JSON copy; empty: nowhere


def cache_in(directory: Path | None) -> None:
    """Keep a JSON copy of the parsed policies in `directory` (the scan's cache); None keeps none."""
    _CACHE_DIR[:] = [directory] if directory else []


@functools.lru_cache(maxsize=4)
def read_policies(root: Path) -> dict[str, Any]:
    """Every policy file under `root`, parsed, keyed by its path below it ('regions/aws.yaml').

    Parsing the YAML is a third of a one-file run, so a JSON copy is kept beside the parse cache, named
    by a digest of the sovlint version and of the shipped files' paths and bytes, and sealed with a
    digest of its content: any change to the files reparses, and a copy edited in the cache is
    ignored, rewritten and noted (`cache_notes`).
    """
    import hashlib
    import json

    from sovlint import __version__
    from sovlint.sealed import seal, unseal

    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.yaml"))}
    texts = {name: p.read_bytes() for name, p in files.items()}
    shipped = hashlib.sha256(__version__.encode())
    for name, data in texts.items():
        shipped.update(b"\0%s\0%d\0" % (name.encode(), len(data)) + data)
    key = shipped.hexdigest()
    copy_path = _CACHE_DIR[0] / f"policies-{key[:20]}.json" if _CACHE_DIR else None
    if copy_path is not None and copy_path.is_file():
        try:
            cached: dict[str, Any] = unseal(key, copy_path.read_bytes())
            return cached
        except Exception:  # edited, truncated, or written by no sovlint: not used
            _NOTES.append(f"{copy_path}: the cached copy of the policies did not match its digest; rewritten")
    raw = {name: yamlload.load(data.decode("utf-8")) for name, data in texts.items()}
    parsed: dict[str, Any] = json.loads(json.dumps(raw, default=str))  # the shape of the copy: dates as text
    if copy_path is not None:
        with contextlib.suppress(OSError):
            copy_path.parent.mkdir(parents=True, exist_ok=True)
            for stale in copy_path.parent.glob("policies-*.json"):
                stale.unlink()
            partial = copy_path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(seal(key, parsed))
            os.replace(partial, copy_path)
    return parsed


_NOTES: list[str] = []


def cache_notes() -> list[str]:
    """What reading the policy copy had to say since the last call (a copy that failed its check)."""
    notes, _NOTES[:] = list(_NOTES), []
    return notes
