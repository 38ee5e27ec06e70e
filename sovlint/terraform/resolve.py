"""Resource → Placement: where a Terraform resource runs, resolved the way Terraform would.

Order: the resource's own location argument → the provider configuration it uses (aliases and
module `providers` maps included) → variables (call inputs, tfvars, defaults) → locals → module
outputs → references to other resources and to data sources that only echo the provider.
What cannot be known statically is returned as unresolved with the reason, never guessed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sovlint.knowledge.catalog import Api, Catalog, Provider, type_matches
from sovlint.limits import BudgetExceeded, budget
from sovlint.model import Origin, Placement
from sovlint.terraform import hosting, shapes
from sovlint.terraform.lang.eval import EvalError, Unknown, evaluate
from sovlint.terraform.lang.values import reference
from sovlint.terraform.module import Located, TfModule
from sovlint.terraform.syntax import Block
from sovlint.terraform.tree import Instance, local_source

_MAX_DEPTH = 64  # reference chains longer than this are cycles or abuse


@dataclass(frozen=True, slots=True)
class Context:
    catalog: Catalog
    load: Callable[[str], TfModule | None]  # a module directory → its parsed module


class ModuleScope:
    """Answers references inside one module instance, recording where values came from."""

    def __init__(
        self,
        instance: Instance,
        ctx: Context,
        binding: dict[str, Any] | None = None,
        trail: list[Origin] | None = None,
        active: list[str] | None = None,
    ) -> None:
        self.instance = instance
        self.module = instance.module
        self.ctx = ctx
        self.binding = binding or {}
        self.trail: list[Origin] = [] if trail is None else trail
        self._active: list[str] = [] if active is None else active

    def child(self, instance: Instance, binding: dict[str, Any] | None = None) -> ModuleScope:
        """A scope for another instance that shares this one's trail and cycle guard."""
        return ModuleScope(instance, self.ctx, binding, self.trail, self._active)

    def value(self, raw: Any) -> Any:
        try:
            return evaluate(raw, self)
        except EvalError as exc:
            return Unknown(f"the expression is invalid ({exc})")
        except BudgetExceeded as exc:
            return Unknown(f"could not evaluate: {exc}")

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if not steps:
            return Unknown(f"'{root}' is not a value sovlint can evaluate"), 0
        name = str(steps[0])
        key = f"{self.instance.prefix}{root}.{name}"
        if root == "var":
            return self._guarded(key, lambda: self._variable(name), memo=True), 1
        if root == "local":
            return self._guarded(key, lambda: self._local(name), memo=True), 1
        if root in ("count", "each"):
            found = self.binding.get(f"{root}.{name}", Unknown(f"{root}.{name} is only known when Terraform runs"))
            return found, 1
        if root == "module":
            return self._module_output(steps)
        if root == "data":
            return self._data(steps)
        if root in ("path", "terraform", "self"):
            return Unknown(f"{root}.{name} is only known when Terraform runs"), len(steps)
        return self._resource_attr(root, steps)

    def _guarded(self, key: str, compute: Callable[[], Any], memo: bool = False) -> Any:
        """compute(), unless `key` is already being computed (a cycle); with `memo`, once per instance.

        A memoised value replays the origins its computation recorded; one computed across a cycle or
        over the budget depends on where the evaluation started, and is not kept.
        """
        spend = budget()
        if key in self._active or len(self._active) > _MAX_DEPTH:
            spend.cycles += 1
            return Unknown(f"{key.rsplit('.', 2)[-2]}.{key.rsplit('.', 1)[-1]} refers to itself")
        slot = (id(self.instance), key)
        if memo and slot in spend.memo:
            _, value, trail = spend.memo[slot]
            self.trail.extend(trail)
            return value
        start, cycles = len(self.trail), spend.cycles
        self._active.append(key)
        try:
            value = compute()
        finally:
            self._active.pop()
        if memo and spend.cycles == cycles and not spend.exceeded:
            origins = list(dict.fromkeys(self.trail[start:]))  # a value used twice was still set in one place
            self.trail[start:] = origins
            spend.memo[slot] = (self.instance, value, origins)  # the instance keeps its id unique
        return value

    def _variable(self, name: str) -> Any:
        call = self.instance.call
        if call is not None and self.instance.parent is not None and name in call.block.body:
            line = call.block.lines.get(name, (call.block.line, 0))[0]
            self.trail.append(Origin(call.file, line, f"input of module.{call.block.labels[0]}"))
            return self.child(self.instance.parent, self.instance.binding).value(call.block.body[name])
        if call is None and name in self.module.values:
            raw, origin = self.module.values[name]
            if origin.file:
                self.trail.append(origin)
            return self.value(raw)
        declared = self.module.variables.get(name)
        if declared is None:
            return Unknown(f"var.{name} is not declared")
        if "default" not in declared.block.body:
            if call is not None:
                return Unknown(f"var.{name} has no default and module.{call.block.labels[0]} does not set it")
            if self.instance.library:
                return Unknown(f"var.{name} has no default; it comes from the module's caller")
            return Unknown(f"var.{name} has no default and no value in a .tfvars file, --var-file or --var")
        line = declared.block.lines.get("default", (declared.block.line, 0))[0]
        self.trail.append(Origin(declared.file, line, "variable default"))
        return self.value(declared.block.body["default"])

    def _local(self, name: str) -> Any:
        if name not in self.module.locals:
            return Unknown(f"local.{name} is not defined")
        raw, origin = self.module.locals[name]
        self.trail.append(origin)
        return self.value(raw)

    def _module_output(self, steps: list[Any]) -> tuple[Any, int]:
        """module.NAME.OUTPUT, or module.NAME[KEY].OUTPUT for a call with count/for_each."""
        name = str(steps[0])
        call = self.module.calls.get(name)
        source = local_source(call) if call else None
        child = self.ctx.load(_join(self.module.directory, source)) if source else None
        if call is None or child is None:
            return Unknown(f"module.{name} is not a local module of this configuration"), len(steps)
        used, binding = 1, {}
        if len(steps) > 2 and (not isinstance(steps[1], str) or steps[1] not in child.outputs):
            binding = {"count.index": steps[1], "each.key": steps[1]}
            used = 2
        output = child.outputs.get(str(steps[used])) if len(steps) > used else None
        if output is None or "value" not in output.block.body:
            return Unknown(f"module.{name} has no output '{steps[used] if len(steps) > used else ''}'"), len(steps)
        prefix = f"{self.instance.prefix}module.{name}."
        instance = Instance(child, prefix, self.instance, call, binding, self.instance.library)
        value = self._guarded(
            f"{prefix}output.{steps[used]}", lambda: self.child(instance).value(output.block.body["value"])
        )
        return value, used + 1

    def _data(self, steps: list[Any]) -> tuple[Any, int]:
        if len(steps) < 3:
            return Unknown("a data source reference is incomplete"), len(steps)
        dtype, attr = str(steps[0]), str(steps[2])
        located = self.module.data.get(f"{dtype}.{steps[1]}")
        unknown = Unknown(f"data.{dtype}.{steps[1]}.{attr} is only known when Terraform runs")
        if located is None:
            return unknown, len(steps)
        if (dtype, attr) in _ECHO_PROVIDER:
            provider = provider_of(located, self.module, self.ctx.catalog)
            found = self._provider_value(provider[0], (attr,) if attr == "zone" else None)
            return (found if found is not None else unknown), 3
        if dtype == "azurerm_resource_group" and attr == "location":
            wanted = self.value(located.block.body.get("name"))
            for address, resource in self.module.resources.items():
                same = address.startswith("azurerm_resource_group.") and not isinstance(wanted, Unknown)
                if same and self.value(resource.block.body.get("name")) == wanted:
                    return self._resource_attr("azurerm_resource_group", [address.split(".", 1)[1], "location"])[0], 3
        return unknown, len(steps)

    def _provider_value(self, key: tuple[str, str], args: tuple[str, ...] | None) -> Any:
        found = self.instance.provider(key)
        if found is None:
            return None
        config, owner = found
        provider = self.ctx.catalog.provider(self.module.required.get(key[0]) or key[0])
        for arg in args or (provider.provider_args if provider else ("region",)):
            found_arg = provider_arg(config.block, arg)
            if found_arg is not None:
                raw, line = found_arg
                self.trail.append(Origin(config.file, line, "provider configuration"))
                return self.child(owner).value(raw)
        return None

    def _resource_attr(self, rtype: str, steps: list[Any]) -> tuple[Any, int]:
        address = f"{rtype}.{steps[0]}"
        target = self.module.resources.get(address)
        if target is None or len(steps) < 2:
            return Unknown(f"{address} is not a resource of this module"), len(steps)
        used = 2
        if not isinstance(steps[1], str):  # aws_x.name[0].attr: every instance shares the location
            if len(steps) < 3:
                return Unknown(f"{address} as a whole is not evaluated"), len(steps)
            used = 3
        attr = str(steps[used - 1])
        body = target.block.body
        if attr in body:
            line = target.block.lines.get(attr, (target.block.line, 0))[0]
            self.trail.append(Origin(target.file, line, f"argument of {address}"))
            key = f"{self.instance.prefix}{address}.{attr}"
            return self._guarded(key, lambda: self.value(body[attr]), memo=not self.binding), used
        provider = provider_of(target, self.module, self.ctx.catalog)[1]
        if provider and attr in provider.location_args:
            placed = self._guarded(
                f"{self.instance.prefix}{address}", lambda: place(target, self.instance, self.ctx, self)
            )
            if isinstance(placed, Placement) and placed.region:
                return placed.region, used
            reason = placed.unresolved if isinstance(placed, Placement) else ""
            return Unknown(reason or f"{address}.{attr} is not known"), used
        return Unknown(f"{address}.{attr} is only known after apply"), used


