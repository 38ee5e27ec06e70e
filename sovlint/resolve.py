"""Resource → Placement: where a Terraform resource runs, resolved the way Terraform would.

Order: the resource's own location argument → the provider configuration it uses (aliases
included) → variables (defaults, tfvars) → locals → references to other resources. What cannot
be known statically is returned as unresolved with the reason, never guessed.
"""

from __future__ import annotations

import fnmatch
from typing import Any

from sovlint.catalog import Catalog, Provider
from sovlint.expr import EvalError, Unknown, evaluate
from sovlint.model import Origin, Placement
from sovlint.tfmodule import Located, TfModule

_MAX_DEPTH = 50  # reference chains longer than this are cycles or abuse


class ModuleScope:
    """Answers `var.`, `local.` and resource references inside one module, recording where values came from."""

    def __init__(self, module: TfModule, catalog: Catalog) -> None:
        self.module = module
        self.catalog = catalog
        self.trail: list[Origin] = []
        self._active: list[str] = []

    def value(self, raw: Any) -> Any:
        try:
            return evaluate(raw, self)
        except EvalError as exc:
            return Unknown(f"the expression is invalid ({exc})")

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if not steps:
            return Unknown(f"'{root}' is not a value sovlint can evaluate"), 0
        name = str(steps[0])
        if root == "var":
            return self._guarded(f"var.{name}", lambda: self._variable(name)), 1
        if root == "local":
            return self._guarded(f"local.{name}", lambda: self._local(name)), 1
        if root in ("data", "module", "count", "each", "path", "terraform", "self"):
            return Unknown(f"{root}.{name} is only known when Terraform runs"), len(steps)
        return self._resource_attr(root, steps)

    def _guarded(self, key: str, compute: Any) -> Any:
        if key in self._active or len(self._active) > _MAX_DEPTH:
            return Unknown(f"{key} refers to itself")
        self._active.append(key)
        try:
            return compute()
        finally:
            self._active.pop()

    def _variable(self, name: str) -> Any:
        if name in self.module.values:
            raw, origin = self.module.values[name]
            self.trail.append(origin)
            return self.value(raw)
        declared = self.module.variables.get(name)
        if declared is None:
            return Unknown(f"var.{name} is not declared")
        if "default" not in declared.block.body or declared.block.body["default"] is None:
            who = "the module's caller" if self.module.library else "a .tfvars file or -var"
            return Unknown(f"var.{name} has no default and is not set here (it comes from {who})")
        line = declared.block.lines.get("default", (declared.block.line, 0))[0]
        self.trail.append(Origin(declared.file, line, "variable default"))
        return self.value(declared.block.body["default"])

    def _local(self, name: str) -> Any:
        if name not in self.module.locals:
            return Unknown(f"local.{name} is not defined")
        raw, origin = self.module.locals[name]
        self.trail.append(origin)
        return self.value(raw)

    def _resource_attr(self, rtype: str, steps: list[Any]) -> tuple[Any, int]:
        address = f"{rtype}.{steps[0]}"
        target = self.module.resources.get(address)
        if target is None or len(steps) < 2:
            return Unknown(f"{address} is not a resource of this module"), len(steps)
        attr = str(steps[1])
        body = target.block.body
        if attr in body:
            line = target.block.lines.get(attr, (target.block.line, 0))[0]
            self.trail.append(Origin(target.file, line, f"argument of {address}"))
            return self._guarded(f"{address}.{attr}", lambda: self.value(body[attr])), 2
        provider = provider_of(target, self.module, self.catalog)[1]
        if provider and attr in provider.location_args:
            placed = self._guarded(address, lambda: place(target, self.module, self.catalog, self))
            if isinstance(placed, Placement) and placed.region:
                return placed.region, 2
            return Unknown(getattr(placed, "unresolved", "") or f"{address}.{attr} is not known"), 2
        return Unknown(f"{address}.{attr} is only known after apply"), 2


def provider_of(located: Located, module: TfModule, catalog: Catalog) -> tuple[tuple[str, str], Provider | None]:
    """The provider configuration key (local name, alias) a resource uses, and the catalog entry."""
    meta = located.block.body.get("provider")
    if isinstance(meta, str):
        ref = meta.removeprefix("${").removesuffix("}").strip()
        name, _, alias = ref.partition(".")
    else:
        name, alias = located.block.labels[0].split("_", 1)[0], ""
    source = module.required.get(name) or name
    return (name, alias), catalog.provider(source) or catalog.provider(name)


def is_located(rtype: str, body: dict[str, Any], provider: Provider) -> bool:
    if any(arg in body for arg in provider.location_args):
        return True
    if any(fnmatch.fnmatchcase(rtype, glob) for glob in provider.unlocated):
        return False
    return any(fnmatch.fnmatchcase(rtype, glob) for glob in provider.located)


def place(located: Located, module: TfModule, catalog: Catalog, scope: ModuleScope | None = None) -> Placement:
    """Resolve where one resource is; `scope` is shared when called for a reference."""
    key, provider = provider_of(located, module, catalog)
    if provider is None:
        return Placement(provider=module.required.get(key[0], key[0]), located=False)
    body = located.block.body
    if not is_located(located.block.labels[0], body, provider):
        return Placement(provider=provider.source, located=False)
    scope = scope or ModuleScope(module, catalog)
    start = len(scope.trail)
    for arg in provider.location_args:
        if arg in body:
            line = located.block.lines.get(arg, (located.block.line, 0))[0]
            own = Origin(located.file, line, "literal")
            return _placement(provider, scope.value(body[arg]), [own, *scope.trail[start:]], module, catalog)
    config = module.providers.get(key)
    label = ".".join(k for k in key if k)
    if config is None:
        reason = f"no provider configuration '{label}' sets its location"
        return Placement(provider=provider.source, unresolved=reason, library=module.library)
    for arg in provider.provider_args:
        if arg in config.block.body:
            line = config.block.lines.get(arg, (config.block.line, 0))[0]
            own = Origin(config.file, line, "provider configuration")
            return _placement(
                provider, scope.value(config.block.body[arg]), [own, *scope.trail[start:]], module, catalog
            )
    reason = f"the provider configuration '{label}' sets no location (it would come from the environment)"
    return Placement(provider=provider.source, unresolved=reason, library=module.library)


def _placement(provider: Provider, value: Any, origins: list[Origin], module: TfModule, catalog: Catalog) -> Placement:
    how = origins[-1].what if len(origins) > 1 else origins[0].what
    if isinstance(value, Unknown):
        return Placement(
            provider=provider.source, unresolved=value.reason, origins=tuple(origins), library=module.library
        )
    if not isinstance(value, str) or not value:
        return Placement(provider=provider.source, unresolved=f"the location is not a string ({value!r})")
    region = catalog.region(provider, value)
    if region is None:
        return Placement(provider=provider.source, region=value, known_region=False, how=how, origins=tuple(origins))
    return Placement(
        provider=provider.source, region=value, countries=region.countries, how=how, origins=tuple(origins)
    )
