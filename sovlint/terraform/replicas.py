"""Where a resource's copies go: replica, geo-location and failover arguments, and paired regions."""

from __future__ import annotations

import functools

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Provider
from sovlint.model import Placement
from sovlint.terraform import shapes
from sovlint.terraform.module import Located
from sovlint.terraform.scope import ModuleScope


def replicas(
    located: Located, provider: Provider, placement: Placement, scope: ModuleScope, catalog: Catalog
) -> tuple[tuple[str, tuple[str, ...], int], ...]:
    """Regions named by the type's replication arguments, and the paired region of geo-redundant storage."""
    rtype, body = located.block.labels[0], located.block.body
    start = len(scope.trail)
    found: list[tuple[str, tuple[str, ...], int]] = []
    for path in replication_args(rtype, provider):
        head = path.split(".")[0]
        written = located.block.lines.get(head) or located.block.lines.get(f"dynamic.{head}")  # or its dynamic block
        line = (written or (located.block.line, 0))[0]
        for raw in shapes.values_at(body, path):
            value = scope.value(raw)
            for item in value if isinstance(value, list) else [value]:
                region = catalog.region(provider, item) if isinstance(item, str) and item else None
                if region is not None:
                    found.append((item, region.countries, line))
    for ptype, argument, values in provider.paired_replication:
        if ptype == rtype and argument in body and placement.region:
            mode = scope.value(body[argument])
            here = catalog.region(provider, placement.region)
            pair = catalog.region(provider, here.paired) if here and here.paired else None
            text = "TRUE" if mode is True else mode.upper() if isinstance(mode, str) else ""  # a bool switch, or a mode
            if text in values and pair is not None:
                line = located.block.lines.get(argument, (located.block.line, 0))[0]
                found.append((pair.code, pair.countries, line))
    del scope.trail[start:]
    return tuple(found)


def replication_args(rtype: str, provider: Provider) -> tuple[str, ...]:
    """The paths of a type's replication arguments (`replica.region_name`)."""
    return _replication(provider).get(rtype, ())


@functools.lru_cache(maxsize=256)
def _replication(provider: Provider) -> dict[str, tuple[str, ...]]:
    """A provider's replication arguments by resource type (a table asked for each resource)."""
    return dict(provider.replication)
