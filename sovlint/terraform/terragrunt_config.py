"""One Terragrunt file evaluated for a unit: its locals, Terragrunt's pure functions and its includes.

`locals`, `inputs` and `read_terragrunt_config()` are evaluated with the Terraform evaluator and
Terragrunt's pure functions (`find_in_parent_folders`, `get_terragrunt_dir`,
`get_parent_terragrunt_dir`, `get_repo_root`, `get_path_from_repo_root`, `get_path_to_repo_root`,
`path_relative_to_include`, `dirname`, `basename`). Paths are Terragrunt's: the folder functions and
`find_in_parent_folders` give absolute paths (named relative to the scan's root again by `scan_path`),
and a relative path is the unit's folder's, in an included file too (Terragrunt parses it for the unit),
or the read file's in a file `read_terragrunt_config()` reads; that function gives a file's `locals`,
`inputs` and `remote_state`. A file it or `find_in_parent_folders` names that does not exist is an error
that `try()` and `can()` catch. `get_env()` gives its default: the environment is never read, so a scan is
the same everywhere. What needs something to run (`run_cmd`, `dependency` outputs) is unknown, and said
so. An `include` with `expose = true` is read as `include.NAME.locals.x` and `include.NAME.inputs.x`
(`include.locals.x` for an include without a name); `values.x`, in a unit a stack generated, comes from
the `terragrunt.values.hcl` beside it. Every file read stays inside the scanned trees.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sovlint import repository
from sovlint.limits import BudgetExceeded
from sovlint.model import Origin
from sovlint.terraform.lang.eval import evaluate
from sovlint.terraform.lang.values import EvalError, Expr, Unknown
from sovlint.terraform.syntax import Block

MAX_DEPTH = 8  # read_terragrunt_config() nested deeper than this is unknown
UNIT = "terragrunt.hcl"  # what find_in_parent_folders() looks for without a name
VALUES = "terragrunt.values.hcl"  # what a stack gives a unit it generates, read as `values.x`
STRATEGIES = ("shallow", "deep", "deep_map_only", "no_merge")  # Terragrunt's include merge strategies


class ConfigValue(dict[str, Any]):
    """What read_terragrunt_config() returns (or an exposed include), with where each of its locals was written."""

    origins: dict[str, Origin]


@dataclass(slots=True)
class Reader:
    """Reads Terragrunt files as HCL blocks: `read(path)` gives a file's blocks or None; `inside(path)` guards."""

    read: Callable[[str], list[Block] | None]
    inside: Callable[[str], bool]
    seen: set[str] = field(default_factory=set)  # every file read since it was last emptied
    # read_terragrunt_config() results by (file, unit folder it was read for), with the files each read; the ones
    # being read: a file that reads itself, or reads one file many times at each level, is read once
    configs: dict[tuple[str, str], tuple[ConfigValue, frozenset[str]]] = field(default_factory=dict)
    reading: set[tuple[str, str]] = field(default_factory=set)


@dataclass(slots=True)
class Include:
    """An `include` block of a unit: the file it names, read for the unit, and how it is merged."""

    label: str
    config: Config
    strategy: str  # one of STRATEGIES
    line: int = 0  # the line of the include block in the unit's file


