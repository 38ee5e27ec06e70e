"""Static evaluation of Terraform expressions, as python-hcl2 serialises them.

python-hcl2 gives a string literal as itself, a bare expression as `"${…}"` and a template as
`"a-${…}"`. This module parses those strings and evaluates what can be known without running
Terraform; everything else evaluates to `Unknown(reason)`, never to a guess. References
(`var.x`, `local.y`, `aws_s3_bucket.b.region`) are answered by a `Scope`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sovlint.terraform.lang import functions
from sovlint.terraform.lang.parse import Node, parse_template
from sovlint.terraform.lang.values import EvalError, Unknown

__all__ = ["EvalError", "Unknown", "evaluate", "references", "parse_template"]


class Scope(Protocol):
    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        """Value of a reference and how many of `steps` (attribute names or index values) it used."""
        ...


def evaluate(value: Any, scope: Scope) -> Any:
    """Evaluate a value from python-hcl2's dict (str, number, bool, None, list or dict)."""
    if isinstance(value, str):
        return _eval(parse_template(value), scope)
    if isinstance(value, list):
        return [evaluate(v, scope) for v in value]
    if isinstance(value, dict):
        return {k: evaluate(v, scope) for k, v in value.items()}
    return value


def references(value: Any) -> list[str]:
    """The references an expression makes, as dotted names ('var.region', 'aws_vpc.main.id')."""
    out: list[str] = []
    _walk_refs(parse_template(value) if isinstance(value, str) else ("lit", value), out)
    return out


# ---------------------------------------------------------------- evaluation


def _eval(node: Node, scope: Scope) -> Any:
    try:
        return _EVAL[node[0]](node, scope)
    except RecursionError:
        return Unknown("the expression is nested too deeply")


def _eval_ref(node: Node, scope: Scope) -> Any:
    steps = [s if isinstance(s, str) else _eval(s, scope) for s in node[2]]
    for s in steps:
        if isinstance(s, Unknown):
            return s
    value, used = scope.resolve(node[1], steps)
    for s in steps[used:]:
        value = _index(value, s)
    return value


def _eval_get(node: Node, scope: Scope) -> Any:
    step = node[2] if isinstance(node[2], str) else _eval(node[2], scope)
    return _index(_eval(node[1], scope), step)


def _index(value: Any, key: Any) -> Any:
    if isinstance(value, Unknown):
        return value
    if isinstance(key, Unknown):
        return key
    if isinstance(value, dict):
        if str(key) not in value:
            raise EvalError(f"no key {key!r}")
        return value[str(key)]
    if isinstance(value, list) and isinstance(key, (int, float, str)) and str(key).lstrip("-").isdigit():
        i = int(key)
        if not 0 <= i < len(value):
            raise EvalError(f"index {i} out of range")
        return value[i]
    raise EvalError(f"cannot index {type(value).__name__} with {key!r}")


def _eval_tmpl(node: Node, scope: Scope) -> Any:
    out = []
    for part in node[1]:
        value = _eval(part, scope)
        if isinstance(value, Unknown):
            return value
        out.append(functions.to_string(value))
    return "".join(out)


def _eval_cond(node: Node, scope: Scope) -> Any:
    cond = _eval(node[1], scope)
    if isinstance(cond, bool):
        return _eval(node[2] if cond else node[3], scope)
    yes, no = _eval(node[2], scope), _eval(node[3], scope)
    if not isinstance(yes, Unknown) and yes == no:
        return yes  # both branches agree: the condition does not matter
    return cond if isinstance(cond, Unknown) else Unknown("the condition cannot be determined")


def _eval_call(node: Node, scope: Scope) -> Any:
    name = node[1]
    if name == "try":
        for arg in node[2]:
            try:
                return _eval(arg, scope)
            except EvalError:
                continue
        raise EvalError("no argument of try() could be evaluated")
    fn = functions.FUNCTIONS.get(name)
    if fn is None:
        return Unknown(f"the function {name}() is not evaluated")
    args = [_eval(a, scope) for a in node[2]]
    return fn(*args)


def _eval_bin(node: Node, scope: Scope) -> Any:
    return functions.binary(node[1], _eval(node[2], scope), _eval(node[3], scope))


def _eval_un(node: Node, scope: Scope) -> Any:
    value = _eval(node[2], scope)
    if isinstance(value, Unknown):
        return value
    return (not value) if node[1] == "!" else -value


_EVAL: dict[str, Callable[[Node, Scope], Any]] = {
    "lit": lambda node, scope: node[1],
    "unknown": lambda node, scope: Unknown(node[1]),
    "tmpl": _eval_tmpl,
    "ref": _eval_ref,
    "get": _eval_get,
    "cond": _eval_cond,
    "call": _eval_call,
    "bin": _eval_bin,
    "un": _eval_un,
    "tuple": lambda node, scope: [_eval(n, scope) for n in node[1]],
    "obj": lambda node, scope: {functions.to_string(_eval(k, scope)): _eval(v, scope) for k, v in node[1]},
}


def _walk_refs(node: Any, out: list[str]) -> None:
    if not isinstance(node, tuple) or not node:
        return
    if node[0] == "ref":
        names = [node[1]] + [s for s in node[2] if isinstance(s, str)]
        out.append(".".join(names[:3]))
    for child in node[1:]:
        if isinstance(child, tuple):
            _walk_refs(child, out)
        elif isinstance(child, list):
            for item in child:
                _walk_refs(item, out)
