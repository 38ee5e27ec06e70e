"""One place that turns a file into parsed data: limits, deadline, cache, and a process pool for cold scans.

Parsed results are plain data (JSON-able), so that they can be cached by content hash and sent
back from worker processes. A cache hit imports no parser.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sovlint.discover import SourceFile, read_text
from sovlint.errors import ParseError, unexpected
from sovlint.limits import DEFAULT, Limits, TimedOut, check_lines, check_size, within
from sovlint.model import Kind, KubeFacts, Resource
from sovlint.parsing import cache as cache_mod
from sovlint.stored import collected_apart, unswept

if TYPE_CHECKING:
    from sovlint.parsing.signatures import Signatures
    from sovlint.terraform.syntax import Block

PARALLEL_MIN_FILES = 16  # below this, starting workers costs more than it saves
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # tree-sitter reads ~3 MB/s: below this, workers cost more than they save
BATCH = 4  # files per task sent to a worker
MEMO_MAX = 4096  # parsed files kept in memory beside the cache (a large tree reads the rest back)
WINDOW = 4  # tasks in flight per worker: the texts of a large tree are never all in memory
KEPT_TEXT_CHARS = 8 * 1024 * 1024  # texts read for their keys, kept until parsed (each file is read once)
# A Terraform file this large is read on every core: reading runs at about 4 to 5 MB/s of CPU (4.9 over the 2.4 MB of
# the public corpora's .tf files, 4.6 for their largest file repeated to 540 KB; 1.7 for a file of generated buckets).
SPLIT_MIN_CHARS = 512 * 1024


def flavour(source: SourceFile) -> str:
    """What parser a file needs: 'hcl', 'tfjson', 'tfvarsjson' or 'yaml'."""
    path = source.path.lower()
    if path.endswith(".tfvars.json"):
        return "tfvarsjson"
    if path.endswith((".tf.json", ".tofu.json")):
        return "tfjson"
    return "yaml" if source.kind == "yaml" else "hcl"


def _parse_text(text: str, how: str, limits: Limits) -> tuple[Any, ParseError | None]:
    """Parse to Blocks (Terraform) or plain data (YAML), and the first syntax error of a file read around it."""
    with collected_apart():
        return within(limits.timeout_s, lambda: _parse_now(text, how, limits))


def _parse_now(text: str, how: str, limits: Limits) -> tuple[Any, ParseError | None]:
    if how == "yaml":
        from sovlint.kubernetes import manifests

        found, error = manifests.read(text, "")
        return ([_resource_data(r) for r in found] if found else None), error
    from sovlint.terraform import syntax, tfjson

    if how == "tfvarsjson":
        return tfjson.tfvars_blocks(text), None
    if how == "tfjson":
        return tfjson.config_blocks(text), None
    check_size(len(text.encode("utf-8", "replace")), limits, hcl=True)
    check_lines(text, limits)
    if len(text) >= SPLIT_MIN_CHARS:
        from sovlint.parsing import split

        in_parts = split.read(text)
        if in_parts is not None:
            return in_parts
    return syntax.read(text)


class Parser:
    __slots__ = (
        "limits",
        "cache",
        "memo",
        "read",
        "unwritten",
        "keys",
        "texts",
        "kept",
        "mark",
        "marked",
        "signatures",
    )

    def __init__(self, limits: Limits = DEFAULT, cache: cache_mod.Cache = cache_mod.NONE, mark: str = "") -> None:
        self.limits = limits
        self.cache = cache
        self.memo: dict[str, Any] = {}  # cache key -> result, from the process pool
        self.read: dict[str, tuple[list[Block], dict[str, Any]]] = {}  # cache key -> Terraform read
        self.unwritten: list[tuple[str, dict[str, Any]]] = []  # Terraform reads for flush()
        self.keys: dict[tuple[str, str, str], str] = {}  # (path, real path, how) -> cache key
        self.texts: dict[tuple[str, str, str], str] = {}  # (path, real path, how) -> text read for its key
        self.kept = 0  # the characters of `texts`, up to KEPT_TEXT_CHARS
        self.mark = mark  # text whose presence in each file read is noted in `marked`
        self.marked: dict[str, bool] = {}  # path -> whether the file held `mark` when read
        self.signatures: Signatures | None = None  # digests known by the files' status, without reading them

    def digest(self, source: SourceFile) -> str | None:
        """A digest of a file's content, kind and the parsers' versions (its cache key); None when it cannot be read."""
        how = flavour(source)
        known = self.signatures if source.text is None and source.real else None
        if known is None or (source.path, source.real, how) in self.keys:
            known = None
        found, signature = known.find(source.real, how) if known is not None else (None, None)
        if found is not None:
            self.keys[(source.path, source.real, how)] = found[0]
            self.cache.parsed.name(source.path, found[0])  # in use, as if read
            if self.mark:
                self.marked[source.path] = found[1]
            return found[0]
        try:
            k = self._key(source, how)[0]
        except ParseError:
            return None
        if known is not None and signature is not None:
            known.note(source.real, how, signature, k, self.marked.get(source.path, True))
        return k

    def _key(self, source: SourceFile, how: str) -> tuple[str, str | None]:
        """The cache key of a file, and its text when it had to be read for it (each file is read once for its key)."""
        found = self.keys.get((source.path, source.real, how)) if source.text is None else None
        if found is not None:
            return found, None
        text, k = self._keyed(source, how)
        if source.text is None and self.kept + len(text) <= KEPT_TEXT_CHARS:  # for its parse, soon after
            self.texts[(source.path, source.real, how)] = text
            self.kept += len(text)
        return k, text

    def blocks(self, source: SourceFile) -> list[Block]:
        """The blocks of a Terraform file; ParseError at its first syntax error."""
        found, error = self.terraform(source)
        if error is not None:
            raise error
        return found

    def terraform(self, source: SourceFile) -> tuple[list[Block], ParseError | None]:
        """The blocks of a Terraform file that parse, and its first error; ParseError when nothing can be read.

        Files of the same content are read once per scan and share their blocks (examples and
        submodules often carry identical copies of a file); nothing downstream changes a block.
        """
        how = flavour(source)
        text, k = self._keyed(source, how)
        blocks, stored = self.read[k] if k in self.read else self._terraform(text, k, how)
        if "ok" not in stored:
            raise _error(stored)
        return blocks, _error(stored) if "error" in stored else None

    def _terraform(self, text: str, k: str, how: str) -> tuple[list[Block], dict[str, Any]]:
        from sovlint.terraform import blockdata
        from sovlint.terraform.syntax import Block

        stored = self._stored(text, k, how)
        try:
            blocks = [d if isinstance(d, Block) else blockdata.load(d) for d in stored.get("ok") or []]
        except (KeyError, TypeError, ValueError, IndexError):  # a cache entry of another shape: a miss
            stored = self._stored(text, k, how, fresh=True)
            blocks = [d if isinstance(d, Block) else blockdata.load(d) for d in stored.get("ok") or []]
        if "ok" in stored:
            stored = {**stored, "ok": True}  # the blocks are kept once, not their written-out form too
        if not stored.get("transient"):  # a timeout is tried again
            self.read[k] = (blocks, stored)
        return blocks, stored

    def kubernetes(self, source: SourceFile) -> tuple[list[Resource], ParseError | None]:
        """The Kubernetes objects of a YAML file that can be read, and its first error; ParseError when none can."""
        text, k = self._keyed(source, "yaml")
        stored = self._stored(text, k, "yaml")
        if "ok" not in stored:
            raise _error(stored)
        try:
            found = [_resource(d, source.path) for d in stored["ok"] or []]
        except (KeyError, TypeError, ValueError, IndexError):  # a cache entry of another shape: a miss
            stored = self._stored(text, k, "yaml", fresh=True)
            found = [_resource(d, source.path) for d in stored["ok"] or []]
        return found, _error(stored) if "error" in stored else None

    def _keyed(self, source: SourceFile, how: str) -> tuple[str, str]:
        """The text of a file and its cache key."""
        if source.text is None and (source.path, source.real, how) in self.texts:  # read for its key
            text = self.texts.pop((source.path, source.real, how))
            self.kept -= len(text)
            return text, self.keys[(source.path, source.real, how)]
        text = read_text(source, self.limits)
        k = cache_mod.key(text.encode("utf-8", "surrogatepass"), how)
        if source.text is None:
            self.keys[(source.path, source.real, how)] = k
            self.cache.parsed.name(source.path, k)
            if self.mark:
                self.marked[source.path] = self.mark in text
        return text, k

    def _stored(self, text: str, k: str, how: str, fresh: bool = False) -> Any:
        """The parsed file: from memory, the cache or the parser; `fresh` parses again and rewrites the entry."""
        parsed = self.cache.parsed
        stored = None if fresh else self.memo.pop(k) if k in self.memo else parsed.get(k)  # memory follows work
        if stored is None:
            stored = _outcome(text, how, self.limits)
            if self.cache.directory is None or stored.get("transient"):  # a timeout is tried again
                return stored
            if how == "yaml":
                parsed.put(k, _storable(stored, how))
            else:
                self.unwritten.append((k, stored))
        return stored

    def flush(self) -> None:
        """Write the Terraform files read since the last flush to the cache. Called once they are evaluated:
        the expressions evaluated are written as nodes, the rest as source, so that the next run of the
        same scan reads no HCL at all."""
        with unswept():  # the blocks written out make many objects and no cycles
            for k, stored in self.unwritten:
                self.cache.parsed.put(k, _storable(stored, "hcl"))
        self.unwritten.clear()

    def prefetch(self, files: Sequence[SourceFile]) -> None:
        """Parse the cache misses among `files` on every core, when there are enough of them.

        Workers read the files themselves and the pool is fed a window at a time, so that the
        texts of a large tree are never all in memory at once.
        """
        cpus = os.cpu_count() or 1
        found: list[tuple[int, SourceFile, str, str]] = []
        for source in files:
            if source.text is None and source.kind in ("terraform", "tfvars", "yaml"):
                how = flavour(source)
                sized = self._sized(source, how)
                if sized is not None:
                    found.append((sized[0], source, how, sized[1]))
        if not _worth(cpus, found):
            return
        parsed = self.cache.parsed
        todo = [t for t in found if not parsed.has(t[3])]  # looked up only when there is enough to share
        if not _worth(cpus, todo):
            return
        from concurrent.futures import ProcessPoolExecutor  # here: most runs (a pre-commit hook) never start one

        todo.sort(key=lambda t: -t[0])  # big files first: the pool stays busy to the end
        batches = ([(source, how) for _, source, how, _ in todo[i : i + BATCH]] for i in range(0, len(todo), BATCH))
        try:
            pool_options: dict[str, Any] = {"initializer": die_with, "initargs": (os.getpid(),)}
            with ProcessPoolExecutor(max_workers=cpus, mp_context=_context(), **pool_options) as pool:
                window = collections.deque(
                    pool.submit(_work, batch, self.limits) for batch in itertools.islice(batches, cpus * WINDOW)
                )
                while window:
                    done = window.popleft().result()
                    window.extend(pool.submit(_work, batch, self.limits) for batch in itertools.islice(batches, 1))
                    for k, outcome in done:
                        # Kept in memory when there is no cache to read it back from, or while few are kept.
                        if outcome.get("transient") or not parsed.put(k, outcome) or len(self.memo) < MEMO_MAX:
                            self.memo[k] = outcome
        except Exception:  # a worker died (a parser crash, no fork): what is missing is parsed here
            return

    def _sized(self, source: SourceFile, how: str) -> tuple[int, str] | None:
        """The size and cache key of a file, read only when its key is not known (else sized by the text kept or
        its status); None when it cannot be read."""
        try:
            k, text = self._key(source, how)
            text = self.texts.get((source.path, source.real, how)) if text is None else text
            return (len(text) if text is not None else os.stat(source.real).st_size), k
        except (ParseError, OSError):
            return None


def _worth(cpus: int, files: list[tuple[int, SourceFile, str, str]]) -> bool:
    """Whether parsing these files (sizes first) on every core saves more than starting workers costs."""
    return cpus >= 2 and len(files) >= PARALLEL_MIN_FILES and sum(f[0] for f in files) >= PARALLEL_MIN_BYTES


def die_with(parent: int, kernel: bool = True) -> None:
    """In a worker: end when the scan that started it ends, even by SIGKILL (else it would parse on). `kernel`
    False leaves it to a thread that looks every half second: a worker that reads a part of one file is waited
    for, and importing ctypes to ask the kernel took 20 ms of its time."""
    import signal
    import threading

    if kernel:
        with contextlib.suppress(OSError, AttributeError):  # Linux: the kernel sends SIGKILL when the parent dies
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()  # where the kernel was not asked


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


PR_SET_PDEATHSIG = 1


def _work(batch: list[tuple[SourceFile, str]], limits: Limits) -> list[tuple[str, dict[str, Any]]]:
    """In a worker: read, key and parse a batch of files (those that cannot be read are left out)."""
    done = []
    for source, how in batch:
        try:
            text = read_text(source, limits)
        except ParseError:
            continue
        done.append(
            (cache_mod.key(text.encode("utf-8", "surrogatepass"), how), _storable(_outcome(text, how, limits), how))
        )
    return done


def _outcome(text: str, how: str, limits: Limits) -> dict[str, Any]:
    """{"ok": data} and, for a file with an error, "error", "line", "column"; "transient" for a timeout."""
    try:
        data, error = _parse_text(text, how, limits)
    except TimedOut as timeout:
        return {"error": timeout.message, "line": timeout.line, "column": timeout.column, "transient": True}
    except ParseError as failure:
        return {"error": failure.message, "line": failure.line, "column": failure.column}
    except Exception as exc:  # whatever a parser does with hostile input, the file gets a SOV000
        return {"error": unexpected(exc), "line": 1, "column": 1}
    if error is None:
        return {"ok": data}
    return {"ok": data, "error": error.message, "line": error.line, "column": error.column}


def _storable(stored: dict[str, Any], how: str) -> dict[str, Any]:
    """An outcome as plain JSON data: Blocks written out (they are read back only from the cache or a worker)."""
    if how == "yaml" or not stored.get("ok"):
        return stored
    from sovlint.terraform import blockdata

    return {**stored, "ok": [blockdata.dump(b) for b in stored["ok"]]}


def _error(stored: dict[str, Any]) -> ParseError:
    return ParseError(stored["error"], stored["line"], stored["column"])


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def _resource_data(r: Resource) -> dict[str, Any]:
    facts = r.facts.to_data() if r.facts else None
    return {"a": r.address, "t": r.type, "s": r.line, "e": r.end_line, "i": [list(i) for i in r.images], "f": facts}


def _resource(d: dict[str, Any], file: str) -> Resource:
    images = tuple((str(i[0]), int(i[1])) for i in d["i"])
    facts = KubeFacts.from_data(d["f"]) if d["f"] else None
    return Resource(d["a"], d["t"], file, d["s"], d["e"], kind=Kind.KUBERNETES, images=images, facts=facts)