class Config:
    """One Terragrunt file evaluated for a unit: its blocks, lazily evaluated locals and functions."""

    def __init__(
        self, reader: Reader, path: str, unit_dir: str, child: Config | None, depth: int, original: str = ""
    ) -> None:
        self.reader, self.path, self.unit_dir, self.depth = reader, path, unit_dir, depth
        self.original = original or unit_dir  # the unit's folder, also in a file read_terragrunt_config() reads
        self.blocks = (reader.read(path) or []) if reader.inside(path) else []
        reader.seen.add(os.path.normpath(path))
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
        self._exposed: dict[str, ConfigValue] = {}
        self._included: dict[str, str] = {}  # include label -> the file it names, once includes() has read them
        self.functions: dict[str, Callable[..., Any]] = {name: _known(fn) for name, fn in self._functions().items()}

    def _functions(self) -> dict[str, Callable[..., Any]]:
        return {
            "find_in_parent_folders": self._find_in_parent_folders,
            "read_terragrunt_config": self._read_config,
            "get_terragrunt_dir": lambda: os.path.abspath(self.unit_dir),
            "get_parent_terragrunt_dir": self._parent_dir,
            "get_original_terragrunt_dir": lambda: os.path.abspath(self.original),
            "get_repo_root": self._repo_root,
            "get_path_to_repo_root": lambda: self._from_repo_root(lambda top, here: os.path.relpath(top, here)),
            "get_path_from_repo_root": lambda: self._from_repo_root(lambda top, here: os.path.relpath(here, top)),
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
        try:
            return evaluate(raw, self)
        except EvalError as error:  # Terragrunt would stop on it; what try() and can() do not catch is unknown
            return Unknown(str(error))
        except BudgetExceeded as error:  # reported once per unit (terragrunt.units)
            return Unknown(f"could not evaluate: {error}")

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if root == "local" and steps:
            value = self._local(str(steps[0]))
            return self._member(value, steps, 1) if isinstance(value, ConfigValue) else (value, 1)
        if root == "include" and steps:
            if str(steps[0]) in self._exposed:
                return self._member(self._exposed[str(steps[0])], steps, 1)
            if "" in self._exposed and steps[0] in ("locals", "inputs"):  # `include { … }` without a name
                return self._member(self._exposed[""], steps, 0)
            return Unknown(f"include.{steps[0]} is not exposed (expose = true)"), 1
        if root in ("dependency", "dependencies"):
            return Unknown("the outputs of another unit are known only once it is applied"), len(steps)
        if root == "values":  # a unit a stack generated: terragrunt.values.hcl beside it
            return self._values(), 0
        return Unknown(f"{root} is not known to a static reading of Terragrunt"), len(steps)

    def _member(self, value: ConfigValue, steps: list[Any], used: int) -> tuple[Any, int]:
        """`<config>.locals.NAME`, remembering where NAME was written; anything else is indexed by the evaluator."""
        rest = steps[used:]
        if len(rest) >= 2 and rest[0] == "locals":
            name = str(rest[1])
            found = value.get("locals", {}).get(name, Unknown(f"{name} is not a local there"))
            origin = value.origins.get(name)
            if origin is not None:
                self.trail.append((found, origin))
            return found, used + 2
        return value, used

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
        inputs = self.attribute("inputs")
        if inputs is not None:
            out["inputs"] = self.value(inputs[0])
        for b in self.blocks:  # read_terragrunt_config() gives a file's blocks too: its remote_state
            if b.kind == "remote_state":
                out["remote_state"] = {key: self.value(raw) for key, raw in b.body.items()}
        return out

    def attribute(self, name: str) -> tuple[Any, Block] | None:
        for b in self.blocks:
            if b.kind == "attribute" and b.labels == (name,):
                return b.body[name], b
        return None

    # ---------------------------------------------------------------- functions

    def _find_in_parent_folders(self, name: str = UNIT, *fallback: Any) -> Any:
        found = self._above(name)
        if found is not None:
            return os.path.abspath(found)  # an absolute path, as Terragrunt gives it
        if fallback:
            return fallback[0]
        root = self._above("root.hcl") if name == UNIT else None  # the root file of the current layout
        hint = f'; without a name it looks for {UNIT}: {root} is found as find_in_parent_folders("root.hcl")'
        hint = hint if root else ""
        raise EvalError(f"no {name} in the folders above {self.unit_dir}{hint}")  # as Terragrunt fails: try() goes on

    def _above(self, name: str) -> str | None:
        """The nearest file `name` in the folders above the unit, inside the scanned tree."""
        directory = os.path.dirname(os.path.normpath(self.unit_dir))
        current = os.path.normpath(self.unit_dir)
        while current != directory:
            candidate = os.path.join(directory, name) if directory else name
            if not self.reader.inside(candidate or "."):
                return None  # never above the scanned tree
            if os.path.isfile(candidate):
                return candidate
            current, directory = directory, os.path.dirname(directory)
            if not current:
                return None
        return None

    def _values(self) -> Any:
        path = os.path.join(self.unit_dir, VALUES)
        if not self.reader.inside(path) or not os.path.isfile(path):
            return Unknown(f"values: no {VALUES} beside the unit (run `terragrunt stack generate` first)")
        self.reader.seen.add(os.path.normpath(path))  # a change to it alone is judged through the unit
        return {
            b.labels[0]: self.value(b.body[b.labels[0]]) for b in self.reader.read(path) or [] if b.kind == "attribute"
        }

    def _parent_dir(self, *label: Any) -> Any:
        """The folder of the file an include names (the one labelled, else the first), as Terragrunt gives it to
        the unit that includes it; the folder of this file when it is the included one."""
        named = self._included.get(str(label[0])) if label else next(iter(self._included.values()), None)
        return os.path.abspath(os.path.dirname(named or self.path) or ".")

    def _repo_root(self) -> Any:
        top = repository.top(self.unit_dir)
        return top if top is not None else Unknown(f"{self.unit_dir} is not in a git repository")

    def _from_repo_root(self, relative: Callable[[str, str], str]) -> Any:
        top = self._repo_root()
        return top if isinstance(top, Unknown) else relative(top, os.path.realpath(self.unit_dir))

    def _read_config(self, path: Any, *default: Any) -> Any:
        if not isinstance(path, str):
            return Unknown("read_terragrunt_config() of an unknown path")
        target = scan_path(os.path.join(self.unit_dir, path))  # in an included file too: the unit's folder
        if self.depth >= MAX_DEPTH or not self.reader.inside(target) or not os.path.isfile(target):
            if default:
                return default[0]
            if self.reader.inside(target) and not os.path.lexists(target):  # as Terragrunt fails: try() goes on
                raise EvalError(f"{path} does not exist")
            return Unknown(f"{path} cannot be read")
        return self._read_once(target, path)

    def _read_once(self, target: str, path: str) -> Any:
        reader, key = self.reader, (target, self.original)
        if key in reader.reading:
            return Unknown(f"read_terragrunt_config({path!r}) of a file it is reading")
        if key not in reader.configs:
            outer, reader.seen = reader.seen, set()
            reader.reading.add(key)
            try:
                config = Config(reader, target, os.path.dirname(target) or ".", None, self.depth + 1, self.original)
                reader.configs[key] = (config.locals(), frozenset(reader.seen))
            finally:
                reader.reading.discard(key)
                outer |= reader.seen
                reader.seen = outer
        value, read = reader.configs[key]
        reader.seen |= read
        return value

    def _relative_to_include(self, *name: Any) -> Any:
        if self.child is None:
            return "."
        return os.path.relpath(self.unit_dir, os.path.dirname(self.path) or ".")

    # ---------------------------------------------------------------- includes

    def includes(self, notes: list[str]) -> list[Include]:
        """The files a unit includes, in the order written (a later one wins over an earlier one)."""
        out = []
        for b in self.blocks:
            if b.kind != "include":
                continue
            path = self.value(b.body.get("path"))
            where = f"{self.path}:{b.line}"
            if not isinstance(path, str):
                notes.append(f"{where}: the included path cannot be determined ({getattr(path, 'reason', path)})")
                continue
            target = scan_path(os.path.join(os.path.dirname(self.path), path))
            if not self.reader.inside(target) or not os.path.isfile(target):
                why = "is not a file of the repository" if self.reader.inside(target) else "is outside the scanned tree"
                notes.append(f"{where}: {target} {why}; not included")
                continue
            strategy = self.value(b.body.get("merge_strategy", "shallow"))
            if strategy not in STRATEGIES:
                notes.append(f"{where}: merge_strategy {strategy!r} is not one Terragrunt knows; not merged")
                strategy = "no_merge"
            label = b.labels[0] if b.labels else ""
            self._included.setdefault(label, target)
            parent = Config(self.reader, target, self.unit_dir, self, self.depth + 1, self.original)
            if any(inner.kind == "include" for inner in parent.blocks):  # Terragrunt stops with an error
                notes.append(f"{target}: includes another file, which Terragrunt does not allow; not followed")
            if self.value(b.body.get("expose")) is True:
                self._exposed[label] = parent.locals()
            out.append(Include(label, parent, str(strategy), b.line))
        return out


def scan_path(path: str) -> str:
    """A path as the scan names files: relative to the working directory (the scan's root) when it lies below it.
    The folder functions give absolute paths; os.path.join keeps an absolute path given to it whole."""
    if not os.path.isabs(path):
        return os.path.normpath(path)
    relative = os.path.relpath(path)
    return os.path.normpath(path) if relative == ".." or relative.startswith("../") else relative


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
