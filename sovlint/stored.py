"""Resources, placements and findings as plain JSON data, and back, for the result cache.

A unit of a scan (a Terraform root module with what it calls, one Kubernetes file) is kept whole:
the (resource, placement) pairs it adds to the inventory and the findings the rules gave each pair.
Reading is strict: a value of another type than the one written raises `Malformed`, so that an entry
of another shape (edited, or written by another version) is a miss, read again from the sources, and
never a crash further on. A Terraform resource's `body` is not kept: nothing after placement reads it.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sovlint.model import Finding, Kind, KubeFacts, Level, Origin, Placement, Resource

Item = tuple[Resource, Placement]


class Malformed(ValueError):
    """Stored data of another shape than this version writes."""


@dataclass(slots=True)
class Unit:
    """A part of the inventory kept as one cache entry: `items` from `start` in the scan's inventory.

    `data` is what the reader keeps beside the items (its own findings, notes, what the result depends
    on); `judged` holds each item's findings when they came from the cache (None: the rules run, and
    the entry is written under `key` with their findings)."""

    key: str
    start: int
    items: list[Item]
    data: dict[str, Any] = field(default_factory=dict)
    judged: list[list[Finding]] | None = None


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
    """Values that many rows share (a placement, a fix, properties) written once, rows naming them by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[Any] = []

    def ref(self, data: Any) -> int:
        k = json.dumps(data)
        found = self.index.get(k)
        if found is None:
            found = self.index[k] = len(self.rows)
            self.rows.append(data)
        return found


class _Reader:
    """Shared values read back, each once."""

    def __init__(self, rows: Any) -> None:
        self.rows = listed(rows)
        self.memo: dict[tuple[int, Callable[[Any], Any]], Any] = {}

    def get(self, index: Any, decode: Callable[[Any], Any]) -> Any:
        slot = (number(index), decode)
        if slot not in self.memo:
            if not 0 <= index < len(self.rows):
                raise Malformed("a shared value that is not there")
            self.memo[slot] = decode(self.rows[index])
        return self.memo[slot]


def _origin_data(o: Origin) -> list[Any]:
    return [o.file, o.line, o.what, o.column, o.end_line, o.end_column]


def _origins(d: Any) -> tuple[Origin, ...]:
    out = []
    for o in listed(d):
        file, line, what, column, end_line, end_column = listed(o)
        out.append(Origin(text(file), number(line), text(what), number(column), number(end_line), number(end_column)))
    return tuple(out)


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
    related = w.ref([_origin_data(o) for o in f.related])
    properties = w.ref([list(p) for p in f.properties])
    head = [f.file, f.line, f.rule_id, f.address, int(f.level), f.message, w.ref(f.fix), f.end_line, f.column]
    return [*head, f.end_column, f.key, related, properties, f.suppressed, f.suppressed_by]


_LEVELS = {int(level): level for level in Level}
_KINDS = {kind.value: kind for kind in Kind}


def _finding(d: Any, r: _Reader) -> Finding:
    file, line, rule, address, level, message, fix, end_line, column, end_column, key, related, props, sup, by = d
    if not (type(file) is type(rule) is type(address) is type(message) is type(key) is type(sup) is type(by) is str):
        raise Malformed("a finding's text")
    if not (type(line) is type(end_line) is type(column) is type(end_column) is int):
        raise Malformed("a finding's place")
    fields = (_LEVELS[level], message, r.get(fix, text), end_line, column, end_column, key)
    return Finding(file, line, rule, address, *fields, r.get(related, _origins), r.get(props, _pairs), sup, by)


def _placement_data(p: Placement) -> list[Any]:
    replicas = [[region, list(countries), line] for region, countries, line in p.replicas]
    head = [p.provider, p.located, p.region, list(p.countries), p.is_global, p.known_region, p.how]
    origins = [[_origin_data(o) for o in p.origins], [_origin_data(o) for o in p.via]]
    tail = [p.offer, p.endpoint, p.host, p.host_region, replicas, p.unresolved, p.library, p.condition]
    return [*head, *origins, *tail]


def _placement(d: Any) -> Placement:
    provider, located, region, countries, is_global, known, how, origins, via, *tail = listed(d)
    offer, endpoint, host, host_region, replicas, unresolved, library, condition = tail
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
    )


def _resource_row(r: Resource, w: _Writer) -> list[Any]:
    images = w.ref([list(i) for i in r.images])
    facts = w.ref(r.facts.to_data() if r.facts else None)
    return [r.address, r.type, r.file, r.line, r.end_line, r.kind.value, r.provider, images, facts]


def _resource(d: Any, r: _Reader) -> Resource:
    address, type_, file, line, end_line, kind, provider, images, facts = d
    if not (type(address) is type(type_) is type(file) is type(provider) is str):
        raise Malformed("a resource's text")
    if not (type(line) is type(end_line) is int):
        raise Malformed("a resource's lines")
    return Resource(
        address, type_, file, line, end_line, _KINDS[kind], provider, None, r.get(images, _images), r.get(facts, _facts)
    )


def unit_data(items: list[Item], judged: list[list[Finding]]) -> dict[str, Any]:
    """A unit's items and each item's findings as plain data."""
    w = _Writer()
    rows = [[_resource_row(r, w), w.ref(_placement_data(p))] for r, p in items]
    found = [[_finding_row(f, w) for f in fs] for fs in judged]
    return {"items": rows, "judged": found, "shared": w.rows}


def unit(d: Any) -> tuple[list[Item], list[list[Finding]]]:
    """A unit's items and each item's findings; Malformed (or another error `read` catches) when not of that shape."""
    r = _Reader(d["shared"])
    items = [(_resource(res, r), r.get(p, _placement)) for res, p in (listed(x) for x in listed(d["items"]))]
    judged = [[_finding(f, r) for f in listed(fs)] for fs in listed(d["judged"])]
    if len(judged) != len(items):
        raise Malformed("findings for another number of resources")
    return items, judged


def resources_data(found: list[Resource]) -> dict[str, Any]:
    w = _Writer()
    return {"rows": [_resource_row(r, w) for r in found], "shared": w.rows}


def resources(d: Any) -> list[Resource]:
    r = _Reader(d["shared"])
    return [_resource(x, r) for x in listed(d["rows"])]


def findings_data(found: list[Finding]) -> dict[str, Any]:
    w = _Writer()
    return {"rows": [_finding_row(f, w) for f in found], "shared": w.rows}


def findings(d: Any) -> list[Finding]:
    r = _Reader(d["shared"])
    return [_finding(x, r) for x in listed(d["rows"])]


def read(work: Any, *args: Any) -> Any:
    """work(*args) on stored data; None when the data is not of the shape written (a miss)."""
    try:
        with unswept():
            return work(*args)
    except (Malformed, KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError):
        return None


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
