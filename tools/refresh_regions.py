"""Compare sovlint's region tables with the clouds' own machine-readable region lists.

    python tools/refresh_regions.py                    # every list, from the pinned copies in tests/upstream/
    python tools/refresh_regions.py aws --from botocore-1.45.0-py3-none-any.whl
    python tools/refresh_regions.py aws --installed    # from the botocore installed in this Python
    python tools/refresh_regions.py azure --from terraform-azurerm-avm-utl-regions/modules/cached-data/locations.tf.json
    python tools/refresh_regions.py oci --from oci-2.190.0-py3-none-any.whl
    python tools/refresh_regions.py google --from gcping/tools/terraform/regions.json
    python tools/refresh_regions.py aws --from botocore-….whl --pin   # also rewrite the pinned copy

Upstream lists (get them with `pip download --no-deps botocore oci`, a clone of the Azure Verified
Modules regions utility, github.com/Azure/terraform-azurerm-avm-utl-regions, and a clone of Google's
latency tool, github.com/GoogleCloudPlatform/gcping):

- aws: botocore's `data/partitions.json`, every partition's Region codes and descriptions;
- azure: `az account list-locations` as cached by the AVM regions module (physical regions);
- oci: the OCI SDK's `regions_definitions.py` (`REGION_REALMS`: region identifier -> realm);
- google: gcping's `tools/terraform/regions.json` (region -> place name; the regions gcping deploys to,
  which Google adds each new region to), or any JSON object keyed by region whose values are a name or
  an object with a `name` (GoogleCloudPlatform/region-picker's `data/regions.json`).

It prints, per table, the regions upstream lists that `policies/regions/` does not know (to be added with
a source, or marked `uncertain` with the reason) and those it knows that upstream no longer lists. The
exit status is 1 when a listed region is missing. Downloaded files are read as data, never imported.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "tests" / "upstream"
REGION_CODE = re.compile(r"^[a-z]{2,6}(?:-[a-z]+)+-\d+$|^[a-z]+\d?$")  # a region, not a zone
GOOGLE_REGION = re.compile(r"^[a-z]+-[a-z]+\d+$")  # europe-west1: not a zone, a multi-region or another key


def _read(path: Path, member: str) -> bytes:
    """A file's bytes, or a member's of a wheel (`botocore/data/partitions.json` inside the .whl)."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(member)
    return path.read_bytes()


def aws(path: Path | None) -> dict[str, str]:
    """Region code -> 'partition: description', from botocore's partitions.json (installed, a wheel or a file)."""
    if path is None:
        import importlib.util

        spec = importlib.util.find_spec("botocore")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("botocore is not installed: pip download --no-deps botocore, then --from the wheel")
        path = Path(list(spec.submodule_search_locations)[0]) / "data" / "partitions.json"
    data = json.loads(_read(path, "botocore/data/partitions.json"))
    return {
        code: f"{part['id']}: {region.get('description', '')}"
        for part in data["partitions"]
        for code, region in part["regions"].items()
        if not code.endswith("-global")  # a partition's global endpoint, not a place
    }


def azure(path: Path | None) -> dict[str, str]:
    """Location name -> 'geography: display name' of the physical Azure regions in list-locations output."""
    if path is None:
        raise SystemExit("azure needs --from locations.tf.json (or the JSON of az account list-locations)")
    data: Any = json.loads(_read(path, ""))
    if isinstance(data, dict):
        data = data["locals"]["locations_cached"]["value"]
    return {
        entry["name"]: f"{entry['metadata'].get('geography', '')}: {entry['displayName']}"
        for entry in data
        if entry.get("metadata", {}).get("regionType") == "Physical"
    }


