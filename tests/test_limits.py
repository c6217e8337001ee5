"""The same length limits on both backends, checked before anything is written; the head row;
a write the database aborts (serialisation failure, deadlock) is retried (E803 when it stays
aborted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from factories import kyiv, pledge, report, strike
from trucewatch.errors import InputError, IntegrityError, LedgerError
from trucewatch.ledger.store import WRITE_ATTEMPTS, Ledger


def test_too_long_source_is_refused_before_writing(db: str) -> None:
    ledger = Ledger(db)
    good = report("fine")
    bad = report("too long a source", source="x" * 201)
    with pytest.raises(InputError) as caught:
        ledger.record([good, bad], [])
    assert caught.value.code == "E801"
    assert "source is 201 characters long" in caught.value.message
    assert bad.id in caught.value.message
    assert ledger.count("entries") == 0 and ledger.verify().ok


def test_too_long_ids_are_refused_the_same_on_both_backends(db: str) -> None:
    ledger = Ledger(db)
    with pytest.raises(InputError, match="id is 81 characters"):
        ledger.add_pledge(pledge("p" * 81))
    with pytest.raises(InputError, match="id is 41 characters"):
        ledger.record([], [strike("s" * 41, kyiv(2026, 2, 1, 3))])
    with pytest.raises(InputError, match="report_id is 41 characters"):
        ledger.record([], [strike("s-ok", kyiv(2026, 2, 1, 3), reports=("r" * 41,))])
    with pytest.raises(InputError, match="attacker is 9 characters"):
        ledger.record([], [strike("s-ok", kyiv(2026, 2, 1, 3), attacker="R" * 9)])
    # At the limit is fine on both backends.
    ledger.add_pledge(pledge("p" * 80))
    ledger.record([], [strike("s" * 40, kyiv(2026, 2, 1, 3), reports=("r" * 40,))])
    assert ledger.count("entries") == 2 and ledger.verify().ok


def test_new_ledger_has_its_head_row(db: str) -> None:
    ledger = Ledger(db)
    with ledger.engine.connect() as conn:
        assert conn.execute(text("SELECT seq FROM chain_head")).all() == [(0,)]


def test_missing_head_row_stops_writes_and_rebuild_restores_it(db: str) -> None:
    ledger = Ledger(db)
    ledger.record([report("one")], [])
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM chain_head"))
    with pytest.raises(IntegrityError) as caught:
        ledger.record([report("two")], [])
    assert caught.value.code == "E802" and caught.value.exit_code == 1
    assert "rebuild" in caught.value.message
    ledger.rebuild()
    assert ledger.record([report("two")], []).entries == 1
    assert ledger.verify().ok and ledger.count("entries") == 2


def test_verify_reports_a_deleted_head_row(db: str) -> None:
    ledger = Ledger(db)
    ledger.record([report("one")], [])
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM chain_head"))
    result = ledger.verify()
    assert not result.ok and "head row is missing" in (result.chain.problem or "")
    ledger.rebuild()
    assert ledger.verify().ok


class _Aborted(Exception):
    """What a driver raises for a transaction the database aborted (PostgreSQL's SQLSTATE)."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"SQLSTATE {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])  # serialisation failure, deadlock
def test_an_aborted_write_is_retried_and_commits_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlstate: str
) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)  # the back-off between attempts
    ledger = Ledger(str(tmp_path / "tw.db"))
    calls = 0
    real = Ledger._record

    def flaky(self: Ledger, conn: object, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls <= 2:
            real(self, conn, *args, **kwargs)  # type: ignore[arg-type]
            raise OperationalError("COMMIT", {}, _Aborted(sqlstate))
        return real(self, conn, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Ledger, "_record", flaky)
    summary = ledger.record([report("once")], [])
    assert calls == 3 and summary.reports_new == 1
    assert ledger.count("reports") == 1 and ledger.verify().ok
    ledger.close()


def test_a_write_that_stays_aborted_is_e803(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    ledger = Ledger(str(tmp_path / "tw.db"))

    def aborted(conn: object) -> None:
        raise OperationalError("COMMIT", {}, _Aborted("40001"))

    with pytest.raises(LedgerError) as info:
        ledger.write(aborted)
    assert info.value.code == "E803" and f"{WRITE_ATTEMPTS} attempts" in str(info.value)
    ledger.close()


def test_payload_batches_are_refused_as_models_are(db: str) -> None:
    """``record_data`` (the batch ingest's write) checks a batch at once, but names the same
    first value too long, with the same message, and writes nothing."""
    ledger = Ledger(db)
    t = kyiv(2026, 2, 1, 3)
    cases = [
        ([report("fine"), report("long", source="x" * 201), report("b", source="y" * 300)], []),
        ([report("ok")], [strike("s-ok", t), strike("s" * 41, t), strike("s-2", t)]),
        ([], [strike("s-ok", t, reports=("r" * 41,))]),
        ([], [strike("s-ok", t, attacker="R" * 9)]),
    ]
    for reports, strikes in cases:
        with pytest.raises(InputError) as by_model:
            ledger.record(reports, strikes)
        with pytest.raises(InputError) as by_data:
            ledger.record_data(
                [r.model_dump(mode="json") for r in reports],
                [s.model_dump(mode="json") for s in strikes],
            )
        assert by_data.value.message == by_model.value.message
        assert by_data.value.code == "E801"
    assert ledger.count("entries") == 0
