"""Parsing of Terraform expressions written as strings (JSON syntax): templates, operators, references, calls.

Produces the same small immutable tuples that nodes.py reads from HCL syntax trees, ('lit', value),
('ref', root, steps), ('call', name, args), …, which eval.py evaluates. Anything it cannot read
becomes ('unknown', reason), never an exception.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sovlint.terraform.lang.values import Node

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|\[\*\]|\.\*|[-+*/%!<>?:.,()\[\]{}=])
    | (?P<str>")
    )""",
    re.VERBOSE,
)


@functools.lru_cache(maxsize=8192)
def parse_template(text: str) -> Node:
    """A serialised string → ('lit', str) | an expression node | ('tmpl', parts). Nodes are never mutated."""
    if text.startswith("<<") and "\n" in text:  # heredoc: '<<EOT\nbody\nEOT'
        text = text.split("\n", 1)[1].rsplit("\n", 1)[0]
    if "${" not in text and "%{" not in text:
        return ("lit", text)
    parts: list[Node] = []
    buf: list[str] = []
    i, n, strip = 0, len(text), False
    while i < n:
        if text.startswith("$${", i) or text.startswith("%%{", i):
            buf.append(text[i + 1 : i + 3])
            i += 3
        elif text.startswith("${", i) or text.startswith("%{", i):
            end = _matching_brace(text, i + 1)
            if end < 0:
                return ("unknown", "an interpolation is not closed")
            if text[i] == "%":
                return ("unknown", "template directives (%{…}) are not evaluated")
            inner = text[i + 2 : end]
            literal = "".join(buf)
            literal = literal.lstrip() if strip else literal
            literal = literal.rstrip() if inner.startswith("~") else literal  # `${~ x}` strips the space before
            if literal:
                parts.append(("lit", literal))
            buf, strip = [], inner.endswith("~")  # `${x ~}` strips the space after
            parts.append(_Parser(inner.removeprefix("~").removesuffix("~")).parse())
            i = end + 1
        else:
            buf.append(text[i])
            i += 1
    literal = "".join(buf).lstrip() if strip else "".join(buf)
    if literal:
        parts.append(("lit", literal))
    if len(parts) == 1 and not literal:
        return parts[0]  # one interpolation alone is its value, of its own type (HCL's template unwrapping)
    return ("tmpl", parts)


def _matching_brace(text: str, i: int) -> int:
    """Index of the '}' closing the '{' at i, skipping nested braces and strings."""
    depth, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            i = _string_end(text, i)
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _string_end(text: str, i: int) -> int:
    """Index just after the string literal starting at text[i] == '"'."""
    i, n = i + 1, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == '"':
            return i + 1
        elif text.startswith("${", i):
            end = _matching_brace(text, i + 1)
            i = n if end < 0 else end + 1
        else:
            i += 1
    return n


