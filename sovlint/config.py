"""Find `.sovlint.yaml` (or `[tool.sovlint]` in pyproject.toml), validate it, overlay it on a profile.

Errors name the file, the key path and, for YAML, the line, and exit 2: a typo in a CI gate must
not pass silently, so an unknown key or rule id is an error too. jsonschema is imported only here.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sovlint.errors import SovlintError
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import profiles
from sovlint.model import Level, OwnEndpoint, Profile
from sovlint.parsing import yamlload

NAMES = (".sovlint.yaml", ".sovlint.yml")
_SECTION = re.compile(r"^\s*\[tool\.sovlint(\.|\])", re.M)  # a table header, not a mention in a comment


@dataclass(frozen=True, slots=True)
class Config:
    path: str = ""  # where it was read from; '' when there is none
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def find(start: str) -> Path | None:
    """The nearest config walking up from `start`, stopping at the repository root."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        for name in NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _SECTION.search(pyproject.read_text(encoding="utf-8", errors="replace")):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def load(path: Path | None) -> Config:
    if path is None:
        return Config()
    display = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SovlintError(f"{display}: cannot be read ({exc})") from None
    lines: dict[str, int] = {}
    if path.name == "pyproject.toml":
        data = _toml(text, display)
    else:
        data, lines = _yaml(text, display)
    _validate(data, display, lines)
    return Config(display, data)


def profile(config: Config, name: str | None) -> Profile:
    """The profile named on the command line or in the config, with the config's additions."""
    base = profiles.load(name or config.get("profile") or profiles.DEFAULT)
    catalog = catalog_mod.load()
    levels: dict[str, Level | None] = {}
    for rule_id, setting in (config.get("rules") or {}).items():
        level = setting["level"] if isinstance(setting, dict) else setting
        levels[rule_id] = None if level == "off" else Level.parse(level)
    control = base.control
    if control is not None and config.get("control"):
        control = control | catalog.expand(config.get("control"))
    return dataclasses.replace(
        base,
        locations=base.locations | catalog.expand(config.get("locations") or []),
        control=control,
        levels=levels,
        providers=frozenset(config.get("providers") or []),
        mirrors=dict((config.get("registries") or {}).get("mirrors") or {}),
        endpoints=tuple(
            OwnEndpoint(
                e.get("name") or e["hosts"][0],
                tuple(e["hosts"]),
                e["country"],
                e.get("operator_country") or e["country"],
            )
            for e in config.get("endpoints") or []
        ),
    )


def _yaml(text: str, display: str) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml

    try:
        nodes = list(yamlload.compose_all(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}" if mark else ""
        raise SovlintError(f"{display}{where}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise SovlintError(f"{display}: invalid YAML: {exc}") from None
    if not nodes:
        return {}, {}
    loader, node = nodes[0]
    data = loader.construct_document(node) if node is not None else {}
    lines: dict[str, int] = {}
    _lines(node, "", lines)
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        raise SovlintError(f"{display}: the configuration must be a mapping of keys to values")
    rules = data.get("rules")
    if isinstance(rules, dict):  # YAML 1.1 reads a bare `off` as false
        for rule_id, setting in rules.items():
            if setting is False:
                rules[rule_id] = "off"
            elif isinstance(setting, dict) and setting.get("level") is False:
                setting["level"] = "off"
    return data, lines


def _lines(node: Any, prefix: str, out: dict[str, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}{key.value}"
            out[path] = key.start_mark.line + 1
            _lines(value, path + ".", out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[f"{prefix}{i}"] = item.start_mark.line + 1
            _lines(item, f"{prefix}{i}.", out)


def _toml(text: str, display: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef, unused-ignore]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SovlintError(f"{display}: invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("sovlint", {})
    return section if isinstance(section, dict) else {}


def _validate(data: dict[str, Any], display: str, lines: dict[str, int]) -> None:
    import jsonschema

    schema = json.loads((resources.files("sovlint") / "schemas" / "config.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = min(errors, key=lambda e: len(e.absolute_path))
        path = ".".join(str(p) for p in error.absolute_path)
        raise SovlintError(_where(display, lines, path) + _explain(error))
    known = set(catalog_mod.load().rules)
    for rule_id in data.get("rules") or {}:
        if rule_id not in known:
            choices = ", ".join(sorted(known))
            raise SovlintError(f"{_where(display, lines, f'rules.{rule_id}')}unknown rule (known: {choices})")
    if data.get("profile") and data["profile"] not in profiles.names():
        names = ", ".join(profiles.names())
        where = _where(display, lines, "profile")
        raise SovlintError(f"{where}unknown profile '{data['profile']}' (choose from {names})")


def _where(display: str, lines: dict[str, int], path: str) -> str:
    line = lines.get(path) or lines.get(path.rsplit(".", 1)[0])
    return f"{display}{f':{line}' if line else ''}: {path + ': ' if path else ''}"


def _explain(error: Any) -> str:
    if error.validator == "additionalProperties":
        return str(error.message).replace("Additional properties are not allowed", "unknown key")
    if error.validator in ("enum", "oneOf") and "enum" in str(error.schema):
        choices: list[Any] = error.schema.get("enum") or next(
            (s["enum"] for s in error.schema.get("oneOf", []) if "enum" in s), []
        )
        return f"{error.instance!r} is not one of {', '.join(map(str, choices))}"
    return str(error.message)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


STARTER = """\
# sovlint configuration: https://github.com/sovlint/sovlint#configuration
# Every key is optional; remove what you do not need.

# eu-strict (default): EU/EEA locations and EU/EEA control
# eu-residency: EU/EEA locations, any control
# eu-adequate: adds the countries with an EU adequacy decision (CH, GB, JP, ...)
profile: eu-strict

# Countries (ISO codes) or groups (EU, EEA, EU-ADEQUATE) allowed in addition to the profile's.
# locations: [CH]
# control: [CH]

# Providers accepted whoever controls them (an accepted, documented risk).
# providers: [hashicorp/aws]

# Per-rule level: error, warning, note or off.
rules:
  SOV102: warning
  # SOV301: off

# Paths to leave out (globs on paths relative to the working directory).
exclude:
  - "**/.terraform/**"
  # - "examples/**"

# S3-compatible or OpenStack endpoints of your own (MinIO, Ceph, a private cloud): where they run.
# endpoints:
#   - {name: "our Ceph", hosts: ["s3.example.eu"], country: DE}

# Registries your nodes really pull through (containerd/CRI-O mirrors).
# registries:
#   mirrors:
#     docker.io: harbor.example.eu

# Per-file limits: a file over one is skipped with a SOV000 finding.
# limits: {max_file_mb: 20, max_hcl_mb: 2, max_line_kb: 512, timeout_s: 30}

# baseline: .sovlint-baseline.json
# fail_on: error
# output: [sarif=results.sarif]
"""


def write_starter(path: str = ".sovlint.yaml") -> str:
    if os.path.exists(path):
        raise SovlintError(f"{path} already exists; not overwritten")
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(STARTER)
    return path
