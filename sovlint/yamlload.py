"""The one place that picks PyYAML's loader: libyaml's CSafeLoader when present, SafeLoader otherwise.

Only safe loaders are used, so tags such as `!!python/object` are rejected, never constructed.
Scanned files keep timestamps as text, as Kubernetes does (it reads YAML as JSON): a date such
as `2001-02-30` is a value, not an error. So is a plain `=`, which YAML 1.1 (PyYAML) resolves to its
"value key" type and no safe constructor builds, and every Kubernetes tool reads as the string "="
(an enum of Alertmanager's matchType in the prometheus-operator CRDs).
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from sovlint.errors import ParseError

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """Load one YAML document from trusted data (sovlint's own policies)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - safe loader


class _ScannedLoader(SafeLoader):  # type: ignore[valid-type, misc]
    """The safe loader (composing only: nodes are built by `construct`), with the tags of plain scalars
    remembered: the same words (`name`, `true`, `string`) recur in every file, and each one's tag follows
    from its text alone."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:  # this class has no path resolvers
        if kind is not yaml.ScalarNode:
            return _MAP if kind is yaml.MappingNode else _SEQ
        if not implicit[0]:  # quoted
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 64:
                if len(_PLAIN_TAGS) >= 65536:
                    _PLAIN_TAGS.clear()
                _PLAIN_TAGS[value] = tag
        return tag


_PLAIN_TAGS: dict[str, str] = {}
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def expanded_size(root: Any) -> int:
    """How many nodes one document would have with every alias copied out (a YAML bomb has billions)."""
    return _expanded(root, {})


def alias_growth(roots: list[Any]) -> int:
    """How many nodes copying out every alias would add to these documents, together.

    Aliases are shared, never copied, but whatever walks the data (List items, several documents,
    a schema check) meets a shared node once per alias: a YAML bomb adds billions.
    """
    memo: dict[int, int] = {}
    total = sum(_expanded(root, memo) for root in roots)
    return total - len(memo)


def _expanded(root: Any, memo: dict[int, int]) -> int:
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:  # iterative post-order: deep documents must not exhaust the Python stack
        node, done = stack.pop()
        if id(node) in memo:
            continue
        children = _children(node)
        if done or not children:
            memo[id(node)] = 1 + sum(memo.get(id(c), 0) for c in children)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in memo)
    return memo.get(id(root), 1)


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _ScannedConstructor(yaml.constructor.SafeConstructor):
    """The safe constructor, with timestamps read as the text they are written as."""


_ScannedConstructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]
_ScannedConstructor.add_constructor("tag:yaml.org,2002:value", yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]


def _checked(build: Any) -> Any:
    """A scalar constructor whose value errors (`!!int x`: a bare ValueError in PyYAML) name the node's line."""

    def construct(loader: Any, node: Any) -> Any:
        try:
            return build(loader, node)
        except (ValueError, KeyError, OverflowError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid {kind} (tagged !!{kind})", node.start_mark
            ) from None

    return construct


_SCALARS = ("null", "bool", "int", "float")
for _kind in _SCALARS[1:]:
    _ScannedConstructor.add_constructor(
        f"tag:yaml.org,2002:{_kind}", _checked(getattr(yaml.constructor.SafeConstructor, f"construct_yaml_{_kind}"))
    )


def construct(node: Any) -> Any:
    """The data of a node composed from a scanned file (timestamps as text).

    Strings, numbers, booleans, nulls, lists and maps with scalar keys are built here, aliases shared as
    PyYAML shares them; any other tag, a merge key, a key that is not a scalar or nesting deeper than
    _MAX_DIRECT hands the whole document to PyYAML's constructor, which builds it or raises its error.
    """
    try:
        return _direct(node, {}, 0)
    except _Other:
        return _ScannedConstructor().construct_document(node)


class _Other(Exception):
    """A node the direct construction leaves to PyYAML."""


_MAX_DIRECT = 100
_SCALAR_TAGS = {tag: _ScannedConstructor.yaml_constructors[tag] for tag in (f"tag:yaml.org,2002:{k}" for k in _SCALARS)}
_TEXT_TAGS = frozenset({_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"})
_SCALAR_BUILDER = _ScannedConstructor()


def _direct(node: Any, built: dict[int, Any], depth: int) -> Any:
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        if tag in _TEXT_TAGS:
            return node.value
        build = _SCALAR_TAGS.get(tag)
        if build is None:
            raise _Other
        return build(_SCALAR_BUILDER, node)
    done = built.get(id(node))  # an alias: the same object, as PyYAML gives it
    if done is not None:
        return done
    if depth >= _MAX_DIRECT:  # also ends a node that contains itself
        raise _Other
    data: Any
    if kind is yaml.MappingNode and tag == _MAP:
        data = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag == "tag:yaml.org,2002:merge":
                raise _Other
            data[_direct(key, built, depth)] = _direct(value, built, depth + 1)
    elif kind is yaml.SequenceNode and tag == _SEQ:
        data = [_direct(item, built, depth + 1) for item in node.value]
    else:
        raise _Other
    built[id(node)] = data
    return data


def compose_all(text: str, name: str = "") -> Any:
    """Yield the node tree of each document; nodes carry 0-based line marks (and the `name` of their file).

    A document where an alias refers to a node that contains it (`loop: &l [*l]`) is an error at that node,
    as kubectl makes it: its data would be infinite, and whatever walks it would never end.
    """
    stream: Any = text
    if name:
        stream = io.StringIO(text)
        stream.name = name  # PyYAML names every mark after its stream
    loader = _ScannedLoader(stream)
    try:
        while loader.check_node():
            node = loader.get_node()
            if "*" in text:
                _refuse_cycle(node)
            yield node
    finally:
        loader.dispose()


def first_mapping(text: str) -> Any:
    """The first document of a text as a mapping node; None when the text is empty, not YAML or not a mapping."""
    try:
        root = next(iter(compose_all(text.removeprefix("\ufeff"))), None)
    except (yaml.YAMLError, RecursionError):
        return None
    return root if isinstance(root, yaml.MappingNode) else None


def _refuse_cycle(root: Any) -> None:
    """Raise a ComposerError at the first node found inside itself; each node is walked once (a DAG of shared
    aliases, however large once expanded, costs its distinct nodes only)."""
    open_: dict[int, bool] = {}  # True while a node's children are walked, False once they are
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            open_[id(node)] = False
            continue
        state = open_.get(id(node))
        if state is True:  # pushed while its own children were walked: it is its own descendant
            problem = "an alias refers to the node that contains it, so its value would never end"
            raise yaml.composer.ComposerError(None, None, problem, node.start_mark)
        children = _children(node) if state is None else []
        if children:
            open_[id(node)] = True
            stack.append((node, True))
            stack.extend((child, False) for child in children)
        else:
            open_[id(node)] = False


def error(exc: Exception, what: str = "cannot be read", text: str = "", offset: int = 0) -> ParseError:
    """A YAML error (or nesting too deep for the parser) as a ParseError at its line and column.

    `what` stands in when PyYAML names no problem; with the `text`, a tab where the error is explained;
    `offset`: lines prepended to the text before it was parsed.
    """
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ParseError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'nesting too deep'}")
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or what
    if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "a tab is used for indentation; YAML allows only spaces"
    line, column = (mark.line + 1 - offset, mark.column + 1) if mark else (1, 1)
    return ParseError(f"invalid YAML: {problem}", line, column)
