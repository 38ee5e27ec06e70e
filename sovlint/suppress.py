"""Inline suppressions: `# sovlint:ignore SOV201 reason="…" expires=2027-06-30`.

A suppression applies to the Terraform block or Kubernetes object that starts on its line or the
next one (so it sits on the block's first line or just above it), to findings on those lines (an
`image:` line), and, on a `module` call, to what the module creates. A reason is required; a
comment without one, or with a date that cannot be read, is a SOV001 finding of its own. An
expired suppression stops suppressing and the finding says so. SOV000 is never suppressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from sovlint import debuglog
from sovlint.model import Finding, Level

if TYPE_CHECKING:  # dates are read only where a suppression writes one (most runs meet none)
    import datetime

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
) -> list[Finding]:
    """Mark suppressed findings; add SOV001 for malformed comments in the files that have findings.

    `starts` maps (file, address) to the first line of the resource's block or object;
    `annotations` maps it to the line and value of a `sovlint.io/ignore` annotation; `today` None is the
    real date. `disabled`
    (--disable-suppressions): a matching suppression is named in the message but suppresses nothing.
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
    return [_decide(f, by_file, starts, today, disabled) for f in findings] + extra


def _decide(
    f: Finding,
    by_file: dict[str, list[Suppression]],
    starts: dict[tuple[str, str], int],
    today: datetime.date | None,
    disabled: bool = False,
) -> Finding:
    if f.rule_id in ("SOV000", INVALID):
        return f
    for s in _candidates(f, by_file, starts):
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


def _candidates(
    f: Finding, by_file: dict[str, list[Suppression]], starts: dict[tuple[str, str], int]
) -> list[Suppression]:
    start = starts.get((f.file, f.address), f.line)
    out = [
        s
        for s in by_file.get(f.file, [])
        if f.rule_id in s.rule_ids and (s.line in (start, start - 1) or s.line in (f.line, f.line - 1))
    ]
    for origin in f.related:  # a suppression on a module call covers what the module creates
        if origin.what.startswith("module."):
            out += [
                s
                for s in by_file.get(origin.file, [])
                if f.rule_id in s.rule_ids and s.line in (origin.line, origin.line - 1)
            ]
    return out


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
