"""Terragrunt, statically: each `terragrunt.hcl` is a unit, read the way Terragrunt would read it, nothing run.

A unit's configuration is its own file merged with the files it includes, as Terragrunt merges them:
each `include` by its `merge_strategy` (`shallow`, the default: the unit's `inputs` keys, `remote_state`,
`terraform { source }` and same-named `generate` blocks win over the included file's; `deep`: maps of
`inputs` merged key by key and lists joined; `deep_map_only`: maps merged, lists replaced; `no_merge`:
only read through `expose`), a later include winning over an earlier one. Files are evaluated by
terragrunt_config.py.

A unit yields what Terraform would see: its `remote_state` as a backend (SOV202), the files its
`generate` blocks write (a provider configuration, most often; a file of that name in the module is
replaced), and the module its `terraform { source }` names, with the unit's `inputs` as variable
values: a directory in the scanned tree, or a remote source that Terragrunt downloaded into the
unit's `.terragrunt-cache` (terragrunt_cache.py). Every file read stays inside the scanned trees.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sovlint.discover import SourceFile
from sovlint.errors import ParseError, parse_error
from sovlint.limits import budget
from sovlint.model import Finding, Kind, Origin, Placement, Resource
from sovlint.terraform import syntax, terragrunt_cache
from sovlint.terraform.lang.values import Unknown
from sovlint.terraform.module import Located, TfModule
from sovlint.terraform.syntax import Block
from sovlint.terraform.terragrunt_config import Config, Reader, scan_path
from sovlint.terraform.tree import STACK_NOTE, UNIT_REMOTE_NOTE

UNIT = "terragrunt.hcl"
STACK = "terragrunt.stack.hcl"
Backend = tuple[str, dict[str, Any], Located, dict[str, Origin]]  # name, configuration, block, where values were set


@dataclass(slots=True)
class Unit:
    directory: str
    file: str
    backends: list[Backend] = field(default_factory=list)
    generated: list[Located] = field(default_factory=list)  # blocks of the files `generate` writes
    writes: set[str] = field(default_factory=set)  # the file names generate and remote_state write
    source: str | None = None  # the module directory: local, or downloaded into .terragrunt-cache
    calls: tuple[Origin, ...] = ()  # the `terraform { source }` that runs the module
    inputs: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    read: set[str] = field(default_factory=set)  # every Terragrunt file its configuration read
    included: dict[str, Origin] = field(default_factory=dict)  # an included file -> the unit's include block


@dataclass(slots=True)
class Part:
    """What one Terragrunt file gives its unit, before the files are merged."""

    backend: Backend | None = None
    backend_file: str = ""  # the file remote_state's `generate` writes
    generated: dict[str, tuple[str, list[Located]]] = field(default_factory=dict)  # label -> (path, blocks)
    source: tuple[str, Origin] | None = None  # the source as written, and where
    inputs: dict[str, tuple[Any, Origin]] | None = None


def read_unit(reader: Reader, path: str) -> Unit:
    """A unit: its own file merged with what it includes, by each include's merge strategy."""
    directory = os.path.dirname(path) or "."
    unit = Unit(directory, path)
    reader.seen = set()
    own = Config(reader, path, directory, None, 0)
    includes = own.includes(unit.notes)  # first: they expose what the unit's own file may use
    merged = _part(own, unit.notes)
    for include in reversed(includes):  # the last include wins over the ones before it
        if include.strategy != "no_merge":
            merged = _merge(_part(include.config, unit.notes), merged, include.strategy)
    unit.read = set(reader.seen)
    unit.included = {i.config.path: Origin(path, i.line, "terragrunt include") for i in includes}
    unit.backends = [merged.backend] if merged.backend else []
    for file_name, blocks in merged.generated.values():
        unit.generated += blocks
        unit.writes.add(file_name)
    if merged.backend_file:
        unit.writes.add(merged.backend_file)
    unit.inputs = merged.inputs or {}
    if merged.source is not None:
        _source(unit, *merged.source, reader)
    return unit


