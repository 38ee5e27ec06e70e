"""What a configuration makes weaker than the default gate, each change with the file and line that made it.

A gate on pull requests reads configuration the pull request can change, so every run names the
files it used and these changes (on stderr, in the console summary, in JSON and in SARIF): another
profile, rules off or lowered (also per path), paths excluded or an include list, extra allowed
locations or control, providers accepted whoever controls them, endpoints and mirrors declared, a
baseline and `fail_on: never`. Settings given on the command line win and are not reported.
"""

from collections.abc import Collection
from typing import Any, NamedTuple

from sovlint.config import Config
from sovlint.knowledge import catalog, profiles
from sovlint.limits import Limits
from sovlint.model import Level


class Weakening(NamedTuple):
    file: str  # the configuration file, or the command-line option ('--baseline')
    line: int  # 0 when unknown
    setting: str  # key path: 'rules.SOV201', 'exclude'
    change: str  # 'SOV201 off'

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "setting": self.setting, "change": self.change}


def of(config: Config, overridden: Collection[str] = ()) -> list[Weakening]:
    """The weakenings of `config`; `overridden`: keys set on the command line."""
    data = config.data
    found: list[tuple[str, str]] = []  # (setting, change)
    if "profile" not in overridden and data.get("profile") not in (None, profiles.DEFAULT):
        found.append(("profile", f"profile {data['profile']} instead of {profiles.DEFAULT}"))
    found += _levels("rules", data.get("rules") or {}, "")
    for glob, settings in (data.get("per_path") or {}).items():
        found += _levels(f"per_path.{glob}", settings, f" in {glob}")
    lists = (
        ("exclude", "excludes paths"),
        ("include", "scans only"),
        ("locations", "also allows locations"),
        ("control", "also allows control from"),
        ("providers", "accepts providers whoever controls them"),
    )
    found += [(key, f"{text}: {', '.join(map(str, data[key]))}") for key, text in lists if data.get(key)]
    for i, endpoint in enumerate(data.get("endpoints") or []):
        hosts = ", ".join(endpoint["hosts"])
        operator = endpoint.get("operator_country")
        run_by = f", run from {operator}" if operator and operator != endpoint["country"] else ""
        found.append((f"endpoints.{i}", f"declares an endpoint of its own: {hosts} in {endpoint['country']}{run_by}"))
    for host, mirror in ((data.get("registries") or {}).get("mirrors") or {}).items():
        found.append((f"registries.mirrors.{host}", f"takes {host} images as pulled from {mirror}"))
    if "fail_on" not in overridden and data.get("fail_on") == "never":
        found.append(("fail_on", "fail_on never: no finding fails the run"))
    defaults = Limits()
    for name, value in sorted((data.get("limits") or {}).items()):
        default = getattr(defaults, name, None)
        if isinstance(value, (int, float)) and isinstance(default, (int, float)) and value > default:
            found.append((f"limits.{name}", f"raises the {name} limit from {_number(default)} to {_number(value)}"))
    return [Weakening(*config.origin(setting), setting, change) for setting, change in found]


def summary(
    config: Config, overridden: Collection[str], baseline: str = "", accepted: int | None = None
) -> dict[str, Any] | None:
    """What reporters show: the files used and the weakenings, or None when there is nothing to say.

    `baseline` is the baseline file in use and `accepted` the number of findings it lists
    (None: no baseline is applied; 0, a baseline that is empty or not written yet, accepts nothing).
    """
    found = of(config, overridden)
    if accepted:
        file, line = ("--baseline", 0) if "baseline" in overridden else config.origin("baseline")
        plural = "s" if accepted != 1 else ""
        found.append(Weakening(file, line, "baseline", f"baseline {baseline} accepts {accepted} finding{plural}"))
    if not config.files and not found:
        return None
    files = config.files
    found.sort(key=lambda w: (files.index(w.file) if w.file in files else len(files), w.line))  # '--baseline' last
    apart = {"paths_from": "repository root"} if config.apart else {}  # a file kept outside it (--config)
    return {"files": list(config.files), **apart, "weakens": [w.as_dict() for w in found]}


APART = "outside the repository: its paths are taken from the repository root"


def lines(summary: dict[str, Any] | None) -> list[str]:
    """The stderr lines: the files read, then one line per weakening with its file and line."""
    if summary is None:
        return []
    files = summary["files"]
    extending = f", extending {', '.join(files[1:])}" if files[1:] else ""
    apart = f" ({APART})" if summary.get("paths_from") else ""
    out = [f"configuration: {files[0]}{extending}{apart}"] if files else []
    for w in summary["weakens"]:
        out.append(f"{w['file']}{':' + str(w['line']) if w['line'] else ''}: weakens the gate: {w['change']}")
    return out


def _levels(prefix: str, settings: dict[str, Any], suffix: str) -> list[tuple[str, str]]:
    rules = catalog.load().rules
    out = []
    for rule_id, setting in settings.items():
        level = setting["level"] if isinstance(setting, dict) else setting
        default = rules[rule_id].level
        if level == "off":
            out.append((f"{prefix}.{rule_id}", f"{rule_id} off{suffix}"))
        elif Level.parse(level) < default:
            out.append((f"{prefix}.{rule_id}", f"{rule_id} lowered from {default} to {level}{suffix}"))
    return out


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
