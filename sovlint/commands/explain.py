"""`sovlint explain SOV201` and `sovlint catalog region|provider …`: the facts behind a verdict, with sources."""

from __future__ import annotations

import argparse

from sovlint.commands import Outcome
from sovlint.knowledge import facts


def run_explain(args: argparse.Namespace) -> Outcome:
    return Outcome(stdout=facts.explain(args.rule))


def run_catalog(args: argparse.Namespace) -> Outcome:
    text = facts.provider(args.name) if args.what == "provider" else facts.region(args.provider, args.code)
    return Outcome(stdout=text)
