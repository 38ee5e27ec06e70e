"""Where a SaaS platform's resource runs: the hosting cloud and region its arguments choose.

An Atlas cluster with `provider_name = "AWS"` and `region_name = "EU_WEST_1"` keeps its data in AWS
eu-west-1 (Ireland), on Amazon's infrastructure: the placement carries the hosting cloud (`host`) beside
the platform, so that location and both layers of control are judged. What the arguments mean is data
(`policies/hosting.yaml`, read by `sovlint.knowledge.hosting`); this module only reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sovlint.knowledge import hosting
from sovlint.model import Origin, Placement
from sovlint.terraform.lang.eval import Unknown
from sovlint.terraform.module import argument_origin

if TYPE_CHECKING:
    from sovlint.knowledge.catalog import Catalog
    from sovlint.terraform.module import Located
    from sovlint.terraform.scope import ModuleScope
    from sovlint.terraform.tree import Instance


Read = Callable[[Any], tuple[Any, tuple[Origin, ...]]]  # raw argument -> its value and where it came from


def place(
    located: Located,
    platform: hosting.Platform,
    placement: Placement,
    instance: Instance,
    scope: ModuleScope,
    catalog: Catalog,
) -> Placement:
    """The placement of a platform's resource in a configuration; unchanged when it writes no hosting argument."""

    def read(raw: Any) -> tuple[Any, tuple[Origin, ...]]:
        start = len(scope.trail)
        value = scope.value(raw)
        trail = tuple(scope.trail[start:])
        del scope.trail[start:]
        return value, trail

    def at(head: str) -> Origin:
        return argument_origin(located, head, "literal")

    base = Placement(provider=platform.source, via=instance.calls, library=instance.library)
    found = locate(platform, located.block.labels[0], located.block.body, read, at, base, catalog)
    return placement if found is None else found._replace(replicas=(*placement.replicas, *found.replicas))


def locate(
    platform: hosting.Platform,
    rtype: str,
    body: dict[str, Any],
    read: Read,
    at: Callable[[str], Origin],
    base: Placement,
    catalog: Catalog,
) -> Placement | None:
    """Where the hosting arguments of a resource (configuration or plan values) place it; None when it writes none.
    Each location block is a place: the first is the primary, the others are replicas."""
    for spot in hosting.spots_for(platform, rtype):
        blocks = [b for b in _blocks(body, spot.each.split(".") if spot.each else []) if _get(b, spot.region)]
        if not blocks:
            continue
        origin = at((spot.each or spot.region).split(".")[0])
        places = [_one(platform, spot, (block, body), origin, read, base, catalog) for block in blocks]
        replicas = tuple((p.region or "", p.countries, origin.line) for p in places[1:] if p.countries)
        return places[0]._replace(replicas=replicas)
    return None


def _one(
    platform: hosting.Platform,
    spot: hosting.Spot,
    blocks: tuple[dict[str, Any], dict[str, Any]],
    at: Origin,
    read: Read,
    base: Placement,
    catalog: Catalog,
) -> Placement:
    """One location block (and the resource around it): the platform's region as written, in the cloud's region."""
    region, trail = read(_get(blocks[0], spot.region))
    cloud = _cloud(platform, spot, blocks, read)
    origins = (at, *trail)
    base = base._replace(how=origins[-1].what, origins=origins)
    for value, name in ((region, spot.region), (cloud, "cloud")):
        if isinstance(value, Unknown):
            return base._replace(unresolved=f"{name}: {value.reason}")
    base = base._replace(library=False)
    if not isinstance(region, str) or not region:
        return base._replace(unresolved=f"{spot.region} is not a region name ({region!r})")
    found = hosting.hosted(platform, spot, cloud if isinstance(cloud, str) else None, region)
    host = catalog.provider(found.host) if found.host else None
    if host is None:
        return base._replace(region=region, unresolved=f"{spot.region} = {region}: {found.problem}")
    where = catalog.region(host, found.code)
    return base._replace(
        region=region,
        countries=where.countries if where else (),
        known_region=where is not None,
        is_global=bool(where and where.is_global),
        host=host.source,
        host_region=found.code,
    )


def _cloud(
    platform: hosting.Platform, spot: hosting.Spot, blocks: tuple[dict[str, Any], dict[str, Any]], read: Read
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
        value, _trail = read(raw)
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
