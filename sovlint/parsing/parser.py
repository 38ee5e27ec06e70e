"""One place that turns a file into parsed data: limits, deadline, cache, and a process pool for cold scans.

Parsed results are plain data (JSON-able), so that they can be cached by content hash and sent
back from worker processes. A cache hit imports no parser.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sovlint.discover import SourceFile
from sovlint.errors import ParseError
from sovlint.limits import DEFAULT, Limits, check_lines, check_size, deadline
from sovlint.model import Finding, Level, Resource
from sovlint.parsing import cache as cache_mod
from sovlint.terraform.syntax import Block

PARALLEL_MIN_FILES = 16  # below this, starting workers costs more than it saves
PARALLEL_MIN_BYTES = 256 * 1024
BATCH = 4  # files per task sent to a worker
MEMO_MAX = 4096  # parsed files kept in memory beside the cache (a large tree reads the rest back)
WINDOW = 4  # tasks in flight per worker: the texts of a large tree are never all in memory


def read_text(source: SourceFile, limits: Limits = DEFAULT) -> str:
    """The text of a file; ParseError for what cannot be read as UTF-8 text or is over the size limit."""
    if source.text is not None:
        return source.text
    try:
        check_size(os.stat(source.real).st_size, limits, hcl=False)
        with open(source.real, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ParseError(f"cannot be read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        raise ParseError("binary file: it is not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ParseError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column) from None


def flavour(source: SourceFile) -> str:
    """What parser a file needs: 'hcl', 'tfjson', 'tfvarsjson' or 'yaml'."""
    path = source.path.lower()
    if path.endswith(".tfvars.json"):
        return "tfvarsjson"
    if path.endswith((".tf.json", ".tofu.json")):
        return "tfjson"
    return "yaml" if source.kind == "yaml" else "hcl"


def _parse_text(text: str, how: str, limits: Limits) -> Any:
    """Parse to plain data; raises ParseError."""
    with deadline(limits.timeout_s):
        if how == "yaml":
            from sovlint.kubernetes import manifests

            found = manifests.parse(text, "")
            return [_resource_data(r) for r in found] if found else None
        from sovlint.terraform import tfjson

        if how == "tfvarsjson":
            return [_block_data(b) for b in tfjson.tfvars_blocks(text)]
        if how == "tfjson":
            return [_block_data(b) for b in tfjson.config_blocks(text)]
        check_size(len(text.encode("utf-8", "replace")), limits, hcl=True)
        check_lines(text, limits)
        from sovlint.terraform import syntax

        return [_block_data(b) for b in syntax.parse(text)]


@dataclass(slots=True)
class Parser:
    limits: Limits = DEFAULT
    cache: cache_mod.Cache = cache_mod.NONE
    memo: dict[str, Any] = field(default_factory=dict)  # cache key -> result, from the process pool

    def blocks(self, source: SourceFile) -> list[Block]:
        return [_block(d) for d in self._result(source, flavour(source))]

    def kubernetes(self, source: SourceFile) -> list[Resource]:
        data = self._result(source, "yaml")
        return [_resource(d, source.path) for d in data or []]

    def _result(self, source: SourceFile, how: str) -> Any:
        text = read_text(source, self.limits)
        k = cache_mod.key(text.encode("utf-8", "surrogatepass"), how)
        stored = self.memo.pop(k) if k in self.memo else self.cache.get(k)  # pop: memory follows the work
        if stored is None:
            stored = _outcome(text, how, self.limits)
            self.cache.put(k, stored)
        if "error" in stored:
            raise ParseError(stored["error"], stored["line"], stored["column"])
        return stored["ok"]

    def prefetch(self, files: Sequence[SourceFile]) -> None:
        """Parse the cache misses among `files` on every core, when there are enough of them.

        Workers read the files themselves and the pool is fed a window at a time, so that the
        texts of a large tree are never all in memory at once.
        """
        cpus = os.cpu_count() or 1
        todo: list[tuple[int, SourceFile, str]] = []
        size = 0
        for source in files:
            if source.text is not None or source.kind not in ("terraform", "tfvars", "yaml"):
                continue
            try:
                text = read_text(source, self.limits)
            except ParseError:
                continue
            how = flavour(source)
            if self.cache.has(cache_mod.key(text.encode("utf-8", "surrogatepass"), how)):
                continue
            todo.append((len(text), source, how))
            size += len(text)
        if cpus < 2 or len(todo) < PARALLEL_MIN_FILES or size < PARALLEL_MIN_BYTES:
            return
        todo.sort(key=lambda t: -t[0])  # big files first: the pool stays busy to the end
        batches = ([(source, how) for _, source, how in todo[i : i + BATCH]] for i in range(0, len(todo), BATCH))
        try:
            with ProcessPoolExecutor(max_workers=cpus, mp_context=_context()) as pool:
                window = collections.deque(
                    pool.submit(_work, batch, self.limits) for batch in itertools.islice(batches, cpus * WINDOW)
                )
                while window:
                    done = window.popleft().result()
                    window.extend(pool.submit(_work, batch, self.limits) for batch in itertools.islice(batches, 1))
                    for k, outcome in done:
                        # Kept in memory when there is no cache to read it back from, or while few are kept.
                        if not self.cache.put(k, outcome) or len(self.memo) < MEMO_MAX:
                            self.memo[k] = outcome
        except Exception:  # a worker died (a parser crash, no fork): what is missing is parsed here
            return


def _work(batch: list[tuple[SourceFile, str]], limits: Limits) -> list[tuple[str, dict[str, Any]]]:
    """In a worker: read, key and parse a batch of files (those that cannot be read are left out)."""
    done = []
    for source, how in batch:
        try:
            text = read_text(source, limits)
        except ParseError:
            continue
        done.append((cache_mod.key(text.encode("utf-8", "surrogatepass"), how), _outcome(text, how, limits)))
    return done


def _outcome(text: str, how: str, limits: Limits) -> dict[str, Any]:
    try:
        return {"ok": _parse_text(text, how, limits)}
    except ParseError as error:
        return {"error": error.message, "line": error.line, "column": error.column}


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def _block_data(b: Block) -> dict[str, Any]:
    return {"k": b.kind, "l": list(b.labels), "b": b.body, "s": b.line, "e": b.end_line, "n": b.lines}


def _block(d: dict[str, Any]) -> Block:
    lines = {k: (v[0], v[1]) for k, v in d["n"].items()}
    return Block(d["k"], tuple(d["l"]), d["b"], d["s"], d["e"], lines)


def _resource_data(r: Resource) -> dict[str, Any]:
    return {"a": r.address, "t": r.type, "s": r.line, "e": r.end_line, "i": [list(i) for i in r.images], "f": r.body}


def _resource(d: dict[str, Any], file: str) -> Resource:
    images = tuple((str(i[0]), int(i[1])) for i in d["i"])
    return Resource(d["a"], d["t"], file, d["s"], d["e"], kind="kubernetes", body=d["f"], images=images)


def parse_error(source: SourceFile, error: ParseError) -> Finding:
    """A SOV000 finding for a file that cannot be read or parsed."""
    from sovlint.knowledge import catalog

    return Finding(
        file=source.path,
        line=error.line,
        end_line=error.line,
        column=error.column,
        rule_id="SOV000",
        address="",
        level=Level.ERROR,
        message=error.message,
        fix=catalog.load().rules["SOV000"]["fix"],
    )
