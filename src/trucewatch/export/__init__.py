"""Writers for strikes and verdicts: CSV, Parquet, GeoJSON, ACLED-shaped CSV, polars frames."""

from __future__ import annotations

from trucewatch.export.acled import write_acled_csv
from trucewatch.export.frames import (
    read_strikes_csv,
    strikes_frame,
    verdicts_frame,
    write_csv,
    write_parquet,
)
from trucewatch.export.geojson import write_geojson

__all__ = [
    "read_strikes_csv",
    "strikes_frame",
    "verdicts_frame",
    "write_acled_csv",
    "write_csv",
    "write_geojson",
    "write_parquet",
]
