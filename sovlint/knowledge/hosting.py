"""SaaS platforms run on someone else's cloud (`policies/hosting.yaml`): which cloud, and which of its regions.

A platform's resource names its hosting cloud and region in arguments (Atlas `provider_name` and
`region_name`, Aiven `cloud_name = "google-europe-west1"`). These look-ups turn what was written into the
hosting cloud's provider and its own region code, so that the cloud's region table places the data and
the cloud's operator is the second layer of control.
"""

import fnmatch
import re
from typing import Any, NamedTuple


class Spot(NamedTuple):
    """Where one resource type writes its location: the blocks that hold one each, and the arguments in them."""

    types: tuple[str, ...]
    region: str  # dotted argument inside each block
    each: str = ""  # dotted path to the nested blocks naming one location each; '' the resource itself
    cloud: tuple[str, ...] = ()  # arguments naming the cloud, in order
    cloud_is: str = ""  # the cloud implied by the region argument
    pattern: re.Pattern[str] | None = None  # groups 'region' and optionally 'cloud'


class Platform(NamedTuple):
    source: str  # the SaaS provider's registry source
    clouds: tuple[tuple[str, str], ...]  # value naming a cloud (lower case) -> its provider source
    spots: tuple[Spot, ...]
    default_cloud: str = ""
    dashed: bool = False  # codes are the cloud's in upper case with '_' for '-'
    names: tuple[tuple[str, str, str], ...] = ()  # (cloud key, platform's name, cloud's code), lower case
    compact: tuple[str, ...] = ()  # clouds whose codes the platform writes with '-' the cloud's codes lack


class Hosted(NamedTuple):
    """What a written cloud and region mean: the hosting cloud's provider and its region code, or why not."""

    host: str = ""  # provider source of the hosting cloud
    code: str = ""  # the hosting cloud's own region code
    problem: str = ""  # why the cloud could not be told


def platforms(data: dict[str, Any] | None) -> dict[str, Platform]:
    """The platforms of `policies/hosting.yaml`, by the SaaS provider's registry source."""
    out = {}
    for source, entry in ((data or {}).get("platforms") or {}).items():
        spots = tuple(
            Spot(
                tuple(s["types"]),
                s["region"],
                s.get("each", ""),
                tuple(s.get("cloud", ())),
                s.get("cloud_is", "").lower(),
                re.compile(s["pattern"]) if s.get("pattern") else None,
            )
            for s in entry["resources"]
        )
        names = tuple(
            (cloud.lower(), name.lower(), code)
            for cloud, table in sorted((entry.get("names") or {}).items())
            for name, code in sorted(table.items())
        )
        out[source] = Platform(
            source,
            tuple(sorted((k.lower(), v) for k, v in entry["clouds"].items())),
            spots,
            entry.get("default_cloud", "").lower(),
            entry.get("codes") == "upper_underscore",
            names,
            tuple(c.lower() for c in entry.get("compact") or ()),
        )
    return out


def spots_for(platform: Platform, rtype: str) -> tuple[Spot, ...]:
    """The places a resource type of the platform writes its location, in order."""
    return tuple(s for s in platform.spots if any(fnmatch.fnmatchcase(rtype, glob) for glob in s.types))


def hosted(platform: Platform, spot: Spot, cloud: str | None, region: str) -> Hosted:
    """The hosting cloud and its region code for a written cloud value (None: no argument names one) and region."""
    code, named = region, ""
    if spot.pattern is not None:
        found = spot.pattern.match(region)
        if found is None:
            return Hosted(problem=f"'{region}' is not a region of the form {platform.source} documents")
        groups = found.groupdict()
        code, named = groups.get("region") or "", groups.get("cloud") or ""
    key = (spot.cloud_is or (cloud or "") or named or platform.default_cloud).lower()
    clouds = dict(platform.clouds)
    if key not in clouds:
        known = ", ".join(k.upper() if platform.dashed else k for k in clouds)
        what = f"'{cloud or named}' is not" if (cloud or named) else "nothing names"
        return Hosted(problem=f"{what} a cloud it runs on ({known})")
    mapped = next((c for k, n, c in platform.names if k == key and n == code.lower()), "")
    if not mapped:
        mapped = code.lower().replace("_", "-") if platform.dashed else code
        mapped = mapped.replace("-", "") if key in platform.compact else mapped
    return Hosted(clouds[key], mapped)
