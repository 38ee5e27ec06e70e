"""Terragrunt, statically: each `terragrunt.hcl` is a unit, read the way Terragrunt would read it, nothing run.

A unit's configuration is its own file and the files it includes (`include` blocks, found with
`find_in_parent_folders()` and the like); `locals`, `inputs` and `read_terragrunt_config()` are
evaluated with the Terraform evaluator and Terragrunt's pure functions (`find_in_parent_folders`,
`get_terragrunt_dir`, `get_parent_terragrunt_dir`, `path_relative_to_include`, `dirname`,
`basename`). `get_env()` gives its default: the environment is never read, so a scan is the same
everywhere. What needs something to run (`run_cmd`, `dependency` outputs, `get_aws_account_id`)
is unknown, and said so.

A unit yields what Terraform would see: its `remote_state` as a backend (SOV202), the files its
`generate` blocks write (a provider configuration, most often), and the module its
`terraform { source }` names when that is a directory in the scanned tree, with the unit's
`inputs` as variable values. Every file read stays inside the scanned trees.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sovlint.discover import SourceFile
from sovlint.errors import ParseError, parse_error
from sovlint.model import Finding, Kind, Origin, Placement, Resource
from sovlint.terraform import syntax
from sovlint.terraform.lang.eval import evaluate
from sovlint.terraform.lang.values import Expr, Unknown
from sovlint.terraform.module import Located, TfModule
from sovlint.terraform.syntax import Block

UNIT = "terragrunt.hcl"
MAX_DEPTH = 8  # includes and read_terragrunt_config() nested deeper than this are unknown


class ConfigValue(dict[str, Any]):
    """What read_terragrunt_config() returns, with where each of its locals was written."""

    origins: dict[str, Origin]


@dataclass(slots=True)
class Unit:
    directory: str
    file: str
    backends: list[tuple[str, dict[str, Any], Located, dict[str, Origin]]] = field(default_factory=list)
    generated: list[Located] = field(default_factory=list)  # blocks of the files `generate` writes
    source: str | None = None  # the module directory, when local
    inputs: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reader:
    """Reads Terragrunt files as HCL blocks: `read(path)` gives a file's blocks or None; `inside(path)` guards."""

    read: Callable[[str], list[Block] | None]
    inside: Callable[[str], bool]

    def unit(self, path: str) -> Unit:
        directory = os.path.dirname(path) or "."
        unit = Unit(directory, path)
        own = _Config(self, path, directory, None, 0)
        configs = [*own.included(unit.notes), own]  # parents first: the unit's own blocks win
        for config in configs:
            config.contribute(unit)
        return unit


