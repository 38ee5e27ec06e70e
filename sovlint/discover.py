"""Command-line paths (and stdin) → the files to scan, each with its kind.

Directories are walked recursively, skipping `.terraform/`, `.git/` and `node_modules/`. Only
regular files are read; a symlink is followed only when its target stays inside the scanned
tree, and every file is scanned once however often it is named. What a followed link leads to is
reported at its real path (GitHub cannot show a file at a link's path), the same whichever way
the walk reaches it first; a path named on the command line is reported as named.
"""

import os
import stat
from pathlib import Path
from typing import NamedTuple

from sovlint import repository
from sovlint.errors import ParseError, SovlintError
from sovlint.limits import DEFAULT, Limits, check_size, read_bounded

OUTSIDE = "a symbolic link to a file outside the repository; not read"
SKIP_DIRS = frozenset({".terraform", ".git", "node_modules", ".terragrunt-cache", "__pycache__"})


class SourceFile(NamedTuple):
    path: str  # as reported: POSIX, relative to the working directory when inside it
    real: str  # resolved absolute path, '' for stdin
    kind: str  # 'terraform' | 'tfvars' | 'yaml' | 'json' | 'dockerfile' | 'compose' | 'terragrunt'
    text: str | None = None  # content, for stdin
    error: str = ""  # why it cannot be read (a directory that cannot be listed, stdin over the limit): a SOV000


_COMPOSE = ("compose.", "compose-", "docker-compose", "docker-stack")
_NOT_DOCKERFILES = (".md", ".txt", ".rst", ".adoc", ".orig", ".bak", ".swp", ".json", ".yaml", ".yml", ".sh")


def kind_of(name: str) -> str | None:
    lower = name.lower()
    if lower in (".sovlint.yaml", ".sovlint.yml", ".sovlint-baseline.json", ".pre-commit-config.yaml"):
        return None  # sovlint's and pre-commit's own files
    if lower.endswith((".tf", ".tofu", ".tf.json", ".tofu.json")):
        return "terraform"
    if lower.endswith((".tfvars", ".tfvars.json")):
        return "tfvars"
    if lower.endswith(".hcl") and not lower.endswith((".lock.hcl", ".pkr.hcl", ".nomad.hcl")):
        return "terragrunt"  # units (terragrunt.hcl) and the files they include or read (root.hcl, region.hcl)
    if (
        lower in ("dockerfile", "containerfile")
        or lower.endswith(".dockerfile")
        or (lower.startswith(("dockerfile.", "containerfile.")) and not lower.endswith(_NOT_DOCKERFILES))
    ):
        return "dockerfile"
    if lower.startswith(_COMPOSE) and lower.endswith((".yaml", ".yml")):
        return "compose"
    if lower.endswith((".yaml", ".yml")) or name == "Kustomization":
        return "yaml"  # `Kustomization` without an extension is one of Kustomize's own file names
    if lower.endswith(".json"):
        return "json"  # a Terraform plan (`terraform show -json`) when its content says so
    return None


def discover(
    paths: list[str],
    cwd: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    globs_base: str = ".",
) -> tuple[list[SourceFile], list[str]]:
    """The files under `paths`, sorted, and notes about what was skipped (symlinks leaving the tree).

    `include`/`exclude` are globs (see globs.py) on the reported paths taken relative to `globs_base`,
    the folder of the config file that sets them.
    """
    base = Path(cwd or os.getcwd()).resolve()
    _Walk.base, _Walk.directories = str(base), {}
    found: dict[str, SourceFile] = {}
    notes: list[str] = []
    for arg in paths:
        path = Path(arg)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise SovlintError(f"{arg}: {exc.strerror or 'cannot be read'}") from None
        if stat.S_ISDIR(mode):
            _walk(path, path.resolve(), base, found, notes)
        elif stat.S_ISREG(mode):
            kind = kind_of(path.name)
            if kind and not repository.inside(os.path.realpath(path), (repository.root(os.path.dirname(arg) or "."),)):
                notes.append(f"{_display(path, base)}: {OUTSIDE}")
            elif kind:  # an explicitly named file of another type is ignored, as pre-commit may pass it
                _add(path, base, kind, found)
        else:
            raise SovlintError(f"{arg}: not a regular file or directory")
    files = _without_chart_templates(sorted(found.values(), key=lambda f: f.path), notes, base)
    if include or exclude:
        from sovlint.globs import matches

        def glob_path(path: str) -> str:
            return path if globs_base == "." else Path(os.path.relpath(path, globs_base)).as_posix()

        files = [
            f
            for f in files
            if (not include or matches(glob_path(f.path), include))
            and not (exclude and matches(glob_path(f.path), exclude))
        ]
    return files, notes


