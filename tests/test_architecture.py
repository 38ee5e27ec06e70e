"""The code's own contracts: layers that import one way only, strict typing, modules and functions kept small."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sovlint"
MAX_MODULE_LINES = 375  # ~350, with the slack of a small fix
MAX_FUNCTION_LINES = 65  # ~60, likewise
LONG_BECAUSE = "Long because"  # a docstring that starts a paragraph so may pass the limits, and says why


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else shutil.which(name) or pytest.skip(f"{name} is not installed")


def test_imports_follow_the_layers_in_importlinter():
    """cli -> commands -> scan -> engine -> rules/reporters -> readers -> knowledge -> model, and no reader
    imports another (the contracts are in .importlinter)."""
    proc = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_the_package_passes_mypy_strict():
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "sovlint"], cwd=REPO, capture_output=True, text=True
    )
    if "No module named mypy" in proc.stderr:
        pytest.skip("mypy is not installed")
    assert proc.returncode == 0, proc.stdout[-4000:]


def _sizes() -> list[str]:
    over = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        name = path.relative_to(REPO).as_posix()
        if source.count("\n") > MAX_MODULE_LINES and LONG_BECAUSE not in (ast.get_docstring(tree) or ""):
            over.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and LONG_BECAUSE not in (ast.get_docstring(node) or ""):
                    over.append(f"{name}:{node.lineno} {node.name}(): {length} lines")
    return over


def test_modules_and_functions_stay_small_or_say_why():
    assert _sizes() == []
