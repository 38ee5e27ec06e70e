"""Resources, placements and findings as plain JSON data, and back, for the result cache.

A unit of a scan (a Terraform root module with what it calls, one Kubernetes file) is kept whole:
the (resource, placement) pairs it adds to the inventory and the findings the rules gave each pair.
Reading is strict: a value of another type than the one written raises `Malformed`, so that an entry
of another shape (edited, or written by another version) is a miss, read again from the sources, and
never a crash further on. A Terraform resource's `body` is not kept: nothing after placement reads it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import Any

from sovlint.model import Finding, Kind, KubeFacts, Level, Origin, Placement, Resource

Item = tuple[Resource, Placement]


class Malformed(ValueError):
    """Stored data of another shape than this version writes."""


class Unit:
    """A part of the inventory kept as one cache entry: `items` from `start` in the scan's inventory.

    `data` is what the reader keeps beside the items (its own findings, notes, what the result depends
    on); `judged` holds each item's findings when they came from the cache (None: the rules run, and
    the entry is written under `key` with their findings)."""

    __slots__ = ("key", "start", "items", "data", "judged")

    def __init__(
        self,
        key: str,
        start: int,
        items: list[Item],
        data: dict[str, Any] | None = None,
        judged: list[list[Finding]] | None = None,
    ) -> None:
        self.key = key
        self.start = start
        self.items = items
        self.data: dict[str, Any] = {} if data is None else data
        self.judged = judged


def text(x: Any) -> str:
    if type(x) is not str:
        raise Malformed(f"expected text, got {type(x).__name__}")
    return x


def number(x: Any) -> int:
    if type(x) is not int:
        raise Malformed(f"expected a number, got {type(x).__name__}")
    return x


def flag(x: Any) -> bool:
    if type(x) is not bool:
        raise Malformed(f"expected true or false, got {type(x).__name__}")
    return x


def listed(x: Any) -> list[Any]:
    if type(x) is not list:
        raise Malformed(f"expected a list, got {type(x).__name__}")
    return x


def texts(x: Any) -> tuple[str, ...]:
    return tuple(text(s) for s in listed(x))


class _Writer:
    """Values that many rows share (a placement, a fix, properties) written once to a table of their kind,
    rows naming them by index."""

    def __init__(self) -> None:
        self.index: dict[str, dict[Any, int]] = {kind: {} for kind in _TABLES}
        self.tables: dict[str, list[Any]] = {kind: [] for kind in _TABLES}

    def ref(self, kind: str, value: Any, data: Callable[[Any], Any]) -> int:
        """The index of `value` (hashable: a frozen record or a tuple) in its table, written as data(value)."""
        index = self.index[kind]
        found = index.get(value)
        if found is None:
            rows = self.tables[kind]
            found = index[value] = len(rows)
            rows.append(data(value))
        return found


class _Tables:
    """The shared values read back, each once; a row naming one by an index of another type or out of range
    raises TypeError or IndexError (a miss)."""

    def __init__(self, shared: Any) -> None:
        if type(shared) is not dict:
            raise Malformed("shared values")
        self.fixes, self.related, self.props, self.places, self.images, self.facts = [
            list(map(decode, listed(shared[kind]))) for kind, decode in _TABLES.items()
        ]


def origin(d: Any) -> Origin:
    file, line, what, column, end_line, end_column = listed(d)
    return Origin(text(file), number(line), text(what), number(column), number(end_line), number(end_column))


def origin_data(o: Origin) -> list[Any]:
    return [o.file, o.line, o.what, o.column, o.end_line, o.end_column]


def _origins_data(origins: tuple[Origin, ...]) -> list[Any]:
    return [origin_data(o) for o in origins]


def _lists(pairs: tuple[tuple[Any, ...], ...]) -> list[Any]:
    return [list(p) for p in pairs]


def _origins(d: Any) -> tuple[Origin, ...]:
    return tuple(map(origin, listed(d)))


def _pairs(d: Any) -> tuple[tuple[str, str], ...]:
    return tuple((text(k), text(v)) for k, v in (listed(p) for p in listed(d)))


def _images(d: Any) -> tuple[tuple[str, int], ...]:
    return tuple((text(i), number(n)) for i, n in (listed(x) for x in listed(d)))


def _facts(d: Any) -> KubeFacts | None:
    if d is None:
        return None
    if type(d) is not dict:
        raise Malformed("facts")
    return KubeFacts.from_data(d)


def _finding_row(f: Finding, w: _Writer) -> list[Any]:
    related = w.ref("related", f.related, _origins_data)
    properties = w.ref("props", f.properties, _lists)
    head = [
        f.file,
        f.line,
        f.rule_id,
        f.address,
        int(f.level),
        f.message,
        w.ref("fixes", f.fix, str),
        f.end_line,
        f.column,
    ]
    return [*head, f.end_column, f.key, related, properties, f.suppressed, f.suppressed_by]


_LEVELS = {int(level): level for level in Level}
_KINDS = {kind.value: kind for kind in Kind}


def _finding(d: Any, t: _Tables) -> Finding:
    file, line, rule, address, level, message, fix, end_line, column, end_column, key, related, props, sup, by = d
    if not (type(file) is type(rule) is type(address) is type(message) is type(key) is type(sup) is type(by) is str):
        raise Malformed("a finding's text")
    if not (type(line) is type(end_line) is type(column) is type(end_column) is int):
        raise Malformed("a finding's place")
    fields = (_LEVELS[level], message, t.fixes[fix], end_line, column, end_column, key)
    return Finding(file, line, rule, address, *fields, t.related[related], t.props[props], sup, by)


def _placement_data(p: Placement) -> list[Any]:
    replicas = [[region, list(countries), line] for region, countries, line in p.replicas]
    head = [p.provider, p.located, p.region, list(p.countries), p.is_global, p.known_region, p.how]
    origins = [[origin_data(o) for o in p.origins], [origin_data(o) for o in p.via]]
    tail = [p.offer, p.endpoint, p.host, p.host_region, replicas, p.unresolved, p.library, p.condition]
    tail.append(p.configuration)
    return [*head, *origins, *tail]


def _placement(d: Any) -> Placement:
    provider, located, region, countries, is_global, known, how, origins, via, *tail = listed(d)
    offer, endpoint, host, host_region, replicas, unresolved, library, condition, configuration = tail
    return Placement(
        text(provider),
        flag(located),
        None if region is None else text(region),
        texts(countries),
        flag(is_global),
        flag(known),
        text(how),
        _origins(origins),
        _origins(via),
        text(offer),
        text(endpoint),
        text(host),
        text(host_region),
        tuple((text(r), texts(c), number(n)) for r, c, n in (listed(x) for x in listed(replicas))),
        text(unresolved),
        flag(library),
        text(condition),
        text(configuration),
    )


def _resource_row(r: Resource, w: _Writer) -> list[Any]:
    images = w.ref("images", r.images, _lists)
    facts = w.ref("facts", r.facts, _facts_data)
    return [r.address, r.type, r.file, r.line, r.end_line, r.kind.value, r.provider, images, facts]


def _facts_data(facts: KubeFacts | None) -> Any:
    return facts.to_data() if facts else None


def _resource(d: Any, t: _Tables) -> Resource:
    address, type_, file, line, end_line, kind, provider, images, facts = d
    if not (type(address) is type(type_) is type(file) is type(provider) is str):
        raise Malformed("a resource's text")
    if not (type(line) is type(end_line) is int):
        raise Malformed("a resource's lines")
    return Resource(
        address, type_, file, line, end_line, _KINDS[kind], provider, None, t.images[images], t.facts[facts]
    )


def unit_data(items: list[Item], judged: list[list[Finding]]) -> dict[str, Any]:
    """A unit's items and each item's findings as plain data. A placement is most often the same object for
    many items (those of one provider): it is looked up by identity first, hashed (all its fields) once."""
    w = _Writer()
    seen: dict[int, int] = {}  # id of a placement -> its index; `items` holds each placement to the end
    rows = []
    for r, p in items:
        place = seen.get(id(p))
        if place is None:
            place = seen[id(p)] = w.ref("places", p, _placement_data)
        rows.append([_resource_row(r, w), place])
    found = [[_finding_row(f, w) for f in fs] for fs in judged]
    return {"items": rows, "judged": found, "shared": w.tables}


def unit(d: Any) -> tuple[list[Item], list[list[Finding]]]:
    """A unit's items and each item's findings; Malformed (or another error `read` catches) when not of that shape."""
    t = _Tables(d["shared"])
    items = [(_resource(res, t), t.places[p]) for res, p in map(listed, listed(d["items"]))]
    finding = functools.partial(_finding, t=t)
    judged = [list(map(finding, listed(fs))) for fs in listed(d["judged"])]
    if len(judged) != len(items):
        raise Malformed("findings for another number of resources")
    return items, judged


def findings_data(found: list[Finding]) -> dict[str, Any]:
    w = _Writer()
    return {"rows": [_finding_row(f, w) for f in found], "shared": w.tables}


def findings(d: Any) -> list[Finding]:
    rows = listed(d["rows"])
    if not rows:  # most often: no table to read
        return []
    t = _Tables(d["shared"])
    return [_finding(x, t) for x in rows]


_TABLES: dict[str, Callable[[Any], Any]] = {
    "fixes": text,
    "related": _origins,
    "props": _pairs,
    "places": _placement,
    "images": _images,
    "facts": _facts,
}


def read(work: Any, *args: Any) -> Any:
    """work(*args) on stored data; None when the data is not of the shape written (a miss)."""
    try:
        return kept(work, *args)
    except (Malformed, KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError):
        return None


def kept(work: Any, *args: Any) -> Any:
    """work(*args), which makes many objects and no cycles, without garbage collection; what it made (unless
    None) is left out of collections until the scan ends."""
    with unswept():
        found = work(*args)
        if found is not None:  # before collections resume: the first would walk every object just made
            keep()
    return found


@contextlib.contextmanager
def unswept() -> Iterator[None]:
    """No garbage collection while stored data is read: it makes many objects and no cycles, and the
    collector would walk every object made so far again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def collected_apart() -> Iterator[None]:
    """Garbage collection of what the block makes while a scan has it turned off (`unswept`): what was made before
    is frozen (`keep`, until `thaw`), so that a collection walks the block's own objects only. A file is read so:
    hostile input makes cycles there (a YAML alias of its own node), and they are collected as they are made."""
    if gc.isenabled():
        yield
        return
    keep()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()


def keep() -> None:
    """Stored data was read: every object made so far is frozen (`gc.freeze`: left out of collections, still
    freed when unused) until `thaw`. Read back, stored data is many objects, kept until the scan ends, without
    cycles: the collector would walk them again and again while the scan goes on (a fifth of a warm scan of
    2,000 files). Only after a hit: a scan that reads nothing back (a cold one) keeps collecting as usual."""
    gc.freeze()


def thaw() -> None:
    """What `keep` froze is collected as usual again (the scan's end)."""
    gc.unfreeze()
