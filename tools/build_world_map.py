"""Build sovlint/data/world.json: country outlines as SVG paths, for the HTML report's maps.

    npm pack world-atlas@2.0.2 world-countries@5.1.0   # then unpack both
    python tools/build_world_map.py world-atlas/countries-110m.json world-countries/countries.json

The outlines are Natural Earth's 1:110m countries (public domain), as TopoJSON from the world-atlas
package; world-countries only maps ISO 3166-1 numeric codes to alpha-2 at build time. Equirectangular
projection, 2 units per degree, latitudes 84°N to 58°S.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCALE = 2.0
TOP, BOTTOM = 84.0, -58.0


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    out = []
    for r in rings:
        coords = [
            (round((lon + 180) * SCALE, 1), round((TOP - max(min(lat, TOP), BOTTOM)) * SCALE, 1)) for lon, lat in r
        ]
        deduped = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
        if len(deduped) > 2:
            # a ring that crosses the antimeridian would draw a line across the map: lift the pen there
            steps = [
                ("M" if i == 0 or abs(x - deduped[i - 1][0]) > 180 * SCALE else "L") + f"{x:g},{y:g}"
                for i, (x, y) in enumerate(deduped)
            ]
            out.append("".join(steps) + "Z")
    return "".join(out)


def main(atlas: str, countries: str) -> None:
    topology = json.loads(Path(atlas).read_text())
    numeric = {c["ccn3"]: c["cca2"] for c in json.loads(Path(countries).read_text()) if c.get("ccn3")}
    arcs = decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = numeric.get(str(geometry.get("id", "")).zfill(3))
        if not code or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[code] = shapes.get(code, "") + path([ring(r, arcs) for polygon in polygons for r in polygon])
    document = {
        "attribution": "Country outlines: Natural Earth 1:110m (public domain), via world-atlas 2.0.2 "
        "(Copyright 2013-2019 Michael Bostock, ISC licence)",
        "width": 360 * SCALE,
        "height": (TOP - BOTTOM) * SCALE,
        "scale": SCALE,
        "top": TOP,
        "countries": dict(sorted(shapes.items())),
    }
    out = Path(__file__).resolve().parent.parent / "sovlint" / "data" / "world.json"
    out.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print(f"{out}: {len(shapes)} countries, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(*sys.argv[1:3])
