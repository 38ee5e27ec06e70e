"""The text of a Terraform argument that holds a document (a manifest, Helm values), as far as it is known.

A manifest or Helm values reach Kubernetes as text written in place (a heredoc), read from a file of the
module (`file("${path.module}/values.yaml")`, `templatefile(…)`) or encoded from an object (`yamlencode({…})`).
Terraform reads such files when it runs; here `file()` and `templatefile()` read them only inside the scanned
trees (through `Context.read`, which records what a kept root module depended on), never outside, and a
template is filled only with the variables its call gives, without directives (`%{ if }`, `%{ for }`).

A value known only when Terraform runs stands as `UNKNOWN` in the text when it sits inside a line beside other
text (`image: ${var.registry}/app`, `os-region: "${var.region}"`): what the text says elsewhere is still read,
and a value holding `UNKNOWN` is left alone. A value standing alone on its line may add YAML structure of its
own (`${indent(4, yamlencode(var.extra))}`), so the whole text is then unknown, as it is for anything else.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from typing import Any

from sovlint.limits import budget
from sovlint.terraform.lang.eval import EvalError, Expr, Unknown, evaluate
from sovlint.terraform.lang.functions import to_string

UNKNOWN = "sovlint-unknown-value"  # stands for a value known only when Terraform runs; a valid YAML scalar
_INTERPOLATION = re.compile(r"(?<!\$)\$\{~?\s*([^}]*?)\s*~?\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
Reader = Callable[[str], "str | None"]


def text(raw: Any, scope: Any) -> str | Unknown:
    """The text of an argument: a string as written, a template with its known parts, or what a call gives."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, Expr) or not hasattr(scope, "resolve"):  # a plan's values are resolved already
        return Unknown("not text")
    reading = Reading(scope)
    node = raw.node
    if node[0] == "tmpl":
        return _template(node[1], reading)
    try:
        found = evaluate(raw, reading)
    except (EvalError, RecursionError) as exc:
        return Unknown(f"the expression is invalid ({exc})")
    return found if isinstance(found, (str, Unknown)) else Unknown("not text")


def _template(parts: tuple[Any, ...], reading: Reading) -> str | Unknown:
    """A heredoc or quoted template, each interpolation evaluated apart: an unknown one stands as UNKNOWN."""
    chunks: list[str] = []
    size = 0
    for i, part in enumerate(parts):
        if part[0] == "lit":
            chunks.append(str(to_string(part[1])))
            size += len(chunks[-1])
            budget().size(size)  # refused before it is built, as any value of the evaluation
            continue
        try:
            value = to_string(evaluate(Expr(part), reading))
        except (EvalError, RecursionError):
            value = Unknown("invalid")
        if isinstance(value, Unknown):
            before = "".join(chunks).rsplit("\n", 1)[-1]
            after = next((p[1] for p in parts[i + 1 :] if p[0] == "lit" and isinstance(p[1], str)), "\n")
            if not before.strip() and not after.split("\n", 1)[0].strip():
                return Unknown("a value known only when Terraform runs stands alone on its line")
            value = UNKNOWN
        chunks.append(value)
        size += len(value)
        budget().size(size)
    return "".join(chunks)


class Reading:
    """A module scope that also knows `path.module` and `path.root` and reads files of the scanned trees."""

    def __init__(self, outer: Any) -> None:
        self.outer = outer
        instance = outer.instance
        self.root = instance.root().module.directory  # Terraform's working directory
        self.module = posixpath.relpath(instance.module.directory, self.root)
        read = getattr(outer.ctx, "read", None)
        self.read: Reader = read if read is not None else _nothing
        self._read: dict[str, str | None] = {}
        self.functions = {
            **getattr(outer, "functions", {}),
            "file": self._file,
            "templatefile": self._templatefile,
            "yamlencode": encode,
            "jsonencode": encode,
        }

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if root == "path" and steps and steps[0] in ("module", "root"):
            return (self.module if steps[0] == "module" else "."), 1
        found: tuple[Any, int] = self.outer.resolve(root, steps)
        return found

    def _file(self, path: Any) -> Any:
        if isinstance(path, Unknown):
            return path
        if not isinstance(path, str) or os.path.isabs(path) or path.startswith("~"):
            return Unknown("file() of a path that depends on the machine Terraform runs on is not read")
        where = posixpath.normpath(posixpath.join(self.root, path))
        if where not in self._read:  # read once: a for expression may name one file many times
            self._read[where] = self.read(where)
        found = self._read[where]
        if found is None:
            return Unknown("file() of a file outside the scanned tree, missing or unreadable")
        budget().size(len(found))
        return found

    def _templatefile(self, path: Any, variables: Any = None) -> Any:
        found = self._file(path)
        if isinstance(found, Unknown):
            return found
        return fill(found, variables if isinstance(variables, dict) else {})


def fill(template: str, variables: dict[str, Any]) -> str | Unknown:
    """A template file with the variables its call gives: `${name}` replaced, any other interpolation UNKNOWN
    (the whole unknown when it stands alone on its line); a template with directives is not filled."""
    if re.search(r"(?<!%)%\{", template):
        return Unknown("template directives (%{…}) are not evaluated")
    out: list[str] = []
    cursor = size = 0
    for match in _INTERPOLATION.finditer(template):
        budget().size(size + len(template))  # each value adds to the template's text
        out.append(template[cursor : match.start()])
        cursor = match.end()
        name = match.group(1)
        value = variables.get(name) if _NAME.fullmatch(name) else None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out.append(str(to_string(value)))
            size += len(out[-1])
            continue
        line_start = template.rfind("\n", 0, match.start()) + 1
        line_end = template.find("\n", cursor)
        alone = (
            not template[line_start : match.start()].strip()
            and not template[cursor : None if line_end < 0 else line_end].strip()
        )
        if alone:
            return Unknown("a value known only when Terraform runs stands alone on its line")
        out.append(UNKNOWN)
    out.append(template[cursor:])
    return "".join(out).replace("$${", "${").replace("%%{", "%{")


def encode(value: Any) -> str:
    """yamlencode() and jsonencode(): JSON, which YAML reads the same; an unknown member is UNKNOWN. A value whose
    text would be over the evaluation's budget is refused before it is built (a list of one large value's copies)."""
    size, stack, limit = 0, [value], budget().limits.value_size
    while stack and size <= limit:
        item = stack.pop()
        if isinstance(item, dict):
            size += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            size += 2 + 2 * len(item)
            stack.extend(item)
        else:
            size += len(item) if isinstance(item, str) else len(UNKNOWN)
    budget().size(size)
    return json.dumps(value, default=lambda _: UNKNOWN, sort_keys=True)


def _nothing(path: str) -> str | None:
    return None
