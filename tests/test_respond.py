"""The stage engine over hand-built verdict timelines, plus properties that always hold."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.model import Quantity, Strike, TimePrecision, Verdict, VerdictKind
from trucewatch.respond.engine import Response, replay, respond
from trucewatch.respond.policy import (
    DEFAULT_POLICY_ID,
    Policy,
    load_policy,
    parse_policy,
    policy_from_mapping,
)

T0 = datetime(2026, 2, 3, 16, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=60)
DEFAULT = load_policy(DEFAULT_POLICY_ID)
ON_TIME = parse_policy(
    """\
id: on-time
version: 1
title: Stage 2 on time, stage 3 on continued breaches
stages:
  - {stage: 1, name: One, responders: [A], begins_after: PT0H}
  - {stage: 2, name: Two, responders: [B], begins_after: PT24H}
  - {stage: 3, name: Three, responders: [C], begins_after: PT48H, requires: continued}
resets_after: PT72H
""",
    "on-time.yaml",
)
BREACH, NO, UNDET = VerdictKind.BREACH, VerdictKind.NO_BREACH, VerdictKind.UNDETERMINED


def h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def verdict(strike: str, start: datetime, kind: VerdictKind = BREACH) -> Verdict:
    return Verdict(
        pledge="energy-pause",
        reading="kyiv",
        strike=strike,
        strike_start=start,
        strike_end=start + timedelta(hours=2),
        verdict=kind,
        rule="test.v1",
        why=f"{kind} for test",
    )


def run(
    policy: Policy,
    *vs: Verdict,
    as_of: datetime = LATER,
    window_start: datetime | None = None,
    strikes: Mapping[str, Strike] | None = None,
) -> Response:
    return respond(policy, list(vs), window_start=window_start, as_of=as_of, strikes=strikes)


def stages(resp: Response) -> list[list[tuple[int, datetime]]]:
    return [[(t.stage, t.at) for t in ep.transitions] for ep in resp.episodes]


def test_single_breach_stage_one_closes_after_quiet() -> None:
    resp = run(DEFAULT, verdict("s1", T0))
    assert stages(resp) == [[(1, T0)]]
    assert resp.episodes[0].closed == h(72)
    assert resp.current_stage is None
    assert resp.stage_counts == {1: 1, 2: 0, 3: 0}
    why = resp.episodes[0].transitions[0].why
    assert why == "first breach, by strike s1 at 2026-02-03 18:00 EET, opens the episode"
    still_open = run(DEFAULT, verdict("s1", T0), as_of=h(71.9))
    assert still_open.episodes[0].closed is None and still_open.current_stage == 1


def test_stage_two_at_exactly_24h_and_three_at_72h() -> None:
    vs = [verdict("s1", T0), verdict("s2", h(23 + 59 / 60)), verdict("s3", h(24))]
    resp = run(DEFAULT, *vs, verdict("s4", h(72)))
    assert stages(resp) == [[(1, T0), (2, h(24)), (3, h(72))]]
    assert resp.episodes[0].transitions[1].why == (
        "breach by strike s3 at 2026-02-04 18:00 EET, 24 h after the first breach, "
        "attacks continued"
    )
    assert resp.episodes[0].closed == h(144)
    only_two = run(DEFAULT, *vs, verdict("s4", h(71.99)))
    assert [s for s, _ in stages(only_two)[0]] == [1, 2]
    before = run(DEFAULT, *vs[:2])
    assert stages(before) == [[(1, T0)]]


def test_continued_breach_after_long_gap_within_reset() -> None:
    # 25 h then nothing until 80 h: the episode would close at 25 h + 72 h = 97 h > 80 h.
    resp = run(DEFAULT, verdict("s1", T0), verdict("s2", h(25)), verdict("s3", h(80)))
    assert stages(resp) == [[(1, T0), (2, h(25)), (3, h(80))]]
    assert "80 h after the first breach" in resp.episodes[0].transitions[2].why
    # 98 h is after the close at 97 h: a new episode at stage 1 instead of stage 3.
    later = run(DEFAULT, verdict("s1", T0), verdict("s2", h(25)), verdict("s3", h(98)))
    assert stages(later) == [[(1, T0), (2, h(25))], [(1, h(98))]]
    assert later.episodes[0].closed == h(97)


@pytest.mark.parametrize(("gap", "episodes"), [(71.99, 1), (72, 2), (73, 2)])
def test_quiet_reset(gap: float, episodes: int) -> None:
    resp = run(DEFAULT, verdict("s1", T0), verdict("s2", h(gap)))
    assert len(resp.episodes) == episodes
    if episodes == 2:
        assert resp.episodes[0].closed == h(72)
        assert resp.episodes[1].opened == h(gap)
        assert stages(resp)[1] == [(1, h(gap))]


def test_undetermined_listed_never_advancing() -> None:
    resp = run(DEFAULT, verdict("s1", T0), verdict("u1", h(30), UNDET), verdict("n1", h(40), NO))
    assert stages(resp) == [[(1, T0)]]
    assert resp.undetermined == [
        {"strike": "u1", "at": h(30).isoformat(), "rule": "test.v1", "why": "undetermined for test"}
    ]
    alone = run(DEFAULT, verdict("u1", T0, UNDET))
    assert alone.episodes == [] and len(alone.undetermined) == 1


def test_breach_before_window_counts_from_window_start() -> None:
    resp = run(DEFAULT, verdict("s0", h(-5)), verdict("s1", h(24)), window_start=T0)
    assert stages(resp) == [[(1, T0), (2, h(24))]]
    assert "began 2026-02-03 13:00 EET, before the window" in resp.episodes[0].transitions[0].why


def test_threshold_filters_breaches() -> None:
    policy = load_policy("article5-like")

    def strike(sid: str, start: datetime, **counts: Quantity) -> Strike:
        return Strike(
            id=sid,
            attacker="Russia",
            start=start,
            end=h(30),
            time_precision=TimePrecision.HOUR,
            drones=counts.get("drones"),
            missiles=counts.get("missiles"),
        )

    strikes = {
        "drones": strike("drones", T0, drones=Quantity(min=300, max=500)),
        "missile": strike("missile", h(2), missiles=Quantity(min=1)),
        "unknown": strike("unknown", h(3), missiles=Quantity(max=5)),
    }
    vs = [verdict(s, strikes[s].start) for s in strikes] + [verdict("absent", h(4))]
    resp = run(policy, *vs, strikes=strikes)
    assert stages(resp) == [[(1, h(2))]]
    below = {row["strike"]: row["reason"] for row in resp.below_threshold}
    assert set(below) == {"drones", "unknown", "absent"}
    assert below["drones"] == (
        "below threshold: missiles unknown < min_missiles 1; killed unknown < min_killed 1"
    )
    assert "not available" in below["absent"]
    with pytest.raises(ValueError, match="pass strikes"):
        run(policy, *vs)


def test_stage_without_requires_begins_at_exact_time() -> None:
    resp = run(ON_TIME, verdict("s1", T0))
    assert stages(resp) == [[(1, T0), (2, h(24))]]
    assert "begins on time" in resp.episodes[0].transitions[1].why
    assert stages(run(ON_TIME, verdict("s1", T0), as_of=h(23.99))) == [[(1, T0)]]
    assert stages(run(ON_TIME, verdict("s1", T0), as_of=h(24))) == [[(1, T0), (2, h(24))]]
    # stage 3 requires a breach at or after 48 h
    three = run(ON_TIME, verdict("s1", T0), verdict("s2", h(48)))
    assert stages(three) == [[(1, T0), (2, h(24)), (3, h(48))]]


def test_stage_on_time_not_after_close() -> None:
    text = ON_TIME.to_dict()
    text["resets_after"] = "PT24H"
    short = policy_from_mapping(text)
    assert stages(run(short, verdict("s1", T0))) == [[(1, T0)]]
    assert stages(run(short, verdict("s1", T0), verdict("s2", h(1)))) == [[(1, T0), (2, h(24))]]


def test_as_of_ignores_later_verdicts() -> None:
    vs = [verdict("s1", T0), verdict("s2", h(30)), verdict("u", h(31), UNDET)]
    resp = run(DEFAULT, *vs, as_of=h(29))
    assert stages(resp) == [[(1, T0)]] and resp.undetermined == []
    assert resp.episodes[0].closed is None


def test_same_strike_counts_once_and_order_does_not_matter() -> None:
    vs = [verdict("s2", h(30)), verdict("s1", T0), verdict("s1", T0)]
    assert stages(run(DEFAULT, *vs)) == stages(run(DEFAULT, *reversed(vs)))
    assert stages(run(DEFAULT, *vs)) == [[(1, T0), (2, h(30))]]


def test_to_json_shape() -> None:
    resp = run(DEFAULT, verdict("s1", T0), verdict("s2", h(24)))
    data = resp.to_json()
    assert data["policy"] == "coalition-three-stage" and data["version"] == 1
    assert (data["pledge"], data["reading"]) == ("energy-pause", "kyiv")
    assert data["episodes"][0]["opened"] == "2026-02-03T16:00:00+00:00"
    assert data["episodes"][0]["closed"] == "2026-02-07T16:00:00+00:00"
    assert data["episodes"][0]["transitions"][1]["at"] == "2026-02-04T16:00:00+00:00"
    assert set(data["episodes"][0]["transitions"][0]) == {"stage", "name", "at", "why"}
    assert data["undetermined"] == [] and data["stage_counts"] == {"1": 1, "2": 1, "3": 0}


def test_bad_inputs() -> None:
    other = verdict("x", T0).model_copy(update={"reading": "kremlin"})
    with pytest.raises(ValueError, match="one pledge reading"):
        run(DEFAULT, verdict("s1", T0), other)
    naive = verdict("x", T0.replace(tzinfo=None))
    with pytest.raises(ValueError, match="timezone-aware"):
        run(DEFAULT, naive)
    empty = respond(DEFAULT, [], window_start=None, pledge="p", reading="r")
    assert (empty.pledge, empty.reading, empty.episodes) == ("p", "r", [])


def test_replay_counts_stages() -> None:
    times = [(T0, "a"), (h(24), "b"), (h(72), "c"), (h(200), "d"), (h(300), "e"), (h(330), "f")]
    resp = replay(DEFAULT, times, as_of=LATER)
    assert resp.stage_counts == {1: 3, 2: 2, 3: 1}
    assert (resp.pledge, resp.reading) == ("what-if", "replay")
    assert replay(DEFAULT, [(T0, "a")]).episodes[0].closed == h(72)


offsets = st.lists(st.integers(min_value=-2000, max_value=20000), max_size=25)


@settings(max_examples=200, deadline=None)
@given(
    breaches=offsets,
    undetermined=st.integers(min_value=-2000, max_value=20000),
    as_of=st.integers(min_value=0, max_value=25000),
    policy=st.sampled_from([DEFAULT, ON_TIME]),
)
def test_properties(breaches: list[int], undetermined: int, as_of: int, policy: Policy) -> None:
    now = T0 + timedelta(minutes=as_of)
    vs = [verdict(f"s{i}", T0 + timedelta(minutes=m)) for i, m in enumerate(breaches)]
    base = respond(policy, vs, window_start=T0, as_of=now)
    extra = verdict("u", T0 + timedelta(minutes=undetermined), UNDET)
    more = respond(policy, [*vs, extra], window_start=T0, as_of=now)
    assert more.episodes == base.episodes
    for prev, nxt in zip(base.episodes, base.episodes[1:], strict=False):
        assert prev.closed is not None and prev.closed <= nxt.opened
    for ep in base.episodes:
        times = [t.at for t in ep.transitions]
        assert times == sorted(times) and times[0] == ep.opened
        assert [t.stage for t in ep.transitions] == list(range(1, len(times) + 1))
        assert all(at <= now and (ep.closed is None or at < ep.closed) for at in times)