class _Parser:
    """Recursive descent over one expression; precedence as in the HCL spec."""

    _BINARY = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tok: tuple[str, str] = ("", "")

    def parse(self) -> Node:
        try:
            self._next()
            node = self._expr()
            if self.tok[0] != "eof":
                return ("unknown", f"cannot read expression '{self.text.strip()[:60]}'")
            return node
        except (_Syntax, RecursionError):
            return ("unknown", f"cannot read expression '{self.text.strip()[:60]}'")

    def _next(self) -> None:
        if self.pos >= len(self.text) or not self.text[self.pos :].strip():
            self.tok = ("eof", "")
            return
        m = _TOKEN.match(self.text, self.pos)
        if not m:
            raise _Syntax()
        kind = m.lastgroup or ""
        if kind == "str":
            start = m.start("str")
            self.pos = _string_end(self.text, start)
            self.tok = ("str", self.text[start + 1 : self.pos - 1])
            return
        self.pos = m.end()
        self.tok = (kind, m.group(kind))

    def _eat(self, op: str) -> bool:
        if self.tok == ("op", op):
            self._next()
            return True
        return False

    def _expect(self, op: str) -> None:
        if not self._eat(op):
            raise _Syntax()

    def _expr(self) -> Node:
        cond = self._binary(0)
        if self._eat("?"):
            yes = self._expr()
            self._expect(":")
            return ("cond", cond, yes, self._expr())
        return cond

    def _binary(self, level: int) -> Node:
        if level == len(self._BINARY):
            return self._unary()
        left = self._binary(level + 1)
        while self.tok[0] == "op" and self.tok[1] in self._BINARY[level]:
            op = self.tok[1]
            self._next()
            left = ("bin", op, left, self._binary(level + 1))
        return left

    def _unary(self) -> Node:
        if self.tok == ("op", "!") or self.tok == ("op", "-"):
            op = self.tok[1]
            self._next()
            return ("un", op, self._unary())
        return self._postfix(self._primary())

    def _postfix(self, node: Node) -> Node:
        while True:
            if self._eat("."):
                if self.tok[0] not in ("name", "num"):
                    raise _Syntax()
                step: Any = self.tok[1] if self.tok[0] == "name" else ("lit", int(self.tok[1]))
                self._next()
                node = _step(node, step)
            elif self._eat("["):
                index = self._expr()
                self._expect("]")
                node = _step(node, index)
            elif self.tok[0] == "op" and self.tok[1] in ("[*]", ".*"):
                self._next()
                node = ("splat", node, tuple(self._splat_steps()))
            else:
                return node

    def _primary(self) -> Node:
        kind, value = self.tok
        self._next()
        if kind == "num":
            return ("lit", float(value) if any(c in value for c in ".eE") else int(value))
        if kind == "str":
            return parse_template(_unescape(value))
        if kind == "name":
            if value in ("true", "false", "null"):
                return ("lit", {"true": True, "false": False, "null": None}[value])
            if self._eat("("):
                return self._call(value)
            return ("ref", value, [])
        if (kind, value) == ("op", "("):
            node = self._expr()
            self._expect(")")
            return node
        if (kind, value) == ("op", "["):
            if self.tok == ("name", "for"):
                return self._for("]")
            return ("tuple", self._list("]"))
        if (kind, value) == ("op", "{"):
            if self.tok == ("name", "for"):
                return self._for("}")
            return self._object()
        raise _Syntax()

    def _list(self, close: str) -> list[Node]:
        items: list[Node] = []
        while not self._eat(close):
            items.append(self._expr())
            if not self._eat(","):
                self._expect(close)
                break
        return items

    def _call(self, name: str) -> Node:
        """`f(a, b)`, or `f(a, list...)` whose last argument's elements are the trailing arguments."""
        args: list[Node] = []
        while not self._eat(")"):
            args.append(self._expr())
            if self._eat("..."):
                self._eat(",")
                self._expect(")")
                return ("expand", name, args)
            if not self._eat(","):
                self._expect(")")
                break
        return ("call", name, args)

    def _object(self) -> Node:
        items: list[tuple[Node, Node]] = []
        while not self._eat("}"):
            key = self._expr()
            if key[0] == "ref" and not key[2]:
                key = ("lit", key[1])  # bare identifier keys are strings
            if not (self._eat("=") or self._eat(":")):
                raise _Syntax()
            items.append((key, self._expr()))
            self._eat(",")
        return ("obj", items)

    def _for(self, close: str) -> Node:
        """`[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`."""
        self._next()  # 'for'
        names = [self._name()]
        if self._eat(","):
            names.append(self._name())
        if self._name() != "in":
            raise _Syntax()
        collection = self._expr()
        self._expect(":")
        key: Node | None = None
        if close == "}":
            key = self._expr()
            self._expect("=>")
        value = self._expr()
        grouped = self._eat("...")
        cond: Node | None = None
        if self.tok == ("name", "if"):
            self._next()
            cond = self._expr()
        self._expect(close)
        key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        return ("for", key_var, value_var, collection, key, value, cond, grouped)

    def _name(self) -> str:
        if self.tok[0] != "name":
            raise _Syntax()
        name = self.tok[1]
        self._next()
        return name

    def _splat_steps(self) -> list[Any]:
        """The attribute and index steps after a splat, applied to every element."""
        steps: list[Any] = []
        while True:
            if self.tok == ("op", ".") and self._peek_name():
                self._next()
                steps.append(self._name())
            elif self._eat("["):
                steps.append(self._expr())
                self._expect("]")
            else:
                return steps

    def _peek_name(self) -> bool:
        m = _TOKEN.match(self.text, self.pos)
        return bool(m and m.lastgroup == "name")


class _Syntax(Exception):
    pass


def _step(node: Node, step: Any) -> Node:
    if node[0] == "ref":
        return ("ref", node[1], [*node[2], step])
    return ("get", node, step)


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)
