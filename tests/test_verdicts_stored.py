"""Stored verdicts and protocol states equal a full re-judge after any sequence of writes.

Random sequences of strikes recorded (several sources, so strikes merge), amended and
retracted, and pledges added, amended (windows, scope, parties) and given status changes, are
written on SQLite and PostgreSQL. After every write the verdicts the ledger keeps
(``judge/stored.py``) must be exactly those of judging every confirmed pledge again over the
merged strikes, and every reading's stored protocol state must be the default policy run over
them at the state's ``as_of``; ``verify`` must pass, and ``rebuild`` must give the same rows.

Strikes fall over 17 days, so a reading has several episodes (the policy resets after 72 h of
quiet) and a write lands before, inside or after any of them. The ledger's clock is set by the
test and moved forward between writes, from inside the strikes' days or from today, so episodes
are still open at a write and close between writes (the state is computed again only from the
first episode a write can change: ``respond/stored.py``).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import KYIV, kyiv, news_report, strike
from trucewatch.api import Trucewatch
from trucewatch.judge import stored as stored_module
from trucewatch.judge.engine import Judge
from trucewatch.ledger import store as store_module
from trucewatch.model import (
    Credibility,
    Pledge,
    PledgeStatus,
    Reading,
    Report,
    Scope,
    SourceKind,
    StatusChange,
    Strike,
    TimePrecision,
)
from trucewatch.respond.engine import respond
from trucewatch.respond.policy import DEFAULT_POLICY_ID, load_policy

BASE = datetime(2026, 2, 1, tzinfo=KYIV)
SOURCES = [
    ("ua-air-force/kpszsu", SourceKind.OFFICIAL_UA, "airforce"),
    ("example-wire", SourceKind.WIRE, "text"),
    ("example-paper", SourceKind.MEDIA, "html"),
    ("acled", SourceKind.DATASET, "acled"),
]
PLACES = [(), ("Kyiv",), ("Kyiv Oblast",), ("Kharkiv",), ("Odesa Oblast",)]
POLICY = load_policy(DEFAULT_POLICY_ID)

_strike_spec = st.fixed_dictionaries(
    {
        "hour": st.integers(0, 24 * 16),
        "hours": st.sampled_from([1, 6, 12, 24, 24 * 7]),
        "attacker": st.sampled_from(["RU", "RU", "RU", "UA", None]),
        "drones": st.sampled_from([None, 10, 12, 100, 450]),
        "places": st.sampled_from(PLACES),
        "targets": st.sampled_from([(), ("energy",), ("civilian",)]),
        "source": st.integers(0, len(SOURCES) - 1),
        "credibility": st.sampled_from([None, None, Credibility.CONTESTED]),
    }
)
_reading_spec = st.fixed_dictionaries(
    {
        "by": st.sampled_from(["UA", "RU", "US"]),
        "from": st.one_of(st.none(), st.integers(0, 24 * 10)),
        "hours": st.one_of(st.none(), st.sampled_from([6, 24, 72, 24 * 7, 24 * 14])),
    }
)
_pledge_spec = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["p-a", "p-b", "p-c"]),
        "parties": st.sampled_from([("RU",), ("RU", "UA")]),
        "targets": st.sampled_from([None, ("energy",)]),
        "places": st.sampled_from([None, ("Kyiv Oblast",)]),
        "readings": st.lists(_reading_spec, min_size=1, max_size=3, unique_by=lambda r: r["by"]),
        "repudiated": st.one_of(st.none(), st.integers(0, 24 * 6)),
        "draft": st.sampled_from([False, False, False, True]),
    }
)
_op = st.one_of(
    st.tuples(st.just("record"), st.lists(_strike_spec, min_size=1, max_size=4)),
    st.tuples(st.just("amend"), _strike_spec),
    st.tuples(st.just("retract"), st.integers(0, 50)),
    st.tuples(st.just("pledge"), _pledge_spec),
    st.tuples(st.just("clock"), st.integers(1, 24 * 5)),
)


def _strike(i: int, spec: dict[str, Any], version: int) -> tuple[Strike, Report]:
    name, kind, fmt = SOURCES[spec["source"]]
    rep = news_report(f"report {i}.{version} from {name}", source=name, kind=kind, fmt=fmt)
    start = BASE + timedelta(hours=spec["hour"])
    hours = spec["hours"]
    precision = {24: TimePrecision.DAY, 24 * 7: TimePrecision.WEEK}.get(hours, TimePrecision.HOUR)
    base = strike(
        f"s-{i:03d}",
        start,
        start + timedelta(hours=hours),
        precision=precision,
        attacker=spec["attacker"],
        drones=spec["drones"],
        places=spec["places"],
        targets=spec["targets"],
        reports=(rep.id,),
    )
    if spec["credibility"] is not None:
        base = base.model_copy(update={"credibility": spec["credibility"]})
    return base, rep


def _pledge(spec: dict[str, Any]) -> Pledge:
    readings = []
    for r in spec["readings"]:
        start = None if r["from"] is None else BASE + timedelta(hours=r["from"])
        end = None
        if r["hours"] is not None:
            end = (start or BASE) + timedelta(hours=r["hours"])
        readings.append(Reading(by=r["by"], start=start, end=end))
    history: tuple[StatusChange, ...] = ()
    status = PledgeStatus.AGREED
    if spec["repudiated"] is not None:
        status = PledgeStatus.REPUDIATED
        history = (
            StatusChange(status=PledgeStatus.AGREED, at=BASE - timedelta(days=1)),
            StatusChange(
                status=PledgeStatus.REPUDIATED, at=BASE + timedelta(hours=spec["repudiated"])
            ),
        )
    return Pledge(
        id=spec["id"],
        title="test pledge",
        parties=spec["parties"],
        status=status,
        history=history,
        scope=Scope(targets=spec["targets"], places=spec["places"]),
        readings=tuple(readings),
        draft=spec["draft"],
    )


def _key(v: dict[str, Any]) -> tuple[str, str, str]:
    return (v["pledge"], v["reading"], v["strike"])


def check(tw: Trucewatch) -> None:
    """Stored verdicts and states against judging everything again."""
    pledges = tw.pledges(include_drafts=False)
    fresh = Judge().judge(pledges, tw.strikes_for(pledges), what_if=True)
    stored = tw.stored_verdicts(what_if=True)
    assert [v.model_dump(mode="json") for v in stored] == [v.model_dump(mode="json") for v in fresh]
    assert tw.stored_verdicts() == [v for v in fresh if v.in_force]
    states = {(s.pledge, s.reading): s for s in tw.reading_states()}
    assert set(states) == {(p.id, rd.by) for p in pledges for rd in p.readings}
    for p in pledges:
        for rd in p.readings:
            state = states[(p.id, rd.by)]
            mine = [v for v in fresh if (v.pledge, v.reading) == (p.id, rd.by)]
            want = respond(
                POLICY,
                mine,
                window_start=rd.start,
                strikes={},
                as_of=state.as_of,
                pledge=p.id,
                reading=rd.by,
            )
            assert state.response == json.loads(json.dumps(want.to_json()))
            assert state.stage == want.current_stage


class _Clock:
    """The ledger's clock (``datetime.now`` in ``ledger/store.py``), set by the test."""

    def __init__(self, start: datetime | None) -> None:
        self.at = start

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        clock = self

        class _Now(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:
                if clock.at is None:
                    return datetime.now(tz)
                return clock.at.astimezone(tz)

        monkeypatch.setattr(store_module, "datetime", _Now)

    def advance(self, hours: int) -> None:
        if self.at is not None:
            self.at += timedelta(hours=hours)


def _run(db: str, ops: list[tuple[str, Any]], clock_at: int | None = None) -> None:
    clock = _Clock(None if clock_at is None else BASE + timedelta(hours=clock_at))
    with pytest.MonkeyPatch.context() as mp:
        clock.install(mp)
        _run_ops(db, ops, clock)


WIDE = Pledge(
    id="p-wide",
    title="a pause over all the strikes' days",
    parties=("RU",),
    status=PledgeStatus.AGREED,
    readings=(Reading(by="UA", start=BASE, end=BASE + timedelta(days=18)),),
)
"""Written first, so most strikes are breaches of some reading and its episodes are many."""


def _run_ops(db: str, ops: list[tuple[str, Any]], clock: _Clock) -> None:
    tw = Trucewatch(db)
    try:
        tw.ledger.add_pledge(WIDE)
        recorded: list[str] = []
        for n, (op, arg) in enumerate(ops):
            if op == "clock":
                clock.advance(arg)
                continue
            if op == "record":
                built = [_strike(len(recorded) + i, spec, 0) for i, spec in enumerate(arg)]
                recorded += [s.id for s, _ in built]
                tw.ledger.record([r for _, r in built], [s for s, _ in built])
            elif op == "amend" and recorded:
                i = arg["hour"] % len(recorded)
                s, r = _strike(i, arg, n + 1)
                tw.ledger.record([r], [s])
            elif op == "retract" and recorded:
                sid = recorded[arg % len(recorded)]
                if not tw.ledger.strike(sid).model_dump().get("retracted"):
                    tw.ledger.retract_strike(sid, "test")
            elif op == "pledge":
                tw.ledger.add_pledge(_pledge(arg))
            check(tw)
        stored = [v.model_dump(mode="json") for v in tw.stored_verdicts(what_if=True)]
        assert tw.verify().ok, tw.verify()
        tw.rebuild()
        assert [v.model_dump(mode="json") for v in tw.stored_verdicts(what_if=True)] == stored
        check(tw)
    finally:
        tw.close()


_ops = st.lists(_op, min_size=1, max_size=12)
_clock_at = st.one_of(st.none(), st.integers(0, 24 * 18))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, clock_at=_clock_at)
def test_stored_verdicts_equal_a_full_rejudge_sqlite(
    tmp_path: Path, ops: list[tuple[str, Any]], clock_at: int | None
) -> None:
    _run(str(tmp_path / f"{uuid.uuid4().hex}.db"), ops, clock_at)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, clock_at=_clock_at)
