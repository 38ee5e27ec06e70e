"""Reporters: pure functions from findings to text, one module per format."""

import collections
import importlib
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sovlint.knowledge.records import Rule
from sovlint.model import Finding, Placement, Resource

FORMATS = ("console", "json", "sarif", "gitlab", "github", "junit", "markdown")
_MODULES = {
    "console": "console",
    "json": "json_report",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}


class RunInfo(NamedTuple):
    """What a reporter may need besides the findings."""

    version: str
    profile: str
    rules: dict[str, Rule]  # rule metadata from policies/rules.yaml
    files: int = 0
    color: bool = False
    inventory: Sequence[tuple[Resource, Placement]] = ()
    show_inventory: bool = False
    source_line: Callable[[str, int], str] = lambda file, line: ""
    stale: Sequence[Any] = ()  # baseline entries no longer found (baseline.Entry)
    catalog: Any = None  # the catalog the scan used (with the config's endpoints); None: the shipped one
    root: str = ""  # absolute path that reported paths are relative to (the repository root)
    category: str = "sovlint"  # SARIF automationDetails.id is "<category>/": one code-scanning analysis each
    style: str = "grouped"  # console: 'grouped', 'full', 'concise' or 'statistics'
    quiet: bool = False  # console: the findings only, no summary
    verbose: bool = False  # console: every stale baseline entry, not the first few
    configuration: Any = None  # {'files': [...], 'weakens': [{file, line, setting, change}]} (weakening.summary)


def render(fmt: str, findings: Sequence[Finding], run: RunInfo) -> str:
    """Render findings in one format; the format's module is imported only when used."""
    module = importlib.import_module(f"sovlint.reporters.{_MODULES[fmt]}")
    text: str = module.render(findings, run)
    return text


def counts(findings: Sequence[Finding]) -> dict[str, dict[str, int]]:
    """Findings by rule id and level name: the summary every format shows."""
    tally = collections.Counter((f.rule_id, f.level) for f in findings)  # a level's name made once, not per finding
    out: dict[str, dict[str, int]] = {}
    for (rule_id, level), n in tally.items():
        out.setdefault(rule_id, {})[str(level)] = n
    return dict(sorted(out.items()))
