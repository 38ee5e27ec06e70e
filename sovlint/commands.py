"""The subcommands besides the scan: baseline, init, inventory, report, explain, catalog, rules."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from sovlint.cli import DEFAULT_BASELINE, _Parser, _scan, _scan_options, _write
from sovlint.errors import SovlintError


def run_baseline(argv: list[str]) -> int:
    from sovlint import baseline

    p = _Parser(prog="sovlint baseline", description="Record the current findings as accepted.")
    p.add_argument("action", choices=("create", "update"), help="create a new baseline, or update an existing one")
    _scan_options(p)
    args = p.parse_args(argv)
    path = args.baseline or DEFAULT_BASELINE
    exists = os.path.exists(path)
    if args.action == "create" and exists:
        raise SovlintError(f"{path} already exists; use 'sovlint baseline update'")
    if args.action == "update" and not exists:
        raise SovlintError(f"{path} does not exist; use 'sovlint baseline create'")
    before = {e.fingerprint for e in baseline.read(path)} if exists else set()
    args.baseline = None
    scan = _scan(args, use_baseline=False)
    entries = baseline.entries(scan.result.findings)
    _write(baseline.dumps(entries), path)
    now = {e.fingerprint for e in entries}
    print(
        f"sovlint: {path}: {len(entries)} findings accepted "
        f"({len(now - before)} added, {len(before - now)} removed); review it like code",
        file=sys.stderr,
    )
    return 0


def run_init(argv: list[str]) -> int:
    from sovlint import config

    p = _Parser(prog="sovlint init", description="Write a commented starter .sovlint.yaml.")
    p.add_argument("path", nargs="?", default=".sovlint.yaml")
    args = p.parse_args(argv)
    print(f"sovlint: wrote {config.write_starter(args.path)}", file=sys.stderr)
    return 0


def _estate(argv: list[str], prog: str, formats: tuple[str, ...], description: str) -> tuple[argparse.Namespace, Any]:
    from sovlint import inventory
    from sovlint.knowledge import catalog

    p = _Parser(prog=prog, description=description)
    _scan_options(p)
    p.add_argument("-f", "--format", choices=formats, default=formats[0])
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--compare", metavar="OLD.json", help="an earlier `sovlint inventory --format json`")
    args = p.parse_args(argv)
    scan = _scan(args)
    table = inventory.rows(scan.result.inventory, scan.result.catalog or catalog.load())
    return args, (scan, table)


def _comparison(path: str | None, table: Any) -> Any:
    import json

    from sovlint import inventory

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


def run_inventory(argv: list[str]) -> int:
    from sovlint import config, inventory
    from sovlint.jsontext import dumps

    description = "Every cloud resource with provider, company, jurisdictions and portability, and the totals."
    args, (scan, table) = _estate(argv, "sovlint inventory", ("console", "json", "csv", "markdown"), description)
    profile = config.profile(scan.config, args.profile)
    document = inventory.document(table, profile)
    comparison = _comparison(args.compare, table)
    if args.format == "json":
        if comparison is not None:
            document["comparison"] = comparison
        text = dumps(document)
    elif args.format == "csv":
        text = inventory.csv_text(table)
    elif args.format == "markdown":
        text = inventory.markdown(document, comparison)
    else:
        text = inventory.console(document)
    _write(text, args.output)
    return 0


def run_report(argv: list[str]) -> int:
    from sovlint import config, inventory
    from sovlint.knowledge import catalog
    from sovlint.reporters import html as report_html

    description = "The sovereignty report: one self-contained HTML file (or Markdown) for decision makers."
    args, (scan, table) = _estate(argv, "sovlint report", ("html", "markdown"), description)
    profile = config.profile(scan.config, args.profile)
    document = inventory.document(table, profile)
    comparison = _comparison(args.compare, table)
    if args.format == "markdown":
        text = inventory.markdown(document, comparison)
    else:
        text = report_html.render(document, scan.result.findings, scan.result.catalog or catalog.load(), comparison)
    _write(text, args.output)
    return 0


def run_explain(argv: list[str]) -> int:
    from sovlint.knowledge import facts

    p = _Parser(prog="sovlint explain", description="What a rule checks, why, how to fix it, and its sources.")
    p.add_argument("rule", help="a rule id, e.g. SOV201")
    sys.stdout.write(facts.explain(p.parse_args(argv).rule))
    return 0


def run_catalog(argv: list[str]) -> int:
    from sovlint.knowledge import facts

    p = _Parser(prog="sovlint catalog", description="Query sovlint's facts with their sources.")
    sub = p.add_subparsers(dest="what", required=True)
    provider = sub.add_parser("provider", help="who runs a provider and who controls it")
    provider.add_argument("name", help="registry source (hashicorp/aws) or local name (aws)")
    region = sub.add_parser("region", help="the country of a region, zone or location code")
    region.add_argument("provider", help="provider source or local name, e.g. aws, azurerm, google")
    region.add_argument("code", help="region, zone or location, e.g. eu-west-2")
    args = p.parse_args(argv)
    text = facts.provider(args.name) if args.what == "provider" else facts.region(args.provider, args.code)
    sys.stdout.write(text)
    return 0


def run_rules(argv: list[str]) -> int:
    from sovlint.knowledge import catalog

    p = _Parser(prog="sovlint rules", description="List the rules with their level and description.")
    p.add_argument("-f", "--format", choices=("console", "json", "markdown"), default="console")
    p.add_argument("--docs", metavar="DIR", help="write the rule reference: an index and one page per rule")
    args = p.parse_args(argv)
    rules = catalog.load().rules
    if args.docs:
        from pathlib import Path

        from sovlint.knowledge.ruledocs import pages

        target = Path(args.docs)
        target.mkdir(parents=True, exist_ok=True)
        written = pages(catalog.load())
        for name, text in written.items():
            (target / name).write_text(text, encoding="utf-8")
        print(f"sovlint: wrote {len(written)} pages to {target}", file=sys.stderr)
        return 0
    if args.format == "markdown":
        from sovlint.knowledge.ruledocs import index

        sys.stdout.write(index(rules))
        return 0
    if args.format == "json":
        import json

        print(json.dumps(list(rules.values()), indent=2, sort_keys=True, default=str))
        return 0
    for rule in rules.values():
        print(f"{rule['id']}  {rule['name']:<28} {rule['level']:<8} {rule['short']}")
    return 0
