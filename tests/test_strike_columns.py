"""The judged and listed fields of each strike as columns of the ``strikes`` projection
(migration 0010_cols): filled from the payload by ``project``, backfilled by the migration,
refilled by ``rebuild``, checked by ``verify``, and read by the judge instead of the payloads."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from factories import kyiv, news_report, strike
from trucewatch.api import Trucewatch
from trucewatch.judge.frame import frame_of, frame_of_payloads, with_sources
from trucewatch.ledger.projections import strike_columns
from trucewatch.ledger.schema import strikes
from trucewatch.merge.frame import merged_frame, unmerged_frame
from trucewatch.model import Credibility, Quantity, SourceKind, Strike, TimePrecision

ADDED = [
    c.name
    for c in strikes.columns
    if c.name not in {"id", "attacker", "start", "end", "version", "seq", "retracted", "payload"}
]


def _written(tw: Trucewatch) -> list[Strike]:
    """A few strikes whose fields differ on every new column, two of them merged."""
    wire = news_report("wire", source="example-wire", kind=SourceKind.WIRE)
    media = news_report("media", source="example-media")
    found = [
        strike(
            "s-1",
            kyiv(2026, 2, 2, 18, 30),
            kyiv(2026, 2, 3, 6),
            places=("Kharkiv",),
            targets=("energy", "residential"),
            weapons=("drones", "missiles"),
            missiles=Quantity(min=3, max=None),
            killed=2,
            reports=(wire.id,),
            claimed_by="UA",
        ),
        strike(
            "s-2",
            kyiv(2026, 2, 2, 19),
            kyiv(2026, 2, 3, 5),
            places=("Kharkiv",),
            reports=(media.id,),
            drones_downed=7,
            injured=4,
        ),
        strike(
            "s-3",
            datetime(2026, 2, 5, 1, 2, 3, 4, tzinfo=UTC),
            attacker=None,
            precision=TimePrecision.DAY,
            reports=(),
            drones=None,
            tz="Asia/Tokyo",
            credibility=Credibility.CONTESTED,
        ),
    ]
    tw.ledger.record([wire, media], found)
    return found


def _columns(tw: Trucewatch) -> dict[str, dict[str, Any]]:
    with tw.ledger.engine.connect() as conn:
        rows = conn.execute(select(strikes.c.id, *(strikes.c[n] for n in ADDED))).all()
    return {r[0]: dict(zip(ADDED, r[1:], strict=True)) for r in rows}


def test_project_fills_the_columns_from_the_payload(db: str) -> None:
    with Trucewatch(db) as tw:
        found = {s.id: s for s in _written(tw)}
        got = _columns(tw)
        assert set(got) == set(found)
        s1 = got["s-1"]
        assert s1["start_us"] == int(found["s-1"].start.timestamp() * 1_000_000)
        assert (s1["start_offset"], s1["end_offset"]) == (7200, 7200)
        assert (s1["time_precision"], s1["credibility"], s1["claimed_by"]) == (
            "minute",
            "weak",
            "UA",
        )
        assert (s1["missiles_min"], s1["missiles_max"], s1["killed"]) == (3, None, 2)
        axes = json.loads(s1["axes"])
        assert axes["targets"] == ["energy", "residential"]
        assert [p["name"] for p in axes["places"]] == ["Kharkiv"]
        s3 = got["s-3"]
        assert s3["start_us"] % 1_000_000 == 4 and s3["start_offset"] == 0
        assert (s3["tz"], s3["credibility"], s3["drones_min"]) == ("Asia/Tokyo", "contested", None)
        for s in found.values():
            want = strike_columns(s.model_dump(mode="json"))
            assert got[s.id] == {n: want[n] for n in ADDED}


def test_rebuild_refills_and_verify_catches_an_edited_column(db: str) -> None:
    with Trucewatch(db) as tw:
        _written(tw)
        want = _columns(tw)
        with tw.ledger.engine.begin() as conn:
            conn.execute(text("UPDATE strikes SET time_precision = 'day' WHERE id = 's-1'"))
            conn.execute(text("UPDATE strikes SET axes = '{}' WHERE id = 's-2'"))
        problems = "\n".join(tw.verify().projection_problems)
        assert "s-1" in problems and "time_precision" in problems and "axes" in problems
        tw.ledger.rebuild()
        assert _columns(tw) == want
        assert tw.verify().ok


def test_migration_0010_backfills_a_ledger_written_at_0009(db: str) -> None:
    """A ledger whose schema stopped at 0009_mergeq opens, gains the columns filled from its
    payloads (as ``project`` fills them), judges the same and verifies."""
    from alembic import command
    from sqlalchemy import inspect

    from trucewatch.ledger.migrate import _config

    with Trucewatch(db) as tw:
        _written(tw)
        want = _columns(tw)
        verdicts = tw.judge(include_no_breach=True)
        with tw.ledger.engine.begin() as conn:
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009_mergeq")
        names = {c["name"] for c in inspect(tw.ledger.engine).get_columns("strikes")}
        assert not names & set(ADDED)
    with Trucewatch(db) as tw:
        assert _columns(tw) == want
        assert tw.judge(include_no_breach=True) == verdicts
        assert tw.verify().ok


# -- the judge's frame read from the columns ----------------------------------------------

ZONES = ["Europe/Kyiv", "America/New_York", "UTC", "Asia/Kolkata"]
BASE = datetime(2026, 3, 1, tzinfo=UTC)


@st.composite
def _strikes(draw: st.DrawFn, i: int, reports: list[str]) -> Strike:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    minutes = draw(st.integers(0, 60 * 24 * 20))
    start = (
        BASE + timedelta(minutes=minutes, microseconds=draw(st.sampled_from([0, 7])))
    ).astimezone(zone)
    return strike(
        f"s-{i:03d}",
        start,
        start + timedelta(minutes=draw(st.sampled_from([30, 600, 24 * 60]))),
        precision=draw(st.sampled_from(list(TimePrecision))),
        attacker=draw(st.sampled_from(["RU", "RU", "UA", None])),
        places=tuple(draw(st.lists(st.sampled_from(["Kharkiv", "Odesa", "Kyiv"]), max_size=2))),
        targets=tuple(draw(st.lists(st.sampled_from(["energy", "port"]), max_size=2, unique=True))),
        weapons=tuple(draw(st.lists(st.sampled_from(["drones", "missiles"]), unique=True))),
        drones=draw(st.sampled_from([None, 5, 50])),
        reports=tuple(draw(st.lists(st.sampled_from(reports), max_size=2, unique=True))),
        tz=str(zone),
        credibility=draw(st.sampled_from(list(Credibility))),
        claimed_by=draw(st.sampled_from([None, "UA", "RU"])),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_frame_from_columns_equals_the_frame_from_payloads(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """On a random ledger (merged clusters included), the judge's frame read from the columns
    is the frame decoded from the payloads, for the whole ledger and for a window."""
    reps = [
        news_report(f"r{k}", source=f"src-{k % 3}", kind=SourceKind.MEDIA if k else SourceKind.WIRE)
        for k in range(4)
    ]
    n = data.draw(st.integers(0, 25))
    found = [data.draw(_strikes(i, [r.id for r in reps])) for i in range(n)]
    db = str(tmp_path_factory.mktemp("cols") / "tw.db")
    lo = BASE + timedelta(days=data.draw(st.integers(0, 15)))
    hi = lo + timedelta(days=3)
    with Trucewatch(db) as tw:
        tw.ledger.record(reps, found)
        sources = {r.id: r.source for r in reps}
        with tw.ledger.engine.connect() as conn:
            payloads = pl.Series(
                [r[0] for r in conn.execute(select(strikes.c.payload))], dtype=pl.String
            )
            whole = with_sources(frame_of_payloads(payloads).sort(["start", "id"]), sources)
            assert unmerged_frame(conn).equals(whole)
            for start, end in ((None, None), (lo, hi)):
                want = with_sources(
                    frame_of(tw.ledger.merged_strikes(start=start, end=end)).sort(["start", "id"]),
                    sources,
                )
                assert merged_frame(conn, start=start, end=end).equals(want)
            window = whole.filter((pl.col("end") > lo) & (pl.col("start") < hi))
            assert unmerged_frame(conn, start=lo, end=hi).equals(window)


def test_the_frame_of_a_ledger_with_a_merged_strike(tmp_path: Any) -> None:
    """Strikes standing alone come from the columns, a merged one from its members' payloads:
    the frame is the one built from the merged strikes themselves."""
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        _written(tw)
        merged = tw.strike_records()
        assert [s.id for s in merged] == ["s-1", "s-3"] and len(merged[0].reports) == 2
        assert tw.strike_frame().equals(frame_of(merged))
        assert tw.strike_frame(merged=False).equals(frame_of(tw.strike_records(merged=False)))
