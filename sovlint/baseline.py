"""The one notion of "the same finding": a fingerprint that survives unrelated edits.

It is built from the rule, the file, the resource address and what distinguishes two findings
of one rule on one resource (an image reference), never from line numbers, so moving code does
not change it. SARIF's `partialFingerprints` and the GitLab report use it.
"""

from __future__ import annotations

import hashlib

from sovlint.model import Finding


def fingerprint(finding: Finding) -> str:
    raw = "\0".join((finding.rule_id, finding.file, finding.address, finding.key))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]
