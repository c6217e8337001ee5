"""Our strikes in ACLED's 31-column CSV layout, so ACLED tooling and ``read_acled`` can read them.

What ACLED carries survives a round trip through ``read_acled``: the strike id (written as
``event_id_cnty``), attacker (RU/UA), the Kyiv-local day, week or month, admin1 and location,
coordinates, geo precision, weapon classes (drones, missiles, glide bombs, artillery) and
fatalities. The rest is lost by design: counts, models, targets, injured, finer times than a
day (written as day precision), country-level places (written as ACLED's coarsest, 3), an
unknown death toll (written as 0) and a strike with no weapon class (read back as drones).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from trucewatch.export.frames import located, oblast_of
from trucewatch.ingest.acled import (
    ACLED_COLUMNS,
    AIR_DRONE,
    REMOTE_VIOLENCE,
    SHELLING,
    strike_weapons,
)
from trucewatch.ingest.weapons import TEXT_WORDS
from trucewatch.model import GeoPrecision, Strike, TimePrecision
from trucewatch.times import KYIV_ZONE

__all__ = [
    "ACTORS",
    "GEO_CODES",
    "TIME_CODES",
    "WEAPON_WORDS",
    "acled_row",
    "admin1_and_location",
    "event_date",
    "sub_event_and_notes",
    "write_acled_csv",
]

ACTORS: dict[str | None, tuple[str, str]] = {
    "RU": ("Military Forces of Russia (2000-)", "8"),
    "UA": ("Military Forces of Ukraine (2019-)", "1"),
    None: ("Unidentified Armed Group (Ukraine)", "3"),
}
TIME_CODES: dict[TimePrecision, str] = {
    TimePrecision.MINUTE: "1",
    TimePrecision.HOUR: "1",
    TimePrecision.NIGHT: "1",
    TimePrecision.DAY: "1",
    TimePrecision.WEEK: "2",
    TimePrecision.MONTH: "3",
}
GEO_CODES: dict[GeoPrecision, str] = {
    GeoPrecision.SETTLEMENT: "1",
    GeoPrecision.NEAR: "2",
    GeoPrecision.OBLAST: "3",
    GeoPrecision.COUNTRY: "3",
}
# the word read_acled recognises for each weapon class (ingest/weapons.py: TEXT_WORDS)
WEAPON_WORDS: dict[str, str] = {cls: word for cls, _, word in TEXT_WORDS}


def write_acled_csv(
    strikes: Iterable[Strike], path: Path, *, timestamp: datetime | None = None
) -> int:
    """Write strikes as ACLED export rows; ``timestamp`` (default now) fills ACLED's column."""
    stamp = str(int((timestamp or datetime.now(UTC)).timestamp()))
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS)
        for strike in strikes:
            row = acled_row(strike, stamp)
            writer.writerow([row.get(column, "") for column in ACLED_COLUMNS])
            count += 1
    return count


def event_date(strike: Strike) -> date:
    """The date ACLED would code: the day, the middle of a week, a day in the month."""
    day = strike.start.astimezone(KYIV_ZONE).date()
    return day + timedelta(days=3) if strike.time_precision is TimePrecision.WEEK else day


def admin1_and_location(strike: Strike) -> tuple[str, str]:
    """(admin1, location) from the reported names, else from the first place."""
    names = strike.place_names
    if len(names) >= 2:
        return names[0], names[1]
    if len(names) == 1:
        return "", names[0]
    if strike.places:
        place = strike.places[0]
        return oblast_of(place) or "", place.name
    return "", ""


def sub_event_and_notes(strike: Strike) -> tuple[str, str]:
    """The ACLED sub-event type and notes from which read_acled gets the same weapons back."""
    weapons = set(strike.weapons)
    sub_event = SHELLING if "artillery" in weapons else AIR_DRONE
    notes = " ".join(strike.notes)
    if set(strike_weapons(sub_event, notes)) != weapons:
        named = [word for cls, word in WEAPON_WORDS.items() if cls in weapons]
        if named:
            notes = f"{notes} [weapons: {', '.join(named)}]".strip()
    return sub_event, notes


def acled_row(strike: Strike, stamp: str) -> dict[str, str]:
    """One strike as ACLED column values."""
    day = event_date(strike)
    actor, inter = ACTORS.get(strike.attacker, ACTORS[None])
    admin1, location = admin1_and_location(strike)
    point = next(iter(located(strike)), None)
    sub_event, notes = sub_event_and_notes(strike)
    return {
        "event_id_cnty": strike.id,
        "event_date": day.isoformat(),
        "year": str(day.year),
        "time_precision": TIME_CODES[strike.time_precision],
        "disorder_type": "Political violence",
        "event_type": REMOTE_VIOLENCE,
        "sub_event_type": sub_event,
        "actor1": actor,
        "inter1": inter,
        "interaction": inter,
        "iso": "804",
        "region": "Europe",
        "country": "Ukraine",
        "admin1": admin1,
        "location": location,
        "latitude": repr(point.lat) if point else "",
        "longitude": repr(point.lon) if point else "",
        "geo_precision": GEO_CODES[strike.geo_precision],
        "source": "; ".join(strike.reports) or "trucewatch",
        "source_scale": "Other",
        "notes": notes,
        "fatalities": "" if strike.killed is None else str(strike.killed),
        "tags": f"trucewatch credibility={strike.credibility.value}",
        "timestamp": stamp,
    }
