"""The ACLED export as batches of entry payloads, built from columns without a model per row.

The same reports, strikes and bad rows as ``read_acled`` (ordered, its default), as the dicts
``Report.model_dump(mode="json")`` and ``Strike.model_dump(mode="json")`` give, in the same
order and the same batches of ``BATCH`` reports as ``Trucewatch.ingest`` records them, so the
ledger's entries are byte for byte those of the row path (``tests/test_ingest_batch.py``
compares every entry). The file is read as columns (``ingest/columns.py``); the values a
file repeats (dates and precisions, places, actors, sources, wordings) are converted once
each, by the row reader's own functions; a value they refuse fails every row that holds it,
with the row reader's message, and each row reports the first of its problems in the row
reader's order of checks.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import polars as pl
from pydantic import TypeAdapter

from trucewatch.errors import RowError
from trucewatch.ingest.acled import (
    AIR_DRONE,
    CONTENT_COLUMNS,
    FORMAT,
    GEO_PRECISION,
    REMOTE_VIOLENCE,
    REQUIRED,
    SHELLING,
    TIME_PRECISION,
    attacker_of,
    event_window,
    parse_event_date,
    strike_weapons,
)
from trucewatch.ingest.base import RowBatch
from trucewatch.ingest.columns import LINE, read_columns
from trucewatch.ingest.csvutil import (
    PlaceKind,
    Progress,
    parse_coord,
    parse_int,
    place_names,
    places_for,
    strike_id,
    unix_utc,
)
from trucewatch.model import Credibility, GeoPrecision, Report, SourceKind, TimePrecision
from trucewatch.times import KYIV

__all__ = ["BATCH", "acled_batches"]

BATCH = 5000
"""Reports per batch: ``Trucewatch.ingest``'s default, so both paths write the same entries."""
_CHUNK = 5_000  # rows converted at a time (the columns of one chunk are Python lists)
_KEY = "__key"
# Columns whose values are mostly distinct (kept as text; the others are categoricals).
_UNIQUE = frozenset({"event_id_cnty", "notes", "timestamp"})
_YEAR_10000 = 253_402_300_800  # Unix seconds of 10000-01-01
_TIMES = TypeAdapter(datetime)
_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class _Refused:
    """A value the row reader's function refused: the error it raised."""

    __slots__ = ("error",)

    def __init__(self, error: ValueError | KeyError) -> None:
        self.error = error


class _Once(Generic[_K, _V]):
    """A conversion applied once per distinct value of a file (results and refusals kept)."""

    def __init__(self, function: Callable[[_K], _V]) -> None:
        self.function = function
        self.seen: dict[_K, _V | _Refused] = {}

    def __call__(self, value: _K) -> _V | _Refused:
        found = self.seen.get(value, _MISSING)
        if found is _MISSING:
            found = self.seen[value] = self._convert(value)
        return found  # type: ignore[no-any-return]

    def map(self, values: list[_K]) -> list[_V | _Refused]:
        """The conversion of each value, in order."""
        seen = self.seen
        for value in set(values).difference(seen):
            seen[value] = self._convert(value)
        return list(map(seen.__getitem__, values))

    def _convert(self, value: _K) -> _V | _Refused:
        try:
            return self.function(value)
        except (ValueError, KeyError) as exc:
            return _Refused(exc)


_MISSING: Any = object()


def time_json(moment: datetime) -> str:
    """An aware instant as pydantic's JSON gives it (``...Z`` for UTC)."""
    if moment.tzinfo is UTC and moment.microsecond == 0 and moment.year >= 1000:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(_TIMES.dump_python(moment, mode="json"))


def _order_key(pair: tuple[str, str]) -> int:
    """``acled.order_key`` of a (event_date, time_precision) pair."""
    try:
        day = parse_event_date(pair[0])
        precision = TIME_PRECISION.get(pair[1], TimePrecision.DAY)
        return int(event_window(day, precision)[0].timestamp())
    except (ValueError, OverflowError):
        return 0


def _window(pair: tuple[str, str]) -> tuple[str, str, str, ValueError | None]:
    """(precision, start, end) of a row's (time_precision, event_date), checked as the row
    reader checks them; a window it cannot form is refused only for strike rows (the last)."""
    code, text = pair
    precision = TIME_PRECISION.get(code)
    if precision is None:
        raise ValueError(f"column time_precision: {code!r} is not 1, 2 or 3")
    if not text:
        raise ValueError("column event_date is empty")
    day = parse_event_date(text)
    try:
        start, end = event_window(day, precision)
    except ValueError as exc:
        return precision.value, "", "", exc
    return precision.value, time_json(start), time_json(end), None


