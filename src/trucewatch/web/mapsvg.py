"""The dashboard's oblast map: our own small SVG, so shapes can link, outline and carry titles.

Boundaries are the geoBoundaries ADM1 layer that ``trucewatch fetch boundaries`` caches (or the
copy beside the repository); without one, the schematic layer bundled with the package (hex
tiles from our own gazetteer, ``schematic.py``), which the page labels as such. Strikes are
counted per oblast (ISO 3166-2) through the gazetteer, as the brief's map does.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from trucewatch.geo import default_gazetteer
from trucewatch.model import Place, Pledge, Strike
from trucewatch.report.boundaries import ATTRIBUTION, Shape, find_boundaries, load_boundaries

__all__ = [
    "WIDTH",
    "Area",
    "Layer",
    "MapView",
    "boundaries",
    "build",
    "oblast_iso",
    "pledged_isos",
    "strike_counts",
]

WIDTH = 800
_SCALE = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")


@dataclass(frozen=True)
class Area:
    """One oblast as drawn: its path, fill, count, and whether a pledge names it."""

    iso: str
    name: str
    path: str
    fill: str
    count: int
    pledged: bool
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapView:
    width: int
    height: int
    areas: list[Area]
    points: list[tuple[float, float, str]]
    attribution: str
    unplaced: int
    schematic: bool = False


@dataclass(frozen=True)
class Layer:
    """Shapes to draw, their label points (None: each shape's own), and what they are."""

    shapes: tuple[Shape, ...]
    labels: dict[str, tuple[float, float]] | None
    attribution: str
    schematic: bool


@lru_cache(maxsize=2)
def _shapes(path: Path) -> tuple[Shape, ...]:
    return tuple(load_boundaries(path))


@lru_cache(maxsize=1)
def _schematic() -> Layer:
    from trucewatch.web import schematic

    shapes, labels = schematic.load()
    return Layer(shapes, labels, schematic.NOTE, True)


def boundaries() -> Layer:
    """The real ADM1 boundaries when cached, else the bundled schematic layer."""
    path = find_boundaries()
    if path is not None:
        return Layer(_shapes(path), None, ATTRIBUTION, False)
    return _schematic()


def oblast_iso(place: Place) -> str | None:
    if place.kind == "country":
        return None
    name = place.oblast or place.name
    iso = default_gazetteer().iso_for_oblast(name) if name else None
    if iso is None and place.kind == "oblast" and place.gazetteer_id:
        iso = place.gazetteer_id
    return iso


def strike_counts(strikes: Iterable[Strike]) -> tuple[Counter[str], int]:
    """Strikes per oblast ISO code, and how many strikes name no oblast at all."""
    hits: Counter[str] = Counter()
    unplaced = 0
    for s in strikes:
        isos = {iso for p in s.places if (iso := oblast_iso(p))}
        hits.update(isos)
        unplaced += not isos
    return hits, unplaced


def pledged_isos(pledges: Iterable[Pledge]) -> set[str]:
    """Oblasts named in any pledge's or reading's place scope."""
    gz = default_gazetteer()
    out: set[str] = set()
    for p in pledges:
        for scope in [p.scope, *(r.scope for r in p.readings if r.scope)]:
            for name in scope.places or ():
                iso = gz.iso_for_oblast(name)
                if iso:
                    out.add(iso)
    return out


def build(
    layer: Layer,
    strikes: Sequence[Strike],
    pledged: set[str],
    *,
    width: int = WIDTH,
) -> MapView:
    """Project (equirectangular, scaled by the cosine of the mid latitude) and shade."""
    shapes: Sequence[Shape] = layer.shapes
    hits, unplaced = strike_counts(strikes)
    xs = [x for s in shapes for poly in s.polygons for x, _ in poly[0]]
    ys = [y for s in shapes for poly in s.polygons for _, y in poly[0]]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    k = math.cos(math.radians((y0 + y1) / 2))
    scale = width / ((x1 - x0) * k)
    height = round((y1 - y0) * scale)

    def pt(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - x0) * k * scale, 1), round((y1 - lat) * scale, 1)

    peak = max(hits.values(), default=0)
    areas = []
    for shape in shapes:
        parts = []
        for polygon in shape.polygons:
            for ring in polygon:
                coords = [pt(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{a},{b}" for a, b in coords) + "Z")
        count = hits.get(shape.iso, 0)
        level = 0 if not count else min(len(_SCALE) - 1, int(4 * count / max(peak, 1)))
        label = layer.labels.get(shape.iso) if layer.labels else None
        lx, ly = pt(*(label or shape.centroid()))
        areas.append(
            Area(
                shape.iso,
                shape.name,
                "".join(parts),
                _SCALE[level] if count else "#f4f4f2",
                count,
                shape.iso in pledged,
                lx,
                ly,
            )
        )
    points = list(
        dict.fromkeys(
            (*pt(p.lon, p.lat), p.name)
            for s in strikes
            for p in s.places
            if p.kind == "settlement" and p.lat is not None and p.lon is not None
        )
    )
    areas = _clear_labels(areas, points)
    return MapView(width, height, areas, points, layer.attribution, unplaced, layer.schematic)


_OFFSETS = ((0, 0), (0, -13), (16, -4), (-16, -4), (0, 15), (0, -26), (24, 10), (-24, 10))


def _clear_labels(areas: list[Area], points: Sequence[tuple[float, float, str]]) -> list[Area]:
    """Count labels moved off strike markers and off each other (Kyiv's label sat on the
    city's marker and on Kyiv oblast's label): the first free offset of a few tried."""
    placed: list[tuple[float, float]] = []
    out = []
    for area in areas:
        if not area.count:
            out.append(area)
            continue
        x, y = area.label_x, area.label_y
        for dx, dy in _OFFSETS:
            cx, cy = x + dx, y + dy
            on_point = any(abs(px - cx) < 10 and abs(py - cy) < 9 for px, py, _ in points)
            on_label = any(abs(lx - cx) < 16 and abs(ly - cy) < 12 for lx, ly in placed)
            if not on_point and not on_label:
                x, y = cx, cy
                break
        placed.append((x, y))
        out.append(replace(area, label_x=round(x, 1), label_y=round(y, 1)))
    return out
