"""A typed scan request → its result: configuration, discovery, stdin and baseline around the engine.

The scan runs from the repository root (repository.py), so that reported paths are the same from any
working directory; paths named on the command line are taken relative to the working directory.

What `check`, `baseline`, `inventory` and `report` share. Prints nothing: notes come back in the result.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, Protocol

from sovlint import __version__, config, repository, stored, weakening
from sovlint.config import Config
from sovlint.discover import SourceFile, discover, kind_of
from sovlint.errors import SovlintError
from sovlint.knowledge import catalog, policies
from sovlint.limits import Limits, read_bounded
from sovlint.options import Options
from sovlint.parsing import cache

if TYPE_CHECKING:  # a run whose outcome is kept (replay.py) imports neither
    from sovlint import engine
    from sovlint.parsing.parser import Parser
    from sovlint.reporters import RunInfo


class Request(NamedTuple):
    """What a user asked for on the command line (every field has the command line's default)."""

    paths: tuple[str, ...] = (".",)
    config: str | None = None  # --config FILE
    isolated: bool = False  # --isolated: no configuration file found in the tree is read
    disable_suppressions: bool = False  # inline suppressions suppress nothing
    profile: str | None = None
    var_files: tuple[str, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()
    use_env: bool = False
    helm_render: bool = False  # --helm-render: charts rendered with a helm binary on PATH
    stdin_filename: str | None = None
    baseline: str | None = None
    fail_on: str | None = None  # --fail-on, which wins over the configuration's fail_on
    use_baseline: bool = True  # False for `sovlint baseline`, which records every finding
    cache_dir: str | None = None
    no_cache: bool = False
    stdin: IO[bytes] | None = None  # read when '-' is among the paths
    progress: IO[str] | None = None  # where a progress line may go (stderr) when it is a terminal


class Result:
    """The engine's result with the configuration it ran under and the notes for stderr."""

    __slots__ = ("result", "info", "config", "notes", "configuration", "empty")

    def __init__(
        self,
        result: engine.Result,
        info: RunInfo,
        config: Config,
        notes: list[str] | None = None,
        configuration: list[str] | None = None,
        empty: bool = False,
    ) -> None:
        self.result = result
        self.info = info
        self.config = config
        self.notes: list[str] = [] if notes is None else notes
        # the files used and what they weaken, for stderr
        self.configuration: list[str] = [] if configuration is None else configuration
        self.empty = empty  # nothing to scan: no IaC among the paths


class Replay(Protocol):
    """A scan's outcome kept from a previous run (replay.py)."""

    def find(self, files: list[SourceFile], options: Options, cfg: Config, said: list[Any], parser: Parser) -> bool:
        """Whether the outcome of a run that scanned `files` with `options`, under `cfg`, after saying `said`
        (notes and the configuration's summary), is kept and still holds; `parser` reads the files, for the
        scan that follows when it is not."""
        ...


def run(request: Request) -> Result:
    """Load the configuration, find the files, run the engine from the repository root."""
    result = replayed(request, None)
    assert result is not None
    return result


def replayed(request: Request, replay: Replay | None) -> Result | None:
    """As run(); None when `replay` holds the outcome of the same scan, with nothing it depends on changed."""
    paths = list(request.paths) or ["."]
    root, cache_dir = _place(request, paths)
    cfg = _configuration(request, paths, root)
    notes: list[str] = []
    entries = _baseline(request, cfg, notes)
    configuration = weakening.summary(
        cfg, _overridden(request), request.baseline or cfg.get("baseline") or "", _count(entries)
    )
    targets = [repository.relative(p, root) for p in paths if p != "-"]
    globs_base = repository.relative(cfg.base, root) if cfg.base else "."
    with repository.working_directory(root):
        files, found_notes = discover(
            targets, include=cfg.get("include"), exclude=cfg.get("exclude"), globs_base=globs_base
        )
        if "-" in paths and request.stdin is not None:
            files.append(_stdin(request.stdin, request.stdin_filename or "stdin.yaml", _limits(cfg)))
        options = _options(request, cfg, root, targets, entries, cache_dir)
        parser = options.parser()  # one reader for the check and the scan: each file is read and hashed once
        if replay is not None and replay.find(files, options, cfg, [found_notes, notes, configuration], parser):
            return None
        from sovlint import engine

        # no garbage collection while the scan runs: it makes many objects that live to its end and few cycles (a
        # few hundred objects over 2,000 files), and the collector walked every object made so far again and again
        with _progress(request, f"scanning {len(files)} files"), stored.unswept():
            try:
                result = engine.run(files, options, parser)
            finally:
                stored.thaw()  # what was frozen meanwhile, also when the scan failed (it thaws at its end)
    empty = _nothing_to_scan(files, result)
    if empty:
        notes.append(f"nothing to scan in {', '.join(paths)}: {NOTHING}")
    info = _info(files, options, result, configuration, root)
    lines = weakening.lines(configuration)
    return Result(result, info, cfg, found_notes + notes + list(result.notes), lines, empty)


def _place(request: Request, paths: list[str]) -> tuple[str, Path | None]:
    """The repository root the scan runs from (after the named paths are checked) and the cache directory."""
    for path in paths:
        _exists(path, "")
    first = next((p for p in paths if p != "-"), ".")
    # a named symbolic link does not move the repository: its folder decides, and discovery judges the link
    root = repository.root(os.path.dirname(os.path.abspath(first)) if os.path.islink(first) else first)
    cache_dir = None if request.no_cache else Path(request.cache_dir) if request.cache_dir else cache.default_dir()
    policies.cache_in(cache_dir)
    return root, cache_dir


def _configuration(request: Request, paths: list[str], root: str) -> Config:
    """The configuration: --config, else the one found from the first path unless --isolated."""
    if request.config and not os.path.isfile(request.config):
        raise SovlintError(f"--config {request.config}: no such file")
    start = next((p for p in paths if p != "-"), ".")
    found = None if request.isolated else config.find(start)
    config_path = Path(request.config) if request.config else found
    cfg = config.load(config_path, confined=not request.config, root=root)
    for path in request.var_files:
        _exists(path, "--var-file ")
    return cfg


def _info(
    files: list[SourceFile], options: Options, result: engine.Result, configuration: dict[str, Any] | None, root: str
) -> RunInfo:
    """What the reporters are told of the run beside its findings."""
    from sovlint.reporters import RunInfo

    return RunInfo(
        version=__version__,
        profile=options.profile.name,
        rules=catalog.load().rules,
        files=result.files,
        inventory=result.inventory,
        source_line=source_lines(files, root),
        stale=result.stale,
        catalog=result.catalog,
        configuration=configuration,
        root=root,
    )


def _options(
    request: Request, cfg: Config, root: str, targets: list[str], entries: Any, cache_dir: Path | None
) -> Options:
    """The engine's options, from the repository root."""
    return Options(
        profile=config.profile(cfg, request.profile),
        var_files=tuple(repository.relative(v, root) for v in request.var_files),
        variables=request.variables,
        use_env=request.use_env,
        helm_render=request.helm_render,
        baseline=entries,
        roots=repository.roots(targets),
        targets=tuple(targets),
        limits=_limits(cfg),
        cache_dir=cache_dir.resolve() if cache_dir else None,
        inline_suppressions=not (request.disable_suppressions or cfg.get("disable_suppressions")),
    )


NOTHING = "no Terraform, OpenTofu, Kubernetes, Compose or Dockerfile was found"
IAC = ("terraform", "tfvars", "dockerfile", "compose")  # kinds that are infrastructure as code by their name


def _nothing_to_scan(files: Sequence[SourceFile], result: engine.Result) -> bool:
    """No IaC file, and no YAML or JSON that held any (CI files, package.json)."""
    return not (result.findings or result.inventory or any(f.kind in IAC for f in files))


def _exists(path: str, what: str) -> None:
    """Named paths are checked as the user typed them, before the scan moves to the repository root."""
    if path == "-" or os.path.exists(path):
        return
    raise SovlintError(f"--var-file {path}: no such file" if what else f"{path}: No such file or directory")


def _progress(request: Request, what: str) -> contextlib.AbstractContextManager[None]:
    if request.progress is None:
        return contextlib.nullcontext()
    from sovlint.progress import progress

    return progress(request.progress, what)


def _baseline(request: Request, cfg: Config, notes: list[str]) -> tuple[Any, ...] | None:
    """The accepted findings: --baseline (from the working directory) or the config's (from its base)."""
    path = request.baseline or cfg.get("baseline")
    if not (request.use_baseline and path):
        return None
    if not request.baseline:
        path = cfg.place(path)
    if not os.path.exists(path):
        notes.append(f"{path} does not exist yet: no findings are accepted (sovlint baseline create writes it)")
        return ()
    from sovlint import baseline

    return tuple(baseline.read(path))


def _stdin(stream: IO[bytes], name: str, limits: Limits) -> SourceFile:
    """Standard input as a file, bounded like one: what is over the limit is not read."""
    cap = int(limits.max_file_mb * 1048576)
    data = read_bounded(stream, cap)
    if len(data) > cap:
        why = f"skipped: the input is over the {limits.max_file_mb:g} MB limit for files"
        return SourceFile(name, "", kind_of(name) or "yaml", error=why)
    return SourceFile(name, "", kind_of(name) or "yaml", data.decode("utf-8", "replace"))


def _limits(cfg: Config) -> Limits:
    try:
        return Limits.checked(**(cfg.get("limits") or {}))
    except ValueError as exc:  # NaN or infinity would switch a limit off
        raise SovlintError(f"{cfg.path}: limits.{exc}") from None


def _overridden(request: Request) -> set[str]:
    """Configuration keys that the command line sets, so that the configuration's value is not used."""
    given = {"profile": request.profile, "fail_on": request.fail_on, "baseline": request.baseline}
    return {key for key, value in given.items() if value}


def _count(entries: tuple[Any, ...] | None) -> int | None:
    return None if entries is None else len(entries)


def source_lines(files: Sequence[SourceFile], root: str = ".") -> Callable[[str, int], str]:
    """A lazy, cached reader of one source line, for the console's excerpt; paths are relative to root."""
    lines_of: dict[str, list[str]] = {}
    by_path = {f.path: f for f in files}

    def line(file: str, number: int) -> str:
        if file not in lines_of:
            source = by_path.get(file)
            try:
                text = source.text if source is not None else None
                if text is None:
                    with open(
                        source.real if source else os.path.join(root, file), encoding="utf-8", errors="replace"
                    ) as fh:
                        text = fh.read()
                lines_of[file] = text.splitlines()
            except OSError:
                lines_of[file] = []
        lines = lines_of[file]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    return line
