"""Find `.sovlint.yaml` (or `[tool.sovlint]` in pyproject.toml), read what it extends, validate it.

Errors name the file, the key path and the line, and exit 2: a typo in a CI gate must not pass
silently, so an unknown key or rule id is an error too, and SOV000 cannot be turned off. Files
extended with `extends:` are read first and overridden key by key (mappings such as `rules` are
merged, lists and values replaced). jsonschema is imported only here.
"""

import json
import math
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from sovlint import configread, repository
from sovlint.errors import SovlintError
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import profiles
from sovlint.model import Level, OwnEndpoint, Profile

NAMES = (".sovlint.yaml", ".sovlint.yml")
_SECTION = r"^\s*\[tool\.sovlint(\.|\])"  # a table header (re.M), not a mention in a comment
MAX_EXTENDS = 8  # files in one chain of `extends`
Where = dict[str, tuple[str, int]]  # key path -> (file, line) that set it


class Config(NamedTuple):
    path: str  # where it was read from; '' when there is none
    data: dict[str, Any]  # merged over what it extends
    files: tuple[str, ...]  # every file read: this one, then what it extends, in reading order
    where: Where
    base: str = ""  # the real folder its paths (include, exclude, baseline, output) start from; '' with no file
    apart: bool = False  # it lies outside the scanned repository: its paths start from the repository root

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def origin(self, key: str) -> tuple[str, int]:
        """The file and line that set a key path (its parent's, when the key itself has no line)."""
        while key not in self.where and "." in key:
            key = key.rsplit(".", 1)[0]
        return self.where.get(key, (self.path, 0))

    def place(self, path: str) -> str:
        """A file the configuration names (baseline, output), from its base."""
        return os.path.join(self.base, path) if self.base else path


def find(start: str) -> Path | None:
    """The nearest config walking up from `start`, never above the repository (see repository.py)."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    top = Path(repository.root(str(here)))
    for directory in (here, *here.parents):
        for name in NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and re.search(_SECTION, pyproject.read_text(encoding="utf-8", errors="replace"), re.M):
            return pyproject
        if directory == top or not repository.inside(str(directory), (str(top),)):
            return None
    return None


def load(path: Path | None, confined: bool = True, root: str | None = None) -> Config:
    """The configuration at `path` with what it extends; `confined`: extends may not leave the repository.

    Its paths start from its folder, or from `root` (the scanned repository) when the file lies outside it: a
    configuration kept apart (`--config /tmp/gate.yaml`, read from the base branch) names the repository's paths
    as the repository's own configuration does. What it extends is read from beside it all the same."""
    if path is None:
        return Config("", {}, (), {})
    within = repository.root(str(path.parent)) if confined else None
    data, where, files = _read(path, within, ())
    data.pop("extends", None)
    folder = os.path.realpath(path.parent)
    apart = root is not None and not repository.inside(folder, (root,))
    config = Config(files[0], data, files, where, root if root is not None and apart else folder, apart)
    baseline = data.get("baseline")
    if within is not None and baseline and not repository.inside(os.path.realpath(config.place(baseline)), (within,)):
        file, line = config.origin("baseline")
        raise SovlintError(f"{file}:{line}: baseline: {baseline} is outside the repository; not read")
    return config


