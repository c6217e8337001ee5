"""A schematic oblast layer built from our own gazetteer, so the map works offline.

Not boundaries: a grid of hexagonal tiles (about 22 km across) over Ukraine, keeping each tile
whose centre lies within ``REACH_KM`` of a Ukrainian settlement the gazetteer knows, and giving
it to the oblast of the nearest one. The country's outline and the oblasts' extents come out
roughly right; their borders do not, and the map says so. Real boundaries (geoBoundaries ADM1)
replace it whenever ``trucewatch fetch boundaries`` has cached them.

Rebuild the bundled file (deterministic; run after the gazetteer changes)::

    python -m trucewatch.web.schematic
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

from trucewatch.report.boundaries import Shape

__all__ = ["BBOX", "FILE", "NOTE", "REACH_KM", "TILE_KM", "build", "load", "main"]

FILE = "schematic_adm1.json"
NOTE = (
    "Schematic layer: hexagonal tiles from trucewatch's own gazetteer (each tile belongs to "
    "the oblast of its nearest known settlement). Oblast borders here are approximate; run "
    "`trucewatch fetch boundaries` for the geoBoundaries ADM1 layer."
)
BBOX = (22.0, 44.3, 40.3, 52.4)  # lon0, lat0, lon1, lat1
TILE_KM = 22.0
REACH_KM = 38.0
_KM_PER_DEG = 111.32


def _settlements() -> list[tuple[float, float, str, str]]:
    """(lon, lat, iso, oblast name) of every Ukrainian settlement with coordinates."""
    from trucewatch.geo import default_gazetteer

    gz = default_gazetteer()
    names = {o.gazetteer_id: o.name for o in gz.oblasts() if o.gazetteer_id}
    seen: dict[str, tuple[float, float, str, str]] = {}
    for _, place in gz.names():
        if place.kind != "settlement" or place.lat is None or place.lon is None:
            continue
        iso = gz.iso_for_oblast(place.oblast or "")
        if iso is None or not iso.startswith("UA-") or iso not in names:
            continue
        seen.setdefault(place.gazetteer_id or place.name, (place.lon, place.lat, iso, names[iso]))
    return sorted(seen.values())


def build() -> dict[str, Any]:
    """The layer as a GeoJSON FeatureCollection (one MultiPolygon of tiles per oblast)."""
    points = _settlements()
    lon0, lat0, lon1, lat1 = BBOX
    k = math.cos(math.radians((lat0 + lat1) / 2))
    r_lat = TILE_KM / 2 / _KM_PER_DEG  # hexagon "radius" in degrees of latitude
    r_lon = r_lat / k
    dx, dy = math.sqrt(3) * r_lon, 1.5 * r_lat
    tiles: dict[str, list[list[list[float]]]] = {}
    names: dict[str, str] = {}
    sums: dict[str, list[float]] = {}
    row = 0
    y = lat0
    while y <= lat1:
        x = lon0 + (dx / 2 if row % 2 else 0.0)
        while x <= lon1:
            best = None
            for px, py, iso, name in points:
                d = math.hypot((px - x) * k, py - y) * _KM_PER_DEG
                if best is None or d < best[0]:
                    best = (d, iso, name)
            if best is not None and best[0] <= REACH_KM:
                ring = [
                    [
                        round(x + r_lon * math.cos(math.radians(60 * i + 30)), 4),
                        round(y + r_lat * math.sin(math.radians(60 * i + 30)), 4),
                    ]
                    for i in range(6)
                ]
                ring.append(ring[0])
                tiles.setdefault(best[1], []).append(ring)
                names[best[1]] = best[2]
                acc = sums.setdefault(best[1], [0.0, 0.0, 0.0])
                acc[0] += x
                acc[1] += y
                acc[2] += 1
            x += dx
        y += dy
        row += 1
    features = [
        {
            "type": "Feature",
            "properties": {
                "shapeISO": iso,
                "shapeName": names[iso],
                "label": [
                    round(sums[iso][0] / sums[iso][2], 4),
                    round(sums[iso][1] / sums[iso][2], 4),
                ],
            },
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in tiles[iso]]},
        }
        for iso in sorted(tiles)
    ]
    return {"type": "FeatureCollection", "note": NOTE, "features": features}


def load() -> tuple[tuple[Shape, ...], dict[str, tuple[float, float]]]:
    """The bundled layer's shapes and a label point for each (the mean of its tiles)."""
    text = (resources.files("trucewatch.web") / "static" / FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    shapes: list[Shape] = []
    labels: dict[str, tuple[float, float]] = {}
    for feature in data["features"]:
        props = feature["properties"]
        polygons = tuple(
            tuple([(float(a), float(b)) for a, b in ring] for ring in polygon)
            for polygon in feature["geometry"]["coordinates"]
        )
        shapes.append(Shape(props["shapeISO"], props["shapeName"], polygons))
        labels[props["shapeISO"]] = (float(props["label"][0]), float(props["label"][1]))
    return tuple(shapes), labels


def main() -> None:
    target = Path(__file__).parent / "static" / FILE
    target.write_text(json.dumps(build(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
