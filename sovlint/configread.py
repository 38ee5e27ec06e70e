"""A configuration file's text → its data and the line of each key, for `.sovlint.yaml` and `pyproject.toml`.

Key paths are dotted: `rules.SOV201`, `exclude.0`, `per_path.examples/**.SOV101`. Errors name the
file and line and exit 2.
"""

from __future__ import annotations

import re
from typing import Any

from sovlint.errors import SovlintError

Lines = dict[str, int]
MAX_BYTES = 1024 * 1024  # a configuration is a page of settings, not a data set
MAX_NODES = 100_000  # values once aliases are expanded: an alias bomb is refused before it is built


def read(text: str, display: str, toml: bool) -> tuple[dict[str, Any], Lines]:
    if len(text) > MAX_BYTES:
        raise SovlintError(
            f"{display}: {len(text) // 1024} KB, over the {MAX_BYTES // 1024} KB a configuration may have"
        )
    return _toml(text, display) if toml else _yaml(text, display)


def _yaml(text: str, display: str) -> tuple[dict[str, Any], Lines]:
    import yaml

    from sovlint import yamlload

    try:
        nodes = list(yamlload.compose_all(text))
    except yaml.MarkedYAMLError as exc:
        raise _invalid(exc, display) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: no mark, a position
        line = text.count("\n", 0, exc.position) + 1
        raise SovlintError(f"{display}:{line}: invalid YAML: character {exc.character!r} is not allowed") from None
    except yaml.YAMLError as exc:
        raise SovlintError(f"{display}: invalid YAML: {' '.join(str(exc).split())}") from None
    if not nodes:
        return {}, {}
    node = nodes[0]
    lines: Lines = {}
    if _lines(node, "", lines, MAX_NODES) < 0:
        raise SovlintError(f"{display}: more than {MAX_NODES} values once its aliases are expanded")
    try:
        data = yamlload.construct(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:  # a value that does not fit its tag (`!!int x`)
        raise _invalid(exc, display) from None
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        raise SovlintError(f"{display}: the configuration must be a mapping of keys to values")
    _bare_off(data.get("rules"))
    for settings in (data.get("per_path") or {}).values() if isinstance(data.get("per_path"), dict) else ():
        _bare_off(settings)
    return data, lines


def _invalid(exc: Any, display: str) -> SovlintError:
    mark = exc.problem_mark
    where = f":{mark.line + 1}" if mark else ""
    return SovlintError(f"{display}{where}: invalid YAML: {exc.problem}")


def _bare_off(rules: Any) -> None:
    """YAML 1.1 reads a bare `off` as false."""
    if isinstance(rules, dict):
        for rule_id, setting in rules.items():
            if setting is False:
                rules[rule_id] = "off"
            elif isinstance(setting, dict) and setting.get("level") is False:
                setting["level"] = "off"


def _lines(node: Any, prefix: str, out: Lines, budget: int) -> int:
    """Record the line of each key path; return what is left of `budget` (negative: exhausted)."""
    import yaml

    budget -= 1
    if budget < 0:
        return budget
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}{key.value}"
            out[path] = key.start_mark.line + 1
            budget = _lines(value, path + ".", out, budget)
            if budget < 0:
                break
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[f"{prefix}{i}"] = item.start_mark.line + 1
            budget = _lines(item, f"{prefix}{i}.", out, budget)
            if budget < 0:
                break
    return budget


# patterns as text: `re` compiles one when it is first used (most runs read no TOML)
_TOML_AT = r"\s*\(at line (\d+), column \d+\)$"
_TABLE = r"^\[\s*tool\.sovlint(?:\.(?P<sub>[^\]]+?))?\s*\]"
_KEY = r"""^(?:"(?P<quoted>[^"]*)"|'(?P<literal>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*="""


def _toml(text: str, display: str) -> tuple[dict[str, Any], Lines]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef, unused-ignore]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(_TOML_AT, message)
        where = f":{at.group(1)}" if at else ""
        raise SovlintError(f"{display}{where}: invalid TOML: {re.sub(_TOML_AT, '', message)}") from None
    except RecursionError:
        raise SovlintError(f"{display}: invalid TOML: nested too deeply") from None
    section = data.get("tool", {}).get("sovlint", {})
    return (section if isinstance(section, dict) else {}), _toml_lines(text)


def _toml_lines(text: str) -> Lines:
    """The line of each key under `[tool.sovlint]` and its sub-tables (keys of inline tables fall back to theirs)."""
    lines: Lines = {}
    table: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            match = re.match(_TABLE, line)
            table = (match.group("sub") or "").replace('"', "") if match else None
            if match and table:
                lines.setdefault(table, number)
            continue
        key = re.match(_KEY, line)
        if table is not None and key:
            name = key.group("quoted") or key.group("literal") or key.group("bare")
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines
