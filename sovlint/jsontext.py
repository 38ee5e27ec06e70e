"""JSON text of reports: sorted keys, two-space indent, UTF-8 kept as is — same input, same bytes.

A report of many findings is written one item at a time: a list given as `Items` is encoded
element by element, so that the findings are never all held as dictionaries at once. The text
is byte for byte what `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` gives,
in half its time: json's own encoder is pure Python as soon as it indents. The one difference: a
lone surrogate (a byte of a file name that is not UTF-8) is written as `\\xNN` text, so the report
is always valid UTF-8.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any

from sovlint.escape import unbytes


class Items:
    """A list whose elements are made only when they are written."""

    def __init__(self, elements: Iterable[Any]) -> None:
        self.elements = elements


def dumps(value: Any) -> str:
    """The JSON text of `value`, with a final newline."""
    out: list[str] = []
    _encode(value, "", out)
    out.append("\n")
    return "".join(out)


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """What json's own (pure Python, when indenting) encoder writes, with less machinery per value."""
    if isinstance(value, str):
        out.append(encode_basestring(unbytes(value)))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        inner = indent + "  "
        opening = "{\n" + inner
        for key, element in sorted(value.items()):
            out.append(opening)
            out.append(encode_basestring(unbytes(key) if isinstance(key, str) else _key(key)))
            out.append(": ")
            _encode(element, inner, out)
            opening = ",\n" + inner
        out.append("{}" if not value else "\n" + indent + "}")
    elif isinstance(value, (list, tuple, Items)):
        inner = indent + "  "
        opening = "[\n" + inner
        empty = True
        for element in value.elements if isinstance(value, Items) else value:
            out.append(opening)
            _encode(element, inner, out)
            opening = ",\n" + inner
            empty = False
        out.append("[]" if empty else "\n" + indent + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
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
