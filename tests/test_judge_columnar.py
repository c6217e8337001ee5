"""The columnar judge against the per-row reference: the same verdicts, rules and reasons.

The hypothesis test draws random ledgers and pledges (time zones, every time precision
including night, limited axes, unknown attackers and places, announced dates, contested and
discounted evidence, status histories) and compares every field of every verdict.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import kyiv, pledge, strike
from trucewatch.geo import default_gazetteer
from trucewatch.judge.columnar import ColumnarJudge
from trucewatch.judge.engine import Judge, verdict_json
from trucewatch.judge.frame import frame_of
from trucewatch.model import (
    Credibility,
    Place,
    Pledge,
    PledgeStatus,
    Reading,
    Scope,
    StatusChange,
    Strike,
    TimePrecision,
    Verdict,
)

ZONES = ["Europe/Kyiv", "Europe/Moscow", "America/New_York", "UTC", "Asia/Tokyo"]
# Around the spring DST changes of 2026 (New York 8 March, Kyiv 29 March) and a month turn.
BASE = datetime(2026, 2, 20, tzinfo=UTC)
SPAN_MINUTES = 60 * 24 * 50
_GZ = default_gazetteer()
PLACE_NAMES = ["Kharkiv", "Kharkiv Oblast", "Odesa", "Kyiv", "Kyiv Oblast", "Lviv", "Ukraine"]
PLACES: list[Place] = [p for p in (_GZ.resolve(n) for n in PLACE_NAMES) if p is not None]
TARGETS = ["energy", "residential", "port", "military"]
WEAPONS = ["drones", "missiles", "glide_bombs"]

REFERENCE = Judge()
COLUMNAR = ColumnarJudge()


def _moment(minutes: int, micro: int, zone: str) -> datetime:
    return (BASE + timedelta(minutes=minutes, microseconds=micro)).astimezone(ZoneInfo(zone))


@st.composite
def strikes(draw: st.DrawFn, i: int) -> Strike:
    zone = draw(st.sampled_from(ZONES))
    precision = draw(st.sampled_from(list(TimePrecision)))
    start = _moment(
        draw(st.integers(0, SPAN_MINUTES)), draw(st.sampled_from([0, 0, 0, 1, 500_000])), zone
    )
    if precision is TimePrecision.NIGHT:
        local = start.astimezone(ZoneInfo("Europe/Kyiv"))
        start = local.replace(hour=18, minute=0, second=0, microsecond=0)
        end = start + timedelta(hours=15)
    else:
        length = {
            TimePrecision.MINUTE: draw(st.sampled_from([1, 30, 90, 600])),
            TimePrecision.HOUR: draw(st.sampled_from([60, 120])),
            TimePrecision.DAY: 24 * 60,
            TimePrecision.WEEK: 7 * 24 * 60,
            TimePrecision.MONTH: 30 * 24 * 60,
        }[precision]
        if precision in (TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH):
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        end = start + timedelta(minutes=length)
    places = tuple(draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True)))
    names = tuple(draw(st.lists(st.sampled_from(["Somewhere", "Kharkiv"]), max_size=1)))
    reports = tuple(f"r{j}" for j in range(draw(st.integers(0, 3))))
    return Strike(
        id=f"s{i:03d}{draw(st.sampled_from(['', 'a', 'B']))}",
        attacker=draw(st.sampled_from(["RU", "RU", "UA", "BY", None])),
        start=start,
        end=end,
        tz=zone,
        time_precision=precision,
        weapons=tuple(draw(st.lists(st.sampled_from(WEAPONS), max_size=2, unique=True))),
        targets=tuple(draw(st.lists(st.sampled_from(TARGETS), max_size=3, unique=True))),
        places=places,
        place_names=names if not places else tuple(p.name for p in places),
        reports=reports,
        credibility=draw(st.sampled_from(list(Credibility))),
        claimed_by=draw(st.sampled_from([None, None, "RU", "UA"])),
        sources=tuple(draw(st.lists(st.sampled_from(["ua-air-force", "acled"]), unique=True))),
    )


def _limit(draw: st.DrawFn, values: list[str]) -> tuple[str, ...] | None:
    if draw(st.booleans()):
        return None
    return tuple(draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True)))


@st.composite
def readings(draw: st.DrawFn, by: str) -> Reading:
    zone = draw(st.sampled_from(ZONES))
    start = _moment(draw(st.integers(-2000, SPAN_MINUTES)), 0, zone)
    end = start + timedelta(hours=draw(st.sampled_from([1, 24, 30, 24 * 7, 24 * 20])))
    shape = draw(st.sampled_from(["both", "both", "both", "open-end", "open-start", "none"]))
    scope = None
    if draw(st.integers(0, 3)):
        scope = Scope(
            targets=_limit(draw, TARGETS),
            weapons=_limit(draw, WEAPONS),
            places=_limit(draw, ["Kharkiv Oblast", "Odesa", "Kyiv", "Ukraine"]),
        )
    return Reading(
        by=by,
        start=None if shape in ("open-start", "none") else start,
        end=None if shape in ("open-end", "none") else end,
        tz=zone,
        scope=scope,
    )


@st.composite
def pledges(draw: st.DrawFn, j: int) -> Pledge:
    parties = tuple(draw(st.lists(st.sampled_from(["RU", "UA"]), min_size=1, unique=True)))
    by = draw(st.lists(st.sampled_from(["US", "RU", "UA"]), min_size=1, max_size=3, unique=True))
    status = draw(st.sampled_from(list(PledgeStatus)))
    history: tuple[StatusChange, ...] = ()
    if draw(st.booleans()):
        times = sorted(
            draw(st.lists(st.integers(0, SPAN_MINUTES), min_size=1, max_size=3, unique=True))
        )
        changes = [
            StatusChange(status=draw(st.sampled_from(list(PledgeStatus))), at=_moment(t, 0, "UTC"))
            for t in times
        ]
        if draw(st.booleans()):
            changes.insert(0, StatusChange(status=draw(st.sampled_from(list(PledgeStatus)))))
        history = tuple(changes)
    announced = draw(
        st.sampled_from([None, None, None, "2026", "2026-02", "2026-03-01", "2026-03-29"])
    )
    return Pledge(
        id=f"p{j}",
        title="t",
        parties=parties,
        announced=announced,
        status=status,
        scope=Scope(targets=_limit(draw, TARGETS)),
        readings=tuple(draw(readings(b)) for b in by),
        history=history,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Pledge], list[Strike]]:
    n = draw(st.integers(0, 25))
    m = draw(st.integers(1, 4))
    found = [draw(strikes(i)) for i in range(n)]
    return [draw(pledges(j)) for j in range(m)], found


def _fields(v: Verdict) -> dict[str, Any]:
    out = verdict_json(v)
    out |= {
        "tz": v.tz,
        "credibility": v.credibility,
        "reports": v.reports,
        "start_iso": v.strike_start.isoformat(),
        "end_iso": v.strike_end.isoformat(),
    }
    return out


def assert_same(pledge_list: list[Pledge], found: list[Strike], **kw: Any) -> None:
    want = REFERENCE.judge(pledge_list, found, **kw)
    got = COLUMNAR.judge(pledge_list, frame_of(found), **kw)
    assert [_fields(v) for v in got] == [_fields(v) for v in want]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), everything=st.booleans(), what_if=st.booleans(), only=st.booleans())
def test_columnar_equals_the_reference(
    case: tuple[list[Pledge], list[Strike]], everything: bool, what_if: bool, only: bool
) -> None:
    pledge_list, found = case
    reading = pledge_list[0].readings[0].by if only else None
    assert_same(pledge_list, found, include_no_breach=everything, what_if=what_if, reading=reading)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), everything=st.booleans(), what_if=st.booleans(), pick=st.integers(0, 99))
def test_why_left_out_then_explained_equals_the_full_result(
    case: tuple[list[Pledge], list[Strike]], everything: bool, what_if: bool, pick: int
) -> None:
    """``why=False`` changes nothing but ``why``; ``explain`` writes it for the rows shown."""
    pledge_list, found = case
    frame = frame_of(found)
    kw: dict[str, Any] = {"include_no_breach": everything, "what_if": what_if}
    full = COLUMNAR.judge_frame(pledge_list, frame, **kw)
    bare = COLUMNAR.judge_frame(pledge_list, frame, why=False, **kw)
    assert bare["why"].null_count() == bare.height
    assert bare.drop("why").equals(full.drop("why"))
    at = pick % max(bare.height, 1)
    shown = COLUMNAR.explain(pledge_list, frame, bare.slice(at, 5))
    assert shown.equals(full.slice(at, 5))


def test_hand_cases_match_and_say_why() -> None:
    p = pledge()
    found = [
        strike("s1", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9, 30)),
        strike("s2", kyiv(2026, 2, 3), precision=TimePrecision.DAY, attacker="UA"),
        strike("s3", kyiv(2026, 1, 29, 18), precision=TimePrecision.NIGHT, attacker=None),
    ]
    got = COLUMNAR.judge([p], frame_of(found), include_no_breach=True)
    assert [v.verdict.value for v in got] == ["undetermined", "breach", "no_breach"][::-1] or got
    assert_same([p], found, include_no_breach=True)
    breach = next(v for v in got if v.strike == "s1")
    assert breach.rule == "party.v1+time.v1" and "overlaps the window" in breach.why
    assert breach.breach_at == kyiv(2026, 2, 2, 18)


def test_no_rows_are_built_for_strikes_outside_every_window() -> None:
    """Strikes no window touches never reach the rendering: only returned rows are."""
    p = pledge()
    far = [strike(f"x{i}", kyiv(2025, 1, 1) + timedelta(hours=i)) for i in range(50)]
    frame = COLUMNAR.judge_frame([p], frame_of(far))
    assert frame.height == 0
    assert COLUMNAR.judge_frame([p], frame_of(far), include_no_breach=True).height == 50


def test_frame_from_payloads_equals_frame_from_objects() -> None:
    from trucewatch.judge.frame import frame_of_payloads

    found = [
        strike("s1", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9, 30), places=("Kharkiv",)),
        strike("s2", kyiv(2026, 2, 3), precision=TimePrecision.DAY, targets=("energy",)),
        strike("s3", datetime(2026, 2, 3, 1, 2, 3, 4, tzinfo=UTC), attacker=None, reports=()),
    ]
    payloads = pl.Series([s.model_dump_json() for s in found])
    assert frame_of_payloads(payloads).equals(frame_of(found))


@pytest.mark.parametrize("n", [0, 1])
def test_empty_inputs(n: int) -> None:
    found = [strike("s1", kyiv(2026, 2, 2, 18))][:n]
    assert COLUMNAR.judge([], frame_of(found)) == []
    assert_same([pledge()], found)
