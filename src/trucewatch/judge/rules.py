"""The judging rules: each a named, versioned callable from (pledge, reading, strike) to an outcome.

A rule answers ``in`` (the strike falls within the pledge on this axis), ``out`` (it does not:
no breach), ``unknown`` (the evidence is too coarse to tell), or ``skip`` (the reading does not
limit this axis). The engine runs the rules in order; the first ``out`` decides ``no_breach``,
otherwise the first ``unknown`` decides ``undetermined``, otherwise the strike is a breach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, Protocol

from trucewatch.geo import Gazetteer
from trucewatch.model import (
    IN_FORCE_STATUSES,
    KYIV,
    Credibility,
    Evidence,
    Place,
    Pledge,
    PledgeStatus,
    Reading,
    Scope,
    StatusChange,
    Strike,
    TimePrecision,
)
from trucewatch.times import KYIV_ZONE, zone

__all__ = [
    "FINE",
    "AnnouncedRule",
    "EvidenceRule",
    "Finding",
    "InForce",
    "Outcome",
    "PartyRule",
    "Period",
    "PlaceRule",
    "Rule",
    "StatusRule",
    "TargetRule",
    "TimeRule",
    "WeaponRule",
    "announced_from",
    "breach_at",
    "default_rules",
    "evidence_of",
    "fmt_night",
    "fmt_strike_time",
    "fmt_time",
    "fmt_when",
    "in_force_parts",
    "in_force_periods",
    "night_of",
    "not_in_force_text",
    "partly_in_force_text",
    "status_at",
    "status_history",
    "strike_span",
]

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
    local = moment.astimezone(zone(tz))
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or tz)


FINE = frozenset({TimePrecision.MINUTE, TimePrecision.HOUR})


def night_of(moment: datetime) -> date:
    """The evening date D of the night (D to D+1, Kyiv) an instant falls in: noon to noon."""
    return (moment.astimezone(KYIV_ZONE) - timedelta(hours=12)).date()


def fmt_night(evening: date, *, short: bool = False) -> str:
    """'29-30 January 2026'; across a month '31 January-1 February 2026' (short: 'Jan')."""
    month = "%b" if short else "%B"
    after = evening + timedelta(days=1)
    last = f"{after.day} {after.strftime(month)} {after.year}"
    if after.month == evening.month:
        return f"{evening.day}-{last}"
    first = f"{evening.day} {evening.strftime(month)}"
    if after.year == evening.year:
        return f"{first}-{last}"
    return f"{first} {evening.year}-{last}"


def fmt_strike_time(strike: Strike) -> str:
    """The strike's time at its precision, in its own zone."""
    if strike.time_precision in FINE:
        return f"{fmt_time(strike.start, strike.tz)} to {fmt_time(strike.end, strike.tz)}"
    if strike.time_precision is TimePrecision.NIGHT:
        return f"known only to the night of {fmt_night(night_of(strike.start))}"
    day = strike.start.astimezone(zone(strike.tz)).strftime("%Y-%m-%d")
    return f"known only to the {strike.time_precision.value} of {day}"


def fmt_when(moment: datetime, precision: TimePrecision, tz: str = KYIV) -> str:
    """A start time as precisely as it is known, for table cells: minute '2026-01-30 18:05',
    hour '2026-01-30 18h', night 'night 29-30 Jan 2026', day '2026-01-30', week
    'week of 2026-01-30', month '2026-01'."""
    local = moment.astimezone(zone(tz))
    if precision is TimePrecision.MINUTE:
        return local.strftime("%Y-%m-%d %H:%M")
    if precision is TimePrecision.HOUR:
        return local.strftime("%Y-%m-%d %Hh")
    if precision is TimePrecision.NIGHT:
        return f"night {fmt_night(night_of(moment), short=True)}"
    if precision is TimePrecision.WEEK:
        return local.strftime("week of %Y-%m-%d")
    if precision is TimePrecision.MONTH:
        return local.strftime("%Y-%m")
    return local.strftime("%Y-%m-%d")


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


def evidence_of(strike: Strike) -> Evidence:
    """The structured evidence a verdict on this strike rests on."""
    return Evidence.model_construct(  # the strike's fields are validated already
        grade=strike.credibility,
        reports=len(strike.reports),
        sources=strike.sources,
        claimed_by=strike.claimed_by,
    )


# -- in force: the pledge's status at the strike's time ---------------------------------------

Period = tuple[datetime | None, datetime | None]


def status_history(pledge: Pledge) -> tuple[StatusChange, ...]:
    """The pledge's dated status history, or the one its status implies when none is given.

    Without a history, ``expired`` and ``repudiated`` mean the pledge was agreed and later
    ended at a time not recorded: it counts as in force (its windows bound it in time).
    """
    if pledge.history:
        return pledge.history
    status = pledge.status
    if status in (PledgeStatus.EXPIRED, PledgeStatus.REPUDIATED):
        status = PledgeStatus.AGREED
    return (StatusChange(status=status),)


