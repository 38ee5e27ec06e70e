"""The one notion of "the same finding", and the baseline file built on it.

It is built from the rule, the file, the resource address and what distinguishes two findings
of one rule on one resource (an image reference), never from line numbers, so moving code does
not change it. SARIF's `partialFingerprints`, the GitLab report and the baseline use it. A
baseline lists accepted findings by rule, file, address and fingerprint, sorted, with no dates,
so that it is reviewed like code and the same scan always writes the same bytes.
"""

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from typing import NamedTuple

from sovlint import jsontext
from sovlint.errors import SovlintError, unexpected
from sovlint.model import Finding


def fingerprint(finding: Finding) -> str:
    raw = "\0".join((finding.rule_id, finding.file, finding.address, finding.key))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]  # names need not be UTF-8


VERSION = 1


class Entry(NamedTuple):
    fingerprint: str
    rule_id: str
    file: str
    address: str
    message: str = ""


def entries(findings: Sequence[Finding]) -> list[Entry]:
    """What a baseline records: every finding that a baseline may accept (not SOV000/SOV001)."""
    out = {
        fingerprint(f): Entry(fingerprint(f), f.rule_id, f.file, f.address, f.message)
        for f in findings
        if f.rule_id not in ("SOV000", "SOV001") and f.suppressed_by != "inSource"
    }
    return sorted(out.values(), key=lambda e: (e.file, e.rule_id, e.address, e.fingerprint))


def dumps(items: Sequence[Entry]) -> str:
    document = {
        "tool": "sovlint",
        "version": VERSION,
        "findings": jsontext.Items(e._asdict() for e in items),
    }
    return jsontext.dumps(document)


def read(path: str) -> list[Entry]:
    """A baseline file; SovlintError (exit 2) with file and line when it cannot be used."""
    text = _text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SovlintError(f"{path}:{exc.lineno}: invalid JSON in the baseline: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise SovlintError(f"{path}: the baseline cannot be read: {unexpected(exc)}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise SovlintError(f"{path}: not a sovlint baseline of version {VERSION}")
    items = document.get("findings") or []
    if not isinstance(items, list):
        raise SovlintError(f"{path}: findings is not a list")
    out = []
    for i, item in enumerate(items):
        try:
            fields = {k: str(item[k]) for k in ("fingerprint", "rule_id", "file", "address")}
            message = item.get("message")  # what the finding said when it was accepted (optional)
            out.append(Entry(**fields, message=message if isinstance(message, str) else ""))
        except (KeyError, TypeError, AttributeError):
            raise SovlintError(f"{path}: findings[{i}] lacks fingerprint, rule_id, file or address") from None
    return out


MAX_MB = 64  # a baseline of 100,000 findings is about 30 MB


def _text(path: str) -> str:
    """The baseline's text: a regular file under MAX_MB (a device or a FIFO would be read forever)."""
    cap = MAX_MB * 1048576
    try:
        info = os.stat(path)  # before opening: opening a FIFO waits for a writer
        if not stat.S_ISREG(info.st_mode):
            raise SovlintError(f"{path}: not a regular file; a baseline is a JSON file")
        if info.st_size > cap:
            raise SovlintError(f"{path}: the baseline is {info.st_size / 1048576:.1f} MB, over the {MAX_MB} MB limit")
        with open(path, "rb") as fh:
            return fh.read(cap + 1).decode("utf-8")
    except OSError as exc:
        raise SovlintError(f"{path}: cannot read the baseline ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise SovlintError(f"{path}: the baseline is not UTF-8 text") from None


def apply(findings: Sequence[Finding], baseline: Sequence[Entry]) -> tuple[list[Finding], list[Entry]]:
    """Mark findings the baseline accepts as suppressed (kind external); return them and the stale entries."""
    known = {e.fingerprint: e for e in baseline}
    seen: set[str] = set()
    out = []
    for f in findings:
        fp = fingerprint(f)
        if fp in known and not f.suppressed and f.rule_id not in ("SOV000", "SOV001"):
            seen.add(fp)
            f = f._replace(suppressed="accepted in the baseline", suppressed_by="external")
        out.append(f)
    stale = [e for e in baseline if e.fingerprint not in seen]
    return out, stale
