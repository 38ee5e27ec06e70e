"""Terraform in a scan: the root modules among the named files, expanded through their module calls, and plans."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Protocol

from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError, parse_error, unexpected
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import records
from sovlint.limits import Budget, Limits, budget, evaluation, within
from sovlint.model import Finding, Kind, Origin, Placement, Resource
from sovlint.stored import Unit
from sovlint.terraform.loader import Reader, scanning
from sovlint.terraform.module import Located, directory_of
from sovlint.terraform.remember import Kept, Memory, Run
from sovlint.terraform.unknown import unknown_endpoints, unknown_providers

if TYPE_CHECKING:
    from sovlint.terraform import terragrunt
    from sovlint.terraform.scope import Context


class Inputs(Protocol):
    """What a Terraform scan needs of the scan's options."""

    @property
    def var_files(self) -> tuple[str, ...]: ...
    @property
    def variables(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def use_env(self) -> bool: ...
    @property
    def roots(self) -> tuple[str, ...]: ...
    @property
    def limits(self) -> Limits: ...


def scan(
    files: list[SourceFile], options: Inputs, catalog: catalog_mod.Catalog, parser: Reader, kept: Kept | None, kube: Any
) -> TerraformScan:
    """Every root module among the named files' directories, expanded through its local module calls.

    With `kept`, a root module whose inputs are all unchanged since a previous run is taken from its
    entry (remember.py) instead of being evaluated. `kube` reads manifests and Helm values (kubeimages.Readers)."""
    from sovlint.terraform.tree import Tree

    loader = scanning(files, options, parser)
    named = loader.named
    memory = Memory(kept if kept is not None and kept.base else None, loader)
    summaries = {d: memory.summary(d) for d in sorted({directory_of(f.path) for f in named.values()})}
    called = {os.path.normpath(os.path.join(d, s)) for d, (_, calls) in summaries.items() for s in calls}
    scan_findings: list[Finding] = []
    with evaluation(Budget(options.limits)):  # each unit is read with the budget of a root module
        units = _units(files, loader, scan_findings)
    called |= {u.source for u in units if u.source}  # a module a unit runs is evaluated with the unit's inputs
    ctx = functools.cache(functools.partial(_context, catalog, memory, kube))
    scan = TerraformScan(findings=scan_findings)
    tree = Tree(
        memory.load,
        evaluate_count=lambda instance, call: _call_instances(instance, call, ctx(), limited),
        inside=loader.allowed,
        downloaded=memory.downloaded,
    )
    limited = tree.limited  # held by the counting function, not the tree: a cycle kept every parsed block to the end
    covered, planned = _plans([f for f in files if f.kind == "json"], loader, catalog, scan, options, kube)
    seen: set[str] = set()  # module directories whose providers were checked against the catalog
    with evaluation(Budget(options.limits)) as spend:
        for directory, (terraform, _) in summaries.items():
            if not terraform or directory in called:
                continue  # evaluated through its callers, with their inputs (even when it configures a provider)
            spend.root()
            found = None if directory in covered else memory.recall(directory, seen, spend)
            if found is None:
                _root(directory, memory, tree, ctx(), scan, seen, directory in covered)
                continue
            seen |= found.directories
            scan.units.append(Unit(memory.keys[directory], len(scan.inventory), found.items, judged=found.judged))
            scan.inventory += found.items
            scan.findings += found.findings
            loader.findings += found.loader_findings
            scan.notes += found.notes
        states: set[tuple[Any, ...]] = set()
        if units:  # the Terragrunt reader is imported only when there are units
            from sovlint.terraform import terragrunt
        for unit in units:
            spend.root()
            scan.inventory += [b for b in terragrunt.backends(unit, catalog) if terragrunt.first(b, states)]
            scan.notes += unit.notes
            instances = tree.expand(terragrunt.unit_module(unit, loader.module), unit.calls)
            modules = {i.module.directory: i.module for i in instances if i.module.directory not in seen}
            seen |= modules.keys()  # a provider the catalog does not know, in the module a unit runs
            scan.inventory += [pair for m in modules.values() for pair in unknown_providers(m, ctx().catalog)]
            for instance in instances:
                resources = _instance_resources(instance, ctx(), scan)
                scan.inventory += resources + unknown_endpoints(resources)
    memory.flush()
    scan.trace = None if units or planned else memory.traced(list(summaries))  # a plan reads its directory, unnamed
    scan.findings += [_budget_finding(call.file, call.block.line, why) for call, why in tree.limited]
    scan.findings += loader.findings
    scan.notes += loader.notes + tree.notes
    return scan


def _context(catalog: catalog_mod.Catalog, memory: Memory, kube: Any) -> Context:
    from sovlint.terraform import place  # when a root module is evaluated: a scan whose roots are all kept places none

    return place.context(catalog, memory.load)._replace(exists=memory.exists, read=memory.read, kube=kube)


def _root(
    directory: str, memory: Memory, tree: Any, ctx: Context, scan: TerraformScan, seen: set[str], covered: bool
) -> None:
    """Evaluate one root module into the scan, and keep it as a unit when it can be kept."""
    module = memory.load(directory)
    if module is None:
        return
    mark = memory.begin(len(scan.inventory), len(scan.findings), len(tree.notes), len(tree.limited))
    run = Run(scan.inventory, scan.findings, tree.notes, tree.limited, kept=not covered)
    memory.loader.values(module)
    try:
        instances = tree.expand(module)
    except Exception as exc:  # a defect must cost this root module, not the whole scan
        scan.findings.append(_unevaluated(memory.loader.named, module.directory, exc))
        run.kept = False
        memory.end(directory, mark, run, budget())
        return
    run.instance_modules = [i.module for i in instances]
    for other in sorted({m.directory for m in run.instance_modules} - seen):
        seen.add(other)
        run.unseen.append(other)
        scan.inventory += unknown_providers(next(m for m in run.instance_modules if m.directory == other), ctx.catalog)
    for instance in instances:
        resources = _instance_resources(instance, ctx, scan)
        if covered:  # the plan speaks for this root: keep only its backend
            resources = [(r, p) for r, p in resources if r.kind == Kind.BACKEND]
        scan.inventory += resources + unknown_endpoints(resources)
    unit = memory.end(directory, mark, run, budget())
    if unit is not None:
        scan.units.append(unit)


def _budget_finding(file: str, line: int, why: str) -> Finding:
    return parse_error(file, ParseError(f"could not evaluate: {why}", line))


def _unevaluated(named: dict[str, SourceFile], directory: str, exc: Exception) -> Finding:
    here = [f for f in named.values() if directory_of(f.path) == directory]
    first = min(here, key=lambda f: f.path) if here else SourceFile(directory, "", "terraform")
    return parse_error(first.path, ParseError(f"could not evaluate the module: {type(exc).__name__}: {exc}"))


def _units(files: list[SourceFile], loader: Any, findings: list[Finding]) -> list[terragrunt.Unit]:
    """The Terragrunt units among `files`: none, and no import of their reader, when no Terragrunt file is named."""
    if not any(f.kind == "terragrunt" for f in files):
        return []
    from sovlint.terraform import terragrunt

    return terragrunt.units(files, loader, findings)


def _plans(
    files: list[SourceFile], loader: Any, catalog: catalog_mod.Catalog, scan: TerraformScan, options: Inputs, kube: Any
) -> tuple[set[str], bool]:
    """Scan the plan JSON files among `files`: the root directories they speak for, and whether one was a plan."""
    covered, planned = set[str](), False
    if not files:
        return covered, planned
    from sovlint.terraform import plan

    for source in files:
        try:
            if source.text is None and not _head(source.real).lstrip().startswith("{"):
                continue
            text = read_text(source, options.limits)
            if not plan.is_plan(text):
                continue  # other JSON (package.json, …) is not ours
            path, load, planned = source.path, loader.module, True
            work = functools.partial(plan.scan, text, path, directory_of(path), load, catalog, kube)
            result = within(options.limits.timeout_s, work)
        except ParseError as error:
            scan.findings.append(parse_error(source.path, error))
            continue
        except Exception as exc:  # whatever a plan holds, it costs this file a SOV000, not the scan
            scan.findings.append(parse_error(source.path, ParseError(unexpected(exc))))
            continue
        scan.inventory += result.inventory
        scan.notes += result.notes
        scan.planned.update(r.file for r, _ in result.inventory)
        covered |= result.covered
    return covered, planned


def _head(path: str, size: int = 4096) -> str:
    try:
        with open(path, "rb") as fh:
            return fh.read(size).decode("utf-8", "replace")
    except OSError:
        return ""


class TerraformScan:
    __slots__ = ("inventory", "findings", "notes", "planned", "units", "trace")

    def __init__(self, findings: list[Finding] | None = None) -> None:
        self.inventory: list[tuple[Resource, Placement]] = []
        self.findings: list[Finding] = [] if findings is None else findings
        self.notes: list[str] = []
        self.planned: set[str] = set()  # files whose findings a named plan decides
        self.units: list[Unit] = []  # roots to keep, or kept: items from `start` in inventory
        self.trace: dict[str, Any] | None = None  # what it depended on beyond the named files (remember.py)


def _call_instances(instance: Any, call: Located, ctx: Context, limited: list[Any]) -> list[dict[str, Any]] | None:
    """count/for_each of a module call: the instance bindings, or None when unknown or absent."""
    from sovlint.terraform import instances
    from sovlint.terraform.scope import ModuleScope
    from sovlint.terraform.tree import MAX_INSTANCES

    found = instances.bindings(call.block.body, ModuleScope(instance, ctx), MAX_INSTANCES + 1)
    why = budget().reported()
    if why:
        limited.append((call, f"module.{call.block.labels[0]}: {why}"))
    return found


def _instance_resources(instance: Any, ctx: Context, scan: TerraformScan) -> list[tuple[Resource, Placement]]:
    from sovlint.terraform import instances, podimages
    from sovlint.terraform.place import existence, gate
    from sovlint.terraform.scope import ModuleScope

    out: list[tuple[Resource, Placement]] = []
    scope = ModuleScope(instance, ctx)
    inherited = _call_condition(instance, ctx)
    for address, located in instance.module.resources.items():
        block = located.block
        try:
            created, why = existence(block.body, scope, gated := gate(block.body, scope))  # then its instances
            if not created:
                continue  # count = 0 or an empty for_each: Terraform creates nothing
            condition = f"{inherited}; {why}" if inherited and why else inherited or why
            groups = [
                (label, [p._replace(condition=condition) if condition else p for p in placements])
                for label, placements in instances.judged(located, instance, ctx, scope, gated)
            ]
            lines = None if _downloaded(located.file) else block.lines  # moved to the module call (_at_call)
            pulled = podimages.images(block.labels[0], block.body, scope, lines)  # containers, manifests (SOV203)
        except Exception as exc:  # a defect must cost this resource, not the whole scan
            deep = isinstance(exc, RecursionError)  # blocks nested thousands deep: read, not evaluated
            why = "nested too deeply to evaluate" if deep else f"an internal error ({type(exc).__name__}: {exc})"
            scan.findings.append(_budget_finding(located.file, block.line, f"{instance.prefix}{address}: {why}"))
            continue
        finally:
            if spent := budget().reported():
                scan.findings.append(_budget_finding(located.file, block.line, f"{instance.prefix}{address}: {spent}"))
        for label, placements in groups:
            full = instance.prefix + address + label
            resource = Resource(full, block.labels[0], located.file, block.line, block.end_line, body=block.body)
            out += [_at_call(resource._replace(images=pulled), p, instance.calls) for p in placements]
    if not instance.prefix:
        for located in instance.module.backends:  # a unit's generated backend: through what runs the unit
            out.extend(
                (r, p._replace(via=instance.calls) if instance.calls else p) for r, p in _backends(located, ctx.catalog)
            )
    return out


DOWNLOADED = ("/.terraform/modules/", "/.terragrunt-cache/")  # code terraform init or Terragrunt downloaded


def _call_condition(instance: Any, ctx: Context) -> str:
    """Why the module calls that lead to an instance may create nothing, when their count or for_each is unknown."""
    from sovlint.terraform.place import existence
    from sovlint.terraform.scope import ModuleScope

    reasons: list[str] = []
    node = instance
    while node.parent is not None and node.call is not None:
        if not node.binding:  # an instance of an unknown count/for_each has no binding
            why = existence(node.call.block.body, ModuleScope(node.parent, ctx))[1]
            if why:
                reasons.append(f"module.{node.call.block.labels[0]}: {why}")
        node = node.parent
    return "; ".join(reversed(reasons))


def _at_call(resource: Resource, placement: Placement, calls: tuple[Origin, ...]) -> tuple[Resource, Placement]:
    """A resource of downloaded code is reported at the module call in the user's code that reaches it,
    the place that can be changed; where it is declared becomes a related location."""
    if not _downloaded(resource.file):
        return resource, placement
    call = next((o for o in reversed(calls) if not _downloaded(o.file)), None)
    if call is None:
        return resource, placement
    declared = Origin(resource.file, resource.line, f"{resource.address} declared")
    moved = resource._replace(file=call.file, line=call.line, end_line=call.line)
    return moved, placement._replace(via=(*calls, declared))


@functools.lru_cache(maxsize=4096)  # asked for each resource of a file
def _downloaded(file: str) -> bool:
    return any(part in f"/{file}" for part in DOWNLOADED)


def _backends(located: Located, catalog: catalog_mod.Catalog) -> list[tuple[Resource, Placement]]:
    block = located.block
    entries = [(name, cfg) for b in block.body.get("backend") or [] for name, cfg in b.items()]
    if block.body.get("cloud"):
        entries.append(("cloud", {}))
    out = []
    for name, config in entries:
        path = "cloud" if name == "cloud" else f"backend.{name}"
        start, end = block.lines.get(path, (block.line, block.end_line))
        address = "terraform.cloud" if name == "cloud" else f"terraform.backend.{name}"
        resource = Resource(address, name, located.file, start, end, kind=Kind.BACKEND, body=config)
        out.append((resource, _backend_placement(name, config, catalog, located.file, block.lines)))
    return out


def _backend_placement(
    name: str, config: dict[str, Any], catalog: catalog_mod.Catalog, file: str, lines: dict[str, tuple[int, int]]
) -> Placement:
    spec = catalog.backends.get(name) or {}
    provider = catalog.provider(spec.get("provider", "")) if spec.get("provider") else None
    region_arg = spec.get("region_arg") or spec.get("terragrunt_region_arg", "")  # gcs: only Terragrunt's has one
    region = config.get(region_arg) if region_arg else None
    if not isinstance(region, str) or "${" in region:
        region = None
    endpoint: records.Endpoint | None = None
    urls = [
        (api, url)
        for api in catalog.apis.values()
        for arg in dict(api.backend).get(name, ())
        if (url := _backend_arg(config, arg))
    ]
    if urls:
        api, url = urls[0]
        match = catalog.endpoint(api.endpoints_of, url)
        if match.local:  # a test double on this machine: no operator, no location
            return Placement(provider=spec.get("provider", ""), located=False, endpoint="local")
        if match.endpoint is None:  # who runs it is not in the catalog: not judged, and said so (SOV204)
            why = (
                f"its endpoint {match.host or url} is not an operator sovlint knows: where the state is stored"
                " and who runs it cannot be told (declare it under endpoints: in .sovlint.yaml)"
            )
            return Placement(provider=spec.get("provider", ""), located=False, endpoint="?", unresolved=why)
        endpoint, region = match.endpoint, catalog.region_via(api, match, region)[0]
    if endpoint is not None and (region or endpoint.country):
        found = catalog.endpoint_region(endpoint, region or "")
    elif provider is not None and region:
        found = catalog.region(provider, region)
    else:
        return Placement(provider=spec.get("provider", ""), located=False, endpoint=endpoint.id if endpoint else "")
    line = lines.get(f"backend.{name}.{region_arg}", (0, 0))[0]
    origins = (Origin(file, line, "literal"),) if line else ()
    return Placement(
        provider=spec.get("provider", ""),
        region=region,
        countries=found.countries if found else (),
        known_region=found is not None,
        how="literal",
        origins=origins,
        endpoint=endpoint.id if endpoint else "",
    )


def _backend_arg(config: dict[str, Any], path: str) -> str | None:
    """A backend argument by dotted path: `endpoints.s3` in `endpoints = { s3 = "…" }`."""
    from sovlint.terraform.scope import dotted

    value = dotted(config, path)
    return value if isinstance(value, str) and value and "${" not in value else None