def test_stored_verdicts_equal_a_full_rejudge_postgres(
    pg_url: str, ops: list[tuple[str, Any]], clock_at: int | None
) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "DROP TABLE IF EXISTS verdicts, reading_states, merge_members, merge_longest, "
                "strike_reports, strikes, reports, pledges, chain_head, entries, tokens, claims, "
                "ingest_runs, alert_deliveries, alembic_version"
            )
        )
    engine.dispose()
    _run(pg_url, ops, clock_at)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, clock_at=_clock_at, hours=st.integers(1, 30))
def test_pledges_judged_a_slice_at_a_time_equal_a_full_rejudge(
    tmp_path: Path, ops: list[tuple[str, Any]], clock_at: int | None, hours: int
) -> None:
    """A pledge's window is judged a slice of time at a time (memory bounded on a large
    ledger); slices of a few hours cut the strikes' days everywhere, and nothing changes."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stored_module, "SLICE", timedelta(hours=hours))
        _run(str(tmp_path / f"{uuid.uuid4().hex}.db"), ops, clock_at)


def _small(tw: Trucewatch) -> None:
    """A pledge on Kyiv Oblast energy, and a strike there in its window."""
    af = news_report("af", source="ua-air-force", kind=SourceKind.OFFICIAL_UA, fmt="airforce")
    hit = strike(
        "s-1",
        kyiv(2026, 2, 2, 1),
        kyiv(2026, 2, 2, 5),
        places=("Kyiv Oblast",),
        targets=("energy",),
        reports=(af.id,),
    )
    tw.ledger.add_pledge(
        Pledge(
            id="p-energy",
            title="energy pause",
            parties=("RU",),
            status=PledgeStatus.AGREED,
            scope=Scope(targets=("energy",)),
            readings=(Reading(by="UA", start=kyiv(2026, 2, 1), end=kyiv(2026, 2, 8)),),
        )
    )
    tw.ledger.record([af], [hit])


def test_a_report_updates_verdicts_and_stage_and_verify_catches_edits(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw:
        assert tw.reading_states() == []
        _small(tw)
        (state,) = tw.reading_states()
        # As of the write (now, long after February 2026) the episode has closed.
        assert (state.stage, state.breaches) == (None, 1)
        assert _stages(state.response) == [1]
        assert [v.strike for v in tw.stored_verdicts()] == ["s-1"]
        # A wire story 30 hours later: a continued breach, stage 2 from the stored state.
        wire = news_report("wire", source="example-wire", kind=SourceKind.WIRE)
        later = strike(
            "s-2",
            kyiv(2026, 2, 3, 7),
            kyiv(2026, 2, 3, 9),
            targets=("energy",),
            reports=(wire.id,),
        )
        tw.ledger.record([wire], [later])
        (state,) = tw.reading_states()
        assert (state.stage, state.breaches) == (None, 2)
        assert _stages(state.response) == [1, 2]
        assert tw.verify().ok
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE verdicts SET verdict = 'no_breach' WHERE strike = 's-2'")
        conn.execute("UPDATE reading_states SET stage = 3")
    with Trucewatch(str(db)) as tw:
        problems = tw.verify().projection_problems
        assert any(p.startswith("verdicts row p-energy/UA/s-2") for p in problems), problems
        assert any("reading_states row p-energy/UA: stage" in p for p in problems), problems
        tw.rebuild()
        assert tw.verify().ok
        (state,) = tw.reading_states()
        assert _stages(state.response) == [1, 2]


def _stages(response: dict[str, Any]) -> list[int]:
    return [t["stage"] for e in response["episodes"] for t in e["transitions"]]


def test_a_ledger_from_before_stored_verdicts_is_filled_on_open(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw:
        _small(tw)
        want = tw.stored_verdicts()
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM verdicts")
        conn.execute("DELETE FROM reading_states")
    with Trucewatch(str(db)) as tw:
        assert tw.stored_verdicts() == want
        assert tw.verify().ok


@pytest.mark.parametrize("name", ["responses", "watch"])
def test_responses_read_the_stored_verdicts_without_judging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The overview's responses and a watch cycle never call the judge on confirmed pledges."""
    from trucewatch.respond.service import WatchConfig, watch_cycle

    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        _small(tw)

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("judged again")

        monkeypatch.setattr(tw.judge_engine, "judge", refuse)
        if name == "responses":
            (rr,) = tw.responses(as_of=kyiv(2026, 2, 2, 12))
            assert rr.response.current_stage == 1
        else:
            config = WatchConfig(webhook="http://127.0.0.1:9/unused")
            result = watch_cycle(tw, config, state=tw.alert_state(), baseline=True)
            assert {e.kind for e in result.events} == {"breach", "stage"}


