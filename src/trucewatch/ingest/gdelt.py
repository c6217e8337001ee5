"""Reader for GDELT 2.0 event exports (61 tab-separated columns, no header, CAMEO codes).

Every row is a report; CAMEO attack events (bombings, military force, artillery, aerial
weapons, ceasefire violations, mass violence) located in Ukraine or Russia, or carried out by
Russian or Ukrainian actors, are strikes too. GDELT's date is the day the articles place the
event on; its location and actors come from automatic coding, so one source is a weak grade.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from datetime import UTC, datetime
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
    parse_yyyymmdd,
    place_names,
    places_for,
    require,
    row_content,
    strike_id,
)
from trucewatch.model import Credibility, GeoPrecision, Strike, TimePrecision

__all__ = [
    "ATTACKERS",
    "ATTACK_PREFIXES",
    "CONTENT_COLUMNS",
    "FORMAT",
    "GDELT_COLUMNS",
    "GEO_PRECISION",
    "THEATRE_FIPS",
    "WEAPONS_BY_CODE",
    "is_attack",
    "parse_dateadded",
    "read_gdelt",
    "split_full_name",
]

FORMAT = "gdelt"

# GDELT 2.0 Event Database codebook (V2.0, 2015), "export" files: 61 columns in this order.
_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
#: The columns the reader reads: a report's content (``row_content``), so a column appended
#: to the export (the reader ignores trailing extras) does not change a report or its id.
CONTENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1CountryCode",
    "EventCode",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "DATEADDED",
    "SOURCEURL",
)

# CAMEO codes that describe attacks: 183x bombings, 190 conventional military force,
# 193 small arms, 194 artillery and tanks, 195x aerial weapons, 196 ceasefire violation,
# 20x unconventional mass violence.
ATTACK_PREFIXES: tuple[str, ...] = ("183", "190", "193", "194", "195", "196", "20")
WEAPONS_BY_CODE: dict[str, tuple[str, ...]] = {
    "194": ("artillery",),
    "1951": ("missiles",),
    "1952": ("drones",),
}
# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_PRECISION: dict[str, GeoPrecision] = {
    "1": GeoPrecision.COUNTRY,
    "2": GeoPrecision.OBLAST,
    "3": GeoPrecision.SETTLEMENT,
    "4": GeoPrecision.SETTLEMENT,
    "5": GeoPrecision.OBLAST,
}
ATTACKERS: dict[str, str] = {"RUS": "RU", "UKR": "UA"}
THEATRE_FIPS = frozenset({"UP", "RS"})  # Ukraine and Russia in FIPS 10-4


def read_gdelt(
    path: Path, *, source: str | None = None, progress: Progress | None = None
) -> Iterator[Parsed | RowError]:
    """Stream a GDELT 2.0 events export as reports and the war's attack events as strikes."""
    records = iter_records(
        path,
        required=(),
        columns=GDELT_COLUMNS,
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
        progress=progress,
    )
    return convert_all(records, functools.partial(_convert, path=path, source=source), path)


def parse_dateadded(value: str) -> datetime:
    """DATEADDED, YYYYMMDDHHMMSS in UTC."""
    if len(value) != 14 or not value.isdigit():
        raise ValueError(f"column DATEADDED: {value!r} is not YYYYMMDDHHMMSS")
    return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def is_attack(rec: Record) -> bool:
    """Whether a row is an attack in or by the parties to Russia's war on Ukraine."""
    if not rec.get("EventCode").startswith(ATTACK_PREFIXES):
        return False
    return (
        rec.get("ActionGeo_CountryCode") in THEATRE_FIPS
        or rec.get("Actor1CountryCode") in ATTACKERS
    )


def split_full_name(full_name: str, *, city: bool) -> tuple[str, str]:
    """(admin1, location) from 'Kharkiv, Kharkivs'ka Oblast', Ukraine' (either may be '')."""
    parts = [p.strip() for p in full_name.split(",") if p.strip()]
    if len(parts) >= 3:
        return parts[-2], parts[0]
    if len(parts) == 2:
        return ("", parts[0]) if city else (parts[0], "")
    return "", ""


def _convert(rec: Record, *, path: Path, source: str | None) -> Parsed:
    """One GDELT event row to a report and, for attacks, its strike."""
    event_id = require(rec.get("GLOBALEVENTID"), "GLOBALEVENTID")
    added = rec.get("DATEADDED")
    report = make_report(
        rec,
        path,
        fmt=FORMAT,
        source=source or FORMAT,
        key=event_id,
        content=row_content(rec, CONTENT_COLUMNS),
        published=parse_dateadded(added) if added else None,
        url=rec.get("SOURCEURL"),
    )
    day = parse_yyyymmdd(require(rec.get("SQLDATE"), "SQLDATE"), "SQLDATE")
    mentions = parse_int(rec.get("NumMentions"), "NumMentions")
    sources = parse_int(rec.get("NumSources"), "NumSources")
    articles = parse_int(rec.get("NumArticles"), "NumArticles")
    if not is_attack(rec):
        return Parsed(report, ())
    geo = GEO_PRECISION.get(rec.get("ActionGeo_Type"), GeoPrecision.COUNTRY)
    lat = parse_coord(rec.get("ActionGeo_Lat"), "ActionGeo_Lat", 90.0)
    lon = parse_coord(rec.get("ActionGeo_Long"), "ActionGeo_Long", 180.0)
    city = geo is GeoPrecision.SETTLEMENT
    admin1, location = split_full_name(rec.get("ActionGeo_FullName"), city=city)
    kind: PlaceKind = "settlement" if city else "region"
    code = rec.get("EventCode")
    start, end = day_window(day)
    strike = Strike(
        id=strike_id(FORMAT, event_id),
        attacker=ATTACKERS.get(rec.get("Actor1CountryCode")),
        start=start,
        end=end,
        time_precision=TimePrecision.DAY,
        weapons=WEAPONS_BY_CODE.get(code, WEAPONS_BY_CODE.get(code[:3], ())),
        places=places_for(admin1, location, lat, lon, kind),
        place_names=place_names(admin1, location),
        geo_precision=geo,
        reports=(report.id,),
        credibility=Credibility.WEAK if (sources or 0) <= 1 else Credibility.FAIR,
        notes=(
            f"CAMEO {code}",
            f"NumMentions={mentions} NumSources={sources} NumArticles={articles}",
        ),
    )
    return Parsed(report, (strike,))
