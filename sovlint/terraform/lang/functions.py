"""The Terraform functions that real code uses around regions, evaluated statically.

An `Unknown` argument makes the result unknown, except where Terraform's semantics let a known
answer through (`coalesce` with an earlier known non-empty value).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from sovlint.limits import budget
from sovlint.terraform.lang.values import EvalError, Unknown


def to_string(value: Any) -> Any:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        raise EvalError("null cannot be used in a string")
    if isinstance(value, (list, dict)):
        raise EvalError("a collection cannot be used in a string")
    return str(value)


def known(fn: Callable[..., Any], shallow: bool = False) -> Callable[..., Any]:
    """Return the first Unknown argument instead of calling fn; turn type errors into EvalError."""

    @functools.wraps(fn)
    def wrapper(*args: Any) -> Any:
        for arg in args:
            if isinstance(arg, Unknown):
                return arg
            if isinstance(arg, (list, dict)):
                inner = arg.values() if isinstance(arg, dict) else arg
                if not shallow and any(isinstance(v, Unknown) for v in inner):
                    return next(v for v in inner if isinstance(v, Unknown))
        try:
            return fn(*args)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError) as exc:
            raise EvalError(f"{fn.__name__.strip('_')}(): {exc}") from None

    return wrapper


# Functions whose answer does not depend on the collection's members: an unknown member passes through.
_SHALLOW = {"lookup", "element", "length", "merge", "concat", "keys", "values", "one", "slice", "tolist", "tomap"}


def _coalesce(*args: Any) -> Any:
    for arg in args:
        if isinstance(arg, Unknown):
            return arg
        if arg is not None and arg != "":
            return arg
    raise EvalError("coalesce(): no non-null argument")


def _lookup(mapping: dict[str, Any], key: str, *default: Any) -> Any:
    if key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise KeyError(key)


def _element(items: list[Any], index: int) -> Any:
    return items[int(index) % len(items)]


def _sized(parts: list[Any], what: str = "characters") -> list[Any]:
    """`parts`, once the budget allows what joining them would build."""
    budget().size(sum(len(p) for p in parts), what)
    return parts


def _join(sep: str, items: list[Any]) -> str:
    texts = [to_string(i) for i in items]
    budget().size(sum(len(t) for t in texts) + len(sep) * max(0, len(texts) - 1))
    return sep.join(texts)


def _replace(text: str, old: str, new: str) -> str:
    count = text.count(old)
    budget().size(len(text) + count * (len(new) - len(old)))
    return text.replace(old, new)


def _concat(*lists: list[Any]) -> list[Any]:
    return [x for lst in _sized(list(lists), "elements") for x in lst]


def _format(spec: str, *args: Any) -> str:
    out, i, n, arg = [], 0, len(spec), 0
    while i < n:
        if spec[i] == "%" and i + 1 < n:
            verb = spec[i + 1]
            if verb == "%":
                out.append("%")
            else:
                out.append(to_string(args[arg]))
                arg += 1
            i += 2
        else:
            out.append(spec[i])
            i += 1
    return "".join(_sized(out))


def _formatlist(spec: str, *args: Any) -> list[str]:
    """format() once per element: list arguments of one length go element by element, others repeat."""
    lengths = {len(a) for a in args if isinstance(a, list)}
    if len(lengths) > 1:
        raise ValueError("the lists are not all of the same length")
    count = lengths.pop() if lengths else 1
    budget().size(count, "elements")
    return [_format(spec, *(a[i] if isinstance(a, list) else a for a in args)) for i in range(count)]


def _merge(*maps: dict[str, Any] | None) -> dict[str, Any]:
    """Later keys win; null arguments are skipped, as Terraform's merge() skips them."""
    out: dict[str, Any] = {}
    for m in _sized([m for m in maps if m is not None], "elements"):
        if not isinstance(m, dict):
            raise EvalError("merge() takes maps or objects")
        out.update(m)
    return out


def _toset(items: list[Any]) -> list[Any]:
    """A set as a list: distinct elements, strings in lexical order as Terraform iterates them."""
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return sorted(out) if all(isinstance(i, str) for i in out) else out


def _flat_numbers(values: Any) -> list[int | float]:
    return [_number(v) for v in values]


MAX_RANGE = 4096  # range() longer than this is not evaluated


def _range(*args: Any) -> list[int | float]:
    start, stop, step = (0, _number(args[0]), 1) if len(args) == 1 else (*map(_number, args), 1)[:3]
    if step == 0 or abs((stop - start) / step) > MAX_RANGE:
        raise ValueError("range too long or with a zero step")
    out, value = [], start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(value)
        value += step
    return out