def in_force_periods(pledge: Pledge) -> list[Period]:
    """The half-open periods [from, until) in which the pledge was in force (None: open)."""
    history = status_history(pledge)
    periods: list[Period] = []
    for i, change in enumerate(history):
        if change.status not in IN_FORCE_STATUSES:
            continue
        until = history[i + 1].at if i + 1 < len(history) else None
        if periods and periods[-1][1] is not None and periods[-1][1] == change.at:
            periods[-1] = (periods[-1][0], until)
        else:
            periods.append((change.at, until))
    return periods


def status_at(pledge: Pledge, moment: datetime) -> StatusChange | None:
    """The status change in force at ``moment``; None before the first dated change."""
    found: StatusChange | None = None
    for change in status_history(pledge):
        if change.at is None or change.at <= moment:
            found = change
    return found


@dataclass(frozen=True)
class InForce:
    """Whether a pledge was in force while a strike was under way (inside the window).

    ``since`` is the first such instant in force; ``partial`` says the pledge was in force for
    only part of that span; ``why`` explains a pledge not (or not wholly) in force.
    """

    rule: str
    in_force: bool
    since: datetime | None
    partial: bool
    why: str


def strike_span(reading: Reading, strike: Strike) -> tuple[datetime, datetime]:
    """The part of the strike inside the reading's window (the whole strike when outside it)."""
    lo = strike.start if reading.start is None else max(strike.start, reading.start)
    hi = strike.end if reading.end is None else min(strike.end, reading.end)
    return (lo, hi) if lo < hi else (strike.start, strike.end)


class StatusRule:
    """In force when the pledge's status history says agreed (and not yet expired or
    repudiated) at some instant at which the strike was under way inside the window.

    Not a verdict rule: a strike judged against a pledge not in force keeps its verdict as a
    what-if. A coarse strike whose span a status change cuts is undetermined, as the time rule
    does for a window boundary.
    """

    name = "status.v1"

    def __call__(
        self,
        pledge: Pledge,
        reading: Reading,
        strike: Strike,
        periods: list[Period] | None = None,
    ) -> InForce:
        """``periods``: the pledge's ``in_force_periods``, when the caller has them already."""
        if periods is None:
            periods = in_force_periods(pledge)
        if periods == [(None, None)]:
            return InForce(self.name, True, None, False, "")
        lo, hi = strike_span(reading, strike)
        parts = in_force_parts(lo, hi, periods)
        if not parts:
            why = not_in_force_text(pledge, periods, status_at(pledge, lo))
            return InForce(self.name, False, None, False, why)
        covered = sum((b - a for a, b in parts), timedelta(0))
        if covered == hi - lo:
            return InForce(self.name, True, parts[0][0], False, "")
        return InForce(self.name, True, parts[0][0], True, partly_in_force_text(parts))


def in_force_parts(
    lo: datetime, hi: datetime, periods: list[Period]
) -> list[tuple[datetime, datetime]]:
    """The stretches of [lo, hi) that fall in the pledge's in-force ``periods``."""
    parts = [(lo if a is None else max(lo, a), hi if b is None else min(hi, b)) for a, b in periods]
    return [(a, b) for a, b in parts if a < b]


def partly_in_force_text(parts: list[tuple[datetime, datetime]]) -> str:
    """Why a strike is a what-if in part: the stretches of its span the pledge was in force."""
    shown = ", ".join(f"{fmt_time(a, KYIV)} to {fmt_time(b, KYIV)}" for a, b in parts)
    return f"the pledge was in force for only part of the strike's span ({shown})"


def not_in_force_text(pledge: Pledge, periods: list[Period], state: StatusChange | None) -> str:
    """Why a strike whose span begins under ``state`` (``status_at``) is a what-if."""
    if not periods:
        return f"pledge {pledge.status.value}, never in force"
    if state is None or state.at is None:
        first = periods[0][0]
        since = f" (in force from {fmt_time(first, KYIV)})" if first else ""
        return f"pledge not yet in force at the strike's time{since}"
    return (
        f"pledge {state.status.value} from {fmt_time(state.at, KYIV)}, "
        "not in force at the strike's time"
    )


def breach_at(reading: Reading, strike: Strike, status: InForce) -> datetime:
    """When the breach began: the first instant inside the window (and while the pledge was
    in force, when it was) at which the strike was under way."""
    at = strike.start if reading.start is None else max(strike.start, reading.start)
    if status.in_force and status.since is not None:
        at = max(at, status.since)
    return at


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