# Data sources whose attribute is the provider's own region or zone.
_ECHO_PROVIDER = {
    ("aws_region", "name"),
    ("aws_region", "id"),
    ("aws_region", "region"),
    ("google_client_config", "region"),
    ("google_client_config", "zone"),
}


def _join(directory: str, source: str | None) -> str:
    import os

    return os.path.normpath(os.path.join(directory, source or "."))


def provider_of(located: Located, module: TfModule, catalog: Catalog) -> tuple[tuple[str, str], Provider | None]:
    """The provider configuration key (local name, alias) a block uses, and the catalog entry."""
    meta = reference(located.block.body.get("provider"))
    if meta:
        name, _, alias = meta.partition(".")
    else:
        name, alias = located.block.labels[0].split("_", 1)[0], ""
    source = module.required.get(name) or name
    return (name, alias), catalog.provider(source) or catalog.provider(name)


def is_located(rtype: str, body: dict[str, Any], provider: Provider) -> bool:
    """Unlocated types and parts of a located parent never are (their `zone` may be a DNS zone, or repeat the
    parent's); others when they write a location."""
    if type_matches(rtype, provider.unlocated) or any(type_matches(rtype, (glob,)) for glob, _ in provider.parts):
        return False
    if any(shapes.values_at(body, arg) for arg in shapes.location_args(rtype, provider)):
        return True
    return type_matches(rtype, provider.located)


