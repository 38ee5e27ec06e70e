"""`sovlint init`: write a commented starter .sovlint.yaml."""

from __future__ import annotations

import argparse

from sovlint import config
from sovlint.commands import Outcome


def run(args: argparse.Namespace) -> Outcome:
    return Outcome(notes=(f"wrote {config.write_starter(args.path)}",))
