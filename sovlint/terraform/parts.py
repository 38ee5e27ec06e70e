"""Parts whose parent is elsewhere: a bucket's policy for a bucket that another configuration manages.

A part (policies/resource_types `parts`: a secret's version, a bucket's policy, a node pool) has no location
of its own; its parent carries it and is reported. When no resource of the parent's type is behind the part's
arguments (`secret_id = var.secret_id` with no caller passing a secret of this configuration, a data source, a
literal ARN), the parent is not in the scan: the part is then placed as the parent would be, by its provider
configuration (or its own location argument), and judged once for each location that the created parts of that
parent type and configuration name in the module instance, by one certainly created where there is one. A
location that a resource of the parent type under that configuration in the instance also has is reported by it
(the bucket and its policy named by the same variable). A part whose provider places nothing (azurerm: each
resource names its location) and that names none itself stays unjudged: only its parent can say where it is.
"""

from __future__ import annotations

import os
from typing import Any

from sovlint.knowledge.records import Provider, is_located, own_type, type_matches
from sovlint.terraform import shapes
from sovlint.terraform.existence import existence
from sovlint.terraform.lang.eval import references
from sovlint.terraform.module import Located
from sovlint.terraform.scope import Context, ModuleScope, provider_of, shown
from sovlint.terraform.tree import Instance, local_source

_MAX_STEPS = 256  # references followed for one part: beyond, its parent is taken to be in the scan
_META = frozenset({"provider", "lifecycle"})  # arguments that name no parent
Spot = tuple[str, int]  # a block's file and line


def judged_alone(located: Located, provider: Provider, instance: Instance, ctx: Context, scope: ModuleScope) -> str:
    """The parent type a part is judged for, when its parent is not in the scan and it speaks for its slot of the
    instance (see `_judged`); '' otherwise (not judged under SOV1xx)."""
    rtype = located.block.labels[0]
    parent = ctx.catalog.part_of(provider, rtype)
    if not parent or _global(parent, provider):
        return ""
    body = located.block.body
    if not provider.provider_args and not any(shapes.values_at(body, a) for a in shapes.location_args(rtype, provider)):
        return ""  # neither its provider nor itself can say where it is (an Azure subnet): its parent says it
    key = provider_of(located, instance.module, ctx.catalog)[0]
    slot = ("parts elsewhere", id(instance), parent, key)
    judged = scope.shared(slot, instance, lambda: _judged(parent, key, provider, instance, ctx))
    return parent if (located.file, located.block.line) in judged else ""


def _global(parent: str, provider: Provider) -> bool:
    """A parent that is a global service (a DNS zone) has no region its parts could be judged by."""
    return type_matches(parent, provider.global_types)


def _judged(parent: str, key: tuple[str, str], provider: Provider, instance: Instance, ctx: Context) -> frozenset[Spot]:
    """The parts of a parent type and provider configuration in an instance that are judged: of those created
    whose parent is not in the scan, one for each location they name (the provider configuration's, or the one a
    part writes itself), certainly created rather than perhaps, first in the module's order. A location that a
    resource of the parent type under that configuration has too is reported by that resource: no part for it."""
    module, scope = instance.module, ModuleScope(instance, ctx)
    taken: set[tuple[str, ...]] = set()
    chosen: dict[tuple[str, ...], tuple[bool, Spot]] = {}
    for located in module.resources.values():
        if provider_of(located, module, ctx.catalog)[0] != key:
            continue
        rtype = located.block.labels[0]
        is_parent = rtype == parent
        if not is_parent and ctx.catalog.part_of(provider, rtype) != parent:
            continue
        created, why = existence(located.block.body, scope)
        if not created:
            continue  # count = 0 or an empty for_each: nothing to judge, nothing to report for
        where = _own_location(located, parent, provider, scope)
        if is_parent:
            taken.add(where)
        elif _rather(chosen.get(where), why) and not _refers_to(parent, located.block.body, instance, ctx):
            chosen[where] = (bool(why), (located.file, located.block.line))
    return frozenset(spot for where, (_, spot) in chosen.items() if where not in taken)


def _rather(chosen: tuple[bool, Spot] | None, why: str) -> bool:
    """Whether a part speaks for its location rather than the one chosen so far: the first, or the first certainly
    created after one that is created only perhaps (`why` says why its existence is not known)."""
    return chosen is None or (chosen[0] and not why)


