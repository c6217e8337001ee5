"""Reader for the ACLED CSV export (31 columns): every row a report, strike rows also strikes.

ACLED re-issues edited events under the same ``event_id_cnty`` with a newer ``timestamp``. The
reader yields every version as it comes: the same ``Report.key`` and strike id, different
content, and ``Report.published`` set from ``timestamp``, so the ledger can keep the newest
version as an amendment of the older one. A report's content is the columns read
(``CONTENT_COLUMNS``), so a column ACLED adds or drops that we do not read changes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from trucewatch._inputs import OutOfRange, moment_problem
from trucewatch.errors import RowError
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.csvutil import (
    PlaceKind,
    Progress,
    Record,
    convert_all,
    day_window,
    iter_records,
    make_report,
    month_window,
    parse_coord,
    parse_int,
    place_names,
    places_for,
    require,
    row_content,
    strike_id,
    unix_utc,
    weapons_in_text,
)
from trucewatch.ingest.ordered import iter_records_in_order
from trucewatch.model import Credibility, GeoPrecision, Place, Strike, TimePrecision

__all__ = [
    "ACLED_COLUMNS",
    "AIR_DRONE",
    "REMOTE_VIOLENCE",
    "SHELLING",
    "attacker_of",
    "event_window",
    "parse_event_date",
    "read_acled",
    "strike_weapons",
]

FORMAT = "acled"

# The column order of ACLED's export tool and API CSV (ACLED Codebook 2023/2024).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: The columns the reader reads, in export order: a report's content (``row_content``), so
#: the other columns may come and go without changing a report or its id.
CONTENT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
REQUIRED: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
)

REMOTE_VIOLENCE = "Explosions/Remote violence"
AIR_DRONE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"

TIME_PRECISION: dict[str, TimePrecision] = {
    "1": TimePrecision.DAY,
    "2": TimePrecision.WEEK,
    "3": TimePrecision.MONTH,
}
GEO_PRECISION: dict[str, GeoPrecision] = {
    "1": GeoPrecision.SETTLEMENT,
    "2": GeoPrecision.NEAR,
    "3": GeoPrecision.OBLAST,
}
ATTACKERS: tuple[tuple[str, str], ...] = (
    ("Military Forces of Russia", "RU"),
    ("Military Forces of Ukraine", "UA"),
)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


def read_acled(
    path: Path,
    *,
    source: str | None = None,
    progress: Progress | None = None,
    ordered: bool = True,
) -> Iterator[Parsed | RowError]:
    """Stream an ACLED CSV export as reports and the strikes its strike rows describe.

    ``ordered`` (the default) yields the rows oldest first (``ingest/ordered.py``): ACLED
    exports list the newest first, the order that is slowest to merge. Without it the rows
    come in file order, in one pass.
    """
    if ordered:
        records = iter_records_in_order(path, key=order_key, required=REQUIRED, progress=progress)
    else:
        records = iter_records(path, required=REQUIRED, progress=progress)
    places: dict[tuple[str, str, float | None, float | None, PlaceKind], tuple[Place, ...]] = {}
    convert = functools.partial(_convert, path=path, source=source, places=places)
    return convert_all(records, convert, path)


def order_key(rec: Record) -> int:
    """Epoch seconds of the start of the row's strike window (0 for a row that will be refused)."""
    try:
        day = parse_event_date(rec.get("event_date"))
        precision = TIME_PRECISION.get(rec.get("time_precision"), TimePrecision.DAY)
        return int(event_window(day, precision)[0].timestamp())
    except (ValueError, OverflowError):  # e.g. year 1: the row's own read refuses it by line
        return 0


def attacker_of(actor1: str) -> str | None:
    """RU/UA for the Russian or Ukrainian state forces as ACLED names them, else None."""
    for prefix, code in ATTACKERS:
        if actor1.startswith(prefix):
            return code
    return None


