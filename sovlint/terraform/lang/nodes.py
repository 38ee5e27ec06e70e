"""Expressions of a tree-sitter HCL tree → the evaluator's nodes, read once from the tree.

The nodes are the small immutable tuples that eval.py evaluates and parse.py also builds from
the strings of Terraform's JSON syntax: ('lit', v), ('ref', root, steps), ('get', node, step),
('call', name, args), ('tmpl', parts), ('cond', c, yes, no), ('bin', op, left, right),
('un', op, x), ('tuple', items), ('obj', pairs) and ('unknown', reason). What is not evaluated
statically (template directives) becomes ('unknown', reason); for expressions and splats become
('for', key_var, value_var, collection, key, value, cond, grouped) and ('splat', node, steps).

Long because it is one table: a reader per kind of expression node of the grammar, side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sovlint.terraform.lang.values import KEPT, Expr, Node, shorten

_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))|\$\$\{|%%\{", re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_NEVER_LITERAL = frozenset({"variable_expr", "function_call", "conditional", "for_expr"})  # read when evaluated


class Source:
    """The bytes of one file, for the text of nodes."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def text(self, node: Any) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def value(node: Any, src: Source) -> Any:
    """An argument's expression as a body value: literals as Python values, the rest as `Expr`.

    A list or an object written out (`[…]`, `{ key = … }` with literal keys) stays a list or dict
    whose members are body values, so that `providers = { aws = aws.eu }` is a dict.
    """
    head = node.child(0)
    first = head.type
    if first == "literal_value" and node.child_count == 1:  # the common case first
        found = _literal(head, src)
        return found[1] if found[0] == "lit" else _computed(node, src)
    if first in _NEVER_LITERAL:
        return _computed(node, src)
    inner = _constructor(node)
    if inner is not None:
        if inner.type == "tuple":
            return [value(c, src) for c in inner.named_children if c.type == "expression"]
        out: dict[str, Any] = {}
        for elem in inner.named_children:
            key_node, val_node = elem.child_by_field_name("key"), elem.child_by_field_name("val")
            if elem.type != "object_elem" or key_node is None or val_node is None:
                continue
            key = _object_key(key_node, src)
            if key[0] != "lit":
                break
            out[_key(key[1])] = value(val_node, src)
        else:
            return out
    n = convert(node, src)
    return n[1] if n[0] == "lit" else Expr(n, shorten(src.text(node)))


def _computed(node: Any, src: Source) -> Expr:
    """An expression kept as its source to be read when evaluated, or read now from the tree when it is longer than
    KEPT (read again, it could cost what the file's parse cost)."""
    if node.end_byte - node.start_byte <= KEPT:
        return Expr.of(src.text(node))
    return Expr(convert(node, src), shorten(src.text(node)))


def _constructor(node: Any) -> Any:
    """The tuple or object node when `node` is a bare `[…]` or `{…}`, else None."""
    if node.type != "expression" or node.named_child_count != 1:
        return None
    child = node.named_child(0)
    if child.type != "collection_value" or node.child_count != 1:
        return None
    return child.named_child(0)


def _object_key(key_node: Any, src: Source) -> Node:
    if key_node.child_count == 1 and key_node.child(0).type == "variable_expr":
        return ("lit", src.text(key_node))  # a bare name as a key is a string (the common case)
    key = convert(key_node, src)
    if key[0] == "ref" and not key[2] and src.text(key_node).strip() == key[1]:
        return ("lit", key[1])  # a bare name as a key is a string; `(name)` is a reference
    return key