def _own_location(located: Located, parent: str, provider: Provider, scope: ModuleScope) -> tuple[str, ...]:
    """The location a resource writes itself, as the parent type reads it (`region = "us-east-1"`); () when it
    writes none (its provider configuration places it); its own block when the value is not a known code."""
    start = len(scope.trail)
    try:
        for arg in shapes.location_args(parent, provider):
            raws = shapes.values_at(located.block.body, arg)
            values = shapes.codes([scope.value(raw) for raw in raws])
            if all(isinstance(v, str) for v in values) and values:
                return (arg, *values)
            if values:  # not known statically: the same expression says the same, unless it varies by instance
                text = tuple(shown(raw) for raw in raws)
                bound = any(r.startswith(("each.", "count.")) for raw in raws for r in references(raw))
                return (located.file, str(located.block.line)) if bound else ("?", arg, *text)
        return ()
    finally:
        del scope.trail[start:]


def _refers_to(rtype: str, body: dict[str, Any], instance: Instance, ctx: Context) -> bool:
    """Whether the arguments of a block lead to a resource of `rtype` in the configuration, or to another located
    resource of it, through variables (the caller's inputs), locals, local modules' outputs and other parts. A
    module output that cannot be followed counts as leading to one: that module's resources are the
    configuration's, not another's."""
    todo: list[tuple[Any, Instance]] = [(v, instance) for k, v in body.items() if k not in _META]
    seen: set[tuple[str, int]] = set()
    steps = 0
    while todo:
        value, where = todo.pop()
        for name in references(value):
            steps += 1
            if steps > _MAX_STEPS:
                return True
            if (name, id(where)) in seen:
                continue
            seen.add((name, id(where)))
            found = _follow(name, rtype, where, ctx)
            if found is True:
                return True
            if found:
                todo += found
    return False


def _follow(name: str, rtype: str, where: Instance, ctx: Context) -> bool | list[tuple[Any, Instance]]:
    """True when a reference names a resource of `rtype` (or a module output that cannot be followed); else the
    expressions it stands for, each in the instance where it is evaluated."""
    root, _, rest = name.partition(".")
    head = rest.partition(".")[0]
    module = where.module
    if root == rtype:
        return True
    if root == "var":
        call, parent = where.call, where.parent
        if call is not None and parent is not None and head in call.block.body:
            return [(v, parent) for v in _input(call.block.body, head)]
        declared = module.variables.get(head)
        return [(declared.block.body.get("default"), where)] if declared is not None else []
    if root == "local":
        found = module.locals.get(head)
        return [(found[0], where)] if found is not None else []
    if root == "module":
        return _output(head, rest.partition(".")[2], where, ctx)
    target = module.resources.get(f"{root}.{head}")
    return _through(target, where, ctx) if target is not None else []


def _input(body: dict[str, Any], name: str) -> list[Any]:
    """A module call's input, and the call's for_each when the input reads `each` (`bucket = each.value.id` with
    `for_each = aws_s3_bucket.b`): what each instance is given comes from there. (A `count.index` is a number:
    an input indexed by it names its collection itself.)"""
    value = body[name]
    each = "for_each" in body and any(r.startswith("each.") for r in references(value))
    return [value, body["for_each"]] if each else [value]


def _through(target: Located, where: Instance, ctx: Context) -> bool | list[tuple[Any, Instance]]:
    """A resource of the configuration that the part names: another part leads on through its own arguments (a
    security group rule to its group, the group to its VPC); a located resource is judged itself, and what is
    attached to it is in the scan (a tag on the security group an EKS cluster creates)."""
    rtype, body = target.block.labels[0], target.block.body
    provider = provider_of(target, where.module, ctx.catalog)[1]
    if provider is None or not isinstance(body, dict):
        return []
    if ctx.catalog.part_of(provider, rtype):
        return [(v, where) for k, v in body.items() if k not in _META]
    writes = any(shapes.values_at(body, a) for a in shapes.location_args(rtype, provider))
    return is_located(own_type(rtype, body, provider), provider, writes) or []


def _output(call_name: str, output: str, where: Instance, ctx: Context) -> bool | list[tuple[Any, Instance]]:
    call = where.module.calls.get(call_name)
    source = local_source(call) if call is not None else None
    child = ctx.load(os.path.normpath(os.path.join(where.module.directory, source))) if source else None
    if call is None or child is None:
        return call is not None  # a remote module's resources are the configuration's too
    found = child.outputs.get(output.partition("[")[0])
    if found is None:
        return False
    inner = Instance(child, f"{where.prefix}module.{call_name}.", where, call, {}, where.library)
    return [(found.block.body.get("value"), inner)]
