"""Strikes and verdicts as tables: polars DataFrames, and CSV or Parquet files of them.

CSV cells cannot hold lists, and free text (notes, place names) may contain any separator, so
in CSV the list columns and the verdicts column are JSON arrays: lossless and readable.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from trucewatch.model import Place, Quantity, Strike, Verdict, VerdictKind

__all__ = [
    "CSV_DATETIME",
    "STRIKE_SCHEMA",
    "VERDICT_FIELDS",
    "VERDICT_LIST",
    "VERDICT_SCHEMA",
    "VerdictSummary",
    "is_breach",
    "located",
    "oblast_of",
    "read_strikes_csv",
    "strike_row",
    "strikes_frame",
    "strikes_with_verdicts",
    "utc",
    "verdicts_by_strike",
    "verdicts_frame",
    "write_csv",
    "write_parquet",
]

_TEXT_LIST = pl.List(pl.String)
_INSTANT = pl.Datetime("us", "UTC")

STRIKE_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "attacker": pl.String(),
    "start": _INSTANT,
    "end": _INSTANT,
    "tz": pl.String(),
    "time_precision": pl.String(),
    "drones_min": pl.Int64(),
    "drones_max": pl.Int64(),
    "missiles_min": pl.Int64(),
    "missiles_max": pl.Int64(),
    "drones_downed": pl.Int64(),
    "missiles_downed": pl.Int64(),
    "weapons": _TEXT_LIST,
    "models": _TEXT_LIST,
    "place_names": _TEXT_LIST,
    "places": _TEXT_LIST,
    "oblasts": _TEXT_LIST,
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "geo_precision": pl.String(),
    "targets": _TEXT_LIST,
    "killed": pl.Int64(),
    "injured": pl.Int64(),
    "reports": _TEXT_LIST,
    "credibility": pl.String(),
    "claimed_by": pl.String(),
    "notes": _TEXT_LIST,
}

VERDICT_SCHEMA: dict[str, pl.DataType] = {
    "pledge": pl.String(),
    "reading": pl.String(),
    "strike": pl.String(),
    "strike_start": _INSTANT,
    "strike_end": _INSTANT,
    "verdict": pl.String(),
    "rule": pl.String(),
    "why": pl.String(),
    "credibility": pl.String(),
    "reports": _TEXT_LIST,
    "time_precision": pl.String(),
    "mode": pl.String(),
    "in_force": pl.Boolean(),
    "breach_at": _INSTANT,
    "evidence_grade": pl.String(),
    "evidence_reports": pl.Int64(),
    "evidence_sources": _TEXT_LIST,
    "evidence_claimed_by": pl.String(),
}


def utc(value: datetime) -> datetime:
    """An instant in UTC (a naive one is taken to be UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def oblast_of(place: Place) -> str | None:
    """The oblast a place lies in (an oblast is its own)."""
    if place.oblast:
        return place.oblast
    return place.name if place.kind == "oblast" else None


def located(strike: Strike) -> list[Place]:
    """The strike's places that carry coordinates."""
    return [p for p in strike.places if p.lat is not None and p.lon is not None]


def _bounds(q: Quantity | None) -> tuple[int | None, int | None]:
    return (None, None) if q is None else (q.min, q.max)


def strike_row(strike: Strike) -> dict[str, Any]:
    """One strike as a flat row of STRIKE_SCHEMA."""
    first = next(iter(located(strike)), None)
    drones_min, drones_max = _bounds(strike.drones)
    missiles_min, missiles_max = _bounds(strike.missiles)
    return {
        "id": strike.id,
        "attacker": strike.attacker,
        "start": utc(strike.start),
        "end": utc(strike.end),
        "tz": strike.tz,
        "time_precision": strike.time_precision.value,
        "drones_min": drones_min,
        "drones_max": drones_max,
        "missiles_min": missiles_min,
        "missiles_max": missiles_max,
        "drones_downed": strike.drones_downed,
        "missiles_downed": strike.missiles_downed,
        "weapons": list(strike.weapons),
        "models": list(strike.models),
        "place_names": list(strike.place_names),
        "places": [p.name for p in strike.places],
        "oblasts": list(dict.fromkeys(o for p in strike.places if (o := oblast_of(p)))),
        "lat": first.lat if first else None,
        "lon": first.lon if first else None,
        "geo_precision": strike.geo_precision.value,
        "targets": list(strike.targets),
        "killed": strike.killed,
        "injured": strike.injured,
        "reports": list(strike.reports),
        "credibility": strike.credibility.value,
        "claimed_by": strike.claimed_by,
        "notes": list(strike.notes),
    }


def strikes_frame(strikes: Iterable[Strike]) -> pl.DataFrame:
    """One row per strike; quantities split into _min/_max, instants in UTC, lists kept as lists."""
    rows = [strike_row(s) for s in strikes]
    return pl.DataFrame(rows, schema=STRIKE_SCHEMA, orient="row") if rows else _empty(STRIKE_SCHEMA)


def verdicts_frame(verdicts: Iterable[Verdict]) -> pl.DataFrame:
    """One row per verdict (pledge, reading, strike), instants in UTC."""
    rows = [
        {
            "pledge": v.pledge,
            "reading": v.reading,
            "strike": v.strike,
            "strike_start": utc(v.strike_start),
            "strike_end": utc(v.strike_end),
            "verdict": v.verdict.value,
            "rule": v.rule,
            "why": v.why,
            "credibility": v.credibility.value,
            "reports": list(v.reports),
            "time_precision": v.time_precision.value,
            "mode": v.mode,
            "in_force": v.in_force,
            "breach_at": utc(v.breach_at) if v.breach_at else None,
            "evidence_grade": v.evidence.grade.value,
            "evidence_reports": v.evidence.reports,
            "evidence_sources": list(v.evidence.sources),
            "evidence_claimed_by": v.evidence.claimed_by,
        }
        for v in verdicts
    ]
    return (
        pl.DataFrame(rows, schema=VERDICT_SCHEMA, orient="row") if rows else _empty(VERDICT_SCHEMA)
    )


def _empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


VerdictSummary = list[dict[str, str]]


def verdicts_by_strike(verdicts: Iterable[Verdict]) -> dict[str, VerdictSummary]:
    """strike id -> [{pledge, reading, verdict}, ...] in input order; what-ifs (pledge not in
    force at the strike's time) are left out, so exports never count them as breaches."""
    index: defaultdict[str, VerdictSummary] = defaultdict(list)
    for v in verdicts:
        if not v.in_force:
            continue
        index[v.strike].append(
            {"pledge": v.pledge, "reading": v.reading, "verdict": v.verdict.value}
        )
    return dict(index)


def is_breach(summary: VerdictSummary) -> bool:
    """Whether any reading of any pledge finds this strike a breach."""
    return any(item["verdict"] == VerdictKind.BREACH.value for item in summary)


VERDICT_FIELDS = pl.Struct({"pledge": pl.String(), "reading": pl.String(), "verdict": pl.String()})
VERDICT_LIST = pl.List(VERDICT_FIELDS)
CSV_DATETIME = "%Y-%m-%dT%H:%M:%S%.fZ"


def _list_columns() -> list[str]:
    return [name for name, dtype in STRIKE_SCHEMA.items() if isinstance(dtype, pl.List)]


def strikes_with_verdicts(strikes: Iterable[Strike], verdicts: Iterable[Verdict]) -> pl.DataFrame:
    """The strikes frame plus ``breach`` (any reading breached) and ``verdicts`` (nested list)."""
    frame = strikes_frame(strikes)
    index = verdicts_by_strike(verdicts)
    summaries = [index.get(sid, []) for sid in frame.get_column("id").to_list()]
    return frame.with_columns(
        pl.Series("breach", [is_breach(s) for s in summaries], dtype=pl.Boolean()),
        pl.Series("verdicts", summaries, dtype=VERDICT_LIST),
    )


def write_csv(strikes: Iterable[Strike], verdicts: Iterable[Verdict], path: Path) -> int:
    """Write one CSV row per strike, lists and verdicts as JSON arrays; returns rows written."""
    frame = strikes_with_verdicts(strikes, verdicts)
    flat = frame.with_columns(
        pl.col(name)
        .list.eval(pl.element().cast(pl.String))
        .map_batches(_json_lists, return_dtype=pl.String())
        for name in _list_columns()
    ).with_columns(pl.col("verdicts").map_batches(_json_lists, return_dtype=pl.String()))
    flat.write_csv(path, datetime_format=CSV_DATETIME)
    return flat.height


def _json_lists(series: pl.Series) -> pl.Series:
    """Each list (of strings or structs) as a JSON array string."""
    return pl.Series(
        series.name,
        [json.dumps(v, ensure_ascii=False) for v in series.to_list()],
        dtype=pl.String(),
    )


def write_parquet(strikes: Iterable[Strike], verdicts: Iterable[Verdict], path: Path) -> int:
    """Write strikes to Parquet with typed columns and nested verdicts; returns rows written."""
    frame = strikes_with_verdicts(strikes, verdicts)
    frame.write_parquet(path, compression="zstd")
    return frame.height


def read_strikes_csv(path: Path) -> pl.DataFrame:
    """Read a write_csv file back with typed columns, lists and verdicts decoded."""
    frame = pl.read_csv(path, schema_overrides=_csv_schema())
    return frame.with_columns(
        *(
            pl.col(name).str.json_decode(dtype)
            for name, dtype in STRIKE_SCHEMA.items()
            if isinstance(dtype, pl.List)
        ),
        pl.col("verdicts").str.json_decode(VERDICT_LIST),
        *(
            pl.col(name).str.to_datetime(CSV_DATETIME, time_unit="us", time_zone="UTC")
            for name, dtype in STRIKE_SCHEMA.items()
            if isinstance(dtype, pl.Datetime)
        ),
    )


def _csv_schema() -> dict[str, pl.DataType]:
    """The dtypes to read a write_csv file with (lists and verdicts as JSON text)."""
    schema: dict[str, pl.DataType] = {
        name: (pl.String() if isinstance(dtype, pl.List | pl.Datetime) else dtype)
        for name, dtype in STRIKE_SCHEMA.items()
    }
    schema["breach"] = pl.Boolean()
    schema["verdicts"] = pl.String()
    return schema
