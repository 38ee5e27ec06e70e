"""Static evaluation of Terraform expressions: what can be known without running Terraform.

A body value is a literal (str, number, bool, None, or a list or dict of values) or an `Expr`, an
expression node read from the syntax tree (.tf) or from a `${…}` template string (.tf.json).
Everything that cannot be known evaluates to `Unknown(reason)`, never to a guess. References
(`var.x`, `local.y`, `aws_s3_bucket.b.region`) are answered by a `Scope`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sovlint.limits import budget
from sovlint.terraform.lang import functions
from sovlint.terraform.lang.values import EvalError, Expr, Node, Unknown

__all__ = ["EvalError", "Expr", "Unknown", "evaluate", "references"]


class Scope(Protocol):
    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        """Value of a reference and how many of `steps` (attribute names or index values) it used."""
        ...


def evaluate(value: Any, scope: Scope) -> Any:
    """Evaluate a body value: an `Expr`, or a literal (whose lists and dicts may hold `Expr`s)."""
    if isinstance(value, Expr):
        return _eval(value.node, scope)
    if isinstance(value, list):
        return [evaluate(v, scope) for v in value]
    if isinstance(value, dict):
        return {k: evaluate(v, scope) for k, v in value.items()}
    return value


def references(value: Any) -> list[str]:
    """The references a body value makes, as dotted names ('var.region', 'aws_vpc.main.id')."""
    out: list[str] = []
    if isinstance(value, Expr):
        _walk_refs(value.node, out)
    elif isinstance(value, (list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            out += references(item)
    return out


# ---------------------------------------------------------------- evaluation


def _eval(node: Node, scope: Scope) -> Any:
    budget().step()
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
    budget().size(sum(len(part) for part in out))
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
    if name == "can":
        try:
            value = _eval(node[2][0], scope) if len(node[2]) == 1 else Unknown("can() takes one argument")
        except EvalError:
            return False
        return value if isinstance(value, Unknown) else True
    if name == "try":
        for arg in node[2]:
            try:
                return _eval(arg, scope)
            except EvalError:
                continue
        raise EvalError("no argument of try() could be evaluated")
    return _apply(name, [_eval(a, scope) for a in node[2]], scope)


def _eval_expand(node: Node, scope: Scope) -> Any:
    """`f(a, b...)`: the elements of the last argument are passed as the trailing arguments."""
    args = [_eval(a, scope) for a in node[2]]
    last = args.pop()
    if isinstance(last, Unknown):
        return last
    if not isinstance(last, list):
        raise EvalError(f"the expanded argument of {node[1]}() must be a list")
    return _apply(node[1], [*args, *last], scope)


# Functions sovlint does not evaluate whose parameters do not take null: Terraform rejects a null argument
# before the call (a go-cty function.Parameter has AllowNull false unless it says otherwise), so
# `try(fileset(null, "*.yaml"), [])` is [] when Terraform runs, as factory modules rely on.
_NO_NULL_NAMES = (
    "abspath base64decode base64encode basename chomp cidrhost cidrnetmask cidrsubnet cidrsubnets dirname file"
    " filebase64 fileexists filemd5 fileset filesha256 indent md5 pathexpand regex regexall sha1 sha256 strrev"
    " templatefile title trim urlencode yamldecode"
)
_NO_NULL = frozenset(_NO_NULL_NAMES.split())


def _apply(name: str, args: list[Any], scope: Scope) -> Any:
    fn = functions.FUNCTIONS.get(name) or getattr(scope, "functions", {}).get(name)  # a scope may add its own
    if fn is None:
        if name in _NO_NULL and any(a is None for a in args):
            raise EvalError(f"{name}(): an argument is null")
        return Unknown(f"the function {name}() is not evaluated")
    return fn(*args)


def _eval_bin(node: Node, scope: Scope) -> Any:
    return functions.binary(node[1], _eval(node[2], scope), _eval(node[3], scope))


def _eval_un(node: Node, scope: Scope) -> Any:
    value = _eval(node[2], scope)
    if isinstance(value, Unknown):
        return value
    return (not value) if node[1] == "!" else -value


MAX_ITEMS = 4096  # a for expression or splat over more elements than this is not evaluated


class _Bound:
    """A scope with the names a for expression or a dynamic block binds (`v`, `replica.value`)."""

    def __init__(self, outer: Scope, names: dict[str, Any]) -> None:
        self.outer, self.names = outer, names
        self.functions = getattr(outer, "functions", {})

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        if root in self.names:
            return self.names[root], 0
        return self.outer.resolve(root, steps)


def bind(scope: Scope, names: dict[str, Any]) -> Scope:
    """`scope` with `names` bound to values, as a for expression or a dynamic block's iterator binds them."""
    return _Bound(scope, names)