class _Config:
    """One Terragrunt file evaluated for a unit: its blocks, lazily evaluated locals and functions."""

    def __init__(self, reader: Reader, path: str, unit_dir: str, child: _Config | None, depth: int) -> None:
        self.reader, self.path, self.unit_dir, self.depth = reader, path, unit_dir, depth
        self.blocks = (reader.read(path) or []) if reader.inside(path) else []
        self.child = child  # the including file, for path_relative_to_include()
        self.trail: list[tuple[Any, Origin]] = []  # literal locals met while evaluating: where values come from
        self._locals: dict[str, Any] = {}
        self._trails: dict[str, list[tuple[Any, Origin]]] = {}
        self._definitions = {
            name: (value, Origin(path, b.lines.get(name, (b.line, 0))[0], "local value"))
            for b in self.blocks
            if b.kind == "locals"
            for name, value in b.body.items()
        }
        self._exposed: dict[str, Any] = {}
        self.functions: dict[str, Callable[..., Any]] = {name: _known(fn) for name, fn in self._functions().items()}

    def _functions(self) -> dict[str, Callable[..., Any]]:
        return {
            "find_in_parent_folders": self._find_in_parent_folders,
            "read_terragrunt_config": self._read_config,
            "get_terragrunt_dir": lambda: self.unit_dir,
            "get_parent_terragrunt_dir": lambda: os.path.dirname(self.path) or ".",
            "get_original_terragrunt_dir": lambda: self.unit_dir,
            "path_relative_to_include": self._relative_to_include,
            "path_relative_from_include": lambda: os.path.relpath(os.path.dirname(self.path) or ".", self.unit_dir),
            "get_env": lambda name, *default: default[0] if default else Unknown(f"get_env({name!r}) has no default"),
            "run_cmd": lambda *args: Unknown("run_cmd() is not executed"),
            "dirname": lambda p: (
                os.path.dirname(p) or "." if isinstance(p, str) else Unknown("dirname of an unknown path")
            ),
            "basename": lambda p: os.path.basename(p) if isinstance(p, str) else Unknown("basename of an unknown path"),
        }

    # ---------------------------------------------------------------- evaluation

    def value(self, raw: Any) -> Any:
        return evaluate(raw, self)

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if root == "local" and steps:
            value = self._local(str(steps[0]))
            if isinstance(value, ConfigValue) and len(steps) >= 3 and steps[1] == "locals":
                origin = value.origins.get(str(steps[2]))
                found = value.get("locals", {}).get(str(steps[2]), Unknown(f"{steps[2]} is not a local there"))
                if origin is not None:
                    self.trail.append((found, origin))
                return found, 3
            return value, 1
        if root == "include" and steps:
            return self._exposed.get(str(steps[0]), Unknown(f"include.{steps[0]} is not exposed")), 1
        if root in ("dependency", "dependencies"):
            return Unknown("the outputs of another unit are known only once it is applied"), len(steps)
        return Unknown(f"{root} is not known to a static reading of Terragrunt"), len(steps)

    def _local(self, name: str) -> Any:
        if name in self._locals:
            self.trail += self._trails.get(name, [])  # where its value came from, said again on each use
            return self._locals[name]
        if name not in self._definitions:
            return Unknown(f"local.{name} is not defined in {self.path}")
        self._locals[name] = Unknown(f"local.{name} refers to itself")
        raw, origin = self._definitions[name]
        start = len(self.trail)
        self._locals[name] = self.value(raw)
        if _literal(raw):
            self.trail.append((self._locals[name], origin))
        self._trails[name] = self.trail[start:]
        return self._locals[name]

    def locals(self) -> ConfigValue:
        out = ConfigValue({"locals": {name: self._local(name) for name in self._definitions}})
        out.origins = {name: origin for name, (raw, origin) in self._definitions.items() if _literal(raw)}
        inputs = self._attribute("inputs")
        if inputs is not None:
            out["inputs"] = self.value(inputs[0])
        return out

    def _attribute(self, name: str) -> tuple[Any, Block] | None:
        for b in self.blocks:
            if b.kind == "attribute" and b.labels == (name,):
                return b.body[name], b
        return None

    # ---------------------------------------------------------------- functions

    def _find_in_parent_folders(self, name: str = "terragrunt.hcl", *fallback: Any) -> Any:
        directory = os.path.dirname(os.path.normpath(self.unit_dir))
        current = os.path.normpath(self.unit_dir)
        while current != directory:
            candidate = os.path.join(directory, name) if directory else name
            if not self.reader.inside(candidate or "."):
                break  # never above the scanned tree
            if os.path.isfile(candidate):  # relative to the file that calls it, as paths in a config are
                return os.path.relpath(candidate, os.path.dirname(self.path) or ".")
            current, directory = directory, os.path.dirname(directory)
            if not current:
                break
        return fallback[0] if fallback else Unknown(f"no {name} in the folders above {self.unit_dir}")

    def _read_config(self, path: Any, *default: Any) -> Any:
        if not isinstance(path, str):
            return Unknown("read_terragrunt_config() of an unknown path")
        target = os.path.normpath(os.path.join(os.path.dirname(self.path), path) if not os.path.isabs(path) else path)
        if self.depth >= MAX_DEPTH or not self.reader.inside(target) or not os.path.isfile(target):
            return default[0] if default else Unknown(f"{path} cannot be read")
        return _Config(self.reader, target, os.path.dirname(target) or ".", None, self.depth + 1).locals()

    def _relative_to_include(self, *name: Any) -> Any:
        if self.child is None:
            return "."
        return os.path.relpath(self.unit_dir, os.path.dirname(self.path) or ".")

    # ---------------------------------------------------------------- what a unit takes from a file

    def included(self, notes: list[str]) -> list[_Config]:
        out = []
        for b in self.blocks:
            if b.kind != "include":
                continue
            path = self.value(b.body.get("path"))
            where = f"{self.path}:{b.line}"
            if not isinstance(path, str):
                notes.append(f"{where}: the included path cannot be determined ({getattr(path, 'reason', path)})")
                continue
            target = os.path.normpath(path if os.path.isabs(path) else os.path.join(os.path.dirname(self.path), path))
            if self.depth >= MAX_DEPTH or not self.reader.inside(target) or not os.path.isfile(target):
                notes.append(f"{where}: {path} cannot be read inside the scanned tree; not included")
                continue
            parent = _Config(self.reader, target, self.unit_dir, self, self.depth + 1)
            if b.labels and self.value(b.body.get("expose")) is True:
                self._exposed[b.labels[0]] = parent.locals()
            out.append(parent)
        return out

    def contribute(self, unit: Unit) -> None:
        for b in self.blocks:
            if b.kind == "remote_state":
                self._remote_state(b, unit)
            elif b.kind == "generate":
                unit.generated += self._generated(b, unit.notes)
            elif b.kind == "terraform" and "source" in b.body:
                self._source(b, unit)
        inputs = self._attribute("inputs")
        if inputs is not None:
            value = self.value(inputs[0])
            if isinstance(value, dict):
                origin = Origin(self.path, inputs[1].line, "terragrunt inputs")
                unit.inputs.update({k: (v, origin) for k, v in value.items() if not isinstance(v, Unknown)})

    def _remote_state(self, b: Block, unit: Unit) -> None:
        backend = self.value(b.body.get("backend"))
        config = b.body.get("config")
        if not isinstance(backend, str) or not isinstance(config, dict):
            unit.notes.append(f"{self.path}:{b.line}: remote_state cannot be read statically")
            return
        values, origins = {}, {}
        for key, raw in config.items():
            start = len(self.trail)
            values[key] = self.value(raw)
            decided = [o for v, o in self.trail[start:] if v == values[key]]
            origins[key] = (
                decided[-1] if decided else Origin(self.path, b.lines.get("config", (b.line, 0))[0], "literal")
            )
        known = {k: v for k, v in values.items() if not isinstance(v, Unknown)}
        unit.backends = [(backend, known, Located(self.path, b), origins)]

    def _generated(self, b: Block, notes: list[str]) -> list[Located]:
        contents = self.value(b.body.get("contents"))
        if not isinstance(contents, str):
            label = b.labels[0] if b.labels else ""
            why = f" ({contents.reason})" if isinstance(contents, Unknown) else ""
            notes.append(f"{self.path}:{b.line}: generate {label} cannot be written statically{why}")
            return []
        shift = b.lines.get("contents", (b.line, 0))[0]
        try:
            blocks = syntax.parse(contents)
        except Exception as error:  # the text another tool writes: a note, never a crash
            notes.append(f"{self.path}:{b.line}: the file generate writes is not HCL ({error})")
            return []
        return [Located(self.path, _shifted(block, shift)) for block in blocks]

    def _source(self, b: Block, unit: Unit) -> None:
        source = self.value(b.body.get("source"))
        where = f"{self.path}:{b.line}"
        if not isinstance(source, str):
            unit.notes.append(f"{where}: the module source cannot be determined ({getattr(source, 'reason', '')})")
            return
        if not source.startswith(("./", "../", "/")):
            unit.notes.append(f"{where}: {source} is a remote module source; its resources are not scanned")
            return
        directory = os.path.normpath(os.path.join(unit.directory, source.replace("//", "/").split("?")[0]))
        if not self.reader.inside(directory):
            unit.notes.append(f"{where}: {source} is outside the scanned tree; not read")
            return
        unit.source = directory