def _published(value: str) -> str | None:
    moment = unix_utc(value, "timestamp")
    return time_json(moment) if moment is not None else None


def _latitude(value: str) -> float | None:
    return parse_coord(value, "latitude", 90.0)


def _longitude(value: str) -> float | None:
    return parse_coord(value, "longitude", 180.0)


def _killed(value: str) -> int | None:
    return parse_int(value, "fatalities")


def _names(pair: tuple[str, str]) -> list[str]:
    return list(place_names(*pair))


def _weapons(pair: tuple[str, str]) -> list[str]:
    return list(strike_weapons(*pair))


def _geo(code: str) -> str:
    geo = GEO_PRECISION.get(code or "3")
    if geo is None:
        raise ValueError(f"column geo_precision: {code or '3'!r} is not 1, 2 or 3")
    return geo.value


def _places(where: tuple[str, str, float | None, float | None, PlaceKind]) -> list[Any]:
    return [p.model_dump(mode="json") for p in places_for(*where)]


def _credibility(source: str) -> str:
    sources = [s for s in source.split(";") if s.strip()]
    return (Credibility.FAIR if len(sources) >= 2 else Credibility.WEAK).value


class _Converter:
    """Rows to payloads, column by column: each distinct value converted once for the file."""

    def __init__(self, path: Path, source: str | None) -> None:
        self.path = path
        self.source = source or FORMAT
        self.window = _Once(_window)
        self.lat = _Once(_latitude)
        self.lon = _Once(_longitude)
        self.geo = _Once(_geo)
        self.killed = _Once(_killed)
        self.places = _Once(_places)
        self.names = _Once(_names)
        self.attacker = _Once(attacker_of)
        self.credibility = _Once(_credibility)
        self.weapons: dict[tuple[str, ...], list[str]] = {}

    def rows(
        self, cols: dict[str, list[Any]]
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None] | RowError]:
        """Each row's (report, strike or None), or its RowError, in the rows' order."""
        contents: list[str] = []
        csv.writer(_Sink(contents.append), lineterminator="").writerows(
            zip(*(cols[name] for name in CONTENT_COLUMNS), strict=True)
        )
        published = _published_all(cols["timestamp"])
        dates = list(zip(cols["time_precision"], cols["event_date"], strict=True))
        windows = self.window.map(dates)
        strike_rows = [
            event == REMOTE_VIOLENCE and sub in (AIR_DRONE, SHELLING)
            for event, sub in zip(cols["event_type"], cols["sub_event_type"], strict=True)
        ]
        values: dict[str, list[Any]] = {
            "lat": self.lat.map(cols["latitude"]),
            "lon": self.lon.map(cols["longitude"]),
            "geo": self.geo.map(cols["geo_precision"]),
            "killed": self.killed.map(cols["fatalities"]),
            "attacker": self.attacker.map(cols["actor1"]),
            "credibility": self.credibility.map(cols["source"]),
        }
        name = self.path.name
        for i, line in enumerate(cols[LINE]):
            try:
                report = self._report(cols, i, contents[i], published[i], f"{name}:{line}")
                precision, start, end, problem = _value(windows[i])
                if not strike_rows[i]:
                    yield report, None
                    continue
                if problem is not None:
                    raise problem.with_traceback(None)
                yield report, self._strike(cols, values, i, report["id"], precision, start, end)
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()
                reason = first[0] if len(first) == 1 else " ".join(s.strip() for s in first[:3])
                code = getattr(exc, "code", None)
                yield RowError(reason, path=str(self.path), line=line, code=code)

    def _report(
        self,
        cols: dict[str, list[Any]],
        i: int,
        content: str,
        published: str | _Refused | None,
        locator: str,
    ) -> dict[str, Any]:
        event_id = cols["event_id_cnty"][i]
        if not event_id:
            raise ValueError("column event_id_cnty is empty")
        digest = Report.hash_content(content)
        return {
            "id": Report.id_of(digest),
            "source": self.source,
            "source_kind": SourceKind.DATASET.value,
            "format": FORMAT,
            "url": None,
            "published": _value(published),
            "content": content,
            "content_hash": digest,
            "locator": locator,
            "key": event_id,
        }

    def _strike(
        self,
        cols: dict[str, list[Any]],
        values: dict[str, list[Any]],
        i: int,
        report_id: str,
        precision: str,
        start: str,
        end: str,
    ) -> dict[str, Any]:
        lat = _value(values["lat"][i])
        lon = _value(values["lon"][i])
        geo = _value(values["geo"][i])
        admin1, location, notes = cols["admin1"][i], cols["location"][i], cols["notes"][i]
        kind: PlaceKind = "region" if geo == GeoPrecision.OBLAST.value else "settlement"
        places = _value(self.places((admin1, location, lat, lon, kind)))
        weapons = strike_weapons(cols["sub_event_type"][i], notes)
        listed = self.weapons.get(weapons)
        if listed is None:
            listed = self.weapons[weapons] = list(weapons)
        return {
            "id": strike_id(FORMAT, cols["event_id_cnty"][i]),
            "attacker": _value(values["attacker"][i]),
            "start": start,
            "end": end,
            "tz": KYIV,
            "time_precision": precision,
            "drones": None,
            "missiles": None,
            "drones_downed": None,
            "missiles_downed": None,
            "weapons": listed,
            "models": [],
            "places": places,
            "place_names": _value(self.names((admin1, location))),
            "geo_precision": geo,
            "targets": [],
            "killed": _value(values["killed"][i]),
            "injured": None,
            "reports": [report_id],
            "credibility": _value(values["credibility"][i]),
            "claimed_by": None,
            "notes": [notes] if notes else [],
        }


