"""Time: the Kyiv zone, midnight of a Kyiv day, ISO 8601 durations, joining time windows.
The one home for these."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from trucewatch._inputs import duration_parts_problem
from trucewatch.errors import ArgumentError

__all__ = [
    "KYIV",
    "KYIV_ZONE",
    "Window",
    "disjoint",
    "duration_parts",
    "epoch_us",
    "kyiv_date",
    "kyiv_midnight",
    "parse_duration",
    "zone",
]

#: The zone name recorded with Kyiv-local times.
KYIV = "Europe/Kyiv"


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called ``name`` (built once per name)."""
    return ZoneInfo(name)


KYIV_ZONE = zone(KYIV)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_us(moment: datetime) -> int:
    """An aware instant as integer microseconds since the epoch (exact)."""
    delta = moment.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def kyiv_midnight(day: date) -> datetime:
    """The start of ``day`` in Kyiv (00:00 local, aware)."""
    return datetime(day.year, day.month, day.day, tzinfo=KYIV_ZONE)


def kyiv_date(moment: datetime) -> date:
    """The Kyiv-local calendar day of an instant (a naive time is taken as it is)."""
    if moment.tzinfo is None:
        return moment.date()
    try:
        return moment.astimezone(KYIV_ZONE).date()
    except OverflowError:  # at the calendar's ends the day as given stands
        return moment.date()


_DURATION = re.compile(
    r"P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?"
)


def duration_parts(text: str) -> tuple[int, int]:
    """An ISO 8601 duration as (calendar days, exact seconds): P1W -> (7, 0), PT1H -> (0, 3600).

    Weeks, days, hours, minutes and seconds only: months and years have no fixed length.
    The one parser of durations (pledge windows, policy stages); raises ``ArgumentError``.
    """
    match = _DURATION.fullmatch(text) if isinstance(text, str) else None
    if match is None or text in ("P", "PT") or text.endswith("T"):
        raise ArgumentError(f"{text!r} is not an ISO 8601 duration such as PT24H, PT30M or P3D")
    n = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    days, seconds = n["w"] * 7 + n["d"], n["h"] * 3600 + n["m"] * 60 + n["s"]
    problem = duration_parts_problem(days, seconds)  # the input policy: under 10 years
    if problem is not None:
        raise ArgumentError(f"{text!r} {problem}", code="E808")
    return days, seconds


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration as elapsed time (``PT24H``, ``P3D``, ``P1DT12H``)."""
    days, seconds = duration_parts(text)
    return timedelta(days=days, seconds=seconds)


#: A stretch of time; None is an open end.
Window = tuple[datetime | None, datetime | None]


def disjoint(spans: Iterable[Window]) -> list[Window]:
    """Overlapping or touching windows joined, oldest first (None: open), so each stretch of
    the ledger is read once."""
    lowest = datetime.min.replace(tzinfo=UTC)
    highest = datetime.max.replace(tzinfo=UTC)
    out: list[Window] = []
    for lo, hi in sorted(spans, key=lambda w: w[0] or lowest):
        if out and (out[-1][1] is None or (lo or lowest) <= (out[-1][1] or highest)):
            last = out[-1][1]
            out[-1] = (out[-1][0], None if hi is None or last is None else max(hi, last))
        else:
            out.append((lo, hi))
    return out