def _known(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A Terragrunt function: unknown when an argument is, never raising on a value of the wrong type."""

    def call(*args: Any) -> Any:
        unknown = next((a for a in args if isinstance(a, Unknown)), None)
        if unknown is not None:
            return unknown
        try:
            return fn(*args)
        except (TypeError, ValueError) as error:
            return Unknown(f"a Terragrunt function could not be applied ({error})")

    return call


def _literal(raw: Any) -> bool:
    if isinstance(raw, Expr):
        return False
    if isinstance(raw, dict):
        return all(_literal(v) for v in raw.values())
    if isinstance(raw, list):
        return all(_literal(v) for v in raw)
    return True


def _shifted(block: Block, shift: int) -> Block:
    spans = {k: (s[0] + shift, s[1], s[2] + shift, s[3]) for k, s in block.spans.items()}
    span = (block.line + shift, block.column, block.end_line + shift, block.end_column)
    return syntax.make_block(block.kind, block.labels, block.body, span, spans)


def unit_module(unit: Unit, load: Callable[[str], TfModule | None]) -> TfModule:
    """The module Terraform would run for a unit: its source directory's, plus the generated files and inputs."""
    base = load(unit.source) if unit.source else None
    module = TfModule(unit.source or unit.directory)
    if base is not None:
        module = dataclasses.replace(
            base,
            **{
                f.name: type(getattr(base, f.name))(getattr(base, f.name))
                for f in dataclasses.fields(base)
                if f.name != "directory"
            },
        )
    for located in unit.generated:
        module.add(located.file, [located.block])
    module.values.update(unit.inputs)
    return module


def units(files: list[SourceFile], loader: Any, findings: list[Finding]) -> list[Unit]:
    """The Terragrunt units among `files`, read; a unit file that cannot be parsed is a SOV000 finding."""
    named = {f.path: f for f in files if f.kind == "terragrunt"}

    def read(path: str) -> list[Block] | None:
        source = named.get(path) or SourceFile(path, os.path.realpath(path), "terraform")
        try:
            return list(loader.parser.blocks(source))
        except ParseError as error:
            if path in named:
                findings.append(parse_error(source.path, error))
            return None

    reader = Reader(read, lambda path: bool(loader.allowed(os.path.realpath(path))))
    return [reader.unit(path) for path in sorted(named) if os.path.basename(path) == UNIT]


def backends(unit: Unit, catalog: Any) -> list[tuple[Resource, Placement]]:
    """A unit's remote_state, judged as the backend Terraform would be configured with."""
    from sovlint.terraform.scan import _backend_placement

    out = []
    for name, config, located, origins in unit.backends:
        block = located.block
        resource = Resource(
            f"terraform.backend.{name}", name, located.file, block.line, block.end_line, kind=Kind.BACKEND, body=config
        )
        placement = _backend_placement(name, config, catalog, located.file, {})
        region_arg = (catalog.backends.get(name) or {}).get("region_arg", "")
        if placement.region and region_arg in origins:
            placement = dataclasses.replace(placement, origins=(origins[region_arg],))
        out.append((resource, placement))
    return out