def _key(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def convert(node: Any, src: Source) -> Node:
    handler = _HANDLERS.get(node.type)
    if handler is None:
        return ("unknown", f"cannot read expression '{shorten(src.text(node))[:60]}'")
    return handler(node, src)


def _expression(node: Any, src: Source) -> Node:
    return _term([c for c in node.children if c.type != "comment"], src)


def _term(children: list[Any], src: Source) -> Node:
    """A primary expression and its postfix steps, given as sibling nodes (the grammar inlines terms)."""
    if not children:
        return ("unknown", "an empty expression")
    if children[0].type == "(":
        base, rest = convert(children[1], src), children[3:]
    else:
        base, rest = convert(children[0], src), children[1:]
    for child in rest:
        if child.type == "splat":
            base = ("splat", base, tuple(_steps(child.named_children[0].named_children, src)))
        else:
            for step in _steps([child], src):
                base = _step(base, step)
    return base


def _steps(children: list[Any], src: Source) -> list[Any]:
    """Attribute names and index nodes of `.name`, `[expr]` and `.0` steps."""
    steps: list[Any] = []
    for child in children:
        if child.type == "get_attr":
            steps.append(src.text(child.named_children[-1]))
        elif child.type == "index":
            inner = child.named_children[0]
            if inner.type == "legacy_index":
                steps.append(("lit", _number(src.text(inner)[1:].strip())))
            else:
                steps.append(convert(inner.named_children[0], src))
    return steps


def _step(node: Node, step: Any) -> Node:
    if node[0] == "ref":
        return ("ref", node[1], (*node[2], step))
    return ("get", node, step)


# HCL's NumericLit (hclsyntax/spec.md): decimal digits, a fraction, an exponent. tree-sitter-hcl also reads
# `0x1e5`, which Terraform rejects: it is a syntax error (syntax.py reports it), its value unknown.
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def not_a_number(text: str) -> str:
    return f"'{text[:40]}' is not a number Terraform reads: numbers are written in decimal (255, 1.5, 1e3)"


def _number(text: str) -> Any:
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return 0


def _literal(node: Any, src: Source) -> Node:
    inner = node.child(0)
    kind = inner.type
    if kind == "numeric_lit":
        text = src.text(inner)
        if not NUMBER.fullmatch(text):
            return ("unknown", not_a_number(text))
        return ("lit", _number(text))
    if kind == "bool_lit":
        return ("lit", src.text(inner) == "true")
    if kind == "null_lit":
        return ("lit", None)
    return _quoted(inner, src)


def _collection(node: Any, src: Source) -> Node:
    inner = node.named_children[0]
    if inner.type == "tuple":
        return ("tuple", tuple(convert(c, src) for c in inner.named_children if c.type == "expression"))
    pairs = []
    for elem in inner.named_children:
        if elem.type != "object_elem":
            continue
        key_node, val_node = elem.child_by_field_name("key"), elem.child_by_field_name("val")
        if key_node is None or val_node is None:
            continue
        pairs.append((_object_key(key_node, src), convert(val_node, src)))
    return ("obj", tuple(pairs))


def _call(node: Any, src: Source) -> Node:
    name = src.text(node.named_children[0])
    args_node = next((c for c in node.named_children if c.type == "function_arguments"), None)
    args: list[Node] = []
    expanded = False
    if args_node is not None:
        for child in args_node.named_children:
            if child.type == "ellipsis":
                expanded = True  # `f(a, list...)`: the last argument's elements are the trailing arguments
            if child.type == "expression":
                args.append(convert(child, src))
    return ("expand" if expanded and args else "call", name, tuple(args))


def _conditional(node: Any, src: Source) -> Node:
    """`a ? b : c ? d : e` is `a ? b : (c ? d : e)` in HCL; the grammar gives `(a ? b : c) ? d : e`, read back here."""
    items = _chain(node)
    if items is None:
        return ("unknown", "cannot read a conditional expression")
    out = convert(items[-1], src)
    for at in range(len(items) - 3, -1, -2):
        out = ("cond", convert(items[at], src), convert(items[at + 1], src), out)
    return out


def _chain(node: Any) -> list[Any] | None:
    """A conditional's parts in the order written (condition, result, ..., the last result); a condition that is an
    unparenthesized conditional is the start of the chain."""
    segments: list[list[Any]] = []
    while True:
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) != 3:
            return None
        segments.append(parts[1:])
        head = parts[0]
        if head.type == "expression" and not any(c.type == "(" for c in head.children):
            inner = [c for c in head.named_children if c.type != "comment"]
            head = inner[0] if len(inner) == 1 else head
        if head.type != "conditional":
            return [parts[0], *(item for segment in reversed(segments) for item in segment)]
        node = head


_BINARY = {"||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"}


def _operation(node: Any, src: Source) -> Node:
    inner = node.named_children[0] if node.type == "operation" else node
    children = [c for c in inner.children if c.type != "comment"]
    if inner.type == "unary_operation":
        op = children[0].type
        operand = _term(children[1:], src)
        if op == "-" and operand[0] == "lit" and isinstance(operand[1], (int, float)) and operand[1] is not True:
            return ("lit", -operand[1])
        return ("un", op, operand)
    at = next((i for i, c in enumerate(children) if not c.is_named and c.type in _BINARY and i > 0), 0)
    if not at:
        return ("unknown", "cannot read an operation")
    return ("bin", children[at].type, _term(children[:at], src), _term(children[at + 1 :], src))


def _template(node: Any, src: Source) -> Node:
    inner = node.named_children[0] if node.type == "template_expr" else node
    if inner.type == "heredoc_template":
        return _heredoc(inner, src)
    return _quoted(inner, src)


def _quoted(node: Any, src: Source) -> Node:
    """A quoted string or template: literal text is what lies between the interpolations, unescaped."""
    count = node.child_count  # child(i), not children: a plain string needs no list of every child
    if count < 2:
        return ("lit", "")
    if count == 2 or (count == 3 and node.child(1).type == "template_literal"):
        text = src.data[node.child(0).end_byte : node.child(count - 1).start_byte].decode("utf-8", "replace")
        return ("lit", _unescape(text))  # a plain string: the common case, read without the template machinery
    children = node.children
    return _parts(children[1:-1], children[0].end_byte, children[-1].start_byte, src, _unescape)