def _value(found: _V | _Refused) -> _V:
    if isinstance(found, _Refused):
        raise found.error.with_traceback(None)
    return found


def _published_all(values: list[str]) -> list[str | _Refused | None]:
    """``Report.published`` of each row's ``timestamp`` as JSON text: plain Unix seconds
    (1970-9999) formatted by polars, anything else by the row reader's ``unix_utc``."""
    seconds = pl.Series(values, dtype=pl.String).cast(pl.Int64, strict=False)
    plain = (seconds >= 0) & (seconds < _YEAR_10000)
    texts = pl.from_epoch(seconds.set(~plain.fill_null(False), None), "s").dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    out: list[str | _Refused | None] = list(texts.to_list())
    for i in (texts.is_null() & (pl.Series(values) != "")).arg_true().to_list():
        try:
            out[i] = _published(values[i])
        except (ValueError, KeyError) as exc:
            out[i] = _Refused(exc)
    return out


class _Sink:
    """A file-like target for ``csv.writer`` that hands on each row's text."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write


def acled_batches(
    path: Path,
    *,
    source: str | None = None,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> Iterator[RowBatch]:
    """The rows of an ACLED export, oldest first, as batches of ``batch`` reports (with their
    strikes) and the bad rows among them; the first batch also carries the unreadable ones."""
    found = read_columns(
        path,
        columns=CONTENT_COLUMNS,
        required=REQUIRED,
        repeated=[c for c in CONTENT_COLUMNS if c not in _UNIQUE],
        progress=progress,
    )
    frame = found.frame
    pairs = frame.select("event_date", "time_precision")
    distinct = pairs.unique()
    keys = distinct.with_columns(
        pl.Series(_KEY, [_order_key(p) for p in distinct.iter_rows()], dtype=pl.Int64)
    )
    key = pairs.join(keys, on=["event_date", "time_precision"], how="left", maintain_order="left")
    order = np.argsort(key[_KEY].to_numpy(), kind="stable")
    del pairs, distinct, keys, key
    convert = _Converter(path, source)
    out = RowBatch(errors=list(found.errors), rows=len(found.errors))
    for lo in range(0, len(order), _CHUNK):
        part = frame[order[lo : lo + _CHUNK]]
        cols = {name: part[name].to_list() for name in (*CONTENT_COLUMNS, LINE)}
        for item in convert.rows(cols):
            out.rows += 1
            if isinstance(item, RowError):
                out.errors.append(item)
                continue
            report, strike = item
            out.reports.append(report)
            if strike is not None:
                out.strikes.append(strike)
            if len(out.reports) >= batch:
                yield out
                out = RowBatch()
    yield out
