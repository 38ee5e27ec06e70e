"""The one helper module: write sources into a temporary tree and lint them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from sovlint import engine
from sovlint.discover import discover
from sovlint.knowledge import profiles
from sovlint.model import Finding

# Property tests try the same examples every run (a failure is one to fix, not one run in many) and keep no
# database of examples in the working tree; tests/test_fuzz.py explores anew with FUZZ_EXAMPLES set.
settings.register_profile("suite", database=None, derandomize=True)
settings.load_profile("suite")
_HYPOTHESIS_HOME = tempfile.TemporaryDirectory(prefix="sovlint-tests-hypothesis-")  # removed as the session ends
set_hypothesis_home_dir(_HYPOTHESIS_HOME.name)  # what it gathers from the source, else in .hypothesis/ here

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SARIF_SCHEMA = REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json"  # vendored: see its ORIGIN.md
CORPUS = SHARED / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite fixtures/<case>/expected.json with the reports of the code as it is",
    )


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def pack_of(cache_dir: Path) -> Path:
    """The one pack of parsed files in `cache_dir`."""
    (found,) = cache_dir.glob("parsed-*.pack")
    return found


def read_pack(path: Path) -> tuple[bytes, list[list[bytes]]]:
    """The head line of a pack and its lines as [key, day, path, digest, content]."""
    head, _, rest = path.read_bytes().partition(b"\n")
    return head, [line.split(b"\t", 4) for line in rest.split(b"\n") if line]


def write_pack(path: Path, head: bytes, rows: list[list[bytes]]) -> None:
    path.write_bytes(head + b"\n" + b"".join(b"\t".join(row) + b"\n" for row in rows))


def lint_tree(
    root: Path,
    paths: list[str] | None = None,
    only: list[str] | None = None,
    profile: str = "eu-strict",
    **options: object,
) -> list[Finding]:
    """Scan `paths` (default: everything) under root, with paths reported relative to root."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        files, _ = discover(paths or ["."])
        result = engine.run(files, engine.Options(profiles.load(profile), **options))  # type: ignore[arg-type]
    finally:
        os.chdir(cwd)
    return [f for f in result.findings if only is None or f.rule_id in only]


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLI's parse cache goes to a directory of the test session, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def lint(tmp_path: Path):  # type: ignore[no-untyped-def]
    """lint({'main.tf': '...'}, only=['SOV101']) -> findings."""

    def run(files: dict[str, str | bytes], **kwargs: object) -> list[Finding]:
        write_tree(tmp_path, files)
        return lint_tree(tmp_path, **kwargs)  # type: ignore[arg-type]

    return run


def lint_tf(source: str, tmp_path: Path, **kwargs: object) -> list[Finding]:
    write_tree(tmp_path, {"main.tf": source})
    return lint_tree(tmp_path, **kwargs)  # type: ignore[arg-type]


SOURCE_FILES = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    ".pre-commit-hooks.yaml",
    "action.yml",
    "hatch_build.py",
)
SOURCE_DIRS = ("sovlint", "policies")


def copy_source(dest: Path) -> Path:
    """What `pip install` needs from this working tree (uncommitted edits included), copied to dest."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, dest / name)
    for name in SOURCE_DIRS:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def readme_block(marker: str, language: str = "yaml") -> str:
    """The first fenced block of `language` after the README line containing `marker`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    after = text[text.index(marker) :]
    start = after.index(f"```{language}\n") + len(language) + 4
    return after[start : after.index("```", start)]


def terraform_instances(
    root: Path,
    files: dict[str, str | bytes],
    var_files: tuple[str, ...] = (),
    variables: tuple[tuple[str, str], ...] = (),
) -> tuple[list[Any], Any, Any]:
    """Write a tree and expand its root module (in '.') the way a scan does: (instances, context, loader).

    The caller runs inside `root` (monkeypatch.chdir) so that paths are reported relative to it."""
    from sovlint.knowledge import catalog
    from sovlint.parsing.parser import Parser
    from sovlint.terraform import instances, place
    from sovlint.terraform.loader import Loader
    from sovlint.terraform.scope import ModuleScope
    from sovlint.terraform.tree import MAX_INSTANCES, Tree

    write_tree(root, files)
    found, _ = discover(["."])
    named = {f.path: f for f in found if f.kind in ("terraform", "tfvars")}
    loader = Loader(named, (os.path.realpath("."),), Parser(), var_files, variables)
    ctx = place.context(catalog.load(), loader.module)
    module = loader.module(".")
    assert module is not None
    loader.values(module)

    def count(instance: Any, call: Any) -> Any:
        return instances.bindings(call.block.body, ModuleScope(instance, ctx), MAX_INSTANCES + 1)

    return Tree(loader.module, evaluate_count=count, inside=loader.allowed).expand(module), ctx, loader
