"""Hand-built strikes, reports and pledges for tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from trucewatch.geo import default_gazetteer
from trucewatch.model import (
    GeoPrecision,
    Pledge,
    PledgeStatus,
    Quantity,
    Reading,
    Report,
    Scope,
    SourceKind,
    Strike,
    TimePrecision,
)

KYIV = ZoneInfo("Europe/Kyiv")
MSK = ZoneInfo("Europe/Moscow")


def kyiv(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=KYIV)


def report(text: str, source: str = "test") -> Report:
    digest = Report.hash_content(text)
    return Report(
        id="r-" + digest[:16],
        source=source,
        source_kind=SourceKind.MEDIA,
        format="text",
        content=text,
        content_hash=digest,
    )


def news_report(
    text: str,
    *,
    source: str = "test",
    kind: SourceKind = SourceKind.MEDIA,
    fmt: str = "text",
) -> Report:
    """A report of any source kind and format (the merge tells datasets from news by it)."""
    digest = Report.hash_content(f"{source}\n{fmt}\n{text}")
    return Report(
        id="r-" + digest[:16],
        source=source,
        source_kind=kind,
        format=fmt,
        content=text,
        content_hash=digest,
    )


def strike(
    sid: str,
    start: datetime,
    end: datetime | None = None,
    *,
    precision: TimePrecision = TimePrecision.MINUTE,
    attacker: str | None = "RU",
    places: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    weapons: tuple[str, ...] = ("drones",),
    drones: int | None = 10,
    reports: tuple[str, ...] = ("r-test",),
    **extra: Any,
) -> Strike:
    gz = default_gazetteer()
    resolved = tuple(p for p in (gz.resolve(n) for n in places) if p is not None)
    if end is None:
        end = start + (timedelta(days=1) if precision is TimePrecision.DAY else timedelta(hours=8))
    kinds = {p.kind for p in resolved}
    geo = (
        GeoPrecision.SETTLEMENT
        if "settlement" in kinds
        else GeoPrecision.OBLAST
        if "oblast" in kinds
        else GeoPrecision.COUNTRY
    )
    return Strike(
        id=sid,
        attacker=attacker,
        start=start,
        end=end,
        time_precision=precision,
        drones=Quantity.exact(drones) if drones is not None else None,
        weapons=weapons,
        places=resolved,
        place_names=places,
        geo_precision=geo,
        targets=targets,
        reports=reports,
        **extra,
    )


def pledge(
    pid: str = "p-test",
    *,
    parties: tuple[str, ...] = ("RU",),
    scope: Scope | None = None,
    readings: tuple[Reading, ...] = (),
    status: PledgeStatus = PledgeStatus.AGREED,
) -> Pledge:
    if not readings:
        readings = (Reading(by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 6)),)
    return Pledge(
        id=pid,
        title="test pledge",
        parties=parties,
        status=status,
        scope=scope or Scope(),
        readings=readings,
    )
