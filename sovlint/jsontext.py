"""JSON text of reports: sorted keys, two-space indent, UTF-8 kept as is — same input, same bytes.

A report of many findings is written one item at a time: a list given as `Items` is encoded
element by element, so that the findings are never all held as dictionaries at once, and each is
kept as one string (not one string per value: 7 times the text in memory). The text
is byte for byte what `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` gives,
in half its time: json's own encoder is pure Python as soon as it indents. The one difference: a
lone surrogate (a byte of a file name that is not UTF-8) is written as `\\xNN` text, so the report
is always valid UTF-8.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Iterable
from json.encoder import encode_basestring
from typing import Any

from sovlint.escape import unbytes


class Items:
    """A list whose elements are made only when they are written; `text(element, indent)`, when given, makes
    an element's text itself (from a `template`: a report's thousands of findings)."""

    def __init__(self, elements: Iterable[Any], text: Callable[[Any, str], str] | None = None) -> None:
        self.elements = elements
        self.text = text


def dumps(value: Any) -> str:
    """The JSON text of `value`, with a final newline."""
    out: list[str] = []
    _encode(value, "", out)
    out.append("\n")
    return "".join(out)


def text(value: Any, indent: str) -> str:
    """The JSON text of `value` written at `indent`."""
    out: list[str] = []
    _encode(value, indent, out)
    return "".join(out)


def string(value: str) -> str:
    """The JSON text of a string."""
    return encode_basestring(value if value.isascii() else unbytes(value))


@functools.lru_cache(maxsize=4096)
def repeated(value: str) -> str:
    """The JSON text of a string that many items repeat (a rule's name, a fix): encoded once."""
    return string(value)


@functools.lru_cache(maxsize=4096)
def shared(key: Hashable, make: Callable[[Any], Any], indent: str) -> str:
    """The JSON text at `indent` of a value that many items hold equal (a finding's properties), named by a
    hashable key and made by `make(key)` only the first time."""
    return text(make(key), indent)


@functools.lru_cache(maxsize=64)
def template(keys: tuple[str, ...], indent: str) -> str:
    """The text of a dict with these keys (given sorted) written at `indent`, with `%s` for each value: for the
    many dicts of the same keys a report writes, each value given as its text (`string`, `text`, a number)."""
    if list(keys) != sorted(keys):
        raise ValueError("a template's keys are given in sorted order")
    heads, inner, closing = _layout(keys, indent) or ((), "", "")
    return "".join(head.replace("%", "%%") + "%s" for _, head in heads) + closing.replace("%", "%%")


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """What json's own (pure Python, when indenting) encoder writes, with less machinery per value."""
    if isinstance(value, str):
        out.append(encode_basestring(unbytes(value)))
    elif isinstance(value, dict):
        _dict(value, indent, out)
    elif isinstance(value, (list, tuple)):
        _list(value, indent, out, None)
    elif isinstance(value, Items):
        _list(value.elements, indent, out, value)
    else:
        out.append(_scalar(value))


def _dict(value: dict[Any, Any], indent: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    layout = _layout(tuple(value), indent)
    if layout is not None:
        _keyed(value, layout, out)
        return
    inner = indent + "  "
    opening = "{\n" + inner
    for key, element in sorted(value.items()):
        out.append(opening)
        out.append(_key_text(key) if type(key) is str else encode_basestring(_key(key)))
        out.append(": ")
        if type(element) is str:  # the common cases, without a call
            out.append(encode_basestring(element if element.isascii() else unbytes(element)))
        elif type(element) is int:
            out.append(int.__repr__(element))
        else:
            _encode(element, inner, out)
        opening = ",\n" + inner
    out.append("\n" + indent + "}")


@functools.lru_cache(maxsize=4096)
def _layout(keys: tuple[Any, ...], indent: str) -> tuple[tuple[tuple[int, str], ...], str, str] | None:
    """How a dict with these keys (in this order) is written: which value comes next and the text before it
    (the sorted keys), the indent of its values, and the closing text; None when a key is not text. A report
    writes thousands of dicts with the same keys (findings, locations): this is worked out once for all."""
    if not all(type(key) is str for key in keys):
        return None
    inner = indent + "  "
    heads = []
    opening = "{\n" + inner
    for i in sorted(range(len(keys)), key=keys.__getitem__):
        heads.append((i, opening + _key_text(keys[i]) + ": "))
        opening = ",\n" + inner
    return tuple(heads), inner, "\n" + indent + "}"


def _keyed(value: dict[str, Any], layout: tuple[tuple[tuple[int, str], ...], str, str], out: list[str]) -> None:
    """A dict of text keys as its layout says."""
    heads, inner, closing = layout
    values = tuple(value.values())
    for i, head in heads:
        out.append(head)
        element = values[i]
        kind = type(element)
        if kind is str:  # the common cases, without a call
            out.append(encode_basestring(element if element.isascii() else unbytes(element)))
        elif kind is int:
            out.append(int.__repr__(element))
        elif element is None:
            out.append("null")
        else:
            _encode(element, inner, out)
    out.append(closing)


def _list(elements: Iterable[Any], indent: str, out: list[str], items: Items | None) -> None:
    """A list; the elements of `Items` are each written as one string, so that a report of many findings
    is held as one string per finding rather than one per value."""
    inner = indent + "  "
    opening = "[\n" + inner
    empty = True
    for element in elements:
        out.append(opening)
        if items is not None and items.text is not None:
            out.append(items.text(element, inner))
        elif items is not None:
            written: list[str] = []
            _encode(element, inner, written)
            out.append("".join(written))
        else:
            _encode(element, inner, out)
        opening = ",\n" + inner
        empty = False
    out.append("[]" if empty else "\n" + indent + "]")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@functools.lru_cache(maxsize=4096)
def _key_text(key: str) -> str:
    """A key as written: the keys of a report are few and written once per finding."""
    return encode_basestring(unbytes(key))


def _key(key: Any) -> str:
    if isinstance(key, str):
        return unbytes(key)
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return _float(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)