@pytest.mark.parametrize("change", ["retract", "amend"])
def test_a_strike_leaving_a_merged_strike_updates_the_anchors_verdict(
    tmp_path: Path, change: str
) -> None:
    """The verdict is on the merged strike's anchor (the air-force record): when the wire
    strike merged into it is retracted or amended away, that verdict must drop its report."""
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        _small(tw)
        wire = news_report("wire", source="example-wire", kind=SourceKind.WIRE)
        same = strike(
            "s-wire",
            kyiv(2026, 2, 2, 1),
            kyiv(2026, 2, 2, 5),
            places=("Kyiv Oblast",),
            targets=("energy",),
            reports=(wire.id,),
        )
        tw.ledger.record([wire], [same])
        (verdict,) = tw.stored_verdicts()
        assert verdict.strike == "s-1" and verdict.evidence.reports == 2
        if change == "retract":
            tw.ledger.retract_strike("s-wire", "duplicate")
        else:
            moved = news_report("wire, corrected", source="example-wire", kind=SourceKind.WIRE)
            elsewhere = same.model_copy(
                update={
                    "start": kyiv(2026, 2, 4, 20),
                    "end": kyiv(2026, 2, 4, 22),
                    "reports": (moved.id,),
                }
            )
            tw.ledger.record([moved], [elsewhere])
        check(tw)
        assert {v.strike: v.evidence.reports for v in tw.stored_verdicts()}["s-1"] == 1


