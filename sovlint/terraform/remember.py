"""Root modules kept between runs: what evaluating a root module added to the scan, reused while every
input that decided it is unchanged.

Each scanned directory has one cache entry, named by a digest of the inputs every part of the scan
shares (`Kept.base`: sovlint's code, the policies, the profile, the limits, --var-file and --var
values, TF_VAR_* with --use-env, the scanned trees) and of the directory itself: its path, its real
path and, for each of its files, path, kind, whether it was named and a digest of its content. It holds
- `summary`: whether the directory holds Terraform, its local module calls and the syntax errors of
  its named files: what finding the root modules needs, without parsing anything;
- for a root module, `result`: the findings and notes its evaluation gave, the budget it spent and what
  it depends on beyond its own files: every other directory it read or calls (real path, inside the
  scanned trees or not, file digests), the downloaded modules it resolved and the paths `fileset()`
  found missing or present, and a digest of each file `file()` read; beside it `items` and
  `judged`, its resources with their placements and the rules' findings (written after the rules run).
A result is used only when every dependency is as recorded, the scan's budget still allows what it
spent, and the modules whose providers it judged are those no earlier root judged in this scan; else the
root is evaluated again. A root whose evaluation hit a budget or failed is not kept.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any, Protocol

from sovlint import stored
from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError
from sovlint.limits import SCAN_ROOTS, Budget
from sovlint.model import Finding
from sovlint.stored import Item, Unit
from sovlint.terraform.loader import Loader
from sovlint.terraform.module import TfModule, directory_of
from sovlint.terraform.tree import local_source


class Kept(Protocol):
    """Where entries are kept, and the digests they are named by."""

    @property
    def base(self) -> str: ...  # a digest of what every unit shares; '' when nothing is kept

    def get(self, k: str) -> Any: ...
    def put(self, k: str, value: Any) -> bool: ...
    def entry_key(self, *parts: Any) -> str: ...
    def digest(self, source: SourceFile) -> str | None: ...  # None: the file cannot be read


class Recalled:
    """A root module's part of the scan, from its entry."""

    __slots__ = ("items", "judged", "findings", "loader_findings", "notes", "directories")

    def __init__(
        self,
        items: list[Item],
        judged: list[list[Finding]],
        findings: list[Finding],
        loader_findings: list[Finding],
        notes: list[str],
        directories: set[str],
    ) -> None:
        self.items = items
        self.judged = judged
        self.findings = findings  # the scan's own (a resource that could not be evaluated)
        self.loader_findings = loader_findings  # a --var-file that does not parse
        self.notes = notes
        self.directories = directories  # of its module instances: their providers are judged


class Mark:
    """Where the scan's lists stood when a root's evaluation began."""

    __slots__ = ("inventory", "findings", "loader_findings", "notes", "limited")

    def __init__(
        self, inventory: int, findings: int, loader_findings: int, notes: tuple[int, int], limited: int
    ) -> None:
        self.inventory = inventory
        self.findings = findings
        self.loader_findings = loader_findings
        self.notes = notes  # the loader's, the tree's
        self.limited = limited


