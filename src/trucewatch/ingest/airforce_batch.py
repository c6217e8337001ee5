"""The air-force file as batches of entry payloads, without a pydantic model per row.

The same reports, strikes and bad rows as ``read_airforce``, as the dicts
``Report.model_dump(mode="json")`` and ``Strike.model_dump(mode="json")`` give, in the same
order and the same batches of ``BATCH`` reports as ``Trucewatch.ingest`` records them, so the
ledger's entries are byte for byte those of the row path (``tests/test_ingest_batch.py``).

The file stays with the streaming reader (``airforce._rows``): its rows are read as Python's
``csv`` reads them (values unstripped, a row with fields missing or added refused by line),
which polars' reading (``ingest/columns.py``, values stripped) would not reproduce. Only the
models are skipped; the rows, waves and their counts are the row reader's own (``read_waves``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from trucewatch.errors import RowError
from trucewatch.ingest.acled_batch import time_json
from trucewatch.ingest.airforce import FORMAT, Wave, read_waves
from trucewatch.ingest.base import RowBatch
from trucewatch.ingest.weapons import WeaponTable
from trucewatch.model import KYIV, Credibility, Place, SourceKind

__all__ = ["BATCH", "airforce_batches"]

BATCH = 5000
"""Reports per batch: ``Trucewatch.ingest``'s default, so both paths write the same entries."""
_OFFICIAL_UA = SourceKind.OFFICIAL_UA.value
_WEAK = Credibility.WEAK.value


@functools.lru_cache(maxsize=1 << 16)
def _time(moment: datetime) -> str:
    """``time_json`` once per instant (a wave's rows share their times)."""
    return time_json(moment)


@functools.lru_cache(maxsize=1 << 12)
def _place(place: Place) -> dict[str, Any]:
    return place.model_dump(mode="json")


def _count(n: int | None) -> dict[str, int] | None:
    return None if n is None else {"min": n, "max": n}


def _payloads(wave: Wave) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The reports of a wave's rows and its strike, as ``model_dump(mode="json")`` gives them."""
    reports = [
        {
            "id": row.report_id,
            "source": row.source,
            "source_kind": _OFFICIAL_UA,
            "format": FORMAT,
            "url": row.url,
            "published": _time(row.published),
            "content": row.content,
            "content_hash": row.content_hash,
            "locator": row.locator,
            "key": None,
        }
        for row in wave.rows
    ]
    first = wave.rows[0]
    strike = {
        "id": wave.strike_id,
        "attacker": "RU",
        "start": _time(first.start),
        "end": _time(first.end),
        "tz": KYIV,
        "time_precision": first.precision.value,
        "drones": _count(wave.launched_drones),
        "missiles": _count(wave.launched_missiles),
        "drones_downed": wave.drones_downed,
        "missiles_downed": wave.missiles_downed,
        "weapons": list(wave.weapons),
        "models": list(wave.models),
        "places": [dict(_place(p)) for p in wave.places],
        "place_names": list(wave.place_names),
        "geo_precision": wave.geo_precision.value,
        "targets": [],
        "killed": None,
        "injured": None,
        "reports": list(wave.reports),
        "credibility": _WEAK,
        "claimed_by": "UA",
        "notes": list(wave.notes),
    }
    return reports, strike


def airforce_batches(
    path: Path, weapons: WeaponTable | None = None, *, batch: int = BATCH
) -> Iterator[RowBatch]:
    """The rows of an air-force file as batches of ``batch`` reports (with their strikes) and
    the bad rows among them; the first batch carries the bad rows found while reading, and a
    wave refused row by row (its counts add up beyond the ledger's) comes in its place."""
    out = RowBatch()
    for item in read_waves(path, weapons or WeaponTable()):
        out.rows += 1 if isinstance(item, RowError) else len(item.rows)
        if isinstance(item, RowError):
            out.errors.append(item)
            continue
        reports, strike = _payloads(item)
        # a wave's strike goes with its last row's report, as in ``read_airforce``
        for report in reports:
            out.reports.append(report)
            if report is reports[-1]:
                out.strikes.append(strike)
            if len(out.reports) >= batch:
                yield out
                out = RowBatch()
    yield out
