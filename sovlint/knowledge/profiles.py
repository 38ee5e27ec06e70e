"""Profiles are shipped data (`policies/profiles/*.yaml`): the allowed locations and control."""

from __future__ import annotations

from sovlint.errors import SovlintError
from sovlint.knowledge import catalog as catalog_mod
from sovlint.knowledge import policies
from sovlint.model import Profile

DEFAULT = "eu-strict"


def names() -> list[str]:
    files = policies.read_policies(policies.policies_dir())
    return sorted(n.removeprefix("profiles/").removesuffix(".yaml") for n in files if n.startswith("profiles/"))


def load(name: str = DEFAULT) -> Profile:
    """The shipped profile `name`; a SovlintError naming the choices if there is none."""
    if name not in names():
        raise SovlintError(f"unknown profile '{name}' (choose from {', '.join(names())})")
    data = policies.read_policies(policies.policies_dir())[f"profiles/{name}.yaml"]
    catalog = catalog_mod.load()
    control = data.get("control")
    return Profile(
        name=data["name"],
        label=data["label"],
        locations=catalog.expand(data["locations"]),
        control=None if control is None else catalog.expand(control),
        levels={},
        mirrors={},
    )
