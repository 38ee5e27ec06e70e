"""Load Terraform module directories from disk, once each, with their variable values.

A directory's module is every `.tf`, `.tofu` and `.tf.json` file in it (a `.tofu` file hides the
`.tf` file of the same name, as OpenTofu does). Values are layered as Terraform does:
`TF_VAR_*` (only with --use-env), `terraform.tfvars`, `terraform.tfvars.json`,
`*.auto.tfvars(.json)` in lexical order, then `--var-file`s and `--var`s in command-line order.
Parse errors become SOV000 findings for the files the user named; the rest of the scan goes on.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

from sovlint import repository
from sovlint.discover import OUTSIDE, SourceFile, kind_of, read_text, walked
from sovlint.errors import ParseError, parse_error
from sovlint.limits import Limits
from sovlint.model import Finding, Origin
from sovlint.terraform.module import TfModule, is_auto_tfvars, tfvars_order

if TYPE_CHECKING:  # a run whose outcome is kept loads no parser
    from sovlint.terraform.syntax import Block


class Reader(Protocol):
    """What the loader needs of the parser: a Terraform file's blocks and its first syntax error."""

    @property
    def limits(self) -> Limits: ...

    def terraform(self, source: SourceFile) -> tuple[list[Block], ParseError | None]: ...

    def digest(self, source: SourceFile) -> str | None: ...  # of its content; None when it cannot be read


def scanning(files: list[SourceFile], options: Any, parser: Reader) -> Loader:
    """The loader of a scan of `files` with `options` (engine.Options)."""
    named = {f.path: f for f in files if f.kind in ("terraform", "tfvars")}
    roots = options.roots or (os.path.realpath("."),)
    return Loader(named, roots, parser, options.var_files, options.variables, options.tf_vars())


