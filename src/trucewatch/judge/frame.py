"""Strikes as the columnar judge reads them: one polars frame, one row per (merged) strike.

The frame keeps what the rules and the verdicts need, losslessly: times as UTC instants with
microseconds, precision and grade as their names, the list-valued axes as lists, places as
structs. It is built from strike objects (``frame_of``), from the strikes projection's columns
(``frame_of_columns``: what the judge reads from the ledger), or from the ledger's JSON payloads
(``frame_of_payloads``), without a pydantic model per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import polars as pl

from trucewatch.model import Place, Strike

__all__ = [
    "COLUMNS",
    "INSTANT",
    "PLACE",
    "SCHEMA",
    "empty",
    "frame_of",
    "frame_of_columns",
    "frame_of_payloads",
    "ordered",
    "with_source_table",
    "with_sources",
]

INSTANT = pl.Datetime("us", "UTC")
_TEXT = pl.String()
_TEXTS = pl.List(pl.String())

PLACE = pl.Struct(
    {
        "name": _TEXT,
        "kind": _TEXT,
        "oblast": _TEXT,
        "gazetteer_id": _TEXT,
        "lat": pl.Float64(),
        "lon": pl.Float64(),
    }
)

SCHEMA: dict[str, pl.DataType] = {
    "id": _TEXT,
    "attacker": _TEXT,
    "start": INSTANT,
    "end": INSTANT,
    "start_offset": pl.Int32(),
    "end_offset": pl.Int32(),
    "tz": _TEXT,
    "time_precision": _TEXT,
    "credibility": _TEXT,
    "weapons": _TEXTS,
    "targets": _TEXTS,
    "places": pl.List(PLACE),
    "place_names": _TEXTS,
    "reports": _TEXTS,
    "sources": _TEXTS,
    "claimed_by": _TEXT,
}

# The payload fields decoded from the ledger's JSON: the frame's columns as stored, times as
# ISO text; the offsets are derived from the times and the zone, and sources are not stored
# (see model.Strike).
_PAYLOAD = pl.Struct(
    {
        name: _TEXT if dtype == INSTANT else dtype
        for name, dtype in SCHEMA.items()
        if name not in {"start_offset", "end_offset", "sources"}
    }
)


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def _place(p: Place) -> dict[str, Any]:
    return {
        "name": p.name,
        "kind": p.kind,
        "oblast": p.oblast,
        "gazetteer_id": p.gazetteer_id,
        "lat": p.lat,
        "lon": p.lon,
    }


def _offset(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


def frame_of(strikes: Iterable[Strike]) -> pl.DataFrame:
    """Strike objects as the judge's frame, in the order given."""
    rows = [
        {
            "id": s.id,
            "attacker": s.attacker,
            "start": s.start,
            "end": s.end,
            "start_offset": _offset(s.start),
            "end_offset": _offset(s.end),
            "tz": s.tz,
            "time_precision": s.time_precision.value,
            "credibility": s.credibility.value,
            "weapons": list(s.weapons),
            "targets": list(s.targets),
            "places": [_place(p) for p in s.places],
            "place_names": list(s.place_names),
            "reports": list(s.reports),
            "sources": list(s.sources),
            "claimed_by": s.claimed_by,
        }
        for s in strikes
    ]
    if not rows:
        return empty()
    return pl.DataFrame(rows, schema=SCHEMA)


def _offset_of(column: str) -> pl.Expr:
    """The UTC offset an ISO 8601 text gives, in seconds ("Z": 0)."""
    text = pl.col(column).str.extract(r"([+-]\d\d):?(\d\d)$", 0)
    sign = pl.when(text.str.starts_with("-")).then(-1).otherwise(1)
    hours = text.str.slice(1, 2).cast(pl.Int32)
    minutes = text.str.slice(-2, 2).cast(pl.Int32)
    return (sign * (hours * 3600 + minutes * 60)).fill_null(0).cast(pl.Int32)


def _instant(column: str) -> pl.Expr:
    """ISO 8601 text with an offset ("Z" or "+02:00"), any fraction of a second, as UTC."""
    return pl.col(column).str.to_datetime(
        "%Y-%m-%dT%H:%M:%S%.f%#z", time_unit="us", time_zone="UTC"
    )


# Below this many payloads one thread decodes them all (splitting costs more than it saves).
_PARALLEL_FROM = 20_000


