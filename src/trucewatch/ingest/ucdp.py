"""Reader for the UCDP Georeferenced Event Dataset (GED) CSV: reports, and strikes in Ukraine.

GED codes fatal events, not attacks, and does not say who initiated an interstate event; a
state-based Russia-Ukraine event is recorded with side_a's government as the attacker (RU for
"Government of Russia (Soviet Union)"), as the brief for this reader asks, and a note says so.
One-sided violence by the Russian government in Ukraine (strikes that kill civilians) counts too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

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
    parse_coord,
    parse_int,
    place_names,
    places_for,
    require,
    row_content,
    strike_id,
)
from trucewatch.model import Credibility, GeoPrecision, Strike, TimePrecision

__all__ = [
    "ATTACKERS",
    "CONTENT_COLUMNS",
    "DATE_PRECISION",
    "FORMAT",
    "ONE_SIDED",
    "REQUIRED",
    "RUSSIA",
    "STATE_BASED",
    "UCDP_COLUMNS",
    "UKRAINE",
    "WHERE_PRECISION",
    "is_strike",
    "parse_ged_date",
    "read_ucdp",
]

FORMAT = "ucdp"

# Column order of the GED CSV (GEDEvent_v24_1.csv), as listed in the UCDP GED Codebook
# version 24.1 (Davies, Pettersson, Öberg / Högbladh, ucdp.uu.se/downloads); 49 columns.
UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
#: The columns the reader reads, in GED order: a report's content (``row_content``), so the
#: other columns may come and go without changing a report or its id.
CONTENT_COLUMNS: tuple[str, ...] = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "number_of_sources",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
)
REQUIRED: tuple[str, ...] = ("id", "type_of_violence", "side_a", "date_prec", "date_start")

RUSSIA = "Government of Russia (Soviet Union)"
UKRAINE = "Government of Ukraine"
ATTACKERS: dict[str, str] = {RUSSIA: "RU", UKRAINE: "UA"}

# date_prec: 1 exact day, 2 within 2-6 days, 3 a week, 4 a month, 5 longer (up to a year).
# The window always comes from date_start..date_end; 5 maps to our coarsest precision.
DATE_PRECISION: dict[str, TimePrecision] = {
    "1": TimePrecision.DAY,
    "2": TimePrecision.WEEK,
    "3": TimePrecision.WEEK,
    "4": TimePrecision.MONTH,
    "5": TimePrecision.MONTH,
}
# where_prec: 1 exact place, 2 within 25 km, 3 ADM2, 4 ADM1, 5 a linear feature or larger
# part of the country, 6 the country, 7 international waters or airspace.
WHERE_PRECISION: dict[str, GeoPrecision] = {
    "1": GeoPrecision.SETTLEMENT,
    "2": GeoPrecision.NEAR,
    "3": GeoPrecision.NEAR,
    "4": GeoPrecision.OBLAST,
    "5": GeoPrecision.OBLAST,
    "6": GeoPrecision.COUNTRY,
    "7": GeoPrecision.COUNTRY,
}
STATE_BASED = "1"
ONE_SIDED = "3"


def read_ucdp(
    path: Path, *, source: str | None = None, progress: Progress | None = None
) -> Iterator[Parsed | RowError]:
    """Stream a UCDP GED CSV as reports and the Russia-Ukraine strikes it describes."""
    records = iter_records(path, required=REQUIRED, progress=progress)
    return convert_all(records, functools.partial(_convert, path=path, source=source), path)


@functools.lru_cache(maxsize=8192)
def parse_ged_date(value: str) -> date:
    """A GED date: '2024-02-15' or '2024-02-15 00:00:00.000'."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2024-02-15") from None


def is_strike(rec: Record) -> bool:
    """Whether a GED event is an attack between Russia and Ukraine (or Russia on civilians)."""
    violence, side_a, side_b = rec.get("type_of_violence"), rec.get("side_a"), rec.get("side_b")
    if violence == STATE_BASED:
        return {side_a, side_b} == {RUSSIA, UKRAINE}
    if violence == ONE_SIDED:
        return side_a == RUSSIA and rec.get("country") == "Ukraine"
    return False


def _convert(rec: Record, *, path: Path, source: str | None) -> Parsed:
    """One GED row to a report and, for Russia-Ukraine attacks, its strike."""
    event_id = require(rec.get("id"), "id")
    report = make_report(
        rec,
        path,
        fmt=FORMAT,
        source=source or "ucdp-ged",
        key=event_id,
        content=row_content(rec, CONTENT_COLUMNS),
    )
    prec_code = rec.get("date_prec")
    precision = DATE_PRECISION.get(prec_code)
    if precision is None:
        raise ValueError(f"column date_prec: {prec_code!r} is not 1 to 5")
    first = parse_ged_date(require(rec.get("date_start"), "date_start"))
    last = parse_ged_date(rec.get("date_end")) if rec.get("date_end") else first
    if last < first:
        raise ValueError(f"date_end {last} is before date_start {first}")
    if not is_strike(rec):
        return Parsed(report, ())
    where_code = rec.get("where_prec") or "6"
    geo = WHERE_PRECISION.get(where_code)
    if geo is None:
        raise ValueError(f"column where_prec: {where_code!r} is not 1 to 7")
    start, end = day_window(first, last)
    lat = parse_coord(rec.get("latitude"), "latitude", 90.0)
    lon = parse_coord(rec.get("longitude"), "longitude", 180.0)
    # where_coordinates is "Kharkiv town" or "Kharkiv province": the GED's own place name
    location = _strip_kind(rec.get("where_coordinates"))
    admin1 = _strip_admin(rec.get("adm_1"))
    kind: PlaceKind = (
        "settlement" if geo in (GeoPrecision.SETTLEMENT, GeoPrecision.NEAR) else "region"
    )
    low, high = parse_int(rec.get("low"), "low"), parse_int(rec.get("high"), "high")
    notes = [
        f"UCDP deaths best={rec.get('best') or '?'} low={low} high={high}",
        f"UCDP date_prec={prec_code} where_prec={where_code}",
    ]
    if rec.get("type_of_violence") == STATE_BASED:
        notes.append("attacker taken from side_a; GED does not code who initiated")
    sources = parse_int(rec.get("number_of_sources"), "number_of_sources") or 0
    strike = Strike(
        id=strike_id(FORMAT, event_id),
        attacker=ATTACKERS.get(rec.get("side_a")),
        start=start,
        end=end,
        time_precision=precision,
        places=() if geo is GeoPrecision.COUNTRY else places_for(admin1, location, lat, lon, kind),
        place_names=place_names(admin1, location),
        geo_precision=geo,
        killed=parse_int(rec.get("best"), "best"),
        reports=(report.id,),
        credibility=Credibility.FAIR if sources >= 2 else Credibility.WEAK,
        notes=tuple(notes),
    )
    return Parsed(report, (strike,))


_KIND_WORDS = (" town", " city", " village", " settlement", " district", " province")


def _strip_kind(value: str) -> str:
    """'Kharkiv town' -> 'Kharkiv': GED appends the kind of place to where_coordinates."""
    for word in _KIND_WORDS:
        if value.endswith(word):
            return value[: -len(word)]
    return value


def _strip_admin(value: str) -> str:
    """'Kharkiv oblast' as GED writes adm_1, without the ';'-joined extras some rows carry."""
    return value.split(";")[0].strip()
