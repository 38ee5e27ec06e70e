"""Input variable type constraints, applied to a value the way Terraform converts it.

Terraform converts every value a variable receives (default, tfvars, module input) to the variable's
`type`: an object type's `optional(T, default)` attributes that are omitted or null take their default
(or null), attributes the type does not declare are dropped, and the conversion reaches into
`list`/`set`/`map`/`tuple` elements. Modules rely on it: `var.groups[k].create` is a key error
without it. Only the conversions that change what a module reads are made; a value that does not fit
its type is left as it is (Terraform would reject the configuration, sovlint does not second-guess it).
"""

from __future__ import annotations

from typing import Any

from sovlint.terraform.lang.eval import evaluate
from sovlint.terraform.lang.values import EvalError, Expr, Node, Unknown

_COLLECTIONS = ("list", "set", "map")


class _NoScope:
    """Type defaults are constants: every reference in one is unknown."""

    def resolve(self, root: str, steps: list[Any]) -> tuple[Any, int]:
        return Unknown(f"{root} cannot be used in a type default"), len(steps)


def constraint(declared: Any) -> Node | None:
    """The node of a variable's `type` argument, or None when it has none sovlint can read."""
    if isinstance(declared, Expr):
        return declared.node
    return None


def conform(value: Any, node: Node | None, depth: int = 0) -> Any:
    """`value` converted to the type constraint `node` (see the module docstring)."""
    if node is None or value is None or isinstance(value, Unknown) or depth > 32:
        return value
    if node[0] != "call" or not node[2]:
        return value
    name, args = node[1], node[2]
    if name in _COLLECTIONS and len(args) == 1:
        if isinstance(value, list) and name != "map":
            return [conform(v, args[0], depth + 1) for v in value]
        if isinstance(value, dict) and name == "map":
            return {k: conform(v, args[0], depth + 1) for k, v in value.items()}
        return value
    if name == "tuple" and len(args) == 1 and args[0][0] == "tuple" and isinstance(value, list):
        elements = args[0][1]
        if len(elements) != len(value):
            return value
        return [conform(v, t, depth + 1) for v, t in zip(value, elements, strict=True)]
    if name == "object" and len(args) == 1 and args[0][0] == "obj" and isinstance(value, dict):
        return _conform_object(value, args[0][1], depth)
    return value


def _conform_object(value: dict[str, Any], pairs: tuple[Any, ...], depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, type_node in pairs:
        if key_node[0] == "lit":
            key = str(key_node[1])
        elif key_node[0] == "ref" and not key_node[2]:
            key = key_node[1]
        else:
            return value  # an attribute name sovlint cannot read: leave the value alone
        attribute_type, default = type_node, None
        if type_node[0] == "call" and type_node[1] == "optional" and type_node[2]:
            attribute_type = type_node[2][0]
            if len(type_node[2]) > 1:
                default = _constant(type_node[2][1])
        current = value.get(key)
        out[key] = conform(default if current is None else current, attribute_type, depth + 1)
    return out


def _constant(node: Node) -> Any:
    try:
        return evaluate(Expr(node, ""), _NoScope())
    except EvalError:
        return None