def _decode(texts: pl.Series, dtype: pl.Struct) -> pl.Series:
    """JSON texts decoded as ``dtype`` structs, in order, a slice per polars thread.

    Decoding JSON is most of the cost of reading strikes from their payloads, and one
    ``json_decode`` runs on one core.
    """
    threads = pl.thread_pool_size()
    if threads < 2 or texts.len() < _PARALLEL_FROM:
        return texts.str.json_decode(dtype)
    size = -(-texts.len() // threads)
    parts = pl.collect_all(
        [
            texts.slice(k * size, size)
            .to_frame("p")
            .lazy()
            .select(pl.col("p").str.json_decode(dtype))
            for k in range(threads)
        ]
    )
    return pl.concat([part["p"] for part in parts])


def frame_of_payloads(payloads: pl.Series) -> pl.DataFrame:
    """Strike JSON payloads (as the ledger stores them) decoded in one vectorised pass."""
    if payloads.len() == 0:
        return empty()
    decoded = _decode(payloads, _PAYLOAD).struct.unnest()
    out = decoded.with_columns(
        _instant("start").alias("start"),
        _instant("end").alias("end"),
        _offset_of("start").alias("start_offset"),
        _offset_of("end").alias("end_offset"),
        pl.col("tz").fill_null("Europe/Kyiv"),
        pl.col("credibility").fill_null("weak"),
        *(pl.col(c).fill_null([]) for c in ("weapons", "targets", "place_names", "reports")),
        pl.col("places").fill_null([]),
        pl.lit([], dtype=_TEXTS).alias("sources"),
    )
    return out.select(list(SCHEMA)).cast(SCHEMA)  # type: ignore[arg-type]


# The strikes projection's columns the frame is read from (ledger/schema.py: strikes), in
# order, as polars reads them; the list axes come as one JSON text (ledger/projections.py).
COLUMNS: dict[str, pl.DataType] = {
    "id": _TEXT,
    "attacker": _TEXT,
    "start_us": pl.Int64(),
    "end_us": pl.Int64(),
    "start_offset": pl.Int32(),
    "end_offset": pl.Int32(),
    "tz": _TEXT,
    "time_precision": _TEXT,
    "credibility": _TEXT,
    "claimed_by": _TEXT,
    "axes": _TEXT,
}
_LISTS = ("weapons", "targets", "places", "place_names", "reports")
_AXES = pl.Struct({name: SCHEMA[name] for name in _LISTS})


def _utc(column: str) -> pl.Expr:
    return pl.from_epoch(pl.col(column), time_unit="us").dt.replace_time_zone("UTC")


def frame_of_columns(rows: Sequence[Sequence[Any]]) -> pl.DataFrame:
    """Rows of the strikes projection's ``COLUMNS`` as the frame: no payload is decoded, only
    the small JSON of the list axes."""
    if not rows:
        return empty()
    raw = pl.DataFrame(rows, schema=COLUMNS, orient="row")
    axes = _decode(raw["axes"], _AXES).struct.unnest()
    out = pl.concat([raw.drop("axes"), axes], how="horizontal").with_columns(
        _utc("start_us").alias("start"),
        _utc("end_us").alias("end"),
        *(pl.col(c).fill_null([]) for c in _LISTS),
        pl.lit([], dtype=_TEXTS).alias("sources"),
    )
    return out.select(list(SCHEMA)).cast(SCHEMA)  # type: ignore[arg-type]


def with_sources(frame: pl.DataFrame, sources: Mapping[str, str]) -> pl.DataFrame:
    """Fill ``sources``: who published each strike's reports, in report order, each once."""
    if frame.height == 0 or not sources:
        return frame
    table = pl.DataFrame(
        {"report": list(sources), "source": list(sources.values())},
        schema={"report": _TEXT, "source": _TEXT},
    )
    return with_source_table(frame, table)


def with_source_table(frame: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """``with_sources`` from a frame of (report, source) rows."""
    if frame.height == 0:
        return frame
    exploded = (
        frame.select(pl.int_range(pl.len()).alias("_row"), pl.col("reports").alias("report"))
        .explode("report")
        .with_columns(pl.int_range(pl.len()).alias("_pos"))
        .join(table, on="report", how="inner")
        .sort("_pos")
        .group_by("_row", maintain_order=True)
        .agg(pl.col("source").unique(maintain_order=True).alias("_sources"))
    )
    joined = (
        frame.with_columns(pl.int_range(pl.len()).alias("_row"))
        .join(exploded, on="_row", how="left", maintain_order="left")
        .with_columns(pl.col("_sources").fill_null([]).alias("sources"))
    )
    return joined.select(list(SCHEMA))


def ordered(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame in the judge's strike order: by start, then id."""
    return frame.sort(["start", "id"], maintain_order=True)
