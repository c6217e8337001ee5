"""Kyiv time: the zone name, the zone, midnight of a Kyiv day. The one home for these."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

__all__ = ["KYIV", "KYIV_ZONE", "kyiv_midnight", "zone"]

#: The zone name recorded with Kyiv-local times.
KYIV = "Europe/Kyiv"


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called ``name`` (built once per name)."""
    return ZoneInfo(name)


KYIV_ZONE = zone(KYIV)


def kyiv_midnight(day: date) -> datetime:
    """The start of ``day`` in Kyiv (00:00 local, aware)."""
    return datetime(day.year, day.month, day.day, tzinfo=KYIV_ZONE)
