"""Resource → Placement: where a Terraform resource runs, resolved the way Terraform would.

Order: the resource's own location argument → the provider configuration it uses (aliases and
module `providers` maps included) → variables (call inputs, tfvars, defaults) → locals → module
outputs → references to other resources and to data sources that only echo the provider.
What cannot be known statically is returned as unresolved with the reason, never guessed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Provider, own_type, type_matches
from sovlint.knowledge.records import is_located as has_own_location
from sovlint.model import Origin, Placement
from sovlint.terraform import endpoints, hosting, parts, replicas, shapes
from sovlint.terraform.existence import Gate as Gate  # the gates before placing, used from here too
from sovlint.terraform.existence import existence as existence
from sovlint.terraform.existence import gate as gate
from sovlint.terraform.existence import is_created as is_created
from sovlint.terraform.lang.values import Unknown
from sovlint.terraform.module import Located, TfModule, argument_origin
from sovlint.terraform.scope import Context, ModuleScope, configured, provider_of, shown
from sovlint.terraform.tree import Instance

Which = tuple[tuple[str, str], Provider | None]  # a resource's provider configuration key and catalog entry
DEFAULT = "documented default"  # how a resource is placed when neither it nor its provider names a location
_CONFIGURED = ("provider configuration", "endpoint")  # the origins of a location or endpoint a provider block sets


def context(catalog: Catalog, load: Callable[[str], TfModule | None]) -> Context:
    """The resolution context in which a reference to another resource's location is placed by `place`."""
    return Context(catalog, load, lambda located, instance, scope: place(located, instance, scope.ctx, scope))


def is_located(rtype: str, body: dict[str, Any], provider: Provider) -> bool:
    """Whether a resource with this body has a location of its own (in any of the shapes its type allows)."""
    writes = any(shapes.values_at(body, arg) for arg in shapes.location_args(rtype, provider))
    return has_own_location(own_type(rtype, body, provider), provider, writes)


def place(located: Located, instance: Instance, ctx: Context, scope: ModuleScope | None = None) -> Placement:
    """Where one resource is (the first of its locations when it names several). Asked for by a reference to
    its location: every dynamic block is expanded first, and what that follows stays on the reference's trail."""
    scope = scope or ModuleScope(instance, ctx)
    return _placements(shapes.with_dynamic(located, scope), instance, ctx, scope)[0]


def place_all(located: Located, instance: Instance, ctx: Context, scope: ModuleScope | None = None) -> list[Placement]:
    """Where one resource is, each location it names judged apart (`regions = ["GRA11", "BHS5"]`); a dynamic
    block is expanded only when its name is read. None for an operation on a resource: it creates nothing."""
    provider = provider_of(located, instance.module, ctx.catalog)[1]
    if provider is not None and type_matches(located.block.labels[0], provider.operations):
        return []
    scope = scope or ModuleScope(instance, ctx)
    return _placements(shapes.when_read(located, scope), instance, ctx, scope)


def _placements(located: Located, instance: Instance, ctx: Context, scope: ModuleScope) -> list[Placement]:
    which = provider_of(located, instance.module, ctx.catalog)
    provider = which[1]
    if provider is not None and _placed_by_provider(located, provider, ctx.catalog):
        start = len(scope.trail)
        slot = ("placed by its provider", id(instance), which[0], provider.source, located.block.labels[0])
        shared = scope.shared(slot, instance, lambda: _by_provider(located, which, instance, ctx, scope))
        if shared is not None:
            return list(shared)
        del scope.trail[start:]  # placed at its own line: worked out for each resource
    return [_finish(located, which, p, instance, ctx, scope) for p in _locate(located, which, instance, ctx, scope)]


def _placed_by_provider(located: Located, provider: Provider, catalog: Catalog) -> bool:
    """Whether nothing in the resource's own body bears on where it is: no location, zone, type or replication
    argument, no dynamic block, no SaaS platform reading its arguments. Its placement is then that of every
    resource of its type and provider configuration in the instance, worked out once for all of them."""
    body = located.block.body
    return (
        type(body) is dict
        and _own_arguments(located.block.labels[0], provider).isdisjoint(body)
        and provider.source not in catalog.platforms
        and not catalog.part_of(provider, located.block.labels[0])  # judged alone when its parent is elsewhere
    )