def _merge(parent: Part, child: Part, strategy: str) -> Part:
    """Terragrunt's merge of an included file (`parent`) into the unit's configuration so far (`child`)."""
    if parent.inputs is None or child.inputs is None:
        inputs = child.inputs if parent.inputs is None else parent.inputs
    else:
        inputs = dict(parent.inputs)
        for key, (value, origin) in child.inputs.items():
            if key in inputs and strategy in ("deep", "deep_map_only"):
                value = _deep(inputs[key][0], value, lists=strategy == "deep")
            inputs[key] = (value, origin)
    backend = child if child.backend else parent
    generated = {**parent.generated, **child.generated}
    return Part(backend.backend, backend.backend_file, generated, child.source or parent.source, inputs)


def _deep(parent: Any, child: Any, lists: bool) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        return {**parent, **{k: _deep(parent[k], v, lists) if k in parent else v for k, v in child.items()}}
    if lists and isinstance(parent, list) and isinstance(child, list):
        return parent + child
    return child


def _part(config: Config, notes: list[str]) -> Part:
    part = Part()
    for b in config.blocks:
        if b.kind == "remote_state":
            part.backend = _remote_state(config, b, notes)
            writes = config.value(b.body.get("generate"))
            part.backend_file = str(writes.get("path", "")) if isinstance(writes, dict) else ""
        elif b.kind == "generate":
            label = b.labels[0] if b.labels else ""
            written = config.value(b.body.get("path"))
            part.generated[label] = (str(written) if isinstance(written, str) else "", _generated(config, b, notes))
        elif b.kind == "terraform" and "source" in b.body:
            line = b.lines.get("source", (b.line, 0))[0]
            part.source = (config.value(b.body.get("source")), Origin(config.path, line, "terraform source"))
    inputs = config.attribute("inputs")
    if inputs is not None:
        value = config.value(inputs[0])
        if isinstance(value, dict):
            origin = Origin(config.path, inputs[1].line, "terragrunt inputs")
            part.inputs = {k: (v, origin) for k, v in value.items() if not isinstance(v, Unknown)}
    return part


def _remote_state(config: Config, b: Block, notes: list[str]) -> Backend | None:
    backend = config.value(b.body.get("backend"))
    raw = b.body.get("config")
    raw = raw if isinstance(raw, dict) else config.value(raw)  # a map another file gives (read_terragrunt_config)
    if not isinstance(backend, str) or not isinstance(raw, dict):
        why = next((f" ({v.reason})" for v in (backend, raw) if isinstance(v, Unknown)), "")
        notes.append(f"{config.path}:{b.line}: remote_state cannot be read statically{why}")
        return None
    values, origins = {}, {}
    for key, expression in raw.items():
        start = len(config.trail)
        values[key] = config.value(expression)
        decided = [o for v, o in config.trail[start:] if v == values[key]]
        line = b.lines.get("config", (b.line, 0))[0]
        origins[key] = decided[-1] if decided else Origin(config.path, line, "literal")
    known = {k: v for k, v in values.items() if not isinstance(v, Unknown)}
    return (backend, known, Located(config.path, b), origins)


def _generated(config: Config, b: Block, notes: list[str]) -> list[Located]:
    contents = config.value(b.body.get("contents"))
    if not isinstance(contents, str):
        label = b.labels[0] if b.labels else ""
        why = f" ({contents.reason})" if isinstance(contents, Unknown) else ""
        notes.append(f"{config.path}:{b.line}: generate {label} cannot be written statically{why}")
        return []
    shift = b.lines.get("contents", (b.line, 0))[0]
    try:
        blocks = syntax.parse(contents)
    except Exception as error:  # the text another tool writes: a note, never a crash
        notes.append(f"{config.path}:{b.line}: the file generate writes is not HCL ({error})")
        return []
    return [Located(config.path, _shifted(block, shift)) for block in blocks]


