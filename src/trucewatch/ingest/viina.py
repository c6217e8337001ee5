"""Readers for VIINA: event_info joined with event_labels, and the VIINA-derived "rebuild" CSV.

VIINA (Zhukov; VIINA 2.0 by Zhukov & Ayers) geocodes news reports of violent incidents in
Ukraine and labels them with classifiers: ``a_*`` actors and ``t_*`` tactics. A report whose
labels say airstrike, UAV or artillery is a strike; its attacker is the single actor labelled
(Russian or Ukrainian forces), or unknown when both or neither are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime, time
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
    parse_yyyymmdd,
    place_names,
    places_for,
    require,
    row_content,
    strike_id,
    weapons_in_text,
)
from trucewatch.model import Credibility, GeoPrecision, Strike, TimePrecision
from trucewatch.times import KYIV_ZONE

__all__ = [
    "FORMAT",
    "INFO_CONTENT",
    "INFO_REQUIRED",
    "LABELS_REQUIRED",
    "REBUILD_CONTENT",
    "REBUILD_FORMAT",
    "REBUILD_REQUIRED",
    "REBUILD_TARGETS",
    "STRIKE_LABELS",
    "TARGET_LABELS",
    "attacker_of",
    "geo_precision",
    "is_set",
    "label_content",
    "load_labels",
    "parse_time",
    "read_viina",
    "read_viina_rebuild",
]

FORMAT = "viina"
REBUILD_FORMAT = "viina_rebuild"

INFO_REQUIRED: tuple[str, ...] = ("event_id", "date")
LABELS_REQUIRED: tuple[str, ...] = ("event_id",)
REBUILD_REQUIRED: tuple[str, ...] = ("event_id_1pd", "date", "representative_text")
#: The event_info and rebuild columns each reader reads: a report's content (``row_content``),
#: so the other columns may come and go without changing a report or its id. Of a labels row,
#: the content is the labels set (``label_content``), sorted by name.
INFO_CONTENT: tuple[str, ...] = (
    "event_id",
    "date",
    "time",
    "geonameid",
    "ADM1_NAME",
    "longitude",
    "latitude",
    "GEO_PRECISION",
    "location",
    "source",
    "url",
    "text",
)
REBUILD_CONTENT: tuple[str, ...] = (
    "event_id_1pd",
    "date",
    "ADM1_NAME",
    "asciiname",
    "latitude",
    "longitude",
    "location_method",
    "a_rus",
    "a_ukr",
    "attack_terms",
    "target_classes",
    "representative_text",
    "sources_matching",
    "source_urls",
)
STRIKE_LABELS: tuple[str, ...] = ("t_airstrike", "t_uav", "t_artillery")
TARGET_LABELS: dict[str, str] = {"t_hospital": "healthcare"}

# The rebuild's target classes (keyword groups of that project) as our target categories.
REBUILD_TARGETS: dict[str, str] = {
    "AMMUNITION_ARSENAL": "military",
    "STRATEGIC_AIRBASE": "military",
    "MILITARY_REPAIR_SHIPYARD": "military",
    "MILITARY_COMMS_SPACE": "military",
    "FUEL_STORAGE_TERMINAL": "energy",
    "ENERGY_GRID_SUPPORT": "energy",
    "REFINING_PETROCHEM_GAS": "energy",
    "PIPELINE_PUMPING": "energy",
    "DEFENSE_INDUSTRY": "industrial",
    "PORT_EXPORT_LOGISTICS": "port",
    "RAIL_STRATEGIC_LOGISTICS": "transport",
}


@functools.lru_cache(maxsize=64)
def geo_precision(value: str, has_point: bool, has_admin1: bool) -> GeoPrecision:
    """VIINA's GEO_PRECISION (an admin level or place kind) as ours; empty falls back on data."""
    v = value.lower()
    if "adm0" in v or "country" in v:
        return GeoPrecision.COUNTRY
    if "adm1" in v:
        return GeoPrecision.OBLAST
    if "adm2" in v:
        return GeoPrecision.NEAR
    if has_point:
        return GeoPrecision.SETTLEMENT
    return GeoPrecision.OBLAST if has_admin1 else GeoPrecision.COUNTRY


