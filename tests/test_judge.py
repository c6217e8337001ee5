"""The judge's rules on hand-built cases: party, time zones and precision, scope axes."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import KYIV, MSK, kyiv, pledge, strike
from trucewatch.judge.engine import Judge, verdict_json
from trucewatch.model import (
    Credibility,
    PledgeStatus,
    Reading,
    Scope,
    TimePrecision,
    VerdictKind,
)

JUDGE = Judge()
UA_WINDOW = Reading(by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 6))


def judge_one(p, s):  # type: ignore[no-untyped-def]
    return JUDGE.verdict(p, p.readings[0], s)


def test_strike_by_unbound_party_is_no_breach() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 2, 18), attacker="UA"))
    assert v.verdict is VerdictKind.NO_BREACH and v.rule == "party.v1"
    assert "not bound" in v.why


def test_unknown_attacker_is_undetermined() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 2, 18), attacker=None))
    assert v.verdict is VerdictKind.UNDETERMINED and v.rule == "party.v1"


def test_overlapping_minute_strike_is_a_breach() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9, 30)))
    assert v.verdict is VerdictKind.BREACH
    assert "time.v1" in v.rule
    assert "overlaps the window" in v.why and "evidence weak" in v.why


def test_strike_crossing_window_start_overlaps() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 1, 29, 18), kyiv(2026, 1, 30, 8)))
    assert v.verdict is VerdictKind.BREACH


def test_strike_ending_at_window_start_is_outside() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 1, 29, 18), kyiv(2026, 1, 30, 0)))
    assert v.verdict is VerdictKind.NO_BREACH and v.rule == "time.v1"


def test_window_end_is_exclusive() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 6, 0), kyiv(2026, 2, 6, 8)))
    assert v.verdict is VerdictKind.NO_BREACH


def test_day_precision_inside_is_in() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 3), precision=TimePrecision.DAY))
    assert v.verdict is VerdictKind.BREACH


def test_day_precision_cut_by_boundary_is_undetermined() -> None:
    # The Kremlin's window ends at midnight Moscow = 23:00 Kyiv on 1 February.
    ru = Reading(by="RU", start=kyiv(2026, 1, 26), end=datetime(2026, 2, 2, tzinfo=MSK))
    p = pledge(readings=(ru,))
    v = judge_one(p, strike("s", kyiv(2026, 2, 1), precision=TimePrecision.DAY))
    assert v.verdict is VerdictKind.UNDETERMINED and v.rule == "time.v1"
    assert "cuts" in v.why
    # A strike known to the minute at 23:30 Kyiv on 1 February is after the Moscow midnight.
    late = strike("s2", kyiv(2026, 2, 1, 23, 30), kyiv(2026, 2, 2, 6))
    assert judge_one(p, late).verdict is VerdictKind.NO_BREACH
    early = strike("s3", kyiv(2026, 2, 1, 22, 30), kyiv(2026, 2, 2, 6))
    assert judge_one(p, early).verdict is VerdictKind.BREACH


def test_day_precision_wholly_outside_is_no_breach() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 7), precision=TimePrecision.DAY))
    assert v.verdict is VerdictKind.NO_BREACH


def test_undated_reading_is_undetermined() -> None:
    p = pledge(readings=(Reading(by="US", start=None, end=None),))
    v = judge_one(p, strike("s", kyiv(2026, 2, 3, 1)))
    assert v.verdict is VerdictKind.UNDETERMINED and "no dates" in v.why


def test_open_ended_reading_covers_later_strikes() -> None:
    p = pledge(readings=(Reading(by="UA", start=kyiv(2025, 3, 25), end=None),))
    assert judge_one(p, strike("s", kyiv(2025, 4, 2, 20))).verdict is VerdictKind.BREACH
    assert judge_one(p, strike("s", kyiv(2025, 3, 20, 20))).verdict is VerdictKind.NO_BREACH


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        ((), VerdictKind.UNDETERMINED),
        (("residential",), VerdictKind.NO_BREACH),
        (("energy", "residential"), VerdictKind.BREACH),
    ],
)
def test_target_axis(targets: tuple[str, ...], expected: VerdictKind) -> None:
    p = pledge(scope=Scope(targets=("energy",)))
    v = judge_one(p, strike("s", kyiv(2026, 2, 2, 18), targets=targets))
    assert v.verdict is expected
    if expected is not VerdictKind.BREACH:
        assert v.rule == "targets.v1"


def test_reading_scope_replaces_pledge_scope() -> None:
    ua = Reading(
        by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 6), scope=Scope(targets=("energy",))
    )
    p = pledge(scope=Scope(places=("Kyiv",)), readings=(ua,))
    v = judge_one(p, strike("s", kyiv(2026, 2, 2, 18), places=("Kharkiv",), targets=("energy",)))
    # The reading limits targets only; the pledge's place limit still applies.
    assert v.verdict is VerdictKind.NO_BREACH and v.rule == "places.v1"


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (("Kyiv",), VerdictKind.BREACH),
        (("Lviv",), VerdictKind.NO_BREACH),
        (("Kyiv Oblast",), VerdictKind.UNDETERMINED),
        (("Ukraine",), VerdictKind.UNDETERMINED),
        ((), VerdictKind.UNDETERMINED),
        (("south",), VerdictKind.UNDETERMINED),
    ],
)
def test_place_axis_for_a_city(places: tuple[str, ...], expected: VerdictKind) -> None:
    p = pledge(scope=Scope(places=("Kyiv",)))
    assert judge_one(p, strike("s", kyiv(2026, 2, 2, 18), places=places)).verdict is expected


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (("Kharkiv",), VerdictKind.BREACH),
        (("Kharkiv Oblast",), VerdictKind.BREACH),
        (("Odesa",), VerdictKind.NO_BREACH),
    ],
)
def test_settlement_lies_within_its_oblast(places: tuple[str, ...], expected: VerdictKind) -> None:
    p = pledge(scope=Scope(places=("Kharkiv Oblast",)))
    assert judge_one(p, strike("s", kyiv(2026, 2, 2, 18), places=places)).verdict is expected


def test_weapon_axis() -> None:
    p = pledge(scope=Scope(weapons=("missiles",)))
    assert (
        judge_one(p, strike("s", kyiv(2026, 2, 2, 18), weapons=("drones",))).verdict
        is VerdictKind.NO_BREACH
    )
    assert (
        judge_one(p, strike("s", kyiv(2026, 2, 2, 18), weapons=("drones", "missiles"))).verdict
        is VerdictKind.BREACH
    )
    assert (
        judge_one(p, strike("s", kyiv(2026, 2, 2, 18), weapons=())).verdict
        is VerdictKind.UNDETERMINED
    )


def test_contested_evidence_is_undetermined_and_discounted_is_out() -> None:
    s = strike("s", kyiv(2026, 2, 2, 18), credibility=Credibility.CONTESTED)
    assert judge_one(pledge(), s).verdict is VerdictKind.UNDETERMINED
    s = strike("s", kyiv(2026, 2, 2, 18), credibility=Credibility.DISCOUNTED)
    assert judge_one(pledge(), s).verdict is VerdictKind.NO_BREACH


def test_strike_before_the_announcement_is_out() -> None:
    us = Reading(by="US", start=kyiv(2026, 1, 25), end=kyiv(2026, 2, 2))
    p = pledge(readings=(us,)).model_copy(update={"announced": "2026-01-29"})
    early = judge_one(p, strike("s", kyiv(2026, 1, 26, 18), kyiv(2026, 1, 27, 8)))
    assert early.verdict is VerdictKind.NO_BREACH and early.rule == "announced.v1"
    same_day = judge_one(p, strike("s", kyiv(2026, 1, 28, 18), kyiv(2026, 1, 29, 8)))
    assert same_day.verdict is VerdictKind.UNDETERMINED and same_day.rule == "announced.v1"
    late = judge_one(p, strike("s", kyiv(2026, 1, 30, 18), kyiv(2026, 1, 31, 8)))
    assert late.verdict is VerdictKind.BREACH
    month_only = p.model_copy(update={"announced": "2026-01"})
    assert judge_one(month_only, strike("s", kyiv(2026, 1, 26, 18))).verdict is VerdictKind.BREACH


def test_rejected_pledge_says_so() -> None:
    v = judge_one(pledge(status=PledgeStatus.REJECTED), strike("s", kyiv(2026, 2, 2, 18)))
    assert v.why.startswith("pledge rejected, never in force")


def test_json_times_carry_the_kyiv_offset() -> None:
    v = judge_one(pledge(), strike("s", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9, 30)))
    out = verdict_json(v)
    assert out["strike_start"] == "2026-02-02T18:00:00+02:00"
    assert set(out) >= {  # the documented fields; new ones are only ever added
        "pledge",
        "reading",
        "strike",
        "strike_start",
        "strike_end",
        "verdict",
        "rule",
        "why",
        "time_precision",
        "mode",
        "in_force",
        "breach_at",
        "evidence",
    }


def test_default_output_leaves_out_no_breach() -> None:
    strikes = [strike("in", kyiv(2026, 2, 2, 18)), strike("out", kyiv(2026, 3, 2, 18))]
    shown = JUDGE.judge([pledge()], strikes)
    assert [v.strike for v in shown] == ["in"]
    every = JUDGE.judge([pledge()], strikes, include_no_breach=True)
    assert {v.strike: v.verdict for v in every} == {
        "in": VerdictKind.BREACH,
        "out": VerdictKind.NO_BREACH,
    }


_starts = st.datetimes(
    min_value=datetime(2026, 1, 20), max_value=datetime(2026, 2, 15), timezones=st.just(KYIV)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_starts, min_size=1, max_size=12), st.lists(_starts, max_size=6))
def test_adding_strikes_never_changes_earlier_verdicts(
    old: list[datetime], new: list[datetime]
) -> None:
    before = [strike(f"a{i}", t) for i, t in enumerate(old)]
    after = before + [strike(f"b{i}", t) for i, t in enumerate(new)]
    p = pledge(scope=Scope(places=("Kyiv",)))
    first = {v.strike: v for v in JUDGE.judge([p], before, include_no_breach=True)}
    second = {v.strike: v for v in JUDGE.judge([p], after, include_no_breach=True)}
    assert all(second[k] == v for k, v in first.items())
    filtered = {v.strike for v in JUDGE.judge([p], after)}
    assert filtered == {k for k, v in second.items() if v.verdict is not VerdictKind.NO_BREACH}