def test_a_write_recomputes_the_protocol_only_from_the_episode_it_can_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three episodes; a write late, in the middle and early in the reading reads the verdicts
    from its own time when it falls inside an episode (continuing it from its first and
    deciding breaches), from the close of the episode before it otherwise, and everything when
    it comes before the first; the state still equals the policy over everything."""
    from trucewatch.judge.stored import protocol_rows as real
    from trucewatch.respond import stored as states

    seen: list[datetime | None] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("after"))
        return real(*args, **kwargs)

    monkeypatch.setattr(states, "protocol_rows", spy)

    def hit(name: str, day: float) -> tuple[Report, Strike]:
        rep = news_report(f"wire {name}", source="example-wire", kind=SourceKind.WIRE)
        at = BASE + timedelta(days=day)
        return rep, strike(name, at, at + timedelta(hours=1), reports=(rep.id,))

    def write(*found: tuple[Report, Strike]) -> None:
        seen.clear()
        tw.ledger.record([r for r, _ in found], [s for _, s in found])
        check(tw)

    def day(n: float) -> datetime:
        return BASE + timedelta(days=n)

    def close(n: float) -> datetime:  # a breach's episode ends 72 h after it, if quiet
        return day(n) + timedelta(hours=72)

    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ledger.add_pledge(
            Pledge(
                id="p-long",
                title="a long pause",
                parties=("RU",),
                status=PledgeStatus.AGREED,
                readings=(Reading(by="UA", start=BASE, end=BASE + timedelta(days=20)),),
            )
        )
        write(hit("s-a1", 1), hit("s-a2", 1.5), hit("s-b1", 6), hit("s-b2", 7))
        write(hit("s-c1", 12), hit("s-c2", 13))
        assert seen == [close(7)]
        (state,) = tw.reading_states()
        assert [e["opened"] for e in state.response["episodes"]] == [
            (BASE + timedelta(days=d)).astimezone(UTC).isoformat() for d in (1, 6, 12)
        ]
        write(hit("s-c3", 13.5))  # late: inside the last episode, from the new breach on
        assert seen == [day(13.5)]
        write(hit("s-c4", 14.5))  # stage 2 was decided by s-c2, not the last breach s-c3
        assert seen == [day(14.5)]
        write(hit("s-c5", 15.5))  # 72 h after the first breach: stage 3
        (state,) = tw.reading_states()
        assert [t["stage"] for t in state.response["episodes"][-1]["transitions"]] == [1, 2, 3]
        write(hit("s-b3", 6.5))  # the middle: inside the second episode
        assert seen == [day(6.5)]
        seen.clear()
        tw.ledger.retract_strike("s-b1", "test")  # the second episode's first breach
        assert seen == [close(1.5)]
        check(tw)
        write(hit("s-a0", 0.5))  # early, before the first episode: everything again
        assert seen == [None]
        write(hit("s-bridge", 4))  # inside the first episode, joining it to the second
        assert seen == [day(4)]
        (state,) = tw.reading_states()
        assert len(state.response["episodes"]) == 2


def test_migrations_0007_and_0008_upgrade_a_ledger_written_at_0006(db: str) -> None:
    """A ledger whose schema stopped at 0006_incr (stored verdicts, no paging or breach-time
    indexes) opens, gains the indexes, keeps its rows, pages them, takes a write that resumes
    an episode, and still verifies."""
    from alembic import command
    from sqlalchemy import inspect

    from trucewatch.ledger.migrate import _config

    with Trucewatch(db) as tw:
        _small(tw)
        want = tw.stored_verdicts(what_if=True)
        engine = tw.ledger.engine
        with engine.begin() as conn:
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006_incr")
        names = {ix["name"] for ix in inspect(engine).get_indexes("verdicts")}
        assert not names & {"ix_verdicts_walk", "ix_verdicts_pledge_walk", "ix_verdicts_breach_at"}
    with Trucewatch(db) as tw:
        names = {ix["name"] for ix in inspect(tw.ledger.engine).get_indexes("verdicts")}
        assert {"ix_verdicts_walk", "ix_verdicts_pledge_walk", "ix_verdicts_breach_at"} <= names
        assert tw.stored_verdicts(what_if=True) == want
        page, after = tw.verdict_page(pledge="p-energy", limit=10)
        assert page == want and after is None
        wire = news_report("wire", source="example-wire", kind=SourceKind.WIRE)
        later = strike(
            "s-3",
            kyiv(2026, 2, 2, 9),
            kyiv(2026, 2, 2, 10),
            targets=("energy",),
            reports=(wire.id,),
        )
        tw.ledger.record([wire], [later])  # inside the episode s-1 opened
        check(tw)
        assert tw.verify().ok