def is_created(located: Located, scope: ModuleScope) -> bool:
    """False only when count or for_each is known to create no instance (`count = var.x ? 1 : 0`)."""
    body = located.block.body
    if "count" in body:
        count = scope.value(body["count"])
        return not (isinstance(count, (int, float)) and not isinstance(count, bool) and count <= 0)
    if "for_each" in body:
        each = scope.value(body["for_each"])
        return not (isinstance(each, (dict, list)) and len(each) == 0)
    return True


def place(located: Located, instance: Instance, ctx: Context, scope: ModuleScope | None = None) -> Placement:
    """Where one resource is (the first of its locations when it names several)."""
    return place_all(located, instance, ctx, scope)[0]


def place_all(located: Located, instance: Instance, ctx: Context, scope: ModuleScope | None = None) -> list[Placement]:
    """Where one resource is, each location it names judged apart (`regions = ["GRA11", "BHS5"]`)."""
    scope = scope or ModuleScope(instance, ctx)
    located = shapes.with_dynamic(located, scope)
    return [_finish(located, p, instance, ctx, scope) for p in _locate(located, instance, ctx, scope)]


def _finish(located: Located, placement: Placement, instance: Instance, ctx: Context, scope: ModuleScope) -> Placement:
    """Who runs one located resource (sovereign offer, operator's endpoint), and where its replicas go."""
    key, provider = provider_of(located, instance.module, ctx.catalog)
    if provider is None or provider.kind in ("utility", "cluster"):
        return placement
    if provider.zone_args and placement.located:
        placement = _in_own_zone(located, provider, placement, instance, scope, ctx.catalog)
    config = instance.provider(key)
    api = ctx.catalog.api_for(provider, located.block.labels[0])
    if api is not None:
        label = ".".join(k for k in key if k)
        placement = _through_endpoint(api, placement, config, label, instance.library, scope, ctx.catalog)
    platform = ctx.catalog.platforms.get(provider.source)
    if platform is not None:  # a SaaS platform on someone else's cloud: its arguments name the cloud
        placement = hosting.place(located, platform, placement, instance, scope, ctx.catalog)
    offer = _offer(provider, placement, config, scope, ctx.catalog)
    replicas = (*placement.replicas, *_replicas(located, provider, placement, scope, ctx.catalog))
    if offer or replicas:
        return dataclasses.replace(placement, offer=offer, replicas=replicas)
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
            line = located.block.lines.get(arg, (located.block.line, 0))[0]
            origins = [Origin(located.file, line, "literal"), *scope.trail[start:]]
            return _placement(provider, value, origins, instance, catalog, f"{arg} = {_shown(body[arg])}")
        del scope.trail[start:]
    return placement