class Memory:
    __slots__ = (
        "kept",
        "loader",
        "entries",
        "keys",
        "unwritten",
        "loaded",
        "asked",
        "probed",
        "contents",
        "_listings",
        "trace",
    )

    def __init__(self, kept: Kept | None, loader: Loader) -> None:
        self.kept = kept  # None: nothing is kept (--no-cache)
        self.loader = loader
        self.entries: dict[str, dict[str, Any]] = {}  # directory -> its entry, read or new
        self.keys: dict[str, str] = {}  # directory -> entry key ('' when not kept)
        self.unwritten: set[str] = set()  # directories whose new entry the scan itself writes
        self.loaded: set[str] = set()  # directories loaded since the current root began
        self.asked: list[list[Any]] = []  # downloaded modules resolved since then
        self.probed: dict[str, bool] = {}  # paths fileset() looked for since then
        self.contents: dict[str, str] = {}  # files file() read since then -> a digest of their text ('' if none)
        self._listings: dict[str, list[list[Any]] | None] = {}
        # what every root module of the scan depended on (see traced()); None once one root is not kept
        self.trace: list[dict[str, Any]] | None = []

    def load(self, directory: str) -> TfModule | None:
        """The loader's module, recorded as read by the root under evaluation."""
        self.loaded.add(os.path.normpath(directory))
        return self.loader.module(directory)

    def downloaded(self, root: str, key: str) -> str | None:
        answer = self.loader.downloaded(root, key)
        self.asked.append([root, key, answer])
        return answer

    def exists(self, path: str) -> bool:
        """Whether a path names something, recorded as read by the root under evaluation (asked once per root)."""
        found = self.probed.get(path)
        if found is None:
            found = self.probed[path] = os.path.lexists(path)
        return found

    def read(self, path: str) -> str | None:
        """The text of a file the configuration reads (file(), templatefile()), recorded as read by the root under
        evaluation; None when it lies outside the scanned trees or cannot be read as text within the limits."""
        found = _text(path, self.loader)
        self.contents[path] = _digest(found)
        return found

    def summary(self, directory: str) -> tuple[bool, list[str]]:
        """Whether a named directory holds Terraform, and its local module sources; its syntax errors are
        reported. From its entry when there is one, else by loading it."""
        entry = self._entry(directory)
        found = stored.read(_summary, entry)
        if found is not None:
            terraform, calls, errors = found
            self.loader.findings.extend(errors)
            self.loader.quiet.add(directory)  # loaded later for its evaluation: reported once
            return terraform, calls
        before = len(self.loader.findings)
        module = self.loader.module(directory)
        calls = [s for call in module.calls.values() if (s := local_source(call))] if module else []
        errors = stored.findings_data(self.loader.findings[before:])
        self.entries[directory] = {"summary": {"terraform": module is not None, "calls": calls, "errors": errors}}
        if self.keys.get(directory):
            self.unwritten.add(directory)
        return module is not None, calls

    def recall(self, directory: str, seen: set[str], spend: Budget) -> Recalled | None:
        """A root's part of the scan from its entry, when everything it depends on is unchanged."""
        entry = self.entries.get(directory) if self.keys.get(directory) else None
        if not entry or "result" not in entry:
            return None
        found: Recalled | None = stored.read(self._recall, entry, seen, spend)
        return found

    def _recall(self, entry: dict[str, Any], seen: set[str], spend: Budget) -> Recalled | None:
        result = entry["result"]
        if not self.unchanged(result):
            return None
        directories = set(stored.texts(result["directories"]))
        if sorted(directories - seen) != result["unseen"]:
            return None  # another root judges these modules' providers in this scan
        steps, instances = result["spent"]
        if spend.spent_scan or not _affordable(spend, stored.number(steps), stored.number(instances)):
            return None
        items, judged = stored.unit(entry)
        recalled = Recalled(
            items,
            judged,
            stored.findings(result["findings"]),
            stored.findings(result["loader"]),
            list(stored.texts(result["notes"])),
            directories,
        )
        spend.total_steps += steps
        spend.total_instances += instances
        self._traced(result)
        return recalled

    def unchanged(self, result: dict[str, Any]) -> bool:
        """Whether what a root depended on beyond its own files (`deps`, `asked`, `probed` of its result) is as
        it was recorded."""
        for directory, real, inside, listing in stored.listed(result["deps"]):
            if self.loader.real(stored.text(directory)) != real or self.loader.allowed(real) != inside:
                return False
            if inside and self.listing(directory) != listing:
                return False
        if any(self.loader.downloaded(root, key) != answer for root, key, answer in stored.listed(result["asked"])):
            return False
        if any(_digest(_text(stored.text(p), self.loader)) != d for p, d in stored.listed(result["read"])):
            return False
        probed = stored.listed(result["probed"])
        return all(os.path.lexists(stored.text(p)) == stored.flag(found) for p, found in probed)

    def _traced(self, result: dict[str, Any]) -> None:
        if self.trace is not None:
            self.trace.append({k: result[k] for k in ("deps", "asked", "probed", "read")})

    def traced(self, directories: list[str]) -> dict[str, Any] | None:
        """What the whole Terraform part of a scan depended on: the listings of the named `directories` and
        what each root read beyond its own files; None when a root was not kept (it could not say)."""
        if self.trace is None or self.kept is None:
            return None
        named = [[d, self.listing(d)] for d in directories]
        if any(listing is None for _, listing in named):
            return None
        return {"named": named, "roots": self.trace}

    def begin(self, inventory: int, findings: int, notes: int, limited: int) -> Mark:
        """A root's evaluation begins: what it reads is recorded from here."""
        self.loaded, self.asked, self.probed, self.contents = set(), [], {}, {}
        loader = self.loader
        return Mark(inventory, findings, len(loader.findings), (len(loader.notes), notes), limited)

    def end(self, directory: str, mark: Mark, run: Run, spend: Budget) -> Unit | None:
        """A root was evaluated: the unit to keep with the rules' findings, or None when it is not kept."""
        key = self.keys.get(directory)
        deps = self._deps(directory, run.instance_modules) if key and run.kept else None
        if not key or deps is None or spend.said or spend.exceeded or spend.spent or len(run.limited) > mark.limited:
            if key:
                self.unwritten.add(directory)  # its summary without the result it no longer has
                self.entries[directory].pop("result", None)
            self.trace = None
            return None
        notes = self.loader.notes[mark.notes[0] :] + run.notes[mark.notes[1] :]
        result = {
            "deps": deps,
            "asked": self.asked,
            "probed": sorted([path, found] for path, found in self.probed.items()),
            "read": sorted([path, digest] for path, digest in self.contents.items()),
            "directories": sorted({m.directory for m in run.instance_modules}),
            "unseen": run.unseen,
            "spent": [spend.steps, spend.instances],
            "findings": stored.findings_data(run.findings[mark.findings :]),
            "loader": stored.findings_data(self.loader.findings[mark.loader_findings :]),
            "notes": notes,
        }
        self.unwritten.discard(directory)
        self._traced(result)
        data = {"summary": self.entries[directory]["summary"], "result": result}
        return Unit(key, mark.inventory, run.inventory[mark.inventory :], data)

    def _deps(self, directory: str, modules: list[TfModule]) -> list[list[Any]] | None:
        """Every other directory a root read or calls: path, real path, inside the scanned trees, files."""
        called = {
            os.path.normpath(os.path.join(m.directory, s))
            for m in modules
            for c in m.calls.values()
            if (s := local_source(c))
        }
        deps: list[list[Any]] = []
        for other in sorted((self.loaded | called) - {directory}):
            real = self.loader.real(other)
            inside = self.loader.allowed(real)
            listing = self.listing(other) if inside else None
            if inside and listing is None:
                return None
            deps.append([other, real, inside, listing])
        return deps

    def flush(self) -> None:
        """Write the new entries that no unit writes: directories that are not roots, roots not kept."""
        if self.kept is None:
            return
        for directory in sorted(self.unwritten):
            self.kept.put(self.keys[directory], self.entries[directory])

    def _entry(self, directory: str) -> dict[str, Any] | None:
        if self.kept is None or not self.kept.base:
            return None
        listing = self.listing(directory)
        if listing is None:
            self.keys[directory] = ""
            return None
        key = self.kept.entry_key("terraform", directory, self.loader.real(directory), listing)
        self.keys[directory] = key
        entry = self.kept.get(key)
        if not isinstance(entry, dict):
            return None
        self.entries[directory] = entry
        return entry

    def listing(self, directory: str) -> list[list[Any]] | None:
        """Path, kind, named and content digest of each file of a directory's module; None if one cannot be read."""
        if directory not in self._listings:
            out: list[list[Any]] | None = []
            for f in self.loader.files(directory):
                digest = self.kept.digest(f) if self.kept else self.loader.parser.digest(f)
                if digest is None or out is None:
                    out = None
                    continue
                out.append([f.path, f.kind, f.path in self.loader.named, digest])
            self._listings[directory] = out
        return self._listings[directory]