@functools.lru_cache(maxsize=4096)
def _own_arguments(rtype: str, provider: Provider) -> frozenset[str]:
    """The names in a resource's body that `_locate` and `_finish` read: when none is written, they read nothing
    of it but its type (and its line, for a documented default: see `_by_provider`)."""
    paths = (
        *shapes.location_args(rtype, provider),
        *provider.zone_args,
        *replicas.replication_args(rtype, provider),
        *(argument for ptype, argument, _ in provider.paired_replication if ptype == rtype),
        *((provider.type_argument,) if provider.type_argument else ()),
    )
    return frozenset({"dynamic", *(path.partition(".")[0] for path in paths)})


def _by_provider(
    located: Located, which: Which, instance: Instance, ctx: Context, scope: ModuleScope
) -> tuple[Placement, ...] | None:
    """The placements of a resource that its provider configuration places; None when a documented default places
    it, at its own line."""
    placed = _locate(located, which, instance, ctx, scope)
    if any(p.how == DEFAULT for p in placed):
        return None
    return tuple(_finish(located, which, p, instance, ctx, scope) for p in placed)


def _finish(
    located: Located, which: Which, placement: Placement, instance: Instance, ctx: Context, scope: ModuleScope
) -> Placement:
    """A placement finished (`_operated`), naming the provider configuration whose argument set its location or the
    endpoint it reaches, as Terraform names it (`module.eu.provider["hashicorp/aws"].paris`)."""
    placement = _operated(located, which, placement, instance, ctx, scope)
    config = instance.provider(which[0]) if placement.origins else None
    own = placement.origins[0] if placement.origins else None
    if config is None or own is None or own.what not in _CONFIGURED:
        return placement
    block = config[0]
    if own.file != block.file or not block.block.line <= own.line <= block.block.end_line:
        return placement
    alias = block.block.body.get("alias")
    name = f'{config[1].prefix}provider["{placement.provider}"]' + (f".{alias}" if isinstance(alias, str) else "")
    return placement._replace(configuration=name)


def _operated(
    located: Located, which: Which, placement: Placement, instance: Instance, ctx: Context, scope: ModuleScope
) -> Placement:
    """Who runs one located resource (sovereign offer, operator's endpoint), and where its replicas go."""
    key, provider = which
    if provider is None or provider.places_nothing:
        return placement
    if provider.zone_args and placement.located:
        placement = _in_own_zone(located, provider, placement, instance, scope, ctx.catalog)
    config = instance.provider(key)
    api = ctx.catalog.api_for(provider, located.block.labels[0])
    if api is not None:
        label = ".".join(k for k in key if k)
        rtype = own_type(located.block.labels[0], located.block.body, provider)
        kept = not type_matches(rtype, provider.unlocated) and not ctx.catalog.part_of(provider, rtype)
        placement = endpoints.through_endpoint(
            api, placement, config, label, instance.library, scope, ctx.catalog, holds_data=kept
        )
    platform = ctx.catalog.platforms.get(provider.source)
    if platform is not None:  # a SaaS platform on someone else's cloud: its arguments name the cloud
        placement = hosting.place(located, platform, placement, instance, scope, ctx.catalog)
    offer = endpoints.offer(provider, placement, config, scope, ctx.catalog)
    found = (*placement.replicas, *replicas.replicas(located, provider, placement, scope, ctx.catalog))
    if offer or found:
        return placement._replace(offer=offer, replicas=found)
    return placement


def _in_own_zone(
    located: Located, provider: Provider, placement: Placement, instance: Instance, scope: ModuleScope, catalog: Catalog
) -> Placement:
    """A zone that is a place of its own decides over the region: an AWS Local Zone of eu-central-1 may be in
    Istanbul. An ordinary zone (eu-central-1a) places a resource whose region is not otherwise known; else,
    or when the zone is not known statically, the placement stays as it is."""
    body = located.block.body
    for arg in provider.zone_args:
        if arg not in body:
            continue
        start = len(scope.trail)
        value = scope.value(body[arg])
        if isinstance(value, str) and (
            catalog.own_place(provider, value) or (not placement.region and catalog.region(provider, value))
        ):
            origins = [argument_origin(located, arg, "literal"), *scope.trail[start:]]
            return _placement(provider, value, origins, instance, catalog, f"{arg} = {shown(body[arg])}")
        del scope.trail[start:]
    return placement


