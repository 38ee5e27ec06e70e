"""Module instances: root modules and the local modules they call, the way Terraform expands them.

A directory is a root when it configures a provider or a backend, or when no other scanned
directory calls it. Each `module` block with a local source, or with a registry, git or https
source that `terraform init` downloaded (listed in `.terraform/modules/modules.json` beside the
root), becomes a child instance whose
address prefix is `module.NAME.` (`module.NAME[0].`, `module.NAME["key"].` with count/for_each),
whose variables come from the call's arguments, and whose providers come from the call's
`providers` map or, without one, from the caller's default provider configurations.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from sovlint.limits import budget
from sovlint.model import Origin
from sovlint.terraform.lang.values import reference
from sovlint.terraform.module import Located, TfModule

MAX_DEPTH = 16  # nested module calls deeper than this are cut, with a note
MAX_INSTANCES = 64  # count/for_each instances expanded per call

# said once per call (and summed up in one line by the command line)
REMOTE_NOTE = (
    "has a remote source that is not downloaded; its resources are not scanned"
    " (run `terraform init -backend=false` first, or scan a plan)"
)
# said once per Terragrunt unit whose remote module has no download (summed up the same way)
UNIT_REMOTE_NOTE = (
    "is a remote module source not downloaded (no .terragrunt-cache beside it: run `terragrunt init` first);"
    " its resources are not scanned"
)
# said once per Terragrunt stack file (summed up the same way)
STACK_NOTE = "is a Terragrunt stack: the units it generates are not read (run `terragrunt stack generate` first)"


class Instance:
    __slots__ = ("module", "prefix", "parent", "call", "binding", "library", "calls", "names")

    def __init__(
        self,
        module: TfModule,
        prefix: str = "",
        parent: Instance | None = None,
        call: Located | None = None,
        binding: dict[str, Any] | None = None,
        library: bool = False,
        calls: tuple[Origin, ...] = (),
        names: tuple[str, ...] = (),
    ) -> None:
        self.module = module
        self.prefix = prefix  # 'module.net.' for a child
        self.parent = parent
        self.call = call  # the module block in the parent
        # count.index / each.key / each.value of the call
        self.binding: dict[str, Any] = {} if binding is None else binding
        self.library = library  # the root is a reusable module: its caller decides locations
        self.calls = calls  # module calls from the root down to this instance
        self.names = names  # the module call names from the root: modules.json's key is 'a.b'

    def root(self) -> Instance:
        return self if self.parent is None else self.parent.root()

    def provider(self, key: tuple[str, str]) -> tuple[Located, Instance] | None:
        """The provider configuration a resource of this instance uses, and the instance that declares it."""
        own = self.module.providers.get(key)
        if own is not None:
            return own, self
        if self.parent is None or self.call is None:
            return None
        mapping = self.call.block.body.get("providers")
        if isinstance(mapping, dict):
            for child_key, target in mapping.items():
                target_name = reference(target)
                if _provider_key(str(child_key)) == key and target_name:
                    return self.parent.provider(_provider_key(target_name))
            return None
        if key[1] == "":
            return self.parent.provider(key)  # default configurations are inherited
        return None


def _provider_key(text: str) -> tuple[str, str]:
    name, _, alias = (reference(text) or "").partition(".")
    return name, alias


def local_source(call: Located) -> str | None:
    """The directory path a local module source names, or None for registry, git, https sources."""
    source = call.block.body.get("source")
    if isinstance(source, str) and source.startswith(("./", "../")) and "${" not in source:
        return source
    return None


class _Spent(Exception):
    """The module-instance budget is spent: expansion stops where it is."""


class Tree:
    """Expands roots into instances; `load(dir)` returns the TfModule of a directory or None."""

    __slots__ = ("load", "notes", "limited", "evaluate_count", "inside", "downloaded")

    def __init__(
        self,
        load: Callable[[str], TfModule | None],
        evaluate_count: Callable[[Instance, Located], list[dict[str, Any]] | None] | None = None,
        inside: Callable[[str], bool] = lambda real: True,
        downloaded: Callable[[str, str], str | None] | None = None,
    ) -> None:
        self.load = load
        self.notes: list[str] = []
        self.limited: list[tuple[Located, str]] = []  # calls cut by a budget, and why
        self.evaluate_count = evaluate_count
        self.inside = inside  # whether a real path may be read (the repository)
        self.downloaded = downloaded  # (root directory, 'a.b') -> directory, or None

    def expand(self, root: TfModule, calls: tuple[Origin, ...] = ()) -> list[Instance]:
        """The instances of a root module; `calls` are what runs it (a Terragrunt unit's source: the module is
        then a root module, even when the unit configures no provider, and its caller decides nothing)."""
        top = Instance(root, library=root.library and not calls, calls=calls)
        out: list[Instance] = []
        with contextlib.suppress(_Spent):  # the instances expanded so far are evaluated
            self._walk(top, [os.path.realpath(root.directory)], out)
        return out

    def _walk(self, instance: Instance, stack: list[str], out: list[Instance]) -> None:
        out.append(instance)
        for name, call in sorted(instance.module.calls.items()):
            where = f"{call.file}:{call.block.line}"
            source = local_source(call)
            if source is not None:
                directory = os.path.normpath(os.path.join(instance.module.directory, source))
            else:
                key = ".".join((*instance.names, name))
                found = self.downloaded(instance.root().module.directory, key) if self.downloaded else None
                if found is None:
                    self.notes.append(f"{where}: module.{name} {REMOTE_NOTE}")
                    continue
                directory, source = found, found
            real = os.path.realpath(directory)
            if not self.inside(real):
                self.notes.append(f"{where}: module.{name} calls {source}, which is outside the repository; not read")
                continue
            if real in stack:
                self.notes.append(f"{where}: module.{name} calls {source}, which is already being expanded (a cycle)")
                continue
            if len(stack) > MAX_DEPTH:
                self.limited.append((call, f"module.{name} is nested more than {MAX_DEPTH} deep; not evaluated"))
                continue
            child = self.load(directory)
            if child is None:
                self.notes.append(f"{where}: module.{name} calls {source}, which holds no Terraform files")
                continue
            for key, binding in self._instances(instance, call, name):
                why = budget().instance()
                if why:
                    self.limited.append((call, f"module.{name}{key}: {why}; the rest is not evaluated"))
                    raise _Spent()
                origin = Origin(call.file, call.block.line, f"module.{name}", *call.block.span()[1:])
                sub = Instance(
                    module=child,
                    prefix=f"{instance.prefix}module.{name}{key}.",
                    parent=instance,
                    call=call,
                    binding=binding,
                    library=instance.library,
                    calls=(*instance.calls, origin),
                    names=(*instance.names, name),
                )
                self._walk(sub, [*stack, real], out)

    def _instances(self, instance: Instance, call: Located, name: str) -> list[tuple[str, dict[str, Any]]]:
        bindings = self.evaluate_count(instance, call) if self.evaluate_count else None
        if bindings is None:
            return [("", {})]
        if len(bindings) > MAX_INSTANCES:
            why = f"module.{name} has more than {MAX_INSTANCES} instances; only the first {MAX_INSTANCES} are evaluated"
            self.limited.append((call, why))
        out = []
        for binding in bindings[:MAX_INSTANCES]:
            if "count.index" in binding:
                out.append((f"[{binding['count.index']}]", binding))
            else:
                out.append((f'["{binding["each.key"]}"]', binding))
        return out