def _walk(top: Path, root: Path, base: Path, found: dict[str, SourceFile], notes: list[str]) -> None:
    """Walk with the real path of each directory at hand: only symbolic links need resolving."""
    stack = [(str(top), os.path.realpath(top), _display(top, base))]
    seen: set[str] = set()
    while stack:
        directory, real, shown = stack.pop()  # shown: the directory's path as reported
        if real in seen:
            continue  # a symlink loop, or the same directory reached twice
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:  # what it holds is not scanned: a finding, not a note that a gate would pass
            why = f"the directory cannot be read: {exc.strerror or type(exc).__name__}"
            found[real] = SourceFile(shown, real, "directory", error=why)
            continue
        _Walk.directories[shown] = (real, [entry.name for entry in entries])
        inside = real if real.endswith("/") else real + "/"  # the real path of a plain entry: this and its name
        prefix = _prefix(shown)
        for entry in entries:
            link = entry.is_symlink()
            if link:
                target = os.path.realpath(entry.path)
                if not repository.inside(target, (str(root),)):
                    notes.append(
                        f"{_display(Path(entry.path), base)}: symbolic link leaving the scanned tree, not followed"
                    )
                    continue
            else:
                target = inside + entry.name
            try:  # follows a link; no system call for a plain entry
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:
                continue
            # what a link inside the tree leads to is named by its real path, whichever way it is reached first
            here = _display(Path(target), base) if link else _below(prefix, entry, base)
            if is_dir:
                if entry.name not in SKIP_DIRS:
                    stack.append((entry.path, target, here))
            elif is_file:  # regular files only: a FIFO or a device is never opened
                kind = (link and kind_of(os.path.basename(target))) or kind_of(entry.name)
                if kind and target not in found:
                    found[target] = SourceFile(here, target, kind)


class _Walk:
    """The directories the last discover() walked: path as reported -> real path and entry names (sorted), and
    `base`, where those paths start (the working directory, resolved)."""

    base = ""
    directories: dict[str, tuple[str, list[str]]] = {}


def walked(directory: str, base: str) -> tuple[str, list[str]] | None:
    """The real path and the sorted entry names of a directory (as reported from `base`, the working directory
    resolved) that the last discover() walked from there, so that the readers of the same scan need not resolve
    or list it again; None for one it did not walk."""
    return _Walk.directories.get(directory) if base == _Walk.base else None


def _without_chart_templates(files: list[SourceFile], notes: list[str], base: Path) -> list[SourceFile]:
    """Helm chart templates are not manifests until rendered: skip them, with one note per chart."""
    kept, charts = [], {}
    for f in files:
        parts = f.path.split("/")
        chart = "/".join(parts[: parts.index("templates")]) if f.kind == "yaml" and "templates" in parts[:-1] else None
        if chart is not None:
            if chart not in charts:
                charts[chart] = os.path.isfile(os.path.join(str(base), chart, "Chart.yaml")) or os.path.isfile(
                    os.path.join(chart or ".", "Chart.yaml")
                )
                if charts[chart]:
                    where = chart or "."
                    notes.append(
                        f"{where}: a Helm chart; its templates are skipped (helm template {where} | sovlint -)"
                    )
            if charts[chart]:
                continue
        kept.append(f)
    return kept


def _add(path: Path, base: Path, kind: str, found: dict[str, SourceFile]) -> None:
    real = os.path.realpath(path)
    if real not in found:
        found[real] = SourceFile(_display(path, base), real, kind)


def _display(path: Path, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def _prefix(shown: str) -> str | None:
    """What the paths of a directory's entries start with, for the directory shown as `shown`; None when it lies
    outside `base` (a path outside it may lead back into it: each entry's is worked out)."""
    if os.path.isabs(shown):
        return None
    return "" if shown == "." else shown + "/"


def _below(prefix: str | None, entry: os.DirEntry[str], base: Path) -> str:
    """What `_display` gives for an entry of a directory whose entries' paths start with `prefix` (`_prefix`),
    without working it out again when that directory lies in `base`."""
    if prefix is None:
        return _display(Path(entry.path), base)
    return prefix + entry.name


def read_text(source: SourceFile, limits: Limits = DEFAULT) -> str:
    """The text of a file; ParseError for what cannot be read as UTF-8 text or is over the size limit."""
    if source.text is not None:
        return source.text
    try:
        check_size(os.stat(source.real).st_size, limits, hcl=False)
        with open(source.real, "rb") as fh:
            data = read_bounded(fh, int(limits.max_file_mb * 1048576))  # a file that grows after stat is cut
        check_size(len(data), limits, hcl=False)
    except OSError as exc:
        raise ParseError(f"cannot be read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        raise ParseError("binary file: it is not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ParseError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column) from None
