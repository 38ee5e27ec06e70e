"""The subcommands: each takes the parsed command line and returns an `Outcome` that `cli` prints.

One module per subcommand; none of them prints or exits, so each can be called and checked whole.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NamedTuple

from sovlint.errors import SovlintError

if TYPE_CHECKING:  # the scan machinery loads only for the commands that scan
    from sovlint import scan


class Outcome(NamedTuple):
    """What a command produced: an exit status, text for stdout, files to write whole, notes for stderr."""

    status: int = 0
    stdout: str | memoryview = ""  # memoryview: the bytes of ASCII text kept from an earlier run
    files: tuple[tuple[str, str | memoryview], ...] = ()  # (path, text)
    notes: tuple[str, ...] = ()  # printed after 'sovlint: '
    make_dirs: bool = False  # create the folders of `files` (the rule reference), not of user-named reports


def request(args: argparse.Namespace, *, use_baseline: bool = True) -> scan.Request:
    """The scan request that the common scan options describe."""
    from sovlint import scan

    return scan.Request(
        paths=tuple(args.paths or ["."]),
        config=args.config,
        isolated=args.isolated,
        disable_suppressions=args.disable_suppressions,
        profile=args.profile,
        var_files=tuple(args.var_file),
        variables=tuple(_variable(v) for v in args.var),
        use_env=args.use_env,
        helm_render=getattr(args, "helm_render", False),
        stdin_filename=args.stdin_filename,
        baseline=args.baseline,
        fail_on=getattr(args, "fail_on", None),
        use_baseline=use_baseline,
        cache_dir=args.cache_dir,
        no_cache=args.no_cache,
        stdin=getattr(args, "stdin", None),
        progress=getattr(args, "progress", None),
    )


def _variable(spec: str) -> tuple[str, str]:
    name, sep, value = spec.partition("=")
    if not sep or not name.strip():
        raise SovlintError(f"--var {spec}: expected NAME=VALUE")
    return name.strip(), value


def notes(result: scan.Result, verbose: bool = False, quiet: bool = False) -> tuple[str, ...]:
    """The configuration used and what it weakens (always), then the scan's notes (unless quiet), as stderr
    shows them; module calls (and Terragrunt units) with remote sources, and Terragrunt stacks, in one line each
    unless verbose."""
    from sovlint.terraform.tree import REMOTE_NOTE, STACK_NOTE, UNIT_REMOTE_NOTE

    configuration = tuple(result.configuration)
    if quiet:
        return configuration
    summaries = [
        (
            REMOTE_NOTE,
            "{n} module calls have remote sources that are not downloaded; their resources are not scanned (run "
            "`terraform init -backend=false` first, or scan a plan; first: {first}; --verbose lists them)",
        ),
        (
            UNIT_REMOTE_NOTE,
            "{n} Terragrunt units have remote module sources that are not downloaded; their resources are not "
            "scanned (run `terragrunt init` first; first: {first}; --verbose lists them)",
        ),
        (
            STACK_NOTE,
            "{n} files are Terragrunt stacks: the units they generate are not read (run `terragrunt stack "
            "generate` first; first: {first}; --verbose lists them)",
        ),
    ]
    grouped: set[str] = set()
    summed: list[str] = []
    for suffix, summary in summaries:
        remote = sorted((n for n in result.notes if n.endswith(suffix)), key=_place)
        if len(remote) < 2 or verbose:
            continue
        grouped.update(remote)
        summed.append("note: " + summary.format(n=len(remote), first=remote[0].removesuffix(suffix).rstrip()))
    return configuration + tuple(f"note: {n}" for n in result.notes if n not in grouped) + tuple(summed)


def _place(note: str) -> tuple[str, int]:
    """A note's file and line ("main.tf:12: …"), for the order of the places it names."""
    file, _, rest = note.partition(":")
    line = rest.partition(":")[0]
    return file, int(line) if line.isdigit() else 0