def _flatten(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return out


def _one(items: list[Any]) -> Any:
    if len(items) > 1:
        raise ValueError("more than one element")
    return items[0] if items else None


def _jsondecode(text: str) -> Any:
    import json

    if not isinstance(text, str):
        raise TypeError("jsondecode() takes a string")
    return json.loads(text)


def _keys(mapping: dict[str, Any]) -> list[str]:
    if not isinstance(mapping, dict):
        raise TypeError("keys() takes a map or an object")
    return sorted(mapping)


def _values(mapping: dict[str, Any]) -> list[Any]:
    if not isinstance(mapping, dict):
        raise TypeError("values() takes a map or an object")
    return [mapping[k] for k in sorted(mapping)]


def _length(value: Any) -> int:
    if value is None or isinstance(value, (bool, int, float)):
        raise TypeError("length() takes a collection or a string")
    return len(value)


def _pathexpand(path: str) -> Any:
    """A path that does not start with `~` is returned as it is; the home directory is the machine's."""
    if not isinstance(path, str):
        raise TypeError("pathexpand() takes a string")
    if path.startswith("~"):
        return Unknown("pathexpand(): the home directory is only known where Terraform runs")
    return path


def _substr(text: str, offset: int, length: int) -> str:
    offset = int(offset)
    start = offset if offset >= 0 else len(text) + offset
    return text[start:] if int(length) < 0 else text[start : start + int(length)]


_IMPLEMENTATIONS: dict[str, Callable[..., Any]] = {
    "lookup": _lookup,
    "coalesce": _coalesce,
    "format": _format,
    "formatlist": _formatlist,
    "join": _join,
    "split": lambda sep, text: text.split(sep),
    "element": _element,
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "replace": _replace,
    "merge": _merge,
    "concat": _concat,
    "contains": lambda items, value: value in items,
    "length": _length,
    "keys": _keys,
    "max": lambda *nums: max(_flat_numbers(nums)),
    "min": lambda *nums: min(_flat_numbers(nums)),
    "sum": lambda items: sum(_flat_numbers(items)),
    "abs": lambda n: abs(_number(n)),
    "ceil": lambda n: math.ceil(_number(n)),
    "floor": lambda n: math.floor(_number(n)),
    "range": _range,
    "reverse": lambda items: list(reversed(items)),
    "sort": lambda items: sorted(to_string(i) for i in items),
    "index": lambda items, value: items.index(value),
    "setunion": lambda *sets: _toset([v for s in sets for v in s]),
    "setintersection": lambda first, *rest: _toset([v for v in first if all(v in r for r in rest)]),
    "setsubtract": lambda a, b: _toset([v for v in a if v not in b]),
    "values": _values,
    "toset": _toset,
    "distinct": lambda items: [v for i, v in enumerate(items) if v not in items[:i]],
    "flatten": _flatten,
    "compact": lambda items: [v for v in items if v is not None and v != ""],
    "one": _one,
    "jsondecode": _jsondecode,
    "zipmap": lambda keys, values: dict(zip([to_string(k) for k in keys], values, strict=True)),
    "slice": lambda items, start, end: items[int(start) : int(end)],
    "coalescelist": lambda *lists: next((v for v in lists if v), []),
    "alltrue": lambda items: all(v is True or v == "true" for v in items),
    "anytrue": lambda items: any(v is True or v == "true" for v in items),
    "startswith": lambda s, p: s.startswith(p),
    "endswith": lambda s, p: s.endswith(p),
    "tonumber": lambda v: v if isinstance(v, (int, float)) and not isinstance(v, bool) else float(v),
    "tobool": lambda v: v if isinstance(v, bool) else {"true": True, "false": False}[v],
    "substr": _substr,
    "pathexpand": _pathexpand,
    "trimprefix": lambda s, p: s.removeprefix(p),
    "trimsuffix": lambda s, p: s.removesuffix(p),
    "trimspace": lambda s: s.strip(),
    "tostring": lambda v: to_string(v),
    "tolist": lambda v: list(v),
    "tomap": lambda v: dict(v),
}
FUNCTIONS: dict[str, Callable[..., Any]] = {
    name: fn if name == "coalesce" else known(fn, name in _SHALLOW) for name, fn in _IMPLEMENTATIONS.items()
}


def binary(op: str, left: Any, right: Any) -> Any:
    if op == "||" and (left is True or right is True):
        return True
    if op == "&&" and (left is False or right is False):
        return False
    for value in (left, right):
        if isinstance(value, Unknown):
            return value
    try:
        return _BINARY[op](left, right)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
        raise EvalError(f"operator {op}: {exc}") from None


def _number(value: Any) -> int | float:
    """A number as Terraform converts one: numbers, and strings that spell one; else a type error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text) if text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            pass
    raise TypeError(f"{_shown(value)} is not a number")


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _arithmetic(op: Callable[[Any, Any], Any], bits: Callable[[int, int], int]) -> Callable[[Any, Any], Any]:
    """A numeric operator: both sides converted to numbers, a result's size checked before it is built."""

    def apply(a: Any, b: Any) -> Any:
        x, y = _number(a), _number(b)
        if isinstance(x, int) and isinstance(y, int):
            budget().size(bits(x.bit_length(), y.bit_length()), "bits")
        return op(x, y)

    return apply


def _plus(x: int, y: int) -> int:
    return max(x, y) + 1


def _times(x: int, y: int) -> int:
    return x + y


def _compare(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda a, b: op(_number(a), _number(b))


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "||": lambda a, b: bool(a or b),
    "&&": lambda a, b: bool(a and b),
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": _compare(lambda a, b: a < b),
    ">": _compare(lambda a, b: a > b),
    "<=": _compare(lambda a, b: a <= b),
    ">=": _compare(lambda a, b: a >= b),
    "+": _arithmetic(lambda a, b: a + b, _plus),
    "-": _arithmetic(lambda a, b: a - b, _plus),
    "*": _arithmetic(lambda a, b: a * b, _times),
    "/": _arithmetic(lambda a, b: a / b, _plus),
    "%": _arithmetic(lambda a, b: a % b, _plus),
}
