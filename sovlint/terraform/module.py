"""One Terraform module: the blocks of every .tf file in a directory and the values of its .tfvars.

Variable values are layered as Terraform does: defaults, then `terraform.tfvars`,
`terraform.tfvars.json` and `*.auto.tfvars(.json)` in lexical order (later wins), then the
`--var-file`s and `--var`s given on the command line.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from sovlint.model import Origin

if TYPE_CHECKING:  # a run whose outcome is kept loads no parser
    from sovlint.terraform.syntax import Block


class Located(NamedTuple):
    """A block with the file it came from."""

    file: str
    block: Block


def argument_origin(located: Located, path: str, what: str) -> Origin:
    """Where an argument of a block is written, with its span (`api.region`: the nested block's argument,
    `endpoints.s3`: the `endpoints` argument; the block itself when it has no such argument)."""
    spans = located.block.spans
    line, column, end_line, end_column = located.block.span(path if path in spans else path.partition(".")[0])
    return Origin(located.file, line, what, column, end_line, end_column)


class TfModule:
    __slots__ = (
        "directory",
        "resources",
        "data",
        "calls",
        "outputs",
        "variables",
        "locals",
        "providers",
        "required",
        "backends",
        "required_at",
        "values",
    )

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.resources: dict[str, Located] = {}  # 'aws_s3_bucket.logs'
        self.data: dict[str, Located] = {}  # 'aws_region.current'
        self.calls: dict[str, Located] = {}  # module calls by name
        self.outputs: dict[str, Located] = {}
        self.variables: dict[str, Located] = {}
        self.locals: dict[str, tuple[Any, Origin]] = {}
        self.providers: dict[tuple[str, str], Located] = {}  # (name, alias or '')
        self.required: dict[str, str] = {}  # local name -> source
        self.backends: list[Located] = []  # terraform blocks with backend/cloud
        self.required_at: dict[str, Origin] = {}  # local name -> its required_providers entry
        self.values: dict[str, tuple[Any, Origin]] = {}  # variable values set outside

    def copy(self) -> TfModule:
        """The same module with tables of its own: adding to the copy leaves this one as it was."""
        copied = TfModule(self.directory)
        for name in TfModule.__slots__[1:]:
            setattr(copied, name, type(getattr(self, name))(getattr(self, name)))
        return copied

    @property
    def library(self) -> bool:
        """A reusable module: no provider configuration and no backend, so its caller decides."""
        return not self.providers and not self.backends

    def add(self, file: str, blocks: list[Block]) -> None:
        for block in blocks:
            adder = _ADDERS.get(block.kind)
            if adder:
                adder(self, Located(file, block))

    def add_values(self, file: str, blocks: list[Block], what: str = "tfvars") -> None:
        """Values from a .tfvars file: each top-level argument sets one variable."""
        for block in blocks:
            if block.kind == "attribute":
                name = block.labels[0]
                line, column, end_line, end_column = block.span(name)
                self.values[name] = (block.body[name], Origin(file, line, what, column, end_line, end_column))


def tfvars_order(names: list[str]) -> list[str]:
    """The .tfvars files Terraform loads automatically, in the order it loads them."""
    base = [n for n in ("terraform.tfvars", "terraform.tfvars.json") if n in names]
    auto = sorted(n for n in names if n.endswith((".auto.tfvars", ".auto.tfvars.json")))
    return base + auto


def is_auto_tfvars(name: str) -> bool:
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith((".auto.tfvars", ".auto.tfvars.json"))


def _add_resource(module: TfModule, located: Located) -> None:
    if len(located.block.labels) == 2:
        module.resources.setdefault(".".join(located.block.labels), located)


def _add_data(module: TfModule, located: Located) -> None:
    if len(located.block.labels) == 2:
        module.data.setdefault(".".join(located.block.labels), located)


def _add_call(module: TfModule, located: Located) -> None:
    if located.block.labels:
        module.calls.setdefault(located.block.labels[0], located)


def _add_output(module: TfModule, located: Located) -> None:
    if located.block.labels:
        module.outputs.setdefault(located.block.labels[0], located)


def _add_variable(module: TfModule, located: Located) -> None:
    if located.block.labels:
        module.variables.setdefault(located.block.labels[0], located)


def _add_locals(module: TfModule, located: Located) -> None:
    for name, value in located.block.body.items():
        module.locals.setdefault(name, (value, argument_origin(located, name, "local value")))


def _add_provider(module: TfModule, located: Located) -> None:
    if located.block.labels:
        alias = located.block.body.get("alias", "")
        module.providers.setdefault((located.block.labels[0], str(alias)), located)


def _add_terraform(module: TfModule, located: Located) -> None:
    body = located.block.body
    for entry in body.get("required_providers") or []:
        for name, spec in entry.items():
            source = spec.get("source") if isinstance(spec, dict) else None
            if isinstance(source, str):
                module.required[name] = "/".join(source.lower().split("/")[-2:])  # drop the registry host
            module.required_at.setdefault(
                name, argument_origin(located, f"required_providers.{name}", "required_providers")
            )
    if body.get("backend") or body.get("cloud"):
        module.backends.append(located)


_ADDERS = {
    "resource": _add_resource,
    "data": _add_data,
    "module": _add_call,
    "output": _add_output,
    "variable": _add_variable,
    "locals": _add_locals,
    "provider": _add_provider,
    "terraform": _add_terraform,
}


def directory_of(path: str) -> str:
    """The directory of a file's path as `PurePosixPath(path).parent` gives it, made without a PurePosixPath for a
    plain relative path (the display paths of a scan: thousands of them)."""
    head, _, name = path.rpartition("/")
    if head and name and name not in (".", "..") and "//" not in path and "." not in head.split("/") and head[0] != "/":
        return head
    return str(PurePosixPath(path).parent)
