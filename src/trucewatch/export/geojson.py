"""Strikes with their verdicts as an RFC 7946 GeoJSON FeatureCollection: points or per oblast."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from trucewatch.errors import ArgumentError
from trucewatch.export.frames import (
    VerdictSummary,
    is_breach,
    located,
    oblast_of,
    utc,
    verdicts_by_strike,
)
from trucewatch.model import Strike, Verdict

__all__ = [
    "GeoJSON",
    "oblasts_collection",
    "points_collection",
    "strike_properties",
    "write_geojson",
]

GeoJSON = dict[str, Any]
_DIGITS = 6  # ~0.1 m; RFC 7946 section 11.2 advises not to write more precision than needed


def write_geojson(
    strikes: Iterable[Strike],
    verdicts: Iterable[Verdict],
    path: Path,
    *,
    mode: Literal["points", "oblasts"] = "points",
) -> int:
    """Write a FeatureCollection (a feature per located strike, or per oblast); features written."""
    index = verdicts_by_strike(verdicts)
    if mode == "points":
        collection = points_collection(strikes, index)
    elif mode == "oblasts":
        collection = oblasts_collection(strikes, index)
    else:
        raise ArgumentError(f"mode must be 'points' or 'oblasts', not {mode!r}", code="E109")
    with path.open("w", encoding="utf-8") as fh:
        json.dump(collection, fh, ensure_ascii=False)
    return len(collection["features"])


def _position(lon: float, lat: float) -> list[float]:
    """An RFC 7946 position: longitude first."""
    return [round(lon, _DIGITS), round(lat, _DIGITS)]


def strike_properties(strike: Strike, summary: VerdictSummary) -> dict[str, Any]:
    """The properties of one strike's feature, verdicts included."""
    return {
        "id": strike.id,
        "attacker": strike.attacker,
        "start": utc(strike.start).isoformat(),
        "end": utc(strike.end).isoformat(),
        "time_precision": strike.time_precision.value,
        "geo_precision": strike.geo_precision.value,
        "weapons": list(strike.weapons),
        "drones": None if strike.drones is None else str(strike.drones),
        "missiles": None if strike.missiles is None else str(strike.missiles),
        "places": [p.name for p in strike.places],
        "place_names": list(strike.place_names),
        "targets": list(strike.targets),
        "killed": strike.killed,
        "injured": strike.injured,
        "credibility": strike.credibility.value,
        "reports": list(strike.reports),
        "breach": is_breach(summary),
        "verdicts": summary,
    }


def points_collection(strikes: Iterable[Strike], index: dict[str, VerdictSummary]) -> GeoJSON:
    """A Point (or MultiPoint) feature per strike with coordinates; others are left out."""
    features: list[GeoJSON] = []
    for strike in strikes:
        points = located(strike)
        if not points:
            continue
        positions = [
            _position(p.lon, p.lat) for p in points if p.lon is not None and p.lat is not None
        ]
        geometry: GeoJSON = (
            {"type": "Point", "coordinates": positions[0]}
            if len(positions) == 1
            else {"type": "MultiPoint", "coordinates": positions}
        )
        features.append(
            {
                "type": "Feature",
                "id": strike.id,
                "geometry": geometry,
                "properties": strike_properties(strike, index.get(strike.id, [])),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def oblasts_collection(strikes: Iterable[Strike], index: dict[str, VerdictSummary]) -> GeoJSON:
    """A feature per oblast: strike, breach and verdict counts at the mean of its strike points."""
    members: defaultdict[str, list[Strike]] = defaultdict(list)
    for strike in strikes:
        for oblast in dict.fromkeys(o for p in strike.places if (o := oblast_of(p))):
            members[oblast].append(strike)
    features: list[GeoJSON] = []
    for oblast in sorted(members):
        group = members[oblast]
        points = [p for s in group for p in located(s) if oblast_of(p) == oblast]
        geometry: GeoJSON | None = None
        if points:
            lon = sum(p.lon or 0.0 for p in points) / len(points)
            lat = sum(p.lat or 0.0 for p in points) / len(points)
            geometry = {"type": "Point", "coordinates": _position(lon, lat)}
        verdicts = Counter(v["verdict"] for s in group for v in index.get(s.id, []))
        features.append(
            {
                "type": "Feature",
                "id": oblast,
                "geometry": geometry,
                "properties": {
                    "oblast": oblast,
                    "strikes": len(group),
                    "breaches": sum(1 for s in group if is_breach(index.get(s.id, []))),
                    "by_attacker": dict(Counter(s.attacker or "unknown" for s in group)),
                    "verdicts": dict(verdicts),
                    "strike_ids": [s.id for s in group],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
