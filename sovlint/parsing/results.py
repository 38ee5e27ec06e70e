"""Results kept between runs: a scan's units (a Terraform root module, a Kubernetes file) with their
resources, placements and the rules' findings, beside the parsed files in the same cache.

An entry's key is a digest of what the unit depends on: `base` covers what every unit shares — the
cache format, sovlint's version and code, the parsers' versions, the policies, the profile (allowed
places, rule levels, endpoints, providers, mirrors), the limits, the scanned trees and the working
directory, the --var-file contents, --var values and TF_VAR_* (with --use-env) — and each reader adds
its unit's own files (terraform/remember.py, `kubernetes` below). Entries are sealed like parsed files
(cache.py): one that fails its digest or is of another shape is a miss, rebuilt from the sources.
Only what follows the rules (suppressions, per-path levels, the baseline, the report) runs on every scan.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from sovlint import sealed, stored
from sovlint.discover import SourceFile
from sovlint.errors import ParseError, parse_error
from sovlint.knowledge import policies
from sovlint.knowledge.catalog import Catalog
from sovlint.model import Finding, Placement, Resource
from sovlint.parsing import cache as cache_mod
from sovlint.parsing.parser import Parser
from sovlint.stored import Item, Unit


class Results:
    """The kept units of one scan: read from one entry, named by `base` and the paths named, and written back
    whole when a unit changed (one file, rather than one per unit: a repository has thousands of units).
    `base` is '' when nothing is kept (no cache, or a --var-file that cannot be read)."""

    def __init__(self, cache: cache_mod.Cache, parser: Parser, options: Any) -> None:
        self.cache = cache
        self.parser = parser
        self.base = base(parser, options.profile, options) if cache.directory is not None else ""
        self.name = self.entry_key("units", sorted(options.targets)) if self.base else ""
        found = stored.kept(cache.get, self.name) if self.name else None
        self.stored: dict[str, Any] = found if isinstance(found, dict) else {}
        self.used: dict[str, Any] = {}  # the entries this scan read or wrote, written back by save()
        self.changed = False

    def get(self, k: str) -> Any:
        found = self.stored.get(k)
        if found is not None:
            self.used[k] = found
        return found

    def put(self, k: str, value: Any) -> bool:
        """Keep `value` under `k`, written out at once: what it is made of is freed now, before the collector walks
        it (a unit of 20,000 resources is hundreds of thousands of objects); False when it is not JSON data."""
        if not self.base:
            return False
        try:
            self.used[k] = _Text(json.dumps(value, separators=(",", ":"), check_circular=False))
        except (TypeError, ValueError, RecursionError):
            return False
        self.changed = True
        return True

    def save(self) -> None:
        """Write the units back when one changed, or one is gone; what was frozen is collected as usual again."""
        stored.thaw()
        if not (self.name and (self.changed or len(self.used) != len(self.stored))):
            return
        try:  # as json.dumps writes the whole dict, each entry's text as it was written or read
            body = ",".join(f"{json.dumps(k)}:{_text(v)}" for k, v in self.used.items())
        except (TypeError, ValueError, RecursionError):
            return
        self.cache.put_bytes(self.name, ("{" + body + "}").encode())

    def entry_key(self, *parts: Any) -> str:
        return sealed.name_of([self.base, *parts])

    def digest(self, source: SourceFile) -> str | None:
        return self.parser.digest(source)

    def kubernetes(
        self, files: Sequence[SourceFile], findings: list[Finding], more: list[Resource], catalog: Catalog
    ) -> tuple[list[Item], list[Unit]]:
        """The placed objects of plain Kubernetes files (then `more`, from builds and renders), and a unit per file.

        The ACK default regions (a Namespace's annotation, a controller's region) apply to every file: a
        file's entry holds what it sets of them and, for the defaults of the whole scan it was written in,
        its objects' placements and findings; under other defaults its objects are placed again."""
        from sovlint.kubernetes import place as kube

        parsed: list[tuple[SourceFile, str, kube.AckDefaults, dict[str, Any] | None, list[Resource] | None]] = []
        for source in files:
            key = self.entry_key("kubernetes", source.path, self.digest(source)) if self.base else ""
            entry = self.get(key) if key else None
            part = stored.read(_ack_part, entry, kube.AckDefaults) if isinstance(entry, dict) else None
            if part is not None:
                parsed.append((source, key, part, entry, None))
                continue
            before = len(findings)
            resources = _manifests(source, findings, self.parser)
            key = key if len(findings) == before else ""  # a file that does not parse is read again
            parsed.append((source, key, kube.ack_defaults(resources), None, resources))
        ack = kube.AckDefaults()
        for part in [p for _, _, p, _, _ in parsed] + [kube.ack_defaults(more)]:
            ack.namespaces.update(part.namespaces)  # later files win, as they do read in one go
            ack.controllers.update(part.controllers)
        defaults = hashlib.sha256(repr(ack).encode("utf-8", "surrogatepass")).hexdigest()
        placed: list[Item] = []
        units = []
        for source, key, part, entry, objects in parsed:
            kept = stored.read(_placed, entry, defaults) if entry is not None else None
            if kept is not None:
                units.append(Unit(key, len(placed), kept[0], judged=kept[1]))
                placed += kept[0]
                continue
            objects = _manifests(source, findings, self.parser) if objects is None else objects
            items = kube.place_all(objects, catalog, ack)
            if key:
                units.append(Unit(key, len(placed), items, {"ack_part": _ack_data(part), "ack": defaults}))
            placed += items
        return placed + kube.place_all(more, catalog, ack), units

    def judge(
        self, inventory: list[Item], units: list[Unit], judge: Callable[[Resource, Placement], list[Finding]]
    ) -> list[Finding]:
        """The rules' findings on every item, in order: from the units' entries where kept, else judged (and
        the unit's entry written)."""
        known: dict[int, list[Finding]] = {}
        for unit in units:
            if unit.judged is not None:
                known.update(enumerate(unit.judged, unit.start))
        each = [known[i] if i in known else judge(r, p) for i, (r, p) in enumerate(inventory)]
        with stored.unswept():  # the entries written out make many objects and no cycles
            for unit in units:
                if unit.judged is None and unit.key:
                    mine = each[unit.start : unit.start + len(unit.items)]
                    self.put(unit.key, {**unit.data, **stored.unit_data(unit.items, mine)})
        return [f for found in each for f in found]


