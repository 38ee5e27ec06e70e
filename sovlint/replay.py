"""A scan's whole outcome kept between runs: a run that would scan the same files in the same way, with
nothing the scan read changed, prints what the previous run printed without scanning again.

The outcome (exit status, stdout, the reports written, the notes) is kept in one sealed entry per command
line, working directory and scanned trees (a later run of the same command replaces it). It is used only
when the digest of every input known before the scan (results.fingerprint: sovlint's code and
policies, the configuration, the profile and limits, --var, --var-file and TF_VAR_* values, the baseline,
the date, each scanned file's path, kind and content, the command line, the notes said before the scan) is
the one it was written under, and what the scan read beyond the scanned files (the directories of called
modules, downloaded modules, paths fileset() looked for: its trace) is unchanged. A scan that cannot tell
all it read (a Kustomize build, a Helm chart, a Terragrunt unit, a plan, a root module that was not kept,
standard input) or that noted a damaged cache entry keeps nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sovlint import sealed, stored
from sovlint.config import Config
from sovlint.discover import SourceFile
from sovlint.errors import SovlintError
from sovlint.knowledge import policies
from sovlint.parsing import results
from sovlint.parsing.cache import Cache
from sovlint.parsing.signatures import Signatures

if TYPE_CHECKING:
    from sovlint.options import Options
    from sovlint.parsing.parser import Parser

ENCODING = ("utf-8", "surrogatepass")  # reports may carry lone surrogates of file names that are not UTF-8
PIECE = 1 << 20  # characters of a text encoded at a time


Text = str | memoryview  # a report's text; memoryview: the bytes of ASCII text, written as they are


class Kept:
    """What a command line printed, as `cli` prints it."""

    __slots__ = ("status", "stdout", "files", "notes")

    def __init__(self, status: int, stdout: Text, files: tuple[tuple[str, Text], ...], notes: tuple[str, ...]) -> None:
        self.status = status
        self.stdout = stdout
        self.files = files
        self.notes = notes


class Replay:
    """The kept outcome of one command line (`command`: its options as plain data, the same for the same line)."""

    def __init__(self, command: Any, reports: Callable[[Config], list[str]]) -> None:
        """`reports`: the files the command line writes its reports to under a configuration, as a fresh run
        computes them; an entry naming other files is not used (the reports are never written where an entry
        says)."""
        self.reports = reports
        self.command = results.canonical([os.getcwd(), command])
        self.cache: Cache | None = None
        self.slot = ""  # the entry's name: the command line, where it ran, what it scanned
        self.key = ""  # the digest of every input known before the scan
        self.config: Config | None = None  # the configuration of the replayed run
        self.found: Kept | None = None
        self.rejected = 0  # kept entries that did not match their digest

    def find(self, files: list[SourceFile], options: Options, cfg: Config, said: list[Any], parser: Parser) -> bool:
        """Whether the kept outcome holds for a scan of `files` with `options` (see the module's text). `parser`
        is the scan's: the scan that follows a miss reads no file again that the check read (or knew by its
        signature)."""
        if options.cache_dir is None or policies.noted():  # a damaged policy copy is noted by the scan
            return False
        self.cache = Cache(options.cache_dir)  # apart from the scan's: its damaged entries are noted apart
        scope = [list(options.roots), results.canonical(options.limits), parser.mark]
        parser.signatures = Signatures(self.cache, scope)
        inputs = [self.command, cfg.path, list(cfg.files), results.canonical(cfg.data), results.canonical(said)]
        self.key = results.fingerprint(files, options, parser, inputs)
        if not self.key:
            if not self.cache.rejected:  # a damaged table is noted and rewritten by a run that has a key
                parser.signatures.save()  # the digests it knows spare the next run's scan reading the files
            self.cache = None
            return False
        self.config = cfg
        self.slot = sealed.name_of(["outcome", self.command, os.path.realpath("."), list(options.targets)])
        entry = self.cache.get_at(self.slot)
        found = _read(*entry, self.key) if entry is not None else None
        held = found is not None and self._writes(found[1], cfg) and results.unchanged(found[0], files, options, parser)
        parser.signatures.save()
        self.rejected = self.cache.rejected  # the outcome or the signatures
        if found is None or not held:
            return False
        self.found = found[1]
        return True

    def _writes(self, kept: Kept, cfg: Config) -> bool:
        """Whether `kept` names the very files a fresh run of this command line writes, in its order."""
        try:
            paths = self.reports(cfg)
        except SovlintError:  # said by the scan that follows, as a fresh run says it
            return False
        return [path for path, _ in kept.files] == paths

    def keep(self, trace: dict[str, Any] | None, kept: Kept) -> None:
        """Keep the outcome of the scan that find() did not find, when its trace says all it read."""
        if self.cache is None or trace is None:
            if self.cache is not None and self.rejected:
                self.cache.drop(self.slot)  # noted once, not on every run
            return
        texts = [kept.stdout, *(text for _, text in kept.files)]
        head = {
            "key": self.key,
            "trace": trace,
            "status": kept.status,
            "notes": list(kept.notes),
            "files": [path for path, _ in kept.files],
            "sizes": [_size(text) for text in texts],
        }
        try:
            line = json.dumps(head, separators=(",", ":")).encode(*ENCODING)
        except (TypeError, ValueError, RecursionError):
            return
        self.cache.put_pieces(self.slot, _pieces(line, texts))


def _pieces(line: bytes, texts: list[Text]) -> Iterator[bytes]:
    """An entry's content: the line, then each text, each after a newline."""
    yield line
    for text in texts:
        yield b"\n"
        yield from _encoded(text)


def _size(text: Text) -> int:
    """The length of a text in UTF-8 (ASCII text is not encoded for it)."""
    if isinstance(text, str) and text.isascii():
        return len(text)
    return sum(map(len, _encoded(text)))


def _encoded(text: Text) -> Iterator[bytes]:
    """A text as UTF-8, a piece at a time (a report of a large repository is tens of megabytes)."""
    if isinstance(text, memoryview):
        yield text.tobytes()
        return
    for at in range(0, len(text), PIECE):
        yield text[at : at + PIECE].encode(*ENCODING)


def _read(data: bytes, start: int, key: str) -> tuple[Any, Kept] | None:
    """The trace and outcome of an entry (its content from `start` in `data`) written under `key`; None when it
    was written under another key or is of another shape."""
    end = data.find(b"\n", start)
    if end < 0:
        return None
    try:
        head = json.loads(data[start:end])
        if not isinstance(head, dict) or head.get("key") != key:
            return None
        sizes = [stored.number(size) for size in stored.listed(head["sizes"])]
        paths, notes, status = stored.texts(head["files"]), stored.texts(head["notes"]), stored.number(head["status"])
        if any(size < 0 for size in sizes):  # a negative size would move the next text's start back
            return None
        if len(sizes) != len(paths) + 1 or sum(sizes) + len(sizes) != len(data) - end:
            return None
        # ASCII text is written out as the bytes kept, neither copied nor decoded (a report of a large repository
        # is tens of megabytes)
        view, texts, at, plain = memoryview(data), [], end + 1, data.isascii()
        for size in sizes:
            piece = view[at : at + size]
            texts.append(piece if plain else str(piece, *ENCODING))
            at += size + 1
    except (ValueError, KeyError, RecursionError):
        return None
    return head.get("trace"), Kept(status, texts[0], tuple(zip(paths, texts[1:], strict=True)), tuple(notes))