def is_set(value: str) -> bool:
    """A VIINA label cell: 1/0 or a probability; set from 0.5 up."""
    if not value:
        return False
    try:
        return float(value) >= 0.5
    except ValueError:
        raise ValueError(f"label {value!r} is not a number") from None


def attacker_of(a_rus: bool, a_ukr: bool) -> str | None:
    """RU or UA when exactly one side is labelled as the actor."""
    if a_rus != a_ukr:
        return "RU" if a_rus else "UA"
    return None


def parse_time(value: str) -> time | None:
    """A VIINA time cell: 'HH:MM', 'HH:MM:SS' or 'HHMM' ('' -> None)."""
    if not value:
        return None
    digits = value.replace(":", "")
    if not digits.isdigit() or len(digits) not in (4, 6):
        raise ValueError(f"column time: {value!r} is not HH:MM")
    try:
        return time(int(digits[:2]), int(digits[2:4]), int(digits[4:] or 0))
    except ValueError:
        raise ValueError(f"column time: {value!r} is not a time of day") from None


@functools.lru_cache(maxsize=8192)
def _day(value: str) -> tuple[datetime, datetime]:
    """The Kyiv-local day of a YYYYMMDD cell as [start, end) (cached: dates repeat)."""
    return day_window(parse_yyyymmdd(value, "date"))


def label_content(flags: dict[str, bool]) -> str:
    """A labels row as report content: the labels set, by name (what the reader uses of it)."""
    return "labels: " + ",".join(sorted(name for name, value in flags.items() if value))


def load_labels(
    labels_path: Path, errors: list[RowError]
) -> dict[str, tuple[str, dict[str, bool]]]:
    """event_id -> (label content, labels set) for a labels file; bad rows go to ``errors``."""
    labels: dict[str, tuple[str, dict[str, bool]]] = {}
    for rec in iter_records(labels_path, required=LABELS_REQUIRED):
        if isinstance(rec, RowError):
            errors.append(rec)
            continue
        try:
            flags = {k: is_set(v.strip()) for k, v in rec.values.items() if k[:2] in ("a_", "t_")}
        except ValueError as exc:
            errors.append(RowError(str(exc), path=str(labels_path), line=rec.line))
            continue
        labels[rec.get("event_id")] = (label_content(flags), flags)
    return labels


def read_viina(
    info_path: Path,
    labels_path: Path | None = None,
    *,
    source: str | None = None,
    progress: Progress | None = None,
) -> Iterator[Parsed | RowError]:
    """Stream VIINA event_info rows joined with their labels; labelled attacks become strikes."""
    errors: list[RowError] = []
    labels = load_labels(labels_path, errors) if labels_path is not None else {}
    yield from errors
    convert = functools.partial(_convert_info, path=info_path, source=source, labels=labels)
    records = iter_records(info_path, required=INFO_REQUIRED, progress=progress)
    yield from convert_all(records, convert, info_path)


