"""`sovlint inventory` and `sovlint report`: every cloud resource with its jurisdictions, as data or a report."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sovlint import config, inventory, scan
from sovlint.commands import Outcome, notes, request
from sovlint.errors import SovlintError
from sovlint.jsontext import dumps
from sovlint.knowledge import catalog


def run_inventory(args: argparse.Namespace) -> Outcome:
    result, document, comparison = _estate(args)
    if args.format == "json":
        if comparison is not None:
            document["comparison"] = comparison
        text = dumps(document)
    elif args.format == "csv":
        text = inventory.csv_text(_table(result))
    elif args.format == "markdown":
        text = inventory.markdown(document, comparison)
    else:
        text = inventory.console(document)
    return _written(text, args.output, result)


def run_report(args: argparse.Namespace) -> Outcome:
    from sovlint.reporters import html

    result, document, comparison = _estate(args)
    if args.format == "markdown":
        text = inventory.markdown(document, comparison)
    else:
        text = html.render(document, result.result.findings, result.result.catalog or catalog.load(), comparison)
    return _written(text, args.output, result)


def _estate(args: argparse.Namespace) -> tuple[scan.Result, dict[str, Any], Any]:
    result = scan.run(request(args))
    table = _table(result)
    document = inventory.document(table, config.profile(result.config, args.profile))
    return result, document, _comparison(args.compare, table)


def _table(result: scan.Result) -> Any:
    return inventory.rows(result.result.inventory, result.result.catalog or catalog.load())


def _written(text: str, path: str | None, result: scan.Result) -> Outcome:
    said = notes(result)
    return Outcome(0, "", ((path, text),), said) if path else Outcome(0, text, (), said)


def _comparison(path: str | None, table: Any) -> Any:
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            old = json.load(fh)
    except (OSError, ValueError) as exc:
        raise SovlintError(f"--compare {path}: cannot be read as an inventory ({exc})") from None
    if not isinstance(old, dict) or "resources" not in old:
        raise SovlintError(f"--compare {path}: not a sovlint inventory (sovlint inventory --format json)")
    return inventory.compare(old, table)