def _config_value(config: tuple[Located, Instance], arg: str, scope: ModuleScope) -> tuple[Any, Any, Origin] | None:
    """A provider configuration argument: its raw expression, its value and where it is written."""
    block, owner = config
    found = provider_arg(block.block, arg)
    if found is None:
        return None
    raw, line = found
    start = len(scope.trail)
    value = scope.child(owner).value(raw)
    del scope.trail[start:]
    return raw, value, Origin(block.file, line, "provider configuration")


def _through_endpoint(
    api: Api,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    label: str,
    library: bool,
    scope: ModuleScope,
    catalog: Catalog,
) -> Placement:
    """A resource reached through an operator's endpoint (S3-compatible storage, an OpenStack cloud) is theirs."""
    found = next((v for arg in api.arguments if config and (v := _config_value(config, arg, scope))), None)
    if found is None:
        if not api.required:
            return placement  # the provider's own endpoint
        if not placement.located:
            return dataclasses.replace(placement, endpoint="?")  # judged on control only: unknown
        reason = f"no provider configuration '{label}' names the {api.name} cloud ({' or '.join(api.arguments)})"
        if config is not None:
            reason = (
                f"the provider configuration '{label}' does not name the {api.name} cloud in {api.arguments[0]}"
                " (it would come from the environment)"
            )
        return dataclasses.replace(
            placement, region=None, countries=(), known_region=True, unresolved=reason, endpoint="?", library=library
        )
    raw, value, origin = found
    if not placement.located:  # judged on control only: who runs the endpoint
        if not isinstance(value, str) or not value:
            return dataclasses.replace(placement, endpoint="?")
        match = catalog.endpoint(api.endpoints_of, value)
        known = match.endpoint.id if match.endpoint else "local" if match.local else "?"
        return dataclasses.replace(placement, endpoint=known)
    if not isinstance(value, str) or not value:
        why = value.reason if isinstance(value, Unknown) else "it is not a URL"
        reason = f"provider {label}: endpoint {_shown(raw)}: {why}"
        return dataclasses.replace(
            placement,
            region=None,
            countries=(),
            known_region=True,
            unresolved=reason,
            endpoint="?",
            library=library and isinstance(value, Unknown),
        )
    match = catalog.endpoint(api.endpoints_of, value)
    if match.local:
        return Placement(provider=placement.provider, located=False, endpoint="local", via=placement.via)
    if match.endpoint is None:
        reason = (
            f"its endpoint {match.host or value} (set at {origin.file}:{origin.line}) is not an operator"
            " sovlint knows: who runs it and where cannot be told (declare your own under endpoints: in .sovlint.yaml)"
        )
        at = (Origin(origin.file, origin.line, "endpoint"),)
        return dataclasses.replace(
            placement, region=None, countries=(), known_region=True, origins=at, unresolved=reason, endpoint="?"
        )
    endpoint = match.endpoint
    region, from_host = catalog.region_via(api, match, placement.region)
    if not region and not endpoint.country:
        if endpoint.region_argument:
            return dataclasses.replace(placement, endpoint=endpoint.id)
        reason = f"its endpoint {match.host} names no location and {endpoint.name} places data without a region"
        return dataclasses.replace(
            placement, region=None, countries=(), known_region=True, unresolved=reason, endpoint=endpoint.id
        )
    entry = catalog.endpoint_region(endpoint, region or "")
    origins = placement.origins
    how = placement.how
    if from_host:
        origins, how = (Origin(origin.file, origin.line, "endpoint"),), "endpoint"
    elif origin not in origins:
        origins = (*origins, Origin(origin.file, origin.line, "endpoint"))
    return dataclasses.replace(
        placement,
        region=region or None,
        countries=entry.countries if entry else (),
        known_region=entry is not None,
        is_global=bool(entry and entry.is_global),
        how=how,
        origins=origins,
        unresolved="",
        endpoint=endpoint.id,
    )