def _convert_info(
    rec: Record,
    *,
    path: Path,
    source: str | None,
    labels: dict[str, tuple[str, dict[str, bool]]],
) -> Parsed:
    """One event_info row (and its labels) to a report and, for attacks, a strike."""
    event_id = require(rec.get("event_id"), "event_id")
    start, end = _day(require(rec.get("date"), "date"))
    clock = parse_time(rec.get("time"))
    published = None
    if clock is not None:
        local = datetime.combine(start.astimezone(KYIV_ZONE).date(), clock, tzinfo=KYIV_ZONE)
        published = local.astimezone(UTC)
    label_text, flags = labels.get(event_id, ("", {}))
    info = row_content(rec, INFO_CONTENT)
    content = f"{info}\n{label_text}" if label_text else info
    report = make_report(
        rec,
        path,
        fmt=FORMAT,
        source=source or rec.get("source") or FORMAT,
        key=event_id,
        published=published,
        url=rec.get("url"),
        content=content,
    )
    lat = parse_coord(rec.get("latitude"), "latitude", 90.0)
    lon = parse_coord(rec.get("longitude"), "longitude", 180.0)
    if not any(flags.get(name, False) for name in STRIKE_LABELS):
        return Parsed(report, ())
    admin1, location = rec.get("ADM1_NAME"), rec.get("location")
    has_point = bool(rec.get("geonameid")) or lat is not None
    geo = geo_precision(rec.get("GEO_PRECISION"), has_point, bool(admin1))
    kind: PlaceKind = (
        "settlement" if geo in (GeoPrecision.SETTLEMENT, GeoPrecision.NEAR) else "region"
    )
    weapons = ["drones"] if flags.get("t_uav") else []
    if flags.get("t_artillery"):
        weapons.append("artillery")
    if flags.get("t_airstrike"):
        weapons.extend(weapons_in_text(rec.get("text")))
    strike = Strike(
        id=strike_id(FORMAT, event_id),
        attacker=attacker_of(flags.get("a_rus", False), flags.get("a_ukr", False)),
        start=start,
        end=end,
        time_precision=TimePrecision.DAY,
        weapons=tuple(dict.fromkeys(weapons)),
        places=() if geo is GeoPrecision.COUNTRY else places_for(admin1, location, lat, lon, kind),
        place_names=place_names(admin1, location),
        geo_precision=geo,
        targets=tuple(t for label, t in TARGET_LABELS.items() if flags.get(label)),
        reports=(report.id,),
        credibility=Credibility.WEAK,
        notes=("VIINA labels: " + ", ".join(k for k, v in flags.items() if v),),
    )
    return Parsed(report, (strike,))


def read_viina_rebuild(
    path: Path, *, source: str | None = None, progress: Progress | None = None
) -> Iterator[Parsed | RowError]:
    """Stream a VIINA-derived rebuild CSV (one row per event-day); rows with attack terms strike."""
    records = iter_records(path, required=REBUILD_REQUIRED, progress=progress)
    convert = functools.partial(_convert_rebuild, path=path, source=source)
    return convert_all(records, convert, path)


def _convert_rebuild(rec: Record, *, path: Path, source: str | None) -> Parsed:
    """One rebuild row to a report and, when it names an attack, a strike."""
    event_id = require(rec.get("event_id_1pd"), "event_id_1pd")
    start, end = _day(require(rec.get("date"), "date"))
    urls = [u for u in rec.get("source_urls").split("|") if u]
    report = make_report(
        rec,
        path,
        fmt=REBUILD_FORMAT,
        source=source or REBUILD_FORMAT,
        key=event_id,
        content=row_content(rec, REBUILD_CONTENT),
        url=urls[0] if urls else None,
    )
    lat = parse_coord(rec.get("latitude"), "latitude", 90.0)
    lon = parse_coord(rec.get("longitude"), "longitude", 180.0)
    if not rec.get("attack_terms"):
        return Parsed(report, ())
    admin1, location = rec.get("ADM1_NAME"), rec.get("asciiname")
    has_point = lat is not None and lon is not None
    geo = GeoPrecision.SETTLEMENT if has_point else geo_precision("", False, bool(admin1))
    classes = [c for c in rec.get("target_classes").split("|") if c]
    targets = dict.fromkeys(REBUILD_TARGETS.get(c, "other") for c in classes)
    text = rec.get("representative_text")
    sources = [s for s in rec.get("sources_matching").split("|") if s]
    strike = Strike(
        id=strike_id(REBUILD_FORMAT, event_id),
        attacker=attacker_of(is_set(rec.get("a_rus")), is_set(rec.get("a_ukr"))),
        start=start,
        end=end,
        time_precision=TimePrecision.DAY,
        weapons=tuple(weapons_in_text(f"{rec.get('attack_terms')} {text}")),
        places=places_for(admin1, location, lat, lon, "settlement"),
        place_names=place_names(admin1, location),
        geo_precision=geo,
        targets=tuple(targets),
        reports=(report.id,),
        credibility=Credibility.FAIR if len(sources) >= 2 else Credibility.WEAK,
        notes=(
            f"target classes: {rec.get('target_classes')}",
            f"location: {rec.get('location_method') or '?'}",
        ),
    )
    return Parsed(report, (strike,))
