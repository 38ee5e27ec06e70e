"""Terraform plan JSON (`terraform show -json plan.out`): fully resolved values, the most precise input.

Resources come from `planned_values`; a resource's region is its own location value (AWS provider
v6 writes `region` on every resource), else the constant or variable its provider configuration
uses in `configuration`. Each resource is mapped back to the `.tf` block that declares it, through
the module calls of the configuration beside the plan; when there is none, the finding points at
the plan file and a note says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from sovlint.errors import ParseError
from sovlint.knowledge.catalog import Catalog
from sovlint.knowledge.records import Provider, type_matches
from sovlint.model import Origin, Placement, Resource
from sovlint.terraform import hosting, podimages
from sovlint.terraform.module import Located, TfModule
from sovlint.terraform.place import is_located
from sovlint.terraform.tfjson import load_json
from sovlint.terraform.tree import local_source

_INDEX = re.compile(r"\[[^\]]*\]")


def is_plan(text: str) -> bool:
    """A plan by its content: `format_version` and planned values or resource changes near the top."""
    head = text[:4096]
    return '"format_version"' in head and ('"planned_values"' in text or '"resource_changes"' in text)


class PlanScan:
    __slots__ = ("inventory", "notes", "covered")

    def __init__(self) -> None:
        self.inventory: list[tuple[Resource, Placement]] = []
        self.notes: list[str] = []
        self.covered: set[str] = set()  # root module directories the plan speaks for


def scan(
    text: str, path: str, directory: str, load: Callable[[str], TfModule | None], catalog: Catalog, kube: Any = None
) -> PlanScan:
    """Resources of one plan, mapped to `.tf` lines through the module in `directory` when it exists; `kube` reads
    the manifests and Helm values among its values (kubeimages.Readers)."""
    plan = load_json(text)
    if not isinstance(plan, dict):
        raise ParseError("not a Terraform plan: the document is not a JSON object")
    version = str(plan.get("format_version", ""))
    if not version.startswith(("0.", "1.")):  # 0.1 and 0.2 (Terraform 0.12 to 0.15) have the same shape
        raise ParseError(f"unsupported plan format version '{version}' (sovlint reads formats 0.x and 1.x)")
    result = PlanScan()
    root = load(directory)
    if root is not None:
        result.covered.add(directory)
    else:
        result.notes.append(f"{path}: no .tf files beside the plan; its findings point at the plan file")
    config = _object(plan, "configuration")
    variables = {k: v.get("value") for k, v in _object(plan, "variables").items() if isinstance(v, dict)}
    planned = _object(_object(plan, "planned_values"), "root_module", "planned_values.")
    items = [i for i in _resources(planned, "planned_values.root_module") if i.get("mode") == "managed"]
    alone = _parts_alone(items, catalog, lambda item, provider: _where(item, provider, config, variables))
    as_written = podimages.AsWritten(kube)
    for item in items:
        provider = catalog.provider(_source(item.get("provider_name", "")))
        if provider is not None and type_matches(item.get("type", ""), provider.operations):
            continue  # an operation on a resource (azapi_resource_action): it creates nothing
        declared = _declared(root, item["address"], load) if root else None
        file, line, end = (declared.file, declared.block.line, declared.block.end_line) if declared else (path, 1, 1)
        values = item.get("values") or {}
        pulled = podimages.images(item.get("type", ""), values, as_written)  # resolved in the plan
        resource = Resource(item["address"], item.get("type", ""), file, line, end, body=values, images=pulled)
        as_type = alone.get(item["address"], "")
        result.inventory.append((resource, _placement(item, provider, config, variables, catalog, path, as_type)))
    return result


def _parts_alone(
    items: list[dict[str, Any]], catalog: Catalog, where: Callable[[dict[str, Any], Provider], Any]
) -> dict[str, str]:
    """Parts (policies/resource_types `parts`) whose parent type the plan creates nowhere in their location, judged
    as that parent would be: the first of each module, parent type, provider and location, by address -> parent
    type (terraform/parts.py does the same for the configuration). `where`: the location of a planned resource."""
    providers = {name: catalog.provider(_source(name)) for name in {i.get("provider_name", "") for i in items}}
    parts: list[tuple[dict[str, Any], Provider, str]] = []
    for item in items:
        provider = providers[item.get("provider_name", "")]
        parent = catalog.part_of(provider, item.get("type", "")) if provider is not None else ""
        if provider is not None and parent and not type_matches(parent, provider.global_types):
            parts.append((item, provider, parent))
    if not parts:  # most plans: no location is worked out for this
        return {}
    parents = {parent for _, _, parent in parts}
    made = {
        (i.get("type", ""), _key(where(i, p)))
        for i in items
        if i.get("type", "") in parents and (p := providers[i.get("provider_name", "")]) is not None
    }
    first: dict[tuple[str, str, str, str], str] = {}
    for item, provider, parent in parts:
        at = _key(where(item, provider))
        if (parent, at) not in made:
            module = item["address"].rpartition(f"{item.get('type', '')}.")[0]
            first.setdefault((module, parent, item.get("provider_name", ""), at), item["address"])
    return {address: key[1] for key, address in first.items()}


def _key(value: Any) -> str:
    """A location value as a key: the plan's values are JSON (a list of regions, a number)."""
    return value if isinstance(value, str) else repr(value)


