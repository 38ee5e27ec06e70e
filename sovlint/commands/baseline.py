"""`sovlint baseline create|update`: record the current findings as accepted."""

from __future__ import annotations

import argparse
import os

from sovlint import baseline, scan
from sovlint.commands import Outcome, notes, request
from sovlint.errors import SovlintError

DEFAULT = ".sovlint-baseline.json"


def run(args: argparse.Namespace) -> Outcome:
    path = args.baseline or DEFAULT
    exists = os.path.exists(path)
    if args.action == "create" and exists:
        raise SovlintError(f"{path} already exists; use 'sovlint baseline update'")
    if args.action == "update" and not exists:
        raise SovlintError(f"{path} does not exist; use 'sovlint baseline create'")
    before = {e.fingerprint for e in baseline.read(path)} if exists else set()
    result = scan.run(request(args, use_baseline=False))
    entries = baseline.entries(result.result.findings)
    now = {e.fingerprint for e in entries}
    summary = (
        f"{path}: {len(entries)} findings accepted ({len(now - before)} added, {len(before - now)} removed); "
        "review it like code"
    )
    return Outcome(0, "", ((path, baseline.dumps(entries)),), (*notes(result), summary))
