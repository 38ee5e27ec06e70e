"""JSON text of reports: sorted keys, two-space indent, UTF-8 kept as is — same input, same bytes.

A report of many findings is written one item at a time: a list given as `Items` is encoded
element by element, so that the findings are never all held as dictionaries at once. The text
is byte for byte what `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any


class Items:
    """A list whose elements are made only when they are written."""

    def __init__(self, elements: Iterable[Any]) -> None:
        self.elements = elements


def dumps(value: Any) -> str:
    """The JSON text of `value`, with a final newline."""
    return "".join(_chunks(value, "")) + "\n"


def _plain(value: Any, indent: str) -> str:
    text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    return text.replace("\n", "\n" + indent) if indent else text


def _lazy(value: Any) -> bool:
    if isinstance(value, Items):
        return True
    if isinstance(value, dict):
        return any(_lazy(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_lazy(v) for v in value)
    return False


def _chunks(value: Any, indent: str) -> Iterator[str]:
    if not _lazy(value):
        yield _plain(value, indent)
        return
    inner = indent + "  "
    if isinstance(value, dict):
        pairs = [(json.dumps(str(k), ensure_ascii=False) + ": ", v) for k, v in sorted(value.items())]
        yield from _container("{", "}", pairs, indent, inner)
    else:
        elements = value.elements if isinstance(value, Items) else value
        yield from _container("[", "]", (("", v) for v in elements), indent, inner)


def _container(opening: str, closing: str, pairs: Iterable[tuple[str, Any]], indent: str, inner: str) -> Iterator[str]:
    first = True
    for prefix, element in pairs:
        yield (opening + "\n" if first else ",\n") + inner + prefix
        yield from _chunks(element, inner)
        first = False
    yield opening + closing if first else "\n" + indent + closing
