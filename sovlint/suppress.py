"""Inline suppressions: `# sovlint:ignore SOV201 reason="…" expires=2027-06-30`.

A suppression applies to the Terraform block or Kubernetes object that starts on its line or the
next one (so it sits on the block's first line or just above it), to findings on those lines (an
`image:` line), and, on a `module` call, to what the instances of that call create. The findings of a
Terraform block are also those at a line inside it that no resource of its own holds: a provider
configuration's region or endpoint, a `terraform` block's backend or required provider. A reason is
required; a comment without one, or with a date that cannot be read, is a SOV001 finding of its own. An
expired suppression stops suppressing and the finding says so. SOV000 is never suppressed.
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from sovlint import debuglog
from sovlint.discover import SourceFile, kind_of
from sovlint.errors import ParseError
from sovlint.model import Finding, Level

if TYPE_CHECKING:  # dates are read only where a suppression writes one (most runs meet none)
    import datetime

    from sovlint.parsing.parser import Parser

INVALID = "SOV001"
MARKER = "sovlint:ignore"  # a file without it holds no suppression
# patterns as text: `re` compiles one when it is first used (most files hold no suppression)
_COMMENT = r"(?:#|//)\s*sovlint:ignore\b(?P<rest>.*)$"
_IDS = r"\s*(SOV\d{3}(?:\s*,\s*SOV\d{3})*)"
_REASON = r'reason\s*=\s*"(?P<reason>[^"]*)"'
_EXPIRES = r"expires\s*=\s*(?P<date>\S+)"


class Suppression(NamedTuple):
    file: str
    line: int
    rule_ids: frozenset[str]
    reason: str
    expires: datetime.date | None = None


def parse(file: str, text: str) -> tuple[list[Suppression], list[tuple[int, str]]]:
    """The suppressions in a file, and the malformed ones as (line, problem)."""
    found: list[Suppression] = []
    problems: list[tuple[int, str]] = []
    if MARKER not in text:
        return found, problems
    for number, line in enumerate(text.splitlines(), 1):
        match = re.search(_COMMENT, line)
        if not match:
            continue
        rest = match.group("rest")
        ids = re.match(_IDS, rest)
        reason = re.search(_REASON, rest)
        if not ids:
            problems.append((number, 'names no rule id (write e.g. sovlint:ignore SOV201 reason="…")'))
            continue
        if not reason or not reason.group("reason").strip():
            problems.append((number, 'has no reason: write reason="why this is accepted"'))
            continue
        expires = None
        if date := re.search(_EXPIRES, rest):
            try:
                expires = _date(date.group("date"))
            except ValueError:
                problems.append((number, f"has an unreadable expiry date '{date.group('date')}' (use YYYY-MM-DD)"))
                continue
        rule_ids = frozenset(re.split(r"\s*,\s*", ids.group(1).strip()))
        found.append(Suppression(file, number, rule_ids, reason.group("reason").strip(), expires))
    return found, problems


ANNOTATION = "sovlint.io/ignore"
_ANNOTATION_REASON = r'reason\s*=\s*(?:"(?P<quoted>[^"]*)"|(?P<bare>.+?))\s*(?:expires\s*=|$)'


def parse_annotation(file: str, line: int, value: str) -> tuple[Suppression | None, str]:
    """`sovlint.io/ignore: "SOV203 reason=vendor image expires=2027-01-31"` on a Kubernetes object."""
    ids = re.match(_IDS, value)
    reason = re.search(_ANNOTATION_REASON, value)
    text = (reason.group("quoted") or reason.group("bare") or "").strip() if reason else ""
    if not ids:
        return None, "names no rule id"
    if not text:
        return None, 'has no reason: write reason="why this is accepted"'
    expires = None
    if date := re.search(_EXPIRES, value):
        try:
            expires = _date(date.group("date"))
        except ValueError:
            return None, f"has an unreadable expiry date '{date.group('date')}' (use YYYY-MM-DD)"
    rule_ids = frozenset(re.split(r"\s*,\s*", ids.group(1).strip()))
    return Suppression(file, line, rule_ids, text, expires), ""


def apply(
    findings: Iterable[Finding],
    read: Callable[[str], str | None],
    starts: dict[tuple[str, str], int],
    today: datetime.date | None,
    known: frozenset[str],
    annotations: dict[tuple[str, str], tuple[int, str]] | None = None,
    disabled: bool = False,
    enclosing: Enclosing | None = None,
) -> list[Finding]:
    """Mark suppressed findings; add SOV001 for malformed comments in the files that have findings.

    `starts` maps (file, address) to the first line of the resource's block or object;
    `annotations` maps it to the line and value of a `sovlint.io/ignore` annotation; `today` None is the
    real date. `disabled`
    (--disable-suppressions): a matching suppression is named in the message but suppresses nothing.
    `enclosing(file, line)`: the first line of the top-level Terraform block holding that line, or None; asked
    only in a file that holds a suppression.
    """
    findings = list(findings)
    by_file: dict[str, list[Suppression]] = {}
    extra: list[Finding] = []
    for (file, address), (line, value) in sorted((annotations or {}).items()):
        found, problem = parse_annotation(file, line, value)
        if found is None:
            extra.append(_invalid(file, line, f"this {ANNOTATION} annotation {problem}"))
        else:  # an annotation covers the whole object: anchor it on the object's first line
            by_file.setdefault(file, []).append(found._replace(line=starts.get((file, address), line)))
    files = {f.file for f in findings} | {o.file for f in findings for o in f.related if o.file}
    for file in sorted(files):
        text = read(file)
        if text is None:
            continue
        suppressions, problems = parse(file, text)
        by_file[file] = by_file.get(file, []) + suppressions
        extra += [_invalid(file, line, f"this sovlint:ignore comment {problem}") for line, problem in problems]
        for s in suppressions:
            for rule_id in sorted(s.rule_ids - known):
                extra.append(_invalid(file, s.line, f"sovlint:ignore names an unknown rule {rule_id}"))
    if not any(by_file.values()):  # no suppression anywhere: nothing to decide for each finding
        return findings + extra
    where = Where(by_file, starts, enclosing or _nowhere)
    return [_decide(f, where, today, disabled) for f in findings] + extra


Enclosing = Callable[[str, int], "int | None"]


class Where(NamedTuple):
    """What a finding is matched against: the suppressions of each file and where blocks start."""

    by_file: dict[str, list[Suppression]]
    starts: dict[tuple[str, str], int]
    enclosing: Enclosing


def _nowhere(file: str, line: int) -> int | None:
    return None


def _decide(f: Finding, where: Where, today: datetime.date | None, disabled: bool = False) -> Finding:
    if f.rule_id in ("SOV000", INVALID):
        return f
    for s in _candidates(f, where):
        if s.expires is not None and s.expires < (today or _today()):
            note = f" (its suppression at {s.file}:{s.line} expired on {s.expires.isoformat()})"
            return f._replace(message=f.message + note)
        if disabled:
            note = f' (suppressed at {s.file}:{s.line}, reason "{s.reason}"; counted: suppressions are disabled)'
            return f._replace(message=f.message + note)
        debuglog.debug("%s:%d: %s suppressed: %s", f.file, f.line, f.rule_id, s.reason)
        return f._replace(suppressed=s.reason, suppressed_by="inSource")
    return f


def _date(text: str) -> datetime.date:
    """An expiry date; ValueError when it is not YYYY-MM-DD."""
    import datetime

    return datetime.date.fromisoformat(text)


def _today() -> datetime.date:
    import datetime

    return datetime.date.today()


def _candidates(f: Finding, where: Where) -> list[Suppression]:
    """The suppressions naming the finding's rule on or above its block, its line, the top-level block holding its
    line (a provider configuration's argument), or a module call all of whose instances lead to it."""
    here = [s for s in where.by_file.get(f.file, []) if f.rule_id in s.rule_ids]
    if not here:
        return _through_calls(f, where.by_file)
    start = where.starts.get((f.file, f.address), f.line)
    lines = {start, start - 1, f.line, f.line - 1}
    top = where.enclosing(f.file, f.line)  # a backend's `terraform` block, a provider configuration
    if top is not None:
        lines |= {top, top - 1}
    return [s for s in here if s.line in lines] + _through_calls(f, where.by_file)


_CALL = r"module\.(?P<name>[^.\[\s]+)"  # the related location of a module call: 'module.vpc'


def _through_calls(f: Finding, by_file: dict[str, list[Suppression]]) -> list[Suppression]:
    """The suppressions on a module call that leads to the finding's address (`module.vpc` for
    `module.vpc["a"].aws_vpc.this`). A finding made once for several callers (a module shared by two root
    modules) is suppressed only when each of its calls of that name is: one caller's comment does not hide the
    other's; related locations that are not calls (a resource of another module) suppress nothing."""
    calls: dict[str, list[tuple[str, int]]] = {}
    for origin in f.related:
        match = re.fullmatch(_CALL, origin.what)
        if match and _through(f.address, match.group("name")):
            calls.setdefault(match.group("name"), []).append((origin.file, origin.line))
    out: list[Suppression] = []
    for places in calls.values():
        found = [_on(by_file, f.rule_id, file, line) for file, line in places]
        if all(found):
            out += [s for each in found for s in each]
    return out


def _through(address: str, name: str) -> bool:
    """Whether an address lies in an instance of a module call of this name (`module.a[0].module.b.x`)."""
    return re.search(rf"(?:^|\.)module\.{re.escape(name)}(?:\[.*?\])?\.", address) is not None


def _on(by_file: dict[str, list[Suppression]], rule_id: str, file: str, line: int) -> list[Suppression]:
    return [s for s in by_file.get(file, []) if rule_id in s.rule_ids and s.line in (line, line - 1)]


class Blocks:
    """Where the top-level blocks of the Terraform files that hold a suppression start and end, read when first
    asked (from the parser's memo or cache: these files were read for the scan)."""

    __slots__ = ("parser", "by_path", "spans")

    def __init__(self, parser: Parser, by_path: dict[str, SourceFile]) -> None:
        self.parser = parser
        self.by_path = by_path
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def enclosing(self, path: str, line: int) -> int | None:
        """The first line of the top-level block of a Terraform file that holds `line`, or None."""
        spans = self.spans.get(path)
        if spans is None:
            spans = self.spans[path] = self._read(path)
        index = bisect.bisect_right(spans, (line, sys.maxsize)) - 1
        return spans[index][0] if index >= 0 and spans[index][0] <= line <= spans[index][1] else None

    def _read(self, path: str) -> list[tuple[int, int]]:
        source = self.by_path.get(path)
        kind = source.kind if source is not None else kind_of(os.path.basename(path))
        if kind not in ("terraform", "terragrunt"):
            return []
        try:
            blocks, _ = self.parser.terraform(source or SourceFile(path, os.path.abspath(path), kind))
        except ParseError:
            return []
        return sorted((b.line, b.end_line) for b in blocks)


def _invalid(file: str, line: int, message: str) -> Finding:
    from sovlint.knowledge import catalog

    return Finding(
        file=file,
        line=line,
        end_line=line,
        rule_id=INVALID,
        address="",
        level=Level.WARNING,
        message=message,
        fix=catalog.load().rules[INVALID].fix,
    )