def _source(unit: Unit, source: Any, at: Origin, reader: Reader) -> None:
    where = f"{at.file}:{at.line}"
    if not isinstance(source, str):
        unit.notes.append(f"{where}: the module source cannot be determined ({getattr(source, 'reason', '')})")
        return
    if source.startswith(("./", "../", "/")):  # get_terragrunt_dir() and the like give absolute paths
        directory = scan_path(os.path.join(unit.directory, source.replace("//", "/").split("?")[0]))
        if not reader.inside(directory):
            unit.notes.append(f"{where}: {source} is outside the scanned tree; not read")
            return
        if not os.path.isdir(directory):
            unit.notes.append(f"{where}: the module source {directory} is not a folder of the repository; not read")
            return
    else:
        found, why = terragrunt_cache.downloaded(unit.directory, source, reader.inside)
        if found is None:
            said = f"is a remote module source {why}; its resources are not scanned" if why else UNIT_REMOTE_NOTE
            unit.notes.append(f"{where}: {source} {said}")
            return
        directory = found
    through = unit.included.get(at.file)  # an included file's source runs the module through the unit's include
    unit.source, unit.calls = directory, ((through, at) if through else (at,))


def _shifted(block: Block, shift: int) -> Block:
    spans = {k: (s[0] + shift, s[1], s[2] + shift, s[3]) for k, s in block.spans.items()}
    span = (block.line + shift, block.column, block.end_line + shift, block.end_column)
    return syntax.make_block(block.kind, block.labels, block.body, span, spans)


def unit_module(unit: Unit, load: Callable[[str], TfModule | None]) -> TfModule:
    """The module Terraform would run for a unit: its source directory's, plus the generated files and inputs."""
    base = load(unit.source) if unit.source else None
    module = TfModule(unit.source or unit.directory)
    if base is not None:
        module = base.copy()
        written = {os.path.normpath(os.path.join(module.directory, name)) for name in unit.writes}
        _drop(module, {f for f in _files(module) if os.path.normpath(f) in written})  # generate replaces them
    for located in unit.generated:
        module.add(located.file, [located.block])
    module.values.update(unit.inputs)
    return module


def _files(module: TfModule) -> set[str]:
    return {located.file for located in _located(module)}


def _located(module: TfModule) -> list[Located]:
    maps = (module.resources, module.data, module.calls, module.outputs, module.variables, module.providers)
    return [located for mapping in maps for located in mapping.values()] + module.backends


def _drop(module: TfModule, files: set[str]) -> None:
    """Forget the blocks of some files of a module (copied first: the loader's module stays whole)."""
    if not files:
        return
    for name in ("resources", "data", "calls", "outputs", "variables", "providers"):
        mapping = getattr(module, name)
        setattr(module, name, {k: v for k, v in mapping.items() if v.file not in files})
    module.backends = [b for b in module.backends if b.file not in files]
    module.locals = {k: v for k, v in module.locals.items() if v[1].file not in files}


def units(files: list[SourceFile], loader: Any, findings: list[Finding]) -> list[Unit]:
    """The Terragrunt units among `files`, read; a unit file that cannot be parsed is a SOV000 finding."""
    named = {f.path: f for f in files if f.kind == "terragrunt"}
    parsed: dict[str, list[Block] | None] = {}  # root.hcl, region.hcl, ...: read for each unit, parsed once

    def read(path: str) -> list[Block] | None:
        if path in parsed:
            return parsed[path]
        source = named.get(path) or SourceFile(path, os.path.realpath(path), "terraform")
        try:
            parsed[path] = list(loader.parser.blocks(source))
        except ParseError as error:
            if path in named:
                findings.append(parse_error(source.path, error))
            parsed[path] = None
        return parsed[path]

    allowed: dict[str, bool] = {}  # a unit asks for each folder above it: the real path is resolved once

    def inside(path: str) -> bool:
        if path not in allowed:
            allowed[path] = bool(loader.allowed(os.path.realpath(path)))
        return allowed[path]

    def read_within_budget(path: str) -> Unit:
        """A unit read with the evaluation budget of a root module (steps, time): what is over it is unknown."""
        spend = budget()
        spend.root()
        unit = read_unit(reader, path)
        why = spend.reported()
        if why:
            findings.append(parse_error(path, ParseError(f"could not evaluate: {why}")))
        return unit

    reader = Reader(read, inside)
    found = [read_within_budget(path) for path in sorted(named) if os.path.basename(path) == UNIT]
    included = {os.path.normpath(path) for unit in found for path in unit.included}
    found = [u for u in found if os.path.normpath(u.file) not in included]  # a root terragrunt.hcl is no unit
    found = [unit for u in found for unit in _as_root(u, reader, {f.file for f in found})]
    reached = {file for unit in found for file in unit.read}
    alone = [p for p in sorted(named) if os.path.basename(p) != UNIT and os.path.normpath(p) not in reached]
    loader.notes += [f"{p} {STACK_NOTE}" for p in alone if os.path.basename(p) == STACK]
    alone = [p for p in alone if os.path.basename(p) != STACK]
    return found + _readers_of(alone, reader, {unit.file for unit in found})