def _offer(
    provider: Provider,
    placement: Placement,
    config: tuple[Located, Instance] | None,
    scope: ModuleScope,
    catalog: Catalog,
) -> str:
    wanted = {
        k
        for o in catalog.offers.values()
        if o["provider"] == provider.source
        for k in (o["match"].get("provider_argument") or {})
    }
    values: dict[str, Any] = {}
    if config is not None:
        for arg in sorted(wanted):
            found = _config_value(config, arg, scope)
            if found is not None:
                values[arg] = found[1]
    offer = catalog.offer_for(provider, placement.region, values)
    return offer["id"] if offer else ""


def _replicas(
    located: Located, provider: Provider, placement: Placement, scope: ModuleScope, catalog: Catalog
) -> tuple[tuple[str, tuple[str, ...], int], ...]:
    """Regions named by the type's replication arguments, and the paired region of geo-redundant storage."""
    rtype, body = located.block.labels[0], located.block.body
    start = len(scope.trail)
    found: list[tuple[str, tuple[str, ...], int]] = []
    for path in dict(provider.replication).get(rtype, ()):
        head = path.split(".")[0]
        line = located.block.lines.get(head, (located.block.line, 0))[0]
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
            if isinstance(mode, str) and mode.upper() in values and pair is not None:
                line = located.block.lines.get(argument, (located.block.line, 0))[0]
                found.append((pair.code, pair.countries, line))
    del scope.trail[start:]
    return tuple(found)


