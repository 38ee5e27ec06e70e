"""`sovlint rules`: the rules as a table, JSON or Markdown, or the rule reference written to a folder."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sovlint.commands import Outcome
from sovlint.knowledge import catalog
from sovlint.knowledge.ruledocs import index, pages


def run(args: argparse.Namespace) -> Outcome:
    loaded = catalog.load()
    if args.docs:
        written = pages(loaded)
        files = tuple((str(Path(args.docs) / name), text) for name, text in written.items())
        return Outcome(files=files, notes=(f"wrote {len(written)} pages to {args.docs}",), make_dirs=True)
    if args.format == "markdown":
        return Outcome(stdout=index(loaded.rules))
    if args.format == "json":
        data = [r.to_data() for r in loaded.rules.values()]
        return Outcome(stdout=json.dumps(data, indent=2, sort_keys=True) + "\n")
    lines = [f"{r.id}  {r.name:<28} {r.level!s:<8} {r.short}\n" for r in loaded.rules.values()]
    return Outcome(stdout="".join(lines))
