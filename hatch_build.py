"""Build hook: ship the policies parsed, as `sovlint/_policies.json`, beside `sovlint/_policies/`.

A wheel (and so every `pip install`, pre-commit's included) carries the sealed JSON snapshot of
`policies/` that `sovlint.knowledge.policies.snapshot` makes, so an installed sovlint reads its knowledge
base with `json.loads` instead of parsing the YAML on every run, as it runs compiled bytecode instead of
compiling its modules. The snapshot is checked against the YAML files on every run; an editable install
has none and parses them (keeping a copy in the cache directory).
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PoliciesSnapshot(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "policies-snapshot"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            policies = importlib.import_module("sovlint.knowledge.policies")
            data = policies.snapshot(Path(self.root) / "policies")
        finally:
            sys.path.remove(self.root)
        handle, self._snapshot = tempfile.mkstemp(prefix="sovlint-policies-", suffix=".json")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        build_data["force_include"][self._snapshot] = "sovlint/_policies.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        snapshot = getattr(self, "_snapshot", None)
        if snapshot:
            os.unlink(snapshot)
