"""The stored merge projection makes exactly the decisions of merge-on-read (``merge.v1``).

Random ledgers are written in random batches, orders, amendments and retractions; after
every batch the clusters the ledger keeps must give the same merged strikes as merging the
recorded strikes from scratch (``merge_strikes``, the reference), for the whole ledger and
for any window.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import KYIV, kyiv, news_report, strike
from trucewatch.ledger.store import Ledger
from trucewatch.merge import merge_strikes
from trucewatch.merge.cluster import Merger
from trucewatch.merge.incremental import merge_in_order
from trucewatch.merge.stored import window_clusters, window_members
from trucewatch.model import Credibility, Quantity, Report, SourceKind, Strike, TimePrecision

BASE = datetime(2026, 2, 1, tzinfo=KYIV)
SOURCES = [
    ("ua-air-force/kpszsu", SourceKind.OFFICIAL_UA, "airforce"),
    ("example-wire", SourceKind.WIRE, "text"),
    ("example-paper", SourceKind.MEDIA, "html"),
    ("ru-mod", SourceKind.OFFICIAL_RU, "text"),
    ("acled", SourceKind.DATASET, "acled"),
    ("viina", SourceKind.DATASET, "viina"),
]
PLACES = [(), ("Kyiv",), ("Kyiv Oblast",), ("Kharkiv",), ("Kyiv", "Kharkiv"), ("Odesa Oblast",)]


def _report(i: int, source: int) -> Report:
    name, kind, fmt = SOURCES[source]
    return news_report(f"report {i} from {name}", source=name, kind=kind, fmt=fmt)


_strike_spec = st.fixed_dictionaries(
    {
        "hour": st.integers(0, 24 * 2),
        "hours": st.sampled_from([0, 1, 6, 12, 24, 36]),
        "attacker": st.sampled_from(["RU", "RU", "RU", "UA", None]),
        "drones": st.sampled_from([None, 10, 12, 100, 450, 500]),
        "missiles": st.sampled_from([None, 5, 70]),
        "places": st.sampled_from(PLACES),
        "source": st.integers(0, len(SOURCES) - 1),
        "contested": st.booleans(),
    }
)


def _build(i: int, spec: dict[str, Any], version: int = 0) -> tuple[Strike, Report]:
    rep = _report(i * 10 + version, spec["source"])
    start = BASE + timedelta(hours=spec["hour"])
    base = strike(
        f"s-{i:03d}",
        start,
        start + timedelta(hours=spec["hours"]),
        precision=TimePrecision.HOUR if spec["hours"] < 24 else TimePrecision.DAY,
        attacker=spec["attacker"],
        drones=spec["drones"],
        places=spec["places"],
        reports=(rep.id,),
    )
    update: dict[str, Any] = {}
    if spec["missiles"] is not None:
        update["missiles"] = Quantity.exact(spec["missiles"])
    if spec["contested"]:
        update["credibility"] = Credibility.CONTESTED
    return base.model_copy(update=update), rep


def _dump(strikes: list[Strike]) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json") for s in strikes]


def _reference(ledger: Ledger) -> list[Strike]:
    recorded = ledger.strikes()
    return merge_strikes(recorded, ledger.report_sources([r for s in recorded for r in s.reports]))


def _check(ledger: Ledger) -> None:
    want = _reference(ledger)
    assert _dump(ledger.merged_strikes()) == _dump(want)
    lo, hi = kyiv(2026, 2, 2, 6), kyiv(2026, 2, 3, 12)
    windowed = [s for s in want if s.end > lo and s.start < hi]
    assert _dump(ledger.merged_strikes(start=lo, end=hi)) == _dump(windowed)
    # The window's members read in either backend's form (IN or a joined derived table) agree.
    window = window_clusters(lo, hi, None)
    with ledger.engine.connect() as conn:
        forms = [
            sorted((tuple(r) for r in conn.execute(window_members(window, dialect=d))), key=repr)
            for d in ("sqlite", "postgresql")
        ]
    assert forms[0] == forms[1]


_ops = st.lists(
    st.tuples(st.sampled_from(["record", "record", "record", "amend", "retract"]), _strike_spec),
    min_size=1,
    max_size=24,
)


def _run(db: str, ops: list[tuple[str, dict[str, Any]]], batches: list[int]) -> None:
    ledger = Ledger(db)
    try:
        recorded: list[int] = []
        pending: list[tuple[Strike, Report]] = []
        cuts = set(batches)
        for n, (op, spec) in enumerate(ops):
            if op == "record" or not recorded:
                i = len(recorded)
                recorded.append(i)
                pending.append(_build(i, spec))
            elif op == "amend":
                i = recorded[spec["hour"] % len(recorded)]
                pending.append(_build(i, spec, version=n + 1))
            else:
                if pending:
                    ledger.record([p[1] for p in pending], [p[0] for p in pending])
                    pending = []
                    _check(ledger)
                i = recorded[spec["hour"] % len(recorded)]
                if ledger.strikes() and any(s.id == f"s-{i:03d}" for s in ledger.strikes()):
                    ledger.retract_strike(f"s-{i:03d}", "test")
                    _check(ledger)
            if n in cuts and pending:
                ledger.record([p[1] for p in pending], [p[0] for p in pending])
                pending = []
                _check(ledger)
        if pending:
            ledger.record([p[1] for p in pending], [p[0] for p in pending])
        _check(ledger)
        before = _dump(ledger.merged_strikes())
        ledger.rebuild()
        assert _dump(ledger.merged_strikes()) == before
        assert ledger.verify().ok
    finally:
        ledger.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, batches=st.lists(st.integers(0, 24), max_size=6))
def test_stored_clusters_equal_merge_on_read_sqlite(
    tmp_path: Path, ops: list[tuple[str, dict[str, Any]]], batches: list[int]
) -> None:
    _run(str(tmp_path / f"{uuid.uuid4().hex}.db"), ops, batches)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, batches=st.lists(st.integers(0, 24), max_size=4))
def test_stored_clusters_equal_merge_on_read_postgres(
    pg_url: str, ops: list[tuple[str, dict[str, Any]]], batches: list[int]
) -> None:
    from sqlalchemy import create_engine, text

    # One schema per example: the fixture's schema is shared by the examples, so start empty.
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
    _run(pg_url, ops, batches)


@settings(max_examples=100, deadline=None)
@given(st.lists(_strike_spec, max_size=30))
def test_the_index_makes_the_reference_decisions(specs: list[dict[str, Any]]) -> None:
    built = [_build(i, spec) for i, spec in enumerate(specs)]
    reports = {r.id: r for _, r in built}
    strikes = [s for s, _ in built]
    assert _dump(merge_in_order(strikes, Merger(reports))) == _dump(merge_strikes(strikes, reports))


def test_strikes_show_explains_a_stored_merge(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "tw.db"))
    wire = news_report("450 drones on Kyiv", source="example-wire", kind=SourceKind.WIRE)
    af = news_report("af", source="ua-air-force", kind=SourceKind.OFFICIAL_UA, fmt="airforce")
    a = strike("s-af", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), drones=450, reports=(af.id,))
    b = strike("s-news", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), drones=440, reports=(wire.id,))
    ledger.record([af], [a])
    ledger.record([wire], [b])
    merged = ledger.merged_strike("s-news")
    assert merged.id == "s-af" and set(merged.reports) == {af.id, wire.id}
    assert any(n.startswith("merge.v1: merged with s-news") for n in merged.notes)
    # Reversible: retracting the news strike leaves the official record alone.
    ledger.retract_strike("s-news", "duplicate")
    assert ledger.merged_strike("s-af").reports == (af.id,)
    ledger.close()


def test_verify_catches_an_edited_cluster_and_rebuild_restores_it(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "tw.db"
    ledger = Ledger(str(db))
    wire = news_report("450 drones", source="example-wire", kind=SourceKind.WIRE)
    af = news_report("af", source="ua-air-force", kind=SourceKind.OFFICIAL_UA, fmt="airforce")
    a = strike("s-af", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), drones=450, reports=(af.id,))
    b = strike("s-news", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), drones=450, reports=(wire.id,))
    ledger.record([af, wire], [a, b])
    assert ledger.verify().ok and len(ledger.merged_strikes()) == 1
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE merge_members SET cluster_id = strike_id, reason = NULL")
    problems = ledger.verify().projection_problems
    assert any(p.startswith("merge_members row s-news") and "differ" in p for p in problems)
    ledger.rebuild()
    assert ledger.verify().ok and len(ledger.merged_strikes()) == 1
    ledger.close()


def test_a_strike_open_long_before_the_new_one_is_found_and_verify_checks_the_bound(
    tmp_path: Path,
) -> None:
    """The clusters open at a new strike are looked up from its start minus the longest span
    kept (merge_longest): a 15-hour strike recorded first still merges with one that begins
    near its end, and a kept span shorter than a stored strike is a verify problem."""
    import sqlite3

    db = tmp_path / "tw.db"
    ledger = Ledger(str(db))
    wire = news_report("450 drones", source="example-wire", kind=SourceKind.WIRE)
    af = news_report("af", source="ua-air-force", kind=SourceKind.OFFICIAL_UA, fmt="airforce")
    a = strike("s-af", kyiv(2026, 2, 2, 18), kyiv(2026, 2, 3, 9), drones=450, reports=(af.id,))
    b = strike("s-news", kyiv(2026, 2, 3, 7), kyiv(2026, 2, 3, 9), drones=450, reports=(wire.id,))
    ledger.record([af], [a])
    assert ledger.longest_strike() == timedelta(hours=15)
    ledger.record([wire], [b])
    _check(ledger)
    assert len(ledger.merged_strikes()) == 1
    assert ledger.verify().ok
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE merge_longest SET seconds = 60")
    problems = ledger.verify().projection_problems
    assert any(p.startswith("merge_longest says 60.0 s") for p in problems), problems
    ledger.rebuild()
    assert ledger.verify().ok and ledger.longest_strike() == timedelta(hours=15)
    ledger.close()