def _heredoc(node: Any, src: Source) -> Node:
    children = node.children
    markers = [c for c in children if c.type == "heredoc_identifier"]
    if len(markers) < 2:
        return ("unknown", "a heredoc is not closed")
    data = src.data
    start = data.find(b"\n", markers[0].end_byte)
    start = markers[0].end_byte if start < 0 else start + 1
    end = data.rfind(b"\n", 0, markers[-1].start_byte) + 1
    body = [c for c in children if c.type in ("template_interpolation", "template_directive")]
    flush = children[0].type == "heredoc_start" and src.text(children[0]).startswith("<<-")
    return _parts(body, start, max(start, end), src, _unescape_heredoc, flush)


def _parts(
    children: list[Any], start: int, end: int, src: Source, unescape: Callable[[str], str], flush: bool = False
) -> Node:
    chunks: list[Any] = []  # str for literal text, Node for an interpolation
    cursor = start
    strip_next = False
    for child in children:
        kind = child.type
        if kind not in ("template_interpolation", "template_directive"):
            continue
        text = src.data[cursor : child.start_byte].decode("utf-8", "replace")
        if strip_next:
            text = text.lstrip()
        if kind == "template_directive":
            return ("unknown", "template directives (%{…}) are not evaluated")
        inner = child.children
        if len(inner) > 2 and inner[1].type == "strip_marker":
            text = text.rstrip()
        chunks.append(text)
        expr = next((c for c in child.named_children if c.type == "expression"), None)
        chunks.append(convert(expr, src) if expr is not None else ("unknown", "an empty interpolation"))
        strip_next = len(inner) > 3 and inner[-2].type == "strip_marker"
        cursor = child.end_byte
    tail = src.data[cursor:end].decode("utf-8", "replace")
    chunks.append(tail.lstrip() if strip_next else tail)
    if flush:
        chunks = _flush(chunks)
    parts: list[Node] = []
    for chunk in chunks:
        if isinstance(chunk, str):
            if chunk:
                parts.append(("lit", unescape(chunk)))
        else:
            parts.append(chunk)
    if not parts:
        return ("lit", "")
    if len(parts) == 1:
        return parts[0]
    if all(p[0] == "lit" and isinstance(p[1], str) for p in parts):  # a number or bool is converted when evaluated
        return ("lit", "".join(p[1] for p in parts))
    return ("tmpl", tuple(parts))


def _flush(chunks: list[Any]) -> list[Any]:
    """`<<-EOT`: remove the smallest indentation shared by the lines from every line."""
    text = "".join(c if isinstance(c, str) else "\0" for c in chunks)
    indents = [len(line) - len(line.lstrip(" \t")) for line in text.split("\n") if line.strip(" \t")]
    cut = min(indents, default=0)
    if not cut:
        return chunks
    out: list[Any] = []
    at_start = True
    for chunk in chunks:
        if isinstance(chunk, str):
            lines = chunk.split("\n")
            fixed = [
                (line[min(cut, len(line) - len(line.lstrip(" \t"))) :] if (i > 0 or at_start) else line)
                for i, line in enumerate(lines)
            ]
            out.append("\n".join(fixed))
            at_start = chunk.endswith("\n") or (at_start and not chunk)
        else:
            out.append(chunk)
            at_start = False
    return out


def _unescape(text: str) -> str:
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    return _ESCAPE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    whole = m.group(0)
    if whole == "$${":
        return "${"
    if whole == "%%{":
        return "%{"
    code = m.group(1) or m.group(2)
    if code:
        try:
            return chr(int(code, 16))
        except ValueError:
            return "\ufffd"
    return _SIMPLE.get(m.group(3), whole)


def _unescape_heredoc(text: str) -> str:
    return text.replace("$${", "${").replace("%%{", "%{")


def _for(node: Any, src: Source) -> Node:
    """`[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`."""
    inner = node.named_children[0]
    intro = next(c for c in inner.named_children if c.type == "for_intro")
    names = [src.text(c) for c in intro.named_children if c.type == "identifier"]
    collection = convert(next(c for c in intro.named_children if c.type == "expression"), src)
    exprs = [convert(c, src) for c in inner.named_children if c.type == "expression"]
    cond_node = next((c for c in inner.named_children if c.type == "for_cond"), None)
    cond = convert(cond_node.named_children[-1], src) if cond_node is not None else None
    grouped = any(c.type == "ellipsis" for c in inner.named_children)
    key, value = (exprs[0], exprs[1]) if inner.type == "for_object_expr" and len(exprs) == 2 else (None, exprs[-1])
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    return ("for", key_var, value_var, collection, key, value, cond, grouped)


def _variable(node: Any, src: Source) -> Node:
    return ("ref", src.text(node), ())


def _unknown(reason: str) -> Callable[[Any, Source], Node]:
    return lambda node, src: ("unknown", reason)


_HANDLERS: dict[str, Callable[[Any, Source], Node]] = {
    "expression": _expression,
    "variable_expr": _variable,
    "literal_value": _literal,
    "string_lit": _quoted,
    "collection_value": _collection,
    "function_call": _call,
    "conditional": _conditional,
    "operation": _operation,
    "unary_operation": _operation,
    "binary_operation": _operation,
    "template_expr": _template,
    "quoted_template": _quoted,
    "heredoc_template": _heredoc,
    "for_expr": _for,
    "ERROR": _unknown("the expression cannot be read"),
}
