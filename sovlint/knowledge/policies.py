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
    by the sovlint version and each file's path, size and modification time; any change reparses.
    """
    import hashlib
    import json

    from sovlint import __version__

    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.yaml"))}
    stamps = [(name, p.stat().st_size, p.stat().st_mtime_ns) for name, p in files.items()]
    key = hashlib.sha256(repr((__version__, str(root), stamps)).encode()).hexdigest()[:20]
    copy_path = _CACHE_DIR[0] / f"policies-{key}.json" if _CACHE_DIR else None
    if copy_path is not None:
        with contextlib.suppress(OSError, ValueError):
            cached: dict[str, Any] = json.loads(copy_path.read_text(encoding="utf-8"))
            return cached
    raw = {name: yamlload.load(p.read_text(encoding="utf-8")) for name, p in files.items()}
    parsed: dict[str, Any] = json.loads(json.dumps(raw, default=str))  # the shape of the copy: dates as text
    if copy_path is not None:
        with contextlib.suppress(OSError):
            copy_path.parent.mkdir(parents=True, exist_ok=True)
            for stale in copy_path.parent.glob("policies-*.json"):
                stale.unlink()
            partial = copy_path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(parsed, separators=(",", ":")), encoding="utf-8")
            os.replace(partial, copy_path)
    return parsed
