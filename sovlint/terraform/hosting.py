"""Where a SaaS platform's resource runs: the hosting cloud and region its arguments choose.

An Atlas cluster with `provider_name = "AWS"` and `region_name = "EU_WEST_1"` keeps its data in AWS
eu-west-1 (Ireland), on Amazon's infrastructure: the placement carries the hosting cloud (`host`) beside
the platform, so that location and both layers of control are judged. What the arguments mean is data
(`policies/hosting.yaml`, read by `sovlint.knowledge.hosting`); this module only reads them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from sovlint.knowledge import hosting
from sovlint.model import Origin, Placement
from sovlint.terraform.lang.eval import Unknown

if TYPE_CHECKING:
    from sovlint.knowledge.catalog import Catalog
    from sovlint.terraform.module import Located
    from sovlint.terraform.scope import ModuleScope
    from sovlint.terraform.tree import Instance


def place(
    located: Located,
    platform: hosting.Platform,
    placement: Placement,
    instance: Instance,
    scope: ModuleScope,
    catalog: Catalog,
) -> Placement:
    """The placement of a platform's resource from its hosting arguments; unchanged when it writes none."""
    rtype, body = located.block.labels[0], located.block.body
    for spot in hosting.spots_for(platform, rtype):
        blocks = [b for b in _blocks(body, spot.each.split(".") if spot.each else []) if _get(b, spot.region)]
        if not blocks:
            continue
        head = (spot.each or spot.region).split(".")[0]
        line = located.block.lines.get(head, (located.block.line, 0))[0]
        at = Origin(located.file, line, "literal")
        places = [_one(platform, spot, (block, body), at, instance, scope, catalog) for block in blocks]
        first, rest = places[0], places[1:]
        replicas = tuple((p.region or "", p.countries, line) for p in rest if p.countries)
        return dataclasses.replace(first, replicas=(*placement.replicas, *replicas))
    return placement


def _one(
    platform: hosting.Platform,
    spot: hosting.Spot,
    blocks: tuple[dict[str, Any], dict[str, Any]],
    at: Origin,
    instance: Instance,
    scope: ModuleScope,
    catalog: Catalog,
) -> Placement:
    """One location block (and the resource around it): the platform's region as written, in the cloud's region."""
    start = len(scope.trail)
    region = scope.value(_get(blocks[0], spot.region))
    cloud = _cloud(platform, spot, blocks, scope)
    origins = (at, *scope.trail[start:])
    del scope.trail[start:]
    how = origins[-1].what if len(origins) > 1 else at.what
    base = Placement(provider=platform.source, region=None, how=how, origins=origins, via=instance.calls)
    for value, name in ((region, spot.region), (cloud, "cloud")):
        if isinstance(value, Unknown):
            why = f"{name}: {value.reason}"
            return dataclasses.replace(base, unresolved=why, library=instance.library)
    if not isinstance(region, str) or not region:
        return dataclasses.replace(base, unresolved=f"{spot.region} is not a region name ({region!r})")
    found = hosting.hosted(platform, spot, cloud if isinstance(cloud, str) else None, region)
    host = catalog.provider(found.host) if found.host else None
    if host is None:
        return dataclasses.replace(base, region=region, unresolved=f"{spot.region} = {region}: {found.problem}")
    where = catalog.region(host, found.code)
    return dataclasses.replace(
        base,
        region=region,
        countries=where.countries if where else (),
        known_region=where is not None,
        is_global=bool(where and where.is_global),
        host=host.source,
        host_region=found.code,
    )


def _cloud(
    platform: hosting.Platform, spot: hosting.Spot, blocks: tuple[dict[str, Any], dict[str, Any]], scope: ModuleScope
) -> Any:
    """The first cloud argument (in the location block, else on the resource) that names a cloud of the platform;
    else the first one written."""
    first: Any = None
    clouds = dict(platform.clouds)
    for arg in spot.cloud:
        raw = _get(blocks[0], arg)
        raw = _get(blocks[1], arg) if raw is None else raw
        if raw is None:
            continue
        value = scope.value(raw)
        if isinstance(value, str) and value.lower() in clouds:
            return value
        first = value if first is None else first
    return first


def _blocks(body: Any, path: list[str]) -> list[dict[str, Any]]:
    """The nested blocks at a dotted path (`replication_specs.region_configs`), the resource itself for none."""
    if isinstance(body, list):
        return [b for item in body for b in _blocks(item, path)]
    if not isinstance(body, dict):
        return []
    return [body] if not path else _blocks(body.get(path[0]), path[1:])


def _get(block: dict[str, Any], path: str) -> Any:
    """The raw value at a dotted path inside one block (None when absent)."""
    value: Any = block
    for step in path.split("."):
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value