def _as_root(unit: Unit, reader: Reader, known: set[str]) -> list[Unit]:
    """A terragrunt.hcl named alone that includes nothing and runs no module may be the root the units below it
    include (a commit that changes only the root): then those units, read with it, instead of it."""
    if unit.included or unit.source is not None:
        return [unit]
    below = [p for p in _below(unit.directory) if p not in known]
    readers = [u for u in (read_unit(reader, p) for p in below) if os.path.normpath(unit.file) in u.included]
    return readers or [unit]


MAX_WALK = 20_000  # folders looked at for the units that read a named file


def _readers_of(files: list[str], reader: Reader, known: set[str]) -> list[Unit]:
    """The units that read a named Terragrunt file that no named unit reads (a commit that changes only
    region.hcl): looked for below the file's folder, then below each folder above it up to the working
    directory, until some unit reads it. Their findings are reported where they name the file."""
    cache: dict[str, Unit] = {}
    out: list[Unit] = []
    for file in files:
        directory = os.path.dirname(file) or "."
        while True:
            for path in _below(directory):
                if path not in cache:
                    cache[path] = read_unit(reader, path)
            units = [cache[path] for path in _below(directory)]
            readers = [u for u in units if os.path.normpath(file) in u.read and u.file not in known]
            if readers or directory in (".", "") or not reader.inside(os.path.dirname(directory) or "."):
                break
            directory = os.path.dirname(directory) or "."
        out += readers
        known |= {u.file for u in readers}
    return out


def _below(directory: str) -> list[str]:
    """The terragrunt.hcl files below a folder (display paths), skipping what a scan skips."""
    from sovlint.discover import SKIP_DIRS

    found = []
    for walked, (here, folders, names) in enumerate(os.walk(directory)):
        folders[:] = sorted(f for f in folders if f not in SKIP_DIRS)
        if walked > MAX_WALK:
            break
        if UNIT in names:
            found.append(os.path.normpath(os.path.join(here, UNIT)))
    return sorted(found)


def first(pair: tuple[Resource, Placement], seen: set[tuple[Any, ...]]) -> bool:
    """Whether a (resource, placement) is new: a remote_state once for each place that decides it."""
    key = (pair[0].file, pair[0].line, pair[0].address, pair[1])
    if key in seen:
        return False
    seen.add(key)
    return True


def backends(unit: Unit, catalog: Any) -> list[tuple[Resource, Placement]]:
    """A unit's remote_state, judged as the backend Terraform would be configured with."""
    from sovlint.terraform.scan import _backend_placement

    out = []
    for name, config, located, origins in unit.backends:
        block = located.block
        resource = Resource(
            f"terraform.backend.{name}", name, located.file, block.line, block.end_line, kind=Kind.BACKEND, body=config
        )
        spec = catalog.backends.get(name) or {}
        region_arg = spec.get("region_arg") or spec.get("terragrunt_region_arg", "")  # gcs: where Terragrunt makes it
        placement = _backend_placement(name, config, catalog, located.file, {})
        if placement.region and region_arg in origins:
            placement = placement._replace(origins=(origins[region_arg],))
        if located.file in unit.included:  # the unit's include brings it: a scan of the unit alone reports it
            placement = placement._replace(via=(unit.included[located.file],))
        out.append((resource, placement))
    return out
