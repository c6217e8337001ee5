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
import hashlib
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

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
from trucewatch.model import Credibility, GeoPrecision, SourceKind, TimePrecision
from trucewatch.times import KYIV

__all__ = ["BATCH", "acled_batches"]

BATCH = 5000
"""Reports per batch: ``Trucewatch.ingest``'s default, so both paths write the same entries."""
_CHUNK = 20_000  # rows converted at a time (the columns of one chunk are Python lists)
_KEY = "__key"
_TIMES = TypeAdapter(datetime)
_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class _Refused:
    """A value the row reader's function refused: the error it raised."""

    __slots__ = ("error",)

    def __init__(self, error: ValueError | KeyError) -> None:
        self.error = error


def _once(function: Callable[[_K], _V]) -> Callable[[_K], _V | _Refused]:
    """``function`` with its results (and refusals) kept per distinct argument."""
    seen: dict[_K, _V | _Refused] = {}

    def call(value: _K) -> _V | _Refused:
        try:
            return seen[value]
        except KeyError:
            pass
        result: _V | _Refused
        try:
            result = function(value)
        except (ValueError, KeyError) as exc:
            result = _Refused(exc)
        seen[value] = result
        return result

    return call


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
    """Rows to payloads, each distinct value converted once for the whole file."""

    def __init__(self, path: Path, source: str | None) -> None:
        self.path = path
        self.source = source or FORMAT
        self.window = _once(_window)
        self.published = _once(_published)
        self.lat = _once(_latitude)
        self.lon = _once(_longitude)
        self.geo = _once(_geo)
        self.killed = _once(_killed)
        self.places = _once(_places)
        self.names = _once(_names)
        self.attacker = _once(attacker_of)
        self.credibility = _once(_credibility)
        self.weapons = _once(_weapons)

    def rows(
        self, cols: dict[str, list[Any]]
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None] | RowError]:
        """Each row's (report, strike or None), or its RowError, in the rows' order."""
        contents: list[str] = []
        csv.writer(_Sink(contents.append), lineterminator="").writerows(
            zip(*(cols[name] for name in CONTENT_COLUMNS), strict=True)
        )
        name = self.path.name
        for i, line in enumerate(cols[LINE]):
            try:
                yield self._row(cols, i, contents[i], f"{name}:{line}")
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()
                reason = first[0] if len(first) == 1 else " ".join(s.strip() for s in first[:3])
                code = getattr(exc, "code", None)
                yield RowError(reason, path=str(self.path), line=line, code=code)

    def _row(
        self, cols: dict[str, list[Any]], i: int, content: str, locator: str
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        event_id = cols["event_id_cnty"][i]
        if not event_id:
            raise ValueError("column event_id_cnty is empty")
        published = _value(self.published(cols["timestamp"][i]))
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        report = {
            "id": "r-" + digest[:16],
            "source": self.source,
            "source_kind": SourceKind.DATASET.value,
            "format": FORMAT,
            "url": None,
            "published": published,
            "content": content,
            "content_hash": digest,
            "locator": locator,
            "key": event_id,
        }
        precision, start, end, window_problem = _value(
            self.window((cols["time_precision"][i], cols["event_date"][i]))
        )
        sub_event = cols["sub_event_type"][i]
        if cols["event_type"][i] != REMOTE_VIOLENCE or sub_event not in (AIR_DRONE, SHELLING):
            return report, None
        if window_problem is not None:
            raise window_problem.with_traceback(None)
        lat = _value(self.lat(cols["latitude"][i]))
        lon = _value(self.lon(cols["longitude"][i]))
        geo = _value(self.geo(cols["geo_precision"][i]))
        admin1, location, notes = cols["admin1"][i], cols["location"][i], cols["notes"][i]
        kind: PlaceKind = "region" if geo == GeoPrecision.OBLAST.value else "settlement"
        places = _value(self.places((admin1, location, lat, lon, kind)))
        strike = {
            "id": strike_id(FORMAT, event_id),
            "attacker": _value(self.attacker(cols["actor1"][i])),
            "start": start,
            "end": end,
            "tz": KYIV,
            "time_precision": precision,
            "drones": None,
            "missiles": None,
            "drones_downed": None,
            "missiles_downed": None,
            "weapons": _value(self.weapons((sub_event, notes))),
            "models": [],
            "places": places,
            "place_names": _value(self.names((admin1, location))),
            "geo_precision": geo,
            "targets": [],
            "killed": _value(self.killed(cols["fatalities"][i])),
            "injured": None,
            "reports": [report["id"]],
            "credibility": _value(self.credibility(cols["source"][i])),
            "claimed_by": None,
            "notes": [notes] if notes else [],
        }
        return report, strike


def _value(found: _V | _Refused) -> _V:
    if isinstance(found, _Refused):
        raise found.error.with_traceback(None)
    return found


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
    found = read_columns(path, columns=CONTENT_COLUMNS, required=REQUIRED, progress=progress)
    frame = found.frame
    pairs = frame.select("event_date", "time_precision").unique()
    keys = pairs.with_columns(
        pl.Series(_KEY, [_order_key(p) for p in pairs.iter_rows()], dtype=pl.Int64)
    )
    frame = frame.join(keys, on=["event_date", "time_precision"], how="left", maintain_order="left")
    order = np.argsort(frame[_KEY].to_numpy(), kind="stable")
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
