"""The judging rules: each a named, versioned callable from (pledge, reading, strike) to an outcome.

A rule answers ``in`` (the strike falls within the pledge on this axis), ``out`` (it does not:
no breach), ``unknown`` (the evidence is too coarse to tell), or ``skip`` (the reading does not
limit this axis). The engine runs the rules in order; the first ``out`` decides ``no_breach``,
otherwise the first ``unknown`` decides ``undetermined``, otherwise the strike is a breach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from trucewatch.geo import Gazetteer
from trucewatch.model import Credibility, Place, Pledge, Reading, Scope, Strike, TimePrecision
from trucewatch.times import KYIV_ZONE

Outcome = Literal["in", "out", "unknown", "skip"]


@dataclass(frozen=True)
class Finding:
    """What one rule found, and why, in words a journalist can quote."""

    rule: str
    outcome: Outcome
    why: str


class Rule(Protocol):
    """A judging rule: a name with its version, and a call that returns a finding."""

    name: str

    def __call__(
        self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike
    ) -> Finding: ...


@lru_cache(maxsize=8192)
def fmt_time(moment: datetime | None, tz: str) -> str:
    """A short local time with its zone abbreviation, for explanations."""
    if moment is None:
        return "open"
    local = moment.astimezone(ZoneInfo(tz))
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or tz)


def fmt_strike_time(strike: Strike) -> str:
    """The strike's time at its precision, in its own zone."""
    if strike.time_precision in (TimePrecision.MINUTE, TimePrecision.HOUR):
        return f"{fmt_time(strike.start, strike.tz)} to {fmt_time(strike.end, strike.tz)}"
    day = strike.start.astimezone(ZoneInfo(strike.tz)).strftime("%Y-%m-%d")
    return f"known only to the {strike.time_precision.value} of {day}"


class PartyRule:
    """Only strikes by a party the pledge binds are judged."""

    name = "party.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        if strike.attacker is None:
            return Finding(self.name, "unknown", "the attacker is not known")
        if strike.attacker in pledge.parties:
            return Finding(self.name, "in", f"attacker {strike.attacker} is bound")
        bound = ", ".join(pledge.parties)
        return Finding(self.name, "out", f"attacker {strike.attacker} is not bound (binds {bound})")


def announced_from(announced: str | None) -> datetime | None:
    """The earliest instant an ``announced`` date (YYYY, YYYY-MM, YYYY-MM-DD) can mean, in Kyiv."""
    if not announced:
        return None
    parts = [int(p) for p in announced.split("-")[:3]]
    parts += [1] * (3 - len(parts))
    return datetime(parts[0], parts[1], parts[2], tzinfo=KYIV_ZONE)


class AnnouncedRule:
    """A pledge cannot be broken before it was made: strikes that ended before it are out."""

    name = "announced.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        made = announced_from(pledge.announced)
        if made is None:
            return Finding(self.name, "skip", "")
        if strike.end <= made:
            return Finding(
                self.name,
                "out",
                f"strike ended before the pledge was announced ({pledge.announced})",
            )
        # Known to the day: a strike under way on that day may have come before the words.
        day_known = len((pledge.announced or "").split("-")) == 3
        if day_known and strike.start < made + timedelta(days=1):
            return Finding(
                self.name,
                "unknown",
                f"strike began on or before the day the pledge was announced ({pledge.announced})",
            )
        return Finding(self.name, "skip", "")


class EvidenceRule:
    """Contested evidence cannot decide a breach; discounted evidence does not count."""

    name = "evidence.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        if strike.credibility is Credibility.DISCOUNTED:
            return Finding(self.name, "out", "the evidence for this strike is discounted")
        if strike.credibility is Credibility.CONTESTED:
            return Finding(self.name, "unknown", "the parties' accounts of this strike conflict")
        return Finding(self.name, "skip", "")


class TimeRule:
    """In when the strike overlaps the window; a coarse strike cut by a boundary is unknown.

    A reading with neither start nor end gives no dates: unknown. A reading with only one
    of them is open on the other side (in force from its start, or until its end).
    """

    name = "time.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        start, end = reading.start, reading.end
        window = f"{fmt_time(start, reading.tz)} to {fmt_time(end, reading.tz)}"
        when = fmt_strike_time(strike)
        if start is None and end is None:
            return Finding(self.name, "unknown", f"{reading.by} reading gives no dates")
        if (end is not None and strike.start >= end) or (start is not None and strike.end <= start):
            return Finding(self.name, "out", f"strike ({when}) is outside the window {window}")
        coarse = strike.time_precision not in (TimePrecision.MINUTE, TimePrecision.HOUR)
        inside = (start is None or strike.start >= start) and (end is None or strike.end <= end)
        if coarse and not inside:
            return Finding(
                self.name, "unknown", f"strike is {when}, a span the window {window} cuts"
            )
        return Finding(self.name, "in", f"strike ({when}) overlaps the window {window}")


def _axis(name: str, limit: Sequence[str] | None, values: Sequence[str], noun: str) -> Finding:
    if limit is None:
        return Finding(name, "skip", "")
    if not values:
        return Finding(
            name, "unknown", f"{noun} not reported; the reading covers {', '.join(limit)}"
        )
    common = [v for v in values if v in limit]
    if common:
        return Finding(
            name, "in", f"{noun} {', '.join(common)} within the reading's ({', '.join(limit)})"
        )
    return Finding(
        name, "out", f"{noun} {', '.join(values)} outside the reading's ({', '.join(limit)})"
    )


class WeaponRule:
    """The strike's weapon classes against the reading's weapons."""

    name = "weapons.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        return _axis(self.name, scope.weapons, strike.weapons, "weapons")


class TargetRule:
    """The strike's target categories against the reading's targets."""

    name = "targets.v1"

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        return _axis(self.name, scope.targets, strike.targets, "targets")


class PlaceRule:
    """The strike's places against the reading's places; a settlement lies within its oblast."""

    name = "places.v1"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, Place | None] = {}

    def _resolve(self, name: str) -> Place | None:
        if name not in self._cache:
            self._cache[name] = self.gazetteer.resolve(name)
        return self._cache[name]

    def __call__(self, pledge: Pledge, reading: Reading, scope: Scope, strike: Strike) -> Finding:
        if scope.places is None:
            return Finding(self.name, "skip", "")
        limit = ", ".join(scope.places)
        wanted = [p for p in (self._resolve(n) for n in scope.places) if p is not None]
        if not strike.places:
            reported = ", ".join(strike.place_names) or "none"
            return Finding(
                self.name,
                "unknown",
                f"place not resolved (reported: {reported}); the reading covers {limit}",
            )
        coarse: list[str] = []
        for place in strike.places:
            if any(self.gazetteer.contains(w, place) for w in wanted):
                return Finding(
                    self.name, "in", f"{place.name} lies within the reading's places ({limit})"
                )
            if any(self.gazetteer.may_contain(place, w) for w in wanted):
                coarse.append(place.name)
        names = ", ".join(p.name for p in strike.places)
        if coarse:
            return Finding(
                self.name,
                "unknown",
                f"place known only as {', '.join(coarse)}, wider than the reading's ({limit})",
            )
        return Finding(self.name, "out", f"places {names} outside the reading's ({limit})")


def default_rules(gazetteer: Gazetteer) -> list[Rule]:
    """The rules in the order they are applied."""
    return [
        PartyRule(),
        AnnouncedRule(),
        EvidenceRule(),
        TimeRule(),
        WeaponRule(),
        TargetRule(),
        PlaceRule(gazetteer),
    ]
