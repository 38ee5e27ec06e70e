"""The repository a path belongs to, and the one test of whether a real path lies inside it.

The repository is the git top level of a path: the nearest directory upwards that holds `.git` (a
directory, or a file in a worktree or submodule). git itself is never run, because a repository's
own git configuration can make git run programs. Outside any repository it is the working directory,
or, for a path outside that too, the path's own directory. Nothing outside it is read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator


def top(path: str) -> str | None:
    """The real path of the git top level holding `path`, or None outside any repository."""
    here = os.path.realpath(path)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def root(path: str) -> str:
    """The real path of the repository of `path` (see the module's docstring)."""
    found = top(path)
    if found is not None:
        return found
    cwd = os.path.realpath(os.getcwd())
    real = os.path.realpath(path)
    if inside(real, (cwd,)):
        return cwd
    return real if os.path.isdir(real) else os.path.dirname(real)


def roots(paths: Iterable[str]) -> tuple[str, ...]:
    """The repositories of the paths named on the command line (default: the working directory's)."""
    return tuple(sorted({root(p) for p in paths} or {root(".")}))


def inside(real: str, within: Iterable[str]) -> bool:
    """Whether the real path `real` is one of `within` or lies below one of them."""
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in within)


def relative(path: str, root: str) -> str:
    """`path` (from the working directory) relative to `root`, as reports name it; absolute outside root.

    Only the folders are resolved: a symbolic link that is named stays a link, for discovery to judge."""
    absolute = os.path.abspath(path)
    here = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    if here == root or inside(here, (root,)):
        return os.path.relpath(here, root)
    return here


@contextlib.contextmanager
def working_directory(root: str) -> Iterator[None]:
    """Scan from the repository root: discovery and the loaders then name and open every file relative to it,
    so that reported paths are the same from any working directory."""
    before = os.getcwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(before)