def oci(path: Path | None) -> dict[str, str]:
    """Region identifier -> realm, from the OCI SDK's regions_definitions.py, parsed (never imported)."""
    if path is None:
        import importlib.util

        spec = importlib.util.find_spec("oci")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("oci is not installed: pip download --no-deps oci, then --from the wheel")
        path = Path(list(spec.submodule_search_locations)[0]) / "regions_definitions.py"
    tree = ast.parse(_read(path, "oci/regions_definitions.py"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "REGION_REALMS" for t in node.targets):
            realms: dict[str, str] = ast.literal_eval(node.value)
            return {code: f"realm {realm}" for code, realm in realms.items()}
    raise SystemExit(f"{path}: no REGION_REALMS found")


def google(path: Path | None) -> dict[str, str]:
    """Region -> place name, from a JSON object keyed by Google Cloud region (gcping's regions.json)."""
    if path is None:
        raise SystemExit("google needs --from regions.json (github.com/GoogleCloudPlatform/gcping, tools/terraform/)")
    data: Any = json.loads(_read(path, ""))
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a JSON object keyed by region")
    return {
        str(code): str(value.get("name", "") if isinstance(value, dict) else value)
        for code, value in data.items()
        if GOOGLE_REGION.match(str(code))
    }


# cloud -> (reader, region table, the shape of a region code in that table for --gone)
SOURCES: dict[str, tuple[Callable[[Path | None], dict[str, str]], str, re.Pattern[str]]] = {
    "aws": (aws, "aws", REGION_CODE),
    "azure": (azure, "azure", REGION_CODE),
    "oci": (oci, "oci", REGION_CODE),
    "google": (google, "google", GOOGLE_REGION),
}


def _norm(codes: Any) -> set[str]:
    return {str(c).replace(" ", "").lower() for c in codes or ()}


def compare(table: str, upstream: dict[str, str], shape: re.Pattern[str] = REGION_CODE) -> tuple[list[str], list[str]]:
    """(upstream codes the table knows neither as a region, a name nor `uncertain`; its regions upstream lacks)."""
    import yaml

    data = yaml.safe_load((ROOT / "policies" / "regions" / f"{table}.yaml").read_text(encoding="utf-8"))
    regions, names = _norm(data.get("regions")), _norm(data.get("names"))
    uncertain = [re.compile(u["pattern"]) for u in data.get("uncertain") or []]
    missing = sorted(
        c for c in upstream if c.lower() not in regions | names and not any(p.fullmatch(c) for p in uncertain)
    )
    listed = {c.lower() for c in upstream}
    gone = sorted(c for c in regions if shape.match(c) and c not in listed)
    return missing, gone


def pinned(name: str) -> dict[str, str]:
    found: dict[str, str] = json.loads((PINNED / f"{name}-regions.json").read_text(encoding="utf-8"))["regions"]
    return found


def pin(name: str, upstream: dict[str, str], origin: str) -> None:
    document = {"origin": origin, "regions": dict(sorted(upstream.items()))}
    (PINNED / f"{name}-regions.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("clouds", nargs="*", metavar="CLOUD", help=f"one of {', '.join(SOURCES)} (default: all)")
    parser.add_argument("--from", dest="source", type=Path, help="the upstream file (a wheel, a JSON or .py file)")
    parser.add_argument("--installed", action="store_true", help="read the package installed in this Python")
    parser.add_argument("--pin", action="store_true", help="rewrite the pinned copy in tests/upstream/ from --from")
    parser.add_argument("--gone", action="store_true", help="also list known codes that upstream no longer lists")
    args = parser.parse_args(argv)
    clouds = args.clouds or list(SOURCES)
    if unknown := [c for c in clouds if c not in SOURCES]:
        parser.error(f"unknown cloud {', '.join(unknown)} (choose from {', '.join(SOURCES)})")
    if (args.source or args.pin) and len(clouds) != 1:
        parser.error("--from and --pin read one cloud's list: name the cloud")
    status = 0
    for name in clouds:
        read, table, shape = SOURCES[name]
        upstream = read(args.source) if args.source or args.installed else pinned(name)
        if args.pin:
            pin(name, upstream, args.source.name if args.source else "the package installed in this Python")
        missing, gone = compare(table, upstream, shape)
        print(f"{name}: {len(upstream)} regions upstream, {len(missing)} missing from policies/regions/{table}.yaml")
        for code in missing:
            print(f"  missing  {code}  ({upstream[code]})")
        if args.gone:
            for code in gone:
                print(f"  not upstream  {code}")
        status |= 1 if missing else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
