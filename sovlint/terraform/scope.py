"""What a name means inside one module instance: variables, locals, module outputs, data sources, resources.

`ModuleScope` answers the references an expression makes, records where each value came from (the
trail that becomes "set at variables.tf:3"), and guards against reference cycles. Placement of a
referenced resource is asked back through `Context.place`, so this module knows nothing of location rules.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Provider
from sovlint.limits import BudgetExceeded, budget
from sovlint.model import Origin, Placement
from sovlint.terraform.files import fileset_function
from sovlint.terraform.lang import types
from sovlint.terraform.lang.eval import EvalError, Unknown, evaluate
from sovlint.terraform.lang.values import Unset, reference
from sovlint.terraform.module import Located, TfModule, argument_origin
from sovlint.terraform.syntax import Block
from sovlint.terraform.tree import Instance, local_source

T = TypeVar("T")

_MAX_DEPTH = 64  # reference chains longer than this are cycles or abuse


class Context(NamedTuple):
    catalog: Catalog
    load: Callable[[str], TfModule | None]  # a module directory → its parsed module
    place: Callable[[Located, Instance, ModuleScope], Placement]  # where a referenced resource is
    exists: Callable[[str], bool] = os.path.lexists  # whether a path names something, for fileset()
    read: Callable[[str], str | None] | None = None  # the text of a file of the scanned trees, for file() (texts.py)
    kube: Any = None  # the Kubernetes readers' answers (kubeimages.Readers), given by the engine


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
        self._functions: dict[str, Callable[..., Any]] | None = None

    @property
    def functions(self) -> dict[str, Callable[..., Any]]:
        """The functions whose answer depends on where Terraform runs: its working directory is the root's."""
        if self._functions is None:
            root = self.instance.root().module.directory
            self._functions = {"fileset": fileset_function(root, self.ctx.exists)}
        return self._functions

    def shared(self, slot: tuple[Any, ...], keep: Any, compute: Callable[[], T]) -> T:
        """compute(), worked out once per scan for `slot` (what a provider configuration says, the same for every
        resource of an instance) and replayed after, with the origins it added to the trail; `keep` holds the
        objects whose ids are in `slot`. As in `_guarded`, a value computed across a cycle or over the budget is
        not kept; nor is one met while a reference is followed (a cycle depends on where evaluation started)."""
        spend = budget()
        return self._memo(slot, keep, compute, not self._active and not spend.spent, once=False)  # type: ignore[no-any-return]

    def _memo(self, slot: tuple[Any, ...], keep: Any, compute: Callable[[], Any], reuse: bool, once: bool) -> Any:
        """compute() once per scan for `slot` when `reuse`, then the value replayed with the origins it added to the
        trail (with `once`, each origin once). A value computed across a cycle or over the budget depends on where
        evaluation started, and is not kept."""
        spend = budget()
        if reuse and slot in spend.memo:
            _, value, trail = spend.memo[slot]
            self.trail.extend(trail)
            return value
        start, cycles = len(self.trail), spend.cycles
        value = compute()
        if reuse and spend.cycles == cycles and not spend.exceeded:
            origins = self.trail[start:]
            if once:  # a value used twice was still set in one place
                origins = self.trail[start:] = list(dict.fromkeys(origins))
            spend.memo[slot] = (keep, value, origins)
        return value

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
        if root == "var" or root == "local":
            kept = budget().memo.get((id(self.instance), key))
            if kept is not None and key not in self._active and len(self._active) <= _MAX_DEPTH:
                self.trail.extend(kept[2])  # a value worked out before: what `_guarded` would replay
                return kept[1], 1
            work = self._variable if root == "var" else self._local
            return self._guarded(key, lambda: work(name), memo=True), 1
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
        """compute(), unless `key` is already being computed (a cycle); with `memo`, once per instance, replaying
        the origins it recorded (not kept when computed across a cycle or over the budget: see `_memo`)."""
        spend = budget()
        if key in self._active or len(self._active) > _MAX_DEPTH:
            spend.cycles += 1
            return Unknown(f"{key.rsplit('.', 2)[-2]}.{key.rsplit('.', 1)[-1]} refers to itself")

        def guarded() -> Any:
            self._active.append(key)
            try:
                return compute()
            finally:
                self._active.pop()

        return self._memo((id(self.instance), key), self.instance, guarded, memo, once=True)  # the id stays unique

    def _variable(self, name: str) -> Any:
        declared = self.module.variables.get(name)
        value = self._variable_value(name, declared)
        if declared is None:
            return value
        body = declared.block.body
        if value is None and body.get("nullable") is False and "default" in body:
            # `nullable = false`: a null input takes the default, as Terraform does
            self.trail.append(argument_origin(declared, "default", "variable default"))
            value = self.value(body["default"])
        return types.conform(value, types.constraint(body.get("type")))

    def _variable_value(self, name: str, declared: Located | None) -> Any:
        call = self.instance.call
        if call is not None and self.instance.parent is not None and name in call.block.body:
            self.trail.append(argument_origin(call, name, f"input of module.{call.block.labels[0]}"))
            return self.child(self.instance.parent, self.instance.binding).value(call.block.body[name])
        if call is None and name in self.module.values:
            raw, origin = self.module.values[name]
            if origin.file:
                self.trail.append(origin)
            return self.value(raw)
        if declared is None:
            return Unknown(f"var.{name} is not declared")
        if "default" not in declared.block.body:
            if call is not None:
                return Unset(f"var.{name} has no default and module.{call.block.labels[0]} does not set it")
            if self.instance.library:
                return Unknown(f"var.{name} has no default; it comes from the module's caller")
            return Unset(f"var.{name} has no default and no value in a .tfvars file, --var-file or --var")
        self.trail.append(argument_origin(declared, "default", "variable default"))
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
            return Unknown(_not_followed(name, call, source)), len(steps)
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
        key, provider = provider_of(located, self.module, self.ctx.catalog)
        if provider is not None and attr in dict(provider.echoes_own).get(dtype, ()):  # azurerm_location.location
            return self.value(located.block.body.get(attr, unknown)), 3
        if provider is not None and attr in dict(provider.echoes).get(dtype, ()):
            found = self._provider_value(key, (attr,) if attr == "zone" else None)
            return (found if found is not None else unknown), 3
        for data_type, rtype, by, attributes in provider.lookups if provider is not None else ():
            if data_type == dtype and attr in attributes:
                found = self._declared(located, rtype, by, attr)
                return (found if found is not None else unknown), 3
        return unknown, len(steps)

    def _declared(self, located: Located, rtype: str, by: str, attr: str) -> Any:
        """`attr` of the resource of type `rtype` in this module whose `by` argument is the data source's."""
        wanted = self.value(located.block.body.get(by))
        if isinstance(wanted, Unknown):
            return None
        for address, resource in self.module.resources.items():
            if address.startswith(f"{rtype}.") and self.value(resource.block.body.get(by)) == wanted:
                return self._resource_attr(rtype, [address.split(".", 1)[1], attr])[0]
        return None

    def _provider_value(self, key: tuple[str, str], args: tuple[str, ...] | None) -> Any:
        found = self.instance.provider(key)
        if found is None:
            return None
        config, owner = found
        provider = self.ctx.catalog.provider(self.module.required.get(key[0]) or key[0])
        for arg in args or (provider.provider_args if provider else ("region",)):
            found_arg = provider_arg(config.block, arg)
            if found_arg is not None:
                raw = found_arg[0]
                self.trail.append(argument_origin(config, arg, "provider configuration"))
                return self.child(owner).value(raw)
        return None

    def _resource_attr(self, rtype: str, steps: list[Any]) -> tuple[Any, int]:
        address = f"{rtype}.{steps[0]}"
        target = self.module.resources.get(address)
        if target is None:
            return Unknown(f"{address} is not a resource of this module"), len(steps)
        if len(steps) < 2:  # the resource as a whole: `for_each = aws_x.name`
            return self._guarded(f"{self.instance.prefix}{address}", lambda: self._instances(address, target)), 1
        used = 2
        if not isinstance(steps[1], str):  # aws_x.name[0].attr: every instance shares the location
            if len(steps) < 3:
                return Unknown(f"{address} as a whole is not evaluated"), len(steps)
            used = 3
        attr = str(steps[used - 1])
        body = target.block.body
        if attr in body:
            self.trail.append(argument_origin(target, attr, f"argument of {address}"))
            key = f"{self.instance.prefix}{address}.{attr}"
            return self._guarded(key, lambda: self.value(body[attr]), memo=not self.binding), used
        provider = provider_of(target, self.module, self.ctx.catalog)[1]
        if provider and attr in provider.location_args:
            placed = self._guarded(
                f"{self.instance.prefix}{address}", lambda: self.ctx.place(target, self.instance, self)
            )
            if isinstance(placed, Placement) and placed.region:
                return placed.region, used
            reason = placed.unresolved if isinstance(placed, Placement) else ""
            return Unknown(reason or f"{address}.{attr} is not known"), used
        return Unknown(f"{address}.{attr} is only known after apply"), used

    def _instances(self, address: str, target: Located) -> Any:
        """A resource as a value: its instance keys are known before apply, their attributes are not."""
        body = target.block.body
        later = Unknown(f"the attributes of {address} are only known after apply")
        if "for_each" in body:
            each = self.value(body["for_each"])
            if isinstance(each, list) and all(isinstance(k, str) for k in each):
                each = dict.fromkeys(each)
            if isinstance(each, dict):
                return {str(k): later for k in each}
            return each if isinstance(each, Unknown) else later
        if "count" in body:
            count = self.value(body["count"])
            if isinstance(count, int) and not isinstance(count, bool):
                budget().size(count, "instances")
                return [later] * max(0, count)
            return count if isinstance(count, Unknown) else later
        return later