def items(collection: Any) -> list[tuple[Any, Any]] | Unknown:
    """(key, value) pairs in Terraform's order: list index order, map keys in lexical order."""
    if isinstance(collection, Unknown):
        return collection
    if collection is None:
        raise EvalError("cannot iterate over null")
    if isinstance(collection, dict):
        pairs = sorted(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        raise EvalError(f"cannot iterate over {type(collection).__name__}")
    if len(pairs) > MAX_ITEMS:
        return Unknown(f"a collection of more than {MAX_ITEMS} elements is not evaluated")
    return pairs


def _eval_for(node: Node, scope: Scope) -> Any:
    _, key_var, value_var, collection, key_node, value_node, cond, grouped = node
    pairs = items(_eval(collection, scope))
    if isinstance(pairs, Unknown):
        return pairs
    out_list: list[Any] = []
    out_map: dict[str, Any] = {}
    for key, value in pairs:
        names = {value_var: value} if key_var is None else {key_var: key, value_var: value}
        inner = _Bound(scope, names)
        if cond is not None:
            keep = _eval(cond, inner)
            if isinstance(keep, Unknown):
                return keep
            if not isinstance(keep, bool):
                raise EvalError("a for expression's condition must be a bool")
            if not keep:
                continue
        result = _eval(value_node, inner)
        if key_node is None:
            out_list.append(result)
            continue
        name = functions.to_string(_eval(key_node, inner))
        if isinstance(name, Unknown):
            return name
        if grouped:
            out_map.setdefault(name, []).append(result)
        elif name in out_map:
            raise EvalError(f"duplicate key {name!r} in a for expression")
        else:
            out_map[name] = result
    return out_list if key_node is None else out_map


def _eval_obj(node: Node, scope: Scope) -> Any:
    """An object constructor; a key that cannot be known makes the whole object unknown, as in Terraform."""
    out: dict[str, Any] = {}
    for key_node, value_node in node[1]:
        key = functions.to_string(_eval(key_node, scope))
        if isinstance(key, Unknown):
            return key
        out[key] = _eval(value_node, scope)
    return out


def _eval_splat(node: Node, scope: Scope) -> Any:
    source = _eval(node[1], scope)
    if isinstance(source, Unknown):
        return source
    if source is None:
        return []
    elements = source if isinstance(source, list) else [source]
    if len(elements) > MAX_ITEMS:
        return Unknown(f"a splat over more than {MAX_ITEMS} elements is not evaluated")
    steps = [s if isinstance(s, str) else _eval(s, scope) for s in node[2]]
    out = []
    for element in elements:
        for step in steps:
            element = _index(element, step)
        out.append(element)
    return out


_EVAL: dict[str, Callable[[Node, Scope], Any]] = {
    "for": _eval_for,
    "splat": _eval_splat,
    "lit": lambda node, scope: node[1],
    "unknown": lambda node, scope: Unknown(node[1]),
    "tmpl": _eval_tmpl,
    "ref": _eval_ref,
    "get": _eval_get,
    "cond": _eval_cond,
    "call": _eval_call,
    "expand": _eval_expand,
    "bin": _eval_bin,
    "un": _eval_un,
    "tuple": lambda node, scope: [_eval(n, scope) for n in node[1]],
    "obj": lambda node, scope: _eval_obj(node, scope),
}


def _walk_refs(node: Any, out: list[str]) -> None:
    """Collect references from a node, or from a sequence of nodes and steps."""
    if not isinstance(node, (tuple, list)) or not node:
        return
    if not isinstance(node[0], str):  # a sequence of nodes (arguments, items, key/value pairs)
        for item in node:
            _walk_refs(item, out)
        return
    if node[0] == "ref":
        names = [node[1]] + [s for s in node[2] if isinstance(s, str)]
        out.append(".".join(names[:3]))
        for step in node[2]:  # index expressions; attribute names are not nodes (`var.ref` is no reference)
            if not isinstance(step, str):
                _walk_refs(step, out)
        return
    for child in node[1:]:
        _walk_refs(child, out)
