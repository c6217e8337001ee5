"""Oblast (ADM1) boundaries of Ukraine from geoBoundaries: download, cache, read.

The geoBoundaries API answers ``/api/current/gbOpen/UKR/ADM1/`` with JSON metadata whose
``simplifiedGeometryGeoJSON`` is the address of the simplified GeoJSON; both are cached with
``trucewatch.ingest.fetch.download`` (ETag / Last-Modified aware). Features carry ``shapeISO``
(ISO 3166-2, e.g. ``UA-65``), the key the brief's map joins on. Attribution: geoBoundaries
(Runfola et al. 2020, PLOS ONE, doi:10.1371/journal.pone.0231866), CC BY 4.0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trucewatch.errors import FetchError, InputError

__all__ = [
    "API_URL",
    "ATTRIBUTION",
    "DATA_COPY",
    "FILENAME",
    "META_FILENAME",
    "Ring",
    "Shape",
    "boundaries_dir",
    "fetch_boundaries",
    "find_boundaries",
    "load_boundaries",
]

API_URL = "https://www.geoboundaries.org/api/current/gbOpen/UKR/ADM1/"
FILENAME = "geoBoundaries-UKR-ADM1_simplified.geojson"
META_FILENAME = "geoBoundaries-UKR-ADM1.json"
#: Where the file sits in a data directory (see :mod:`trucewatch.settings`).
DATA_COPY = Path("ukraine_adm1_boundaries") / FILENAME
ATTRIBUTION = "Boundaries: geoBoundaries (gbOpen UKR ADM1), CC BY 4.0"

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    """One first-level unit: ISO code, name, and polygons as lists of rings (outer first)."""

    iso: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]

    def centroid(self) -> tuple[float, float]:
        """A label point: the vertex mean of the largest outer ring."""
        ring = max((p[0] for p in self.polygons), key=len)
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)


def boundaries_dir() -> Path:
    """Where downloaded boundaries are cached: ``<trucewatch cache>/boundaries``."""
    from trucewatch.settings import cache_dir

    return cache_dir() / "boundaries"


def fetch_boundaries(directory: Path | None = None, api_url: str = API_URL) -> Path:
    """Download (or re-use the cached) simplified ADM1 GeoJSON; returns its path."""
    from trucewatch.ingest.fetch import download

    folder = directory or boundaries_dir()
    meta_path = download(api_url, folder, META_FILENAME)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        url = meta["simplifiedGeometryGeoJSON"]
        if not isinstance(url, str) or not url.startswith("http"):
            raise TypeError(f"not an address: {url!r}")
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchError(
            f"{api_url}: unexpected answer, no simplifiedGeometryGeoJSON address ({exc})",
            code="E404",
        ) from exc
    path = download(url, folder, FILENAME)
    load_boundaries(path)  # fail now, not in the brief, if the file is not usable
    return path


def find_boundaries(explicit: Path | None = None, data: Path | None = None) -> Path | None:
    """The given file, else the cached download, else the copy in ``data``, else None.

    ``data`` defaults to :func:`trucewatch.settings.data_dir`.
    """
    from trucewatch.settings import data_dir

    if explicit is not None:
        if not explicit.is_file():
            raise InputError(
                f"--boundaries {explicit}: no such file; run `trucewatch fetch boundaries` or "
                "give the geoBoundaries ADM1 GeoJSON",
                code="E160",
            )
        return explicit
    for candidate in (boundaries_dir() / FILENAME, (data or data_dir()) / DATA_COPY):
        if candidate.is_file():
            return candidate
    return None


def _rings(coords: Any) -> tuple[Ring, ...]:
    return tuple([(float(x), float(y)) for x, y, *_ in ring] for ring in coords)


def load_boundaries(path: Path) -> list[Shape]:
    """Read a geoBoundaries ADM1 GeoJSON into shapes keyed by ``shapeISO``."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        shapes = []
        for n, feature in enumerate(doc["features"]):
            props, geom = feature["properties"], feature["geometry"]
            iso = props.get("shapeISO")
            if not iso:
                raise KeyError(f"feature {n} has no shapeISO")
            if geom["type"] == "Polygon":
                polygons: tuple[tuple[Ring, ...], ...] = (_rings(geom["coordinates"]),)
            elif geom["type"] == "MultiPolygon":
                polygons = tuple(_rings(p) for p in geom["coordinates"])
            else:
                raise TypeError(f"feature {n}: geometry {geom['type']} is not a polygon")
            shapes.append(Shape(str(iso), str(props.get("shapeName") or iso), polygons))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"{path}: not a geoBoundaries ADM1 GeoJSON ({type(exc).__name__}: {exc})", code="E161"
        ) from exc
    if not shapes:
        raise InputError(f"{path}: the GeoJSON has no features", code="E161")
    return shapes
