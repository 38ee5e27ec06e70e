"""The shapes a resource's body takes before its location is read: `dynamic` blocks expanded the way
Terraform expands them, and location arguments under other names, as lists or in nested blocks.

Which argument holds the location of which type is data (`location_shapes` in policies/resource_types).
"""

from __future__ import annotations

import functools
from typing import Any, Protocol

from sovlint.knowledge.records import Provider, type_matches
from sovlint.terraform.lang.eval import EvalError, Unknown, bind, evaluate, items
from sovlint.terraform.lang.values import reference
from sovlint.terraform.module import Located

MAX_BLOCKS = 256  # blocks a single dynamic block may generate; beyond that its content is left unexpanded


class Scope(Protocol):
    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]: ...


class Traced(Scope, Protocol):
    trail: list[Any]  # where the values it evaluated came from


@functools.lru_cache(maxsize=16384)
def location_args(rtype: str, provider: Provider) -> tuple[str, ...]:
    """The arguments that hold a type's location, its own shapes first (`nodes.region`, `regions`)."""
    own = next((args for glob, args in provider.shapes if type_matches(rtype, (glob,))), ())
    return (*own, *(a for a in provider.location_args if a not in own))


def values_at(body: Any, path: str) -> list[Any]:
    """The raw values at a dotted path through nested blocks and objects; [] when it is not written."""
    return _at(body, _steps(path))


@functools.lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _at(body: Any, path: tuple[str, ...]) -> list[Any]:
    if not path:
        return [body]
    if isinstance(body, list):
        return [v for item in body for v in _at(item, path)]
    if isinstance(body, dict) and path[0] in body:
        return _at(body[path[0]], path[1:])
    return []


def codes(values: list[Any]) -> list[Any]:
    """Location values, lists flattened (each element is judged), nulls dropped, duplicates once."""
    out: list[Any] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if item is not None and not any(item is seen or item == seen for seen in out):
                out.append(item)
    return out


def with_dynamic(located: Located, scope: Scope) -> Located:
    """The block with its `dynamic` blocks expanded into the nested blocks Terraform would generate."""
    body = located.block.body
    if not _has_dynamic(body):
        return located
    block = located.block._replace(body=expand(body, scope))
    return Located(located.file, block)


def when_read(located: Located, scope: Traced) -> Located:
    """The block with its `dynamic` blocks expanded as `with_dynamic` expands them, each name when first read.

    A dynamic block whose name no reader asks for (most of them: `master_authorized_networks_config`
    when the location is read) is never generated, nor its for_each evaluated. What its evaluation adds
    to `scope.trail` is dropped, as it is never part of a location read after the expansion.
    """
    body = located.block.body
    if not _has_dynamic(body):
        return located
    return Located(located.file, located.block._replace(body=_Expanding(body, scope)))


_PENDING: Any = object()


class _Expanding(dict[str, Any]):
    """A body whose entries that dynamic blocks change are expanded when first read, in the order and with
    the keys `expand` gives; any reading of every value (items, values, iteration, copies) expands them all."""

    __slots__ = ("_body", "_scope")

    def __init__(self, body: dict[str, Any], scope: Traced) -> None:
        super().__init__()
        self._body, self._scope = body, scope
        for k, pending in _keys(body).items():
            dict.__setitem__(self, k, _PENDING if pending else body[k])

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if value is _PENDING:
            value = self._expand(key)
            dict.__setitem__(self, key, value)
        return value

    def _expand(self, key: str) -> Any:
        body, scope = self._body, self._scope
        start = len(scope.trail)
        try:
            return _entry(body, key, scope)
        finally:
            del scope.trail[start:]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if dict.__contains__(self, key) else default

    def _all(self) -> dict[str, Any]:
        return {k: self[k] for k in dict.keys(self)}

    def __iter__(self) -> Any:
        return iter(self._all())

    def items(self) -> Any:
        return self._all().items()

    def values(self) -> Any:
        return self._all().values()

    def copy(self) -> dict[str, Any]:
        return self._all()

    def __eq__(self, other: object) -> bool:
        return self._all() == other

    def __ne__(self, other: object) -> bool:
        return self._all() != other

    def __or__(self, other: Any) -> Any:
        return self._all() | other

    def __repr__(self) -> str:
        return repr(self._all())


def _has_dynamic(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    if "dynamic" in body:
        return True
    for value in body.values():  # loops, not generators: asked of every resource's body
        if isinstance(value, list):
            for item in value:
                if _has_dynamic(item):
                    return True
    return False


def expand(body: dict[str, Any], scope: Scope) -> dict[str, Any]:
    """A body whose `dynamic "x" { for_each, iterator, content }` entries became `x` blocks, content evaluated."""
    return {key: _entry(body, key, scope) for key in _keys(body)}


def _keys(body: dict[str, Any]) -> dict[str, bool]:
    """The keys of an expanded body in order (its own, then the names of its dynamic blocks), each with whether
    dynamic blocks change its value (the name of one, or blocks that hold some)."""
    keys = {k: isinstance(v, list) and any(_has_dynamic(i) for i in v) for k, v in body.items() if k != "dynamic"}
    for entry in body.get("dynamic") or []:
        for name, spec in entry.items() if isinstance(entry, dict) else ():
            if isinstance(spec, dict):
                keys[name] = True
    return keys


def _entry(body: dict[str, Any], key: str, scope: Scope) -> Any:
    """The value of one key of an expanded body: its blocks expanded, then those its dynamic blocks generate."""
    value = body.get(key) if key != "dynamic" else None
    if isinstance(value, list):
        value = [expand(i, scope) if isinstance(i, dict) else i for i in value]
    for entry in body.get("dynamic") or []:
        for name, spec in entry.items() if isinstance(entry, dict) else ():
            if name == key and isinstance(spec, dict):
                value = [*(value or []), *_generate(str(name), spec, scope)]
    return value


def _generate(name: str, spec: dict[str, Any], scope: Scope) -> list[Any]:
    iterator = spec.get("iterator")
    named = reference(iterator)
    label = named if named and named.isidentifier() else name
    contents = spec.get("content") or [{}]
    content = contents[0] if isinstance(contents, list) and contents else {}
    try:
        pairs = items(evaluate(spec.get("for_each"), scope))
    except EvalError:
        return []  # Terraform rejects it: nothing is generated
    if isinstance(pairs, Unknown):
        pairs = [(pairs, pairs)]  # one block whose values follow from an unknown element
    out = []
    for key, value in pairs[:MAX_BLOCKS]:
        inner = bind(scope, {label: {"key": key, "value": value}})
        out.append(_evaluated(expand(content, inner) if isinstance(content, dict) else content, inner))
    return out


def _evaluated(value: Any, scope: Scope) -> Any:
    """Content evaluated where it stands (its iterator is bound only here); Terraform's errors become unknown."""
    if isinstance(value, dict):
        return {k: _evaluated(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [_evaluated(v, scope) for v in value]
    try:
        return evaluate(value, scope)
    except EvalError as exc:
        return Unknown(f"the expression is invalid ({exc})")