@functools.lru_cache(maxsize=8192)
def parse_event_date(value: str) -> date:
    """An ACLED event_date in any of the forms its exports use."""
    for fmt in _DATE_FORMATS:
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        problem = moment_problem(moment)
        if problem is not None:
            raise OutOfRange(f"column event_date: {problem}")
        return moment.date()
    raise ValueError(f"column event_date: {value!r} is not a date like 2024-02-15")


@functools.lru_cache(maxsize=8192)
def event_window(day: date, precision: TimePrecision) -> tuple[datetime, datetime]:
    """The window an ACLED date stands for; ACLED codes the middle day of a week or month."""
    if precision is TimePrecision.WEEK:
        return day_window(day - timedelta(days=3), day + timedelta(days=3))
    if precision is TimePrecision.MONTH:
        return month_window(day)
    return day_window(day)


@functools.lru_cache(maxsize=1 << 16)
def strike_weapons(sub_event_type: str, notes: str) -> tuple[str, ...]:
    """Weapon classes of a strike row: from the sub-event type and what the notes mention.

    Cached: a feed repeats its wordings, and the regular expressions are most of the cost.
    """
    mentioned = weapons_in_text(notes)
    if sub_event_type == SHELLING:
        return ("artillery", *mentioned)
    return tuple(mentioned) or ("drones",)


def _convert(
    rec: Record,
    *,
    path: Path,
    source: str | None,
    places: dict[tuple[str, str, float | None, float | None, PlaceKind], tuple[Place, ...]],
) -> Parsed:
    """One ACLED row to a report and, for strike rows, its strike.

    ``places`` remembers each distinct (names, coordinates, kind) resolved in this read.
    """
    event_id = require(rec.get("event_id_cnty"), "event_id_cnty")
    report = make_report(
        rec,
        path,
        fmt=FORMAT,
        source=source or FORMAT,
        key=event_id,
        content=row_content(rec, CONTENT_COLUMNS),
        published=unix_utc(rec.get("timestamp"), "timestamp"),
    )
    tp_code = rec.get("time_precision")
    precision = TIME_PRECISION.get(tp_code)
    if precision is None:
        raise ValueError(f"column time_precision: {tp_code!r} is not 1, 2 or 3")
    day = parse_event_date(require(rec.get("event_date"), "event_date"))
    sub_event = rec.get("sub_event_type")
    if rec.get("event_type") != REMOTE_VIOLENCE or sub_event not in (AIR_DRONE, SHELLING):
        return Parsed(report, ())
    start, end = event_window(day, precision)
    lat = parse_coord(rec.get("latitude"), "latitude", 90.0)
    lon = parse_coord(rec.get("longitude"), "longitude", 180.0)
    geo_code = rec.get("geo_precision") or "3"
    geo = GEO_PRECISION.get(geo_code)
    if geo is None:
        raise ValueError(f"column geo_precision: {geo_code!r} is not 1, 2 or 3")
    admin1, location, notes = rec.get("admin1"), rec.get("location"), rec.get("notes")
    kind: PlaceKind = "region" if geo is GeoPrecision.OBLAST else "settlement"
    sources = [s for s in rec.get("source").split(";") if s.strip()]
    where = (admin1, location, lat, lon, kind)
    found = places.get(where)
    if found is None:
        found = places[where] = places_for(*where)
    strike = Strike(
        id=strike_id(FORMAT, event_id),
        attacker=attacker_of(rec.get("actor1")),
        start=start,
        end=end,
        time_precision=precision,
        weapons=strike_weapons(sub_event, notes),
        places=found,
        place_names=place_names(admin1, location),
        geo_precision=geo,
        killed=parse_int(rec.get("fatalities"), "fatalities"),
        reports=(report.id,),
        credibility=Credibility.FAIR if len(sources) >= 2 else Credibility.WEAK,
        notes=tuple(n for n in (notes,) if n),
    )
    return Parsed(report, (strike,))