def _read(path: Path, within: str | None, chain: tuple[str, ...]) -> tuple[dict[str, Any], Where, tuple[str, ...]]:
    display = _display(path)
    try:
        if not path.is_file():  # a device or a FIFO would be read forever
            raise SovlintError(f"{display}: not a regular file")
        with path.open("rb") as fh:
            text = fh.read(configread.MAX_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SovlintError(f"{display}: cannot be read ({exc})") from None
    data, lines = configread.read(text, display, toml=path.name == "pyproject.toml")
    _validate(data, display, lines)
    where = {key: (display, line) for key, line in lines.items()}
    merged: dict[str, Any] = {}
    merged_where: Where = {}
    files: tuple[str, ...] = (display,)
    chain = (*chain, os.path.realpath(path))
    for i, name in enumerate(_extends(data)):
        setting = f"extends.{i}" if isinstance(data["extends"], list) else "extends"
        base = _extended(path, name, _where(display, lines, setting), within, chain)
        base_data, base_where, base_files = _read(base, within, chain)
        merged, merged_where = _merge(merged, merged_where, base_data, base_where)
        files += tuple(f for f in base_files if f not in files)
    merged, merged_where = _merge(merged, merged_where, data, where)
    return merged, merged_where, files


def _extends(data: dict[str, Any]) -> list[str]:
    value = data.get("extends") or []
    return [value] if isinstance(value, str) else list(value)


def _extended(path: Path, name: str, where: str, within: str | None, chain: tuple[str, ...]) -> Path:
    if "://" in name:
        raise SovlintError(f"{where}a file path, not a URL (sovlint never uses the network)")
    target = path.parent / name
    real = os.path.realpath(target)
    if within is not None and not repository.inside(real, (within,)):
        raise SovlintError(f"{where}{name} is outside the repository; a configuration found there may not read it")
    if real in chain:
        raise SovlintError(f"{where}{name} is already being read (a cycle)")
    if len(chain) >= MAX_EXTENDS:
        raise SovlintError(f"{where}more than {MAX_EXTENDS} files in one chain of extends")
    if not target.is_file():
        raise SovlintError(f"{where}{name}: no such file")
    return target


def _merge(base: dict[str, Any], base_where: Where, over: dict[str, Any], where: Where) -> tuple[dict[str, Any], Where]:
    """`over` on top of `base`: mappings merged key by key, anything else replaced (with its lines)."""
    merged_where = dict(base_where)

    def merge(into: dict[str, Any], value: dict[str, Any], prefix: str) -> dict[str, Any]:
        out = dict(into)
        for key, item in value.items():
            path = f"{prefix}{key}"
            if isinstance(item, dict) and isinstance(out.get(key), dict):
                out[key] = merge(out[key], item, path + ".")
            else:
                out[key] = item
                for stale in [k for k in merged_where if k.startswith(path + ".")]:
                    del merged_where[stale]
        return out

    merged = merge(base, over, "")
    merged_where.update(where)
    return merged, merged_where


def profile(config: Config, name: str | None) -> Profile:
    """The profile named on the command line or in the config, with the config's additions."""
    base = profiles.load(name or config.get("profile") or profiles.DEFAULT)
    catalog = catalog_mod.load()
    control = base.control
    if control is not None and config.get("control"):
        control = control | catalog.expand(config.get("control"))
    return base._replace(
        locations=base.locations | catalog.expand(config.get("locations") or []),
        control=control,
        levels=_levels(config.get("rules") or {}),
        per_path=tuple((glob, _levels(rules)) for glob, rules in (config.get("per_path") or {}).items()),
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


def _levels(settings: dict[str, Any]) -> dict[str, Level | None]:
    """Rule id -> level, None for off, from `rules:` or one glob of `per_path:`."""
    levels: dict[str, Level | None] = {}
    for rule_id, setting in settings.items():
        level = setting["level"] if isinstance(setting, dict) else setting
        levels[rule_id] = None if level == "off" else Level.parse(level)
    return levels


def _validate(data: dict[str, Any], display: str, lines: dict[str, int]) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = min(errors, key=lambda e: len(e.absolute_path))
        path = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))[0]
            where = _where(display, lines, f"{path}.{unknown}" if path else unknown, parent=path)
            raise SovlintError(f"{where}unknown key '{unknown}'")
        raise SovlintError(_where(display, lines, path) + _explain(error))
    for key, value in (data.get("limits") or {}).items():
        if isinstance(value, float) and not math.isfinite(value):  # NaN would switch the limit off
            raise SovlintError(f"{_where(display, lines, f'limits.{key}')}{value} is not a finite number")
    _validate_countries(data, display, lines)
    _validate_rules("rules", data.get("rules") or {}, display, lines)
    for glob, settings in (data.get("per_path") or {}).items():
        _validate_rules(f"per_path.{glob}", settings, display, lines)
    if data.get("profile") and data["profile"] not in profiles.names():
        names = ", ".join(profiles.names())
        where = _where(display, lines, "profile")
        raise SovlintError(f"{where}unknown profile '{data['profile']}' (choose from {names})")


def _validate_countries(data: dict[str, Any], display: str, lines: dict[str, int]) -> None:
    """A typo in a country or group would allow nothing, silently: it is an error."""
    catalog = catalog_mod.load()
    places = [(f"{key}.{i}", name) for key in ("locations", "control") for i, name in enumerate(data.get(key) or [])]
    for i, endpoint in enumerate(data.get("endpoints") or []):
        places += [
            (f"endpoints.{i}.{key}", endpoint[key]) for key in ("country", "operator_country") if key in endpoint
        ]
    for path, name in places:
        if name not in catalog.groups and name not in catalog.country_names:
            groups = ", ".join(sorted(catalog.groups))
            raise SovlintError(f"{_where(display, lines, path)}unknown country or group '{name}' (groups: {groups})")


def _validate_rules(prefix: str, settings: dict[str, Any], display: str, lines: dict[str, int]) -> None:
    from sovlint.rules import PARSE_ERROR  # can be lowered, never turned off; the rules load only here

    known = set(catalog_mod.load().rules)
    for rule_id, setting in settings.items():
        where = _where(display, lines, f"{prefix}.{rule_id}")
        if rule_id not in known:
            raise SovlintError(f"{where}unknown rule (known: {', '.join(sorted(known))})")
        level = setting["level"] if isinstance(setting, dict) else setting
        if rule_id == PARSE_ERROR and level == "off":
            raise SovlintError(
                f"{where}cannot be turned off: a file that cannot be read or parsed was not checked "
                "(a lower level is allowed)"
            )


def _where(display: str, lines: dict[str, int], path: str, parent: str | None = None) -> str:
    """'file:line: key.path: ' for a message; `parent`: the key path to name instead of `path`."""
    line = lines.get(path) or lines.get(path.rsplit(".", 1)[0])
    shown = path if parent is None else parent
    return f"{display}{f':{line}' if line else ''}: {shown + ': ' if shown else ''}"


def _explain(error: Any) -> str:
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

# A shared (organisation) configuration read first; this file overrides it.
# extends: ../platform/sovlint-org.yaml

# Per-rule level: error, warning, note or off (SOV000, a file that cannot be parsed, is never off).
rules:
  SOV102: warning
  # SOV301: off

# Rule levels for some paths only (globs, as exclude).
# per_path:
#   "examples/**": {SOV101: off, SOV201: note}

# sovlint:ignore comments still show but suppress nothing (for CI gates).
# disable_suppressions: true

# Paths to leave out: globs on paths from this file's folder (`*` stays in a directory, `**` crosses them).
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

# Per-file limits (a file over one is skipped with a SOV000 finding) and the evaluation budget per root module.
# limits: {max_file_mb: 20, max_hcl_mb: 2, max_line_kb: 512, timeout_s: 30,
#          module_instances: 4096, eval_steps: 500000, value_size: 1000000}

# Files, taken from this file's folder: the accepted findings (sovlint baseline create writes them) and
# reports written beside stdout's (only inside the repository).
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