def _locate(located: Located, instance: Instance, ctx: Context, scope: ModuleScope) -> list[Placement]:
    """Resolve where one resource is, one placement per location it names; `scope` is shared for references."""
    module, catalog = instance.module, ctx.catalog
    key, provider = provider_of(located, module, catalog)
    if provider is None:
        return [Placement(provider=module.required.get(key[0], key[0]), located=False, via=instance.calls)]
    body = located.block.body
    rtype = located.block.labels[0]
    if provider.kind in ("utility", "cluster") or not is_located(rtype, body, provider):
        return [Placement(provider=provider.source, located=False, via=instance.calls)]
    start = len(scope.trail)
    for arg in shapes.location_args(rtype, provider):
        raws = shapes.values_at(body, arg)
        values = shapes.codes([scope.value(raw) for raw in raws])
        if not values:
            del scope.trail[start:]
            continue  # null means "not set": Terraform falls back to the provider
        line = located.block.lines.get(arg, located.block.lines.get(arg.split(".")[0], (located.block.line, 0)))[0]
        origins = [Origin(located.file, line, "literal"), *scope.trail[start:]]
        shown = f"{arg} = {_shown(raws[0])}"
        return [_placement(provider, value, origins, instance, catalog, shown) for value in values]
    label = ".".join(k for k in key if k)
    found = instance.provider(key)
    if found is not None:
        config, owner = found
        for arg in provider.provider_args:
            found_arg = provider_arg(config.block, arg)
            if found_arg is not None:
                raw, line = found_arg
                own = Origin(config.file, line, "provider configuration")
                value = scope.child(owner).value(raw)
                expression = f"provider {label}: {arg} = {_shown(raw)}"
                return [_placement(provider, value, [own, *scope.trail[start:]], instance, catalog, expression)]
    if not instance.library:  # in a reusable module the caller's provider decides, not a default
        default = documented_default(located.block.labels[0], provider)
        if default:
            origin = Origin(located.file, located.block.line, "documented default")
            how = "documented default"
            placed: Placement = catalog.placement(provider, default, how, (origin,), via=instance.calls)
            return [placed]
    if not provider.provider_args:  # only the resource itself can say where it is
        reason = f"it sets no {' or '.join(provider.location_args) or 'location'}"
    elif found is None:
        reason = f"no provider configuration '{label}' sets its location"
    else:
        reason = f"the provider configuration '{label}' sets no location (it would come from the environment)"
    return [Placement(provider=provider.source, unresolved=reason, library=instance.library, via=instance.calls)]


def documented_default(rtype: str, provider: Provider) -> str:
    """The region a resource of this type is created in when neither it nor its provider names one."""
    for glob, region in provider.type_defaults:
        if type_matches(rtype, (glob,)):
            return region
    return provider.provider_default


def provider_arg(block: Block, arg: str) -> tuple[Any, int] | None:
    """The raw value and line of a provider argument; `api.region` reaches into a nested block."""
    name = arg.partition(".")[0]
    raw = dotted(block.body, arg)
    if raw is MISSING:
        return None
    return raw, block.lines.get(arg, block.lines.get(name, (block.line, 0)))[0]


MISSING = object()  # what `dotted` gives for a path that is not there (None is a written null)


def dotted(value: Any, path: str) -> Any:
    """The value at a dotted path (`endpoints.s3`) through nested maps and blocks, or MISSING."""
    for step in path.split("."):
        if isinstance(value, list) and len(value) == 1:
            value = value[0]  # a nested block, as python-hcl2 gives it
        if not isinstance(value, dict) or step not in value:
            return MISSING
        value = value[step]
    return value


def _shown(raw: Any) -> str:
    """An expression as the user wrote it, more or less: `var.region`, not `${var.region}`."""
    text = str(raw)
    if text.startswith("${") and text.endswith("}") and text.count("${") == 1:
        text = text[2:-1]
    return text if len(text) <= 60 else text[:57] + "..."


def _placement(
    provider: Provider, value: Any, origins: list[Origin], instance: Instance, catalog: Catalog, expression: str
) -> Placement:
    how = origins[-1].what if len(origins) > 1 else origins[0].what
    if isinstance(value, Unknown) or not isinstance(value, str) or not value:
        why = value.reason if isinstance(value, Unknown) else f"the location is not a string ({value!r})"
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
