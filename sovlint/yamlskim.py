"""A YAML file composed without the values of entries nobody reads, when that provably changes nothing else.

A large Kubernetes-style document (a blueprint's metadata, a custom resource definition) spends most of its
composition on `spec` entries that no reader looks at. Here the value of each entry of a root's `top` block
mapping whose key is not in `keep` is replaced by blank lines, and the rest is composed as usual: every node
kept has the line and column it has in the file, the entry keeps its key (with an empty value), and the
document its end. That this equals composing the whole file, but for the values left out, is checked:

- each value left out is a complete node: behind its `top:` and key lines it parses alone (libyaml closes
  nothing open at its end, so the file's parser meets the line after it as in the text composed, and the
  nesting is the file's, so is the depth limit);
- it holds nothing that could fail to construct or that another node could reach: no tag, anchor, alias,
  complex or collection key, merge key, `=`, or number PyYAML cannot read (a search of the text at every
  place a node may start, which errs on the side of caution);
- in the text composed, each key left without its value is a plain key of the block mapping of a `top`
  key at column 0 of a document's root, at the key's line and column.

A value that fails a check stays in the text composed; None when the file has other line breaks than
"\\n", or the text composed does not compose or is not as expected: the caller composes the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import yaml

from sovlint import yamlload

_KEY = re.compile(r" +([A-Za-z0-9_][A-Za-z0-9_.\-/]*):[ \t]*(?:#[^\n]*)?")  # a plain key with its value below
_LEFT_EDGE = re.compile(r"\n[^ #\n]")  # content at column 0: the end of a root's entry
_INDENTED = re.compile(r"\n( +)[^ #\n]")
_RISKY = "!&*?=<"  # at a node's start: tag, anchor, alias, complex key, `=` and merge `<<`
_IN_FLOW = "[{,:?-"  # what stands before a node's start in a flow collection, but blanks
_SMALLEST = 256  # a value shorter is composed: leaving it out would cost more than it saves
_DIGITS = 320  # a run of 640 digits, that Python may refuse to read as an integer, holds an aligned run of 320


def compose(text: str, top: str, keep: Collection[str]) -> list[Any] | None:
    """The document nodes of `text`, the values of the `top` entries not in `keep` left out where safe."""
    if any(c in text for c in "\r\x85\u2028\u2029") or not hasattr(yamlload.SafeLoader, "raw_parse"):
        return None
    pieces: list[str] = []
    left: list[tuple[int, int, str, int]] = []  # (line, column, key, top's line) of each value left out
    done = counted = lines = 0  # lines: the line breaks before `counted`, counted as the positions grow
    head = re.compile(rf"\n{re.escape(top)}:[ \t]*(?:#[^\n]*)?\n")
    for found in head.finditer("\n" + text):  # the text's line starts are the breaks before them
        lines += text.count("\n", counted, found.start())
        counted, line = found.start(), lines
        for start, end, key, column in _entries(text, found.end() - 1, top, keep):
            lines += text.count("\n", counted, start)
            counted = start
            pieces += [text[done:start], "\n" * text.count("\n", start, end)]
            if end == len(text) and not text.endswith("\n"):  # the last line: its length places the file's end
                pieces.append("#".ljust(end - text.rfind("\n", 0, end) - 1))
            left.append((lines - 1, column, key, line))
            done = end
    if not left:
        return None
    pieces.append(text[done:])
    try:
        documents = list(yamlload.compose_all("".join(pieces)))
    except Exception:  # whatever it is, the whole file meets it and says so
        return None
    return documents if _as_expected(documents, top, left) else None


def _entries(text: str, start: int, top: str, keep: Collection[str]) -> Any:
    """(start, end, key, column) of the values of a root's `top` entry that can be left out."""
    edge = _LEFT_EDGE.search(text, start - 1)
    end = edge.start() + 1 if edge else len(text)
    first = _INDENTED.search(text, start - 1, end)
    if first is None or "\t" in text[start : first.start()]:
        return
    column = len(first.group(1))
    if column > 1 and re.compile(rf"\n {{1,{column - 1}}}[^ #\n]").search(text, start - 1, end):
        return  # a line less indented than the entries: not a plain block mapping
    entries = [m.start() + 1 for m in re.compile(rf"\n {{{column}}}[^ #\n]").finditer(text, start - 1, end)]
    for at, after in zip(entries, [*entries[1:], end], strict=True):
        newline = text.find("\n", at, after)
        key = _KEY.fullmatch(text, at, newline) if newline >= 0 else None
        if key is None or key.group(1) in keep or after - newline <= _SMALLEST:
            continue
        value = text[newline + 1 : after]
        if _safe(value) and _parses(f"{top}:\n{text[at : newline + 1]}{value}"):
            yield newline + 1, after, key.group(1), column


def _safe(value: str) -> bool:
    """Whether nothing in a value could fail to construct or be reached from elsewhere (see the module)."""
    if "0b_" in value or "0x_" in value or "._" in value:
        return False
    if any(not value[i : i + _DIGITS].strip("0123456789_") for i in range(0, len(value) - _DIGITS + 1, _DIGITS)):
        return False
    flow = any(_found(value, c, False) for c in "[{")  # a flow collection (its outermost opener is in block context)
    if any(_found(value, c, flow) for c in _RISKY):
        return False
    return not flow or not any(_before_colon(value, c) for c in "]}")  # a flow collection as a key


def _found(text: str, c: str, flow: bool) -> bool:
    """Whether `c` stands where a node may start: after the line's indentation, or an indicator `-`, `?` or `:`
    and blanks; with flow collections, also after `[`, `{`, `,`, or `?` and `:` without blanks."""
    i = text.find(c)
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j < 0 or text[j] == "\n" or text[j] in (_IN_FLOW if flow else "-?:" if j < i - 1 else ""):
            return True
        i = text.find(c, i + 1)
    return False


def _before_colon(text: str, c: str) -> bool:
    i = text.find(c)
    while i >= 0:
        j = i + 1
        while j < len(text) and text[j] in " \t":
            j += 1
        if text.startswith(":", j):
            return True
        i = text.find(c, i + 1)
    return False


def _parses(text: str) -> bool:
    try:
        yamlload.SafeLoader(text).raw_parse()  # type: ignore[attr-defined]  # libyaml's loader: checked in compose
    except Exception:  # a parser error, or a text libyaml cannot take (a lone surrogate)
        return False
    return True


def _as_expected(documents: list[Any], top: str, left: list[tuple[int, int, str, int]]) -> bool:
    """Whether each key left without its value is a plain key of a root's `top` block mapping, value empty."""
    found: dict[tuple[int, int], tuple[Any, Any, int]] = {}
    for root in documents:
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            continue
        for name, mapping in root.value:
            plain = isinstance(name, yaml.ScalarNode) and name.style in ("", None) and name.value == top
            if not plain or name.start_mark.column != 0 or not isinstance(mapping, yaml.MappingNode):
                continue
            if not mapping.flow_style:
                for key, value in mapping.value:
                    found[(key.start_mark.line, key.start_mark.column)] = (key, value, name.start_mark.line)
    for line, column, name, head in left:
        key, value, under = found.get((line, column), (None, None, -1))
        if under != head or not isinstance(key, yaml.ScalarNode) or key.style not in ("", None):
            return False
        if key.value != name or not isinstance(value, yaml.ScalarNode) or value.value or value.style not in ("", None):
            return False
    return True