def _not_followed(name: str, call: Located | None, source: str | None) -> str:
    """Why module.NAME's outputs are not known: not declared, not downloaded, or not readable."""
    if call is None:
        return f"module.{name} is not declared in this module"
    if source is None:
        remote = call.block.body.get("source")
        shown = remote if isinstance(remote, str) and len(remote) <= 80 else "a remote source"
        return f"module.{name} comes from {shown}, which is not downloaded"
    return f"module.{name} ({source}) cannot be read"


def _join(directory: str, source: str | None) -> str:
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


def provider_arg(block: Block, arg: str) -> tuple[Any, int] | None:
    """The raw value and line of a provider argument; `api.region` reaches into a nested block."""
    name = arg.partition(".")[0]
    raw = dotted(block.body, arg)
    if raw is MISSING:
        return None
    return raw, block.lines.get(arg, block.lines.get(name, (block.line, 0)))[0]


def configured(config: tuple[Located, Instance], arg: str, scope: ModuleScope) -> tuple[Any, Any, Origin] | None:
    """A provider configuration argument: its raw expression, its value and where it is written, worked out once
    per configuration, instance and argument (the same for each resource that uses it); the origins its value
    followed are added to `scope.trail`."""
    block, owner = config

    def compute() -> tuple[Any, Any, Origin] | None:
        found = provider_arg(block.block, arg)
        if found is None:
            return None
        return found[0], scope.child(owner).value(found[0]), argument_origin(block, arg, "provider configuration")

    return scope.shared(("provider argument", id(block), id(owner), arg), owner, compute)


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


def shown(raw: Any) -> str:
    """An expression as the user wrote it, more or less: `var.region`, not `${var.region}`."""
    text = str(raw)
    if text.startswith("${") and text.endswith("}") and text.count("${") == 1:
        text = text[2:-1]
    return text if len(text) <= 60 else text[:57] + "..."