def _locate(located: Located, which: Which, instance: Instance, ctx: Context, scope: ModuleScope) -> list[Placement]:
    """Resolve where one resource is, one placement per location it names; `scope` is shared for references."""
    module, catalog = instance.module, ctx.catalog
    key, provider = which
    if provider is None:
        return [Placement(provider=module.required.get(key[0], key[0]), located=False, via=instance.calls)]
    body = located.block.body
    rtype = located.block.labels[0]
    if not is_located(rtype, body, provider):
        rtype = parts.judged_alone(located, provider, instance, ctx, scope)  # a part whose parent is elsewhere
        if not rtype:
            return [Placement(provider=provider.source, located=False, via=instance.calls)]
    start = len(scope.trail)
    for arg in shapes.location_args(rtype, provider):
        raws = shapes.values_at(body, arg)
        values = shapes.codes([scope.value(raw) for raw in raws])
        if not values:
            del scope.trail[start:]
            continue  # null means "not set": Terraform falls back to the provider
        origins = [argument_origin(located, arg, "literal"), *scope.trail[start:]]
        written = f"{arg} = {shown(raws[0])}"
        return [_placement(provider, value, origins, instance, catalog, written) for value in values]
    label = ".".join(k for k in key if k)
    found = instance.provider(key)
    if found is not None:
        configured = _from_provider(found, provider, label, instance, catalog, scope)
        if configured is not None:
            return [configured]
    if not instance.library:  # in a reusable module the caller's provider decides, not a default
        default = documented_default(rtype, provider)
        if default:
            origin = argument_origin(located, "", DEFAULT)
            placed: Placement = catalog.placement(provider, default, DEFAULT, (origin,), via=instance.calls)
            return [placed]
    if not provider.provider_args:  # only the resource itself can say where it is
        reason = f"it sets no {' or '.join(provider.location_args) or 'location'}"
    elif found is None:
        reason = f"no provider configuration '{label}' sets its location"
    else:
        reason = f"the provider configuration '{label}' sets no location (it would come from the environment)"
    return [Placement(provider=provider.source, unresolved=reason, library=instance.library, via=instance.calls)]


def _from_provider(
    found: tuple[Located, Instance],
    provider: Provider,
    label: str,
    instance: Instance,
    catalog: Catalog,
    scope: ModuleScope,
) -> Placement | None:
    """Where the provider configuration places a resource that names no location: the same for each resource
    of the instance, so worked out once per instance and configuration (its arguments are `configured`)."""

    def compute() -> Placement | None:
        for arg in provider.provider_args:
            start = len(scope.trail)
            found_arg = configured(found, arg, scope)
            if found_arg is not None:
                raw, value, own = found_arg
                expression = f"provider {label}: {arg} = {shown(raw)}"
                return _placement(provider, value, [own, *scope.trail[start:]], instance, catalog, expression)
        return None

    return scope.shared(("provider placement", id(instance), label, provider.source), instance, compute)


def documented_default(rtype: str, provider: Provider) -> str:
    """The region a resource of this type is created in when neither it nor its provider names one."""
    for glob, region in provider.type_defaults:
        if type_matches(rtype, (glob,)):
            return region
    return provider.provider_default


def _placement(
    provider: Provider, value: Any, origins: list[Origin], instance: Instance, catalog: Catalog, expression: str
) -> Placement:
    how = origins[-1].what if len(origins) > 1 else origins[0].what
    if isinstance(value, Unknown) or not isinstance(value, str) or not value:
        why = (
            value.reason
            if isinstance(value, Unknown)
            else ("the location is an empty string" if value == "" else f"the location is not a string ({value!r})")
        )
        chain = [f"{o.what} at {o.file}:{o.line}" for o in origins[1:] if o.file and o.what != "literal"]
        reason = f"{expression}: {why}" + (f" (followed: {'; '.join(chain)})" if chain else "")
        return Placement(
            provider=provider.source,
            origins=tuple(origins),
            via=instance.calls,
            unresolved=reason,
            library=instance.library and isinstance(value, Unknown),
        )
    placement: Placement = catalog.placement(provider, value, how, tuple(origins), via=instance.calls)
    return placement
