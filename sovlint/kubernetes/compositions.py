"""Crossplane Compositions → the managed resources they template, and which of their location fields a patch sets.

A Composition is Crossplane's reusable module: a managed resource whose region a patch takes from the
composite resource (`FromCompositeFieldPath`, `CombineFromComposite`, the same from an EnvironmentConfig, or
through a named `PatchSet`) is placed by each composite resource that uses it, not by the base's value,
which the patch replaces. Classic `spec.resources` and function-patch-and-transform pipeline steps are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sovlint.kubernetes.facts import LOCATION_PATHS, node_at

COMPOSITE = "composite:"  # a location path a patch sets from outside the Composition (KubeFacts.location)
_FROM_OUTSIDE = {"FromCompositeFieldPath", "CombineFromComposite", "FromEnvironmentFieldPath", "CombineFromEnvironment"}
_LOCATIONS = {".".join(path) for path in LOCATION_PATHS}


def composed(
    node: Any, data: dict[str, Any], is_object: Callable[[Any], bool]
) -> Iterator[tuple[Any, Any, tuple[str, ...]]]:
    """(node, data, location paths set from the composite) of every managed resource the Composition templates."""
    meta = data.get("metadata")
    name = str(meta.get("name") or "<unnamed>") if isinstance(meta, dict) else "<unnamed>"
    spec: dict[str, Any] = data["spec"] if isinstance(data.get("spec"), dict) else {}
    places: list[tuple[tuple[Any, ...], Any, Any]] = [(("spec", "resources"), spec.get("resources"), spec)]
    pipeline = spec.get("pipeline")
    for i, step in enumerate(pipeline if isinstance(pipeline, list) else []):
        if isinstance(step, dict) and isinstance(step.get("input"), dict):
            places.append(
                (("spec", "pipeline", i, "input", "resources"), step["input"].get("resources"), step["input"])
            )
    for path, resources, holder in places:
        sets = _patch_sets(holder)
        for i, entry in enumerate(resources if isinstance(resources, list) else []):
            base: Any = entry.get("base") if isinstance(entry, dict) else None
            base_node = node_at(node, (*path, i, "base"))
            if is_object(base) and base_node is not None:
                label = entry.get("name") or i
                own = base["metadata"] if isinstance(base.get("metadata"), dict) else {}
                base = {**base, "metadata": {**own, "name": f"{name}/{label}"}}
                yield base_node, base, tuple(sorted(_patched(entry.get("patches"), sets)))


def _patch_sets(holder: dict[str, Any]) -> dict[str, Any]:
    found = holder.get("patchSets")
    return (
        {str(s.get("name")): s.get("patches") for s in found if isinstance(s, dict)} if isinstance(found, list) else {}
    )


def _patched(patches: Any, sets: dict[str, Any], depth: int = 0) -> set[str]:
    """The location paths that patches set from the composite resource or the environment."""
    out: set[str] = set()
    for patch in patches if isinstance(patches, list) else []:
        if not isinstance(patch, dict):
            continue
        kind = patch.get("type") or "FromCompositeFieldPath"  # Crossplane's default patch type
        if kind == "PatchSet" and depth == 0:
            out |= _patched(sets.get(str(patch.get("patchSetName"))), sets, depth + 1)
        elif kind in _FROM_OUTSIDE and patch.get("toFieldPath") in _LOCATIONS:
            out.add(str(patch["toFieldPath"]))
    return out