def unchanged(trace: Any, loader: Loader) -> bool:
    """Whether what a whole scan depended on (`trace`, from Memory.traced()) is as it was recorded; `loader`
    is that of a scan of the same files."""
    memory = Memory(None, loader)
    try:
        directories = sorted({directory_of(f.path) for f in loader.named.values()})
        if [stored.text(d) for d, _ in stored.listed(trace["named"])] != directories:
            return False
        if any(memory.listing(d) != listing for d, listing in trace["named"]):
            return False
        return all(memory.unchanged(root) for root in stored.listed(trace["roots"]))
    except (stored.Malformed, KeyError, TypeError, ValueError, IndexError):
        return False


class Run:
    """What a root's evaluation left in the scan's lists."""

    __slots__ = ("inventory", "findings", "notes", "limited", "instance_modules", "unseen", "kept")

    def __init__(
        self, inventory: list[Item], findings: list[Finding], notes: list[str], limited: list[Any], kept: bool = True
    ) -> None:
        self.inventory = inventory
        self.findings = findings
        self.notes = notes  # the tree's
        self.limited = limited  # the tree's calls cut by a budget
        self.instance_modules: list[TfModule] = []
        self.unseen: list[str] = []  # directories whose providers this root judged
        self.kept = kept  # False: the evaluation failed


def _text(path: str, loader: Loader) -> str | None:
    real = os.path.realpath(path)
    if not loader.allowed(real) or not os.path.isfile(real):
        return None
    try:
        return read_text(SourceFile(path, real, "yaml"), loader.parser.limits)
    except ParseError:
        return None


def _digest(text: str | None) -> str:
    return "" if text is None else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _summary(entry: dict[str, Any] | None) -> tuple[bool, list[str], list[Finding]] | None:
    if entry is None:
        return None
    summary = entry["summary"]
    return stored.flag(summary["terraform"]), list(stored.texts(summary["calls"])), stored.findings(summary["errors"])


def _affordable(spend: Budget, steps: int, instances: int) -> bool:
    """Whether the scan's budget allows what a kept root spent, as it would have when evaluated."""
    limits = spend.limits
    if steps > limits.eval_steps or instances > limits.module_instances:
        return False
    total_steps = spend.total_steps + steps <= limits.eval_steps * SCAN_ROOTS
    return total_steps and spend.total_instances + instances <= limits.module_instances * SCAN_ROOTS