def _object(parent: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
    """parent[key] as an object ({} when absent); ParseError naming the place when it is something else."""
    value = parent.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ParseError(f"not a Terraform plan: {where}{key} is not an object")
    return value


def _list(parent: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = parent.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ParseError(f"not a Terraform plan: {where}.{key} is not a list of objects")
    return value


def _resources(module: dict[str, Any], where: str) -> Iterator[dict[str, Any]]:
    for item in _list(module, "resources", where):
        fields = (item.get("address"), item.get("type", ""), item.get("provider_name", ""), item.get("mode", ""))
        if not all(isinstance(f, str) for f in fields) or not isinstance(item.get("values") or {}, dict):
            raise ParseError(f"not a Terraform plan: a resource of {where} is not shaped as one")
        yield item
    for i, child in enumerate(_list(module, "child_modules", where)):
        yield from _resources(child, f"{where}.child_modules[{i}]")


def _source(provider_name: str) -> str:
    return "/".join(provider_name.lower().split("/")[-2:])


def _declared(root: TfModule, address: str, load: Callable[[str], TfModule | None]) -> Located | None:
    """The block that declares a planned resource: follow `module.NAME` steps through local calls."""
    import os

    parts = _INDEX.sub("", address).split(".")
    module = root
    while len(parts) > 2 and parts[0] == "module":
        call = module.calls.get(parts[1])
        source = local_source(call) if call else None
        child = load(os.path.normpath(os.path.join(module.directory, source))) if source else None
        if child is None:
            return call  # a remote module: point at the call that brings the resource in
        module, parts = child, parts[2:]
    return module.resources.get(".".join(parts[-2:]))


def _placement(
    item: dict[str, Any],
    provider: Provider | None,
    config: dict[str, Any],
    variables: dict[str, Any],
    catalog: Catalog,
    path: str,
    as_type: str = "",
) -> Placement:
    """Where a planned resource is; `as_type`: the parent type a part whose parent is not in the plan is judged as."""
    if provider is None or provider.places_nothing:
        return Placement(provider=provider.source if provider else "", located=False)
    values = item.get("values") or {}
    platform = catalog.platforms.get(provider.source)
    if platform is not None:  # a SaaS platform on someone else's cloud: the values name the cloud
        origin = Origin(path, 1, "plan")
        plain = Placement(provider=provider.source)
        found = hosting.locate(
            platform, item.get("type", ""), values, lambda raw: (raw, ()), lambda _: origin, plain, catalog
        )
        if found is not None:
            return found
    if not as_type and not is_located(item.get("type", ""), values, provider):
        return Placement(provider=provider.source, located=False)
    value = _where(item, provider, config, variables)
    if not isinstance(value, str) or not value:
        return Placement(provider=provider.source, unresolved="the plan does not say where its provider runs")
    placement: Placement = catalog.placement(provider, value, "plan", (Origin(path, 1, "plan"),))
    return placement


def _where(item: dict[str, Any], provider: Provider, config: dict[str, Any], variables: dict[str, Any]) -> Any:
    """The location value of a planned resource: its own (AWS provider v6 writes `region` on every resource), else
    its provider configuration's."""
    values = item.get("values") or {}
    value = next((values[a] for a in provider.location_args if values.get(a)), None)
    return _provider_region(item, provider, config, variables) if value is None else value


def _provider_region(
    item: dict[str, Any], provider: Provider, config: dict[str, Any], variables: dict[str, Any]
) -> Any:
    """The region of the provider configuration the resource uses, from the plan's configuration."""
    key = _config_key(config.get("root_module") or {}, _INDEX.sub("", item["address"]).split("."))
    configs = config.get("provider_config") or {}
    entry = configs.get(key or "") or configs.get(provider.prefix) or {}
    expressions = entry.get("expressions") or {}
    for arg in provider.provider_args:
        expression = expressions.get(arg) or {}
        if "constant_value" in expression:
            return expression["constant_value"]
        for ref in expression.get("references") or []:
            if ref.startswith("var.") and ref[4:] in variables:
                return variables[ref[4:]]
    return None


def _config_key(module: dict[str, Any], parts: list[str]) -> str | None:
    while len(parts) > 2 and parts[0] == "module":
        module = ((module.get("module_calls") or {}).get(parts[1]) or {}).get("module") or {}
        parts = parts[2:]
    address = ".".join(parts[-2:])
    for resource in module.get("resources") or []:
        if resource.get("address") == address:
            key = resource.get("provider_config_key")
            return str(key) if key else None
    return None