class Loader:
    __slots__ = (
        "named",
        "roots",
        "parser",
        "var_files",
        "variables",
        "env",
        "findings",
        "notes",
        "_modules",
        "_by_dir",
        "_downloads",
        "quiet",
        "_real",
        "_files",
        "_base",
    )

    def __init__(
        self,
        named: dict[str, SourceFile],
        roots: tuple[str, ...],
        parser: Reader,
        var_files: tuple[str, ...] = (),
        variables: tuple[tuple[str, str], ...] = (),
        env: dict[str, str] | None = None,
        _by_dir: dict[str, list[SourceFile]] | None = None,
    ) -> None:
        self.named = named  # display path -> the files the user named
        self.roots = roots  # real paths that may be read (the repositories of the scanned trees)
        self.parser = parser
        self.var_files = var_files
        self.variables = variables
        self.env: dict[str, str] = {} if env is None else env  # TF_VAR_* values, only with --use-env
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self._modules: dict[str, TfModule | None] = {}
        self._by_dir = _by_dir  # the named files of each directory
        self._downloads: dict[str, dict[str, str]] = {}  # root -> modules.json key -> directory
        self.quiet: set[str] = set()  # directories whose syntax errors were reported already
        self._real: dict[str, str] = {}  # directory -> its real path
        self._files: dict[str, tuple[list[SourceFile], list[str]]] = {}  # directory -> its files, the notes said
        self._base = _working_directory()  # where discovery's paths start, for the directories it walked

    def real(self, directory: str) -> str:
        """os.path.realpath of a directory, from its parent's when it is not a link itself: one system call
        for each directory of a scan rather than one for each part of its path, each time it is asked for."""
        found = self._real.get(directory)
        if found is None and (listed := walked(directory, self._base)) is not None:
            found = self._real[directory] = listed[0]
        if found is None:
            parent, name = os.path.split(directory)
            plain = parent and name not in ("", ".", "..") and ".." not in parent.split("/")
            if plain and not os.path.islink(directory):
                found = os.path.join(self.real(parent), name)
            else:
                found = os.path.realpath(directory)
            self._real[directory] = found
        return found

    def module(self, directory: str) -> TfModule | None:
        """The module in a directory (display path), or None when it holds no Terraform file."""
        directory = os.path.normpath(directory)
        if directory not in self._modules:
            self._modules[directory] = None  # a cycle through load() sees "no module" instead of recursing
            self._modules[directory] = self._load(directory)
        return self._modules[directory]

    def _load(self, directory: str) -> TfModule | None:
        files = self.files(directory)
        if not any(f.kind == "terraform" for f in files):
            return None
        module = TfModule(directory)
        for f in files:
            if f.kind == "terraform":
                module.add(f.path, self._parse(f, directory not in self.quiet))
        return module

    def downloaded(self, root: str, key: str) -> str | None:
        """Where `terraform init` put the module called `key` ('vpc', 'vpc.nat') of a root, from its
        `.terraform/modules/modules.json`; None when it is not there or lies outside the scanned trees."""
        if root not in self._downloads:
            self._downloads[root] = self._index(root)
        found = self._downloads[root].get(key)
        if found is None:
            return None
        directory = os.path.normpath(os.path.join(root, found))
        if not self.allowed(os.path.realpath(directory)):
            self.notes.append(f"{root}/.terraform/modules/modules.json: {found} is outside the scanned tree, not read")
            return None
        return directory

    def _index(self, root: str) -> dict[str, str]:
        import json

        path = os.path.join(root, ".terraform", "modules", "modules.json")
        real = os.path.realpath(path)
        if not os.path.isfile(real) or not self.allowed(real):
            return {}
        try:
            data = json.loads(read_text(SourceFile(path, real, "json"), self.parser.limits))
        except (ParseError, ValueError) as error:
            self.notes.append(f"{path}: cannot be read ({getattr(error, 'message', error)}); run terraform init again")
            return {}
        entries = data.get("Modules") if isinstance(data, dict) else None
        return {
            m["Key"]: m["Dir"]
            for m in (entries if isinstance(entries, list) else [])
            if isinstance(m, dict) and isinstance(m.get("Key"), str) and m["Key"] and isinstance(m.get("Dir"), str)
        }

    def values(self, module: TfModule) -> None:
        """Fill a root module's variable values: environment, .tfvars files, then the command line."""
        for name, value in sorted(self.env.items()):
            module.values[name] = (value, Origin("", 0, f"TF_VAR_{name}"))
        tfvars = {os.path.basename(f.path): f for f in self.files(module.directory) if f.kind == "tfvars"}
        for name in tfvars_order(list(tfvars)):
            module.add_values(tfvars[name].path, self._parse(tfvars[name]))
        for path in self.var_files:
            module.add_values(path, self._parse(SourceFile(path, os.path.abspath(path), "tfvars")), "--var-file")
        for name, value in self.variables:
            module.values[name] = (value, Origin("", 0, "--var"))

    def files(self, directory: str) -> list[SourceFile]:
        """The files of a directory's module: every .tf, .tofu, .tf.json, auto-loaded .tfvars and named file.
        The directory is listed once per scan (its summary, its module and its values ask for it); the notes
        its listing made are said again on each call, as a listing would say them."""
        found = self._files.get(directory)
        if found is None:
            before = len(self.notes)
            found = self._files[directory] = (self._files_now(directory), self.notes[before:])
        else:
            self.notes += found[1]
        return list(found[0])

    def _files_now(self, directory: str) -> list[SourceFile]:
        if self._by_dir is None:
            self._by_dir = {}
            for f in self.named.values():
                self._by_dir.setdefault(os.path.dirname(f.path) or ".", []).append(f)
        named = self._by_dir.get(directory, [])
        real_dir = self.real(directory)
        if any(f.real == "" for f in named) or not self.allowed(real_dir):
            if not named:
                self.notes.append(f"{directory}: outside the scanned tree, not read")
            return sorted(named, key=lambda f: f.path)
        members = {f.path: f for f in named}
        listed = walked(directory, self._base)
        if listed is not None and listed[0] == real_dir:
            names = listed[1]  # as discovery listed it in this scan
        else:
            try:
                names = sorted(os.listdir(real_dir))
            except OSError:
                names = []
        hidden = {n[: -len(".tofu")] + ".tf" for n in names if n.endswith(".tofu")}
        for name in names:
            kind = kind_of(name)
            wanted = kind == "terraform" or (kind == "tfvars" and is_auto_tfvars(name))
            path = name if directory == "." else f"{directory}/{name}"
            if not wanted or name in hidden or path in members:
                continue
            real = os.path.join(real_dir, name)
            if os.path.islink(real) and not self.allowed(os.path.realpath(real)):
                self.notes.append(f"{path}: {OUTSIDE}")
            elif os.path.isfile(real):
                members[path] = SourceFile(path, real, kind or "")
        return sorted((f for f in members.values() if os.path.basename(f.path) not in hidden), key=lambda f: f.path)

    def allowed(self, real: str) -> bool:
        """Whether a real path lies inside the repositories being scanned."""
        return repository.inside(real, self.roots)

    def _parse(self, source: SourceFile, report: bool = True) -> list[Block]:
        """The blocks of a file; its first error becomes a finding (unless `report` is False), and the blocks
        around it are kept."""
        try:
            blocks, error = self.parser.terraform(source)
        except ParseError as failure:
            blocks, error = [], failure
        if error is not None and report and (source.path in self.named or source.path in self.var_files):
            self.findings.append(parse_error(source.path, error))
        return blocks


def _working_directory() -> str:
    try:
        return os.path.realpath(os.getcwd())
    except OSError:  # it was removed
        return ""