class _Text(str):
    """An entry's JSON text."""


def _text(value: Any) -> str:
    return value if type(value) is _Text else json.dumps(value, separators=(",", ":"), check_circular=False)


def _ack_data(part: Any) -> list[Any]:
    return [
        [[k, v, stored.origin_data(o)] for k, (v, o) in table.items()] for table in (part.namespaces, part.controllers)
    ]


def _ack_part(entry: dict[str, Any], make: Any) -> Any:
    """The ACK defaults one file sets, as `make` (AckDefaults) holds them."""
    namespaces, controllers = (
        {stored.text(k): (stored.text(v), stored.origin(o)) for k, v, o in stored.listed(table)}
        for table in stored.listed(entry["ack_part"])
    )
    return make(namespaces, controllers)


def _placed(entry: dict[str, Any], defaults: str) -> tuple[list[Item], list[list[Finding]]] | None:
    if entry["ack"] != defaults:
        return None  # placed under other ACK defaults: placed again
    items, judged = stored.unit(entry)
    return items, judged


def _manifests(source: SourceFile, findings: list[Finding], parser: Parser) -> list[Resource]:
    try:
        found, error = parser.kubernetes(source)
    except ParseError as error:
        findings.append(parse_error(source.path, error))
        return []
    if error is not None:  # one document could not be read: the others are judged
        findings.append(parse_error(source.path, error))
    return found


def fingerprint(files: Sequence[SourceFile], options: Any, parser: Parser, extra: Any) -> str:
    """A digest of every input of a scan of `files` that is known before it runs: `base`, each file's path, kind
    and content, the baseline, the date (suppressions expire), and `extra` (the caller's); '' when there is no
    cache, standard input is scanned or a file cannot be read. What the scan read beyond `files` is checked
    apart (`unchanged`)."""
    if options.cache_dir is None or any(f.text is not None for f in files):
        return ""
    common = base(parser, options.profile, options)
    if not common:
        return ""
    listed = [[f.path, f.real, f.kind, f.error, parser.digest(f) if not f.error else ""] for f in files]
    if any(digest is None for *_, digest in listed):  # every file is digested all the same: the scan reuses them
        return ""
    today = options.today.isoformat() if options.today else time.strftime("%Y-%m-%d")  # as date.today()
    parts = [common, listed, canonical(options.baseline), today, list(options.targets), extra]
    parts += [options.inline_suppressions, options.helm_render]
    return sealed.name_of(parts)


def unchanged(trace: Any, files: list[SourceFile], options: Any, parser: Parser) -> bool:
    """Whether what a scan of `files` read beyond them (its `trace`, engine.Result) is as it was."""
    from sovlint.terraform import loader, remember

    terraform = trace.get("terraform") if isinstance(trace, dict) else None
    return remember.unchanged(terraform, loader.scanning(files, options, parser))


def base(parser: Parser, profile: Any, options: Any) -> str:
    """A digest of what every unit of a scan depends on; '' when a --var-file cannot be read."""
    var_files = []
    for path in options.var_files:
        digest = parser.digest(SourceFile(path, os.path.abspath(path), "tfvars"))
        if digest is None:
            return ""
        var_files.append([path, digest])
    env = sorted(options.tf_vars().items())
    parts = [
        cache_mod.key(b"", "results"),  # the cache format, sovlint's and the parsers' versions
        _code(),
        canonical(profile),
        canonical(options.limits),
        list(options.roots),
        os.path.realpath("."),
        var_files,
        [list(v) for v in options.variables],
        env,
    ]
    return sealed.name_of(parts)


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """A digest of sovlint's code and policies as installed: the path, size and modification time of each file."""
    digest = hashlib.sha256()
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    shipped = str(policies.policies_dir())
    # an installed sovlint keeps its policies inside the package: one walk covers both
    tops = [package] if shipped.startswith(package + os.sep) else [package, shipped]
    for top in tops:
        for directory, subdirectories, names in os.walk(top):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                digest.update(f"{directory}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """Plain JSON data of a configuration value, the same for equal values (sets sorted, fields named)."""
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, dict):
        return sorted([canonical(k), canonical(v)] for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(canonical(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)
