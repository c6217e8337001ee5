"""``verify`` catches every edit a user could see, names the entry, and never crashes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from factories import kyiv, pledge, report, strike
from trucewatch.errors import LedgerError, TrucewatchError
from trucewatch.ledger.store import Ledger


def _filled(db: str) -> Ledger:
    ledger = Ledger(db)
    r1, r2 = report("first report"), report("second report")
    s1 = strike("s-one", kyiv(2026, 2, 2, 18), places=("Kharkiv",), reports=(r1.id,))
    s2 = strike("s-two", kyiv(2026, 2, 3, 19), reports=(r2.id,))
    ledger.record([r1, r2], [s1, s2])
    ledger.add_pledge(pledge("p-one"))
    assert ledger.verify().ok
    return ledger


def _sql(ledger: Ledger, statement: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(text(statement), params)


@pytest.mark.parametrize(
    ("statement", "expect"),
    [
        ("UPDATE strikes SET retracted = :v WHERE id = 's-one'", "strikes row s-one (entry 3)"),
        ("UPDATE strikes SET start = '2026-03-01T00:00:00Z' WHERE id = 's-one'", "start"),
        ("UPDATE strikes SET \"end\" = '2026-03-01T00:00:00Z' WHERE id = 's-two'", "end"),
        ("UPDATE strikes SET attacker = 'UA' WHERE id = 's-one'", "attacker"),
        ("UPDATE strikes SET version = 7 WHERE id = 's-one'", "version"),
        ("UPDATE pledges SET draft = :v WHERE id = 'p-one'", "pledges row p-one (entry 5)"),
        ("UPDATE reports SET source = 'forged' WHERE seq = 1", "source"),
        ("UPDATE reports SET published = '2026-01-01T00:00:00Z' WHERE seq = 1", "published"),
        ("DELETE FROM strike_reports WHERE strike_id = 's-one'", "strike_reports row s-one/"),
        ("INSERT INTO strike_reports VALUES ('s-one', 'r-forged')", "not in the log"),
        ("UPDATE strikes SET payload = 'not json' WHERE id = 's-one'", "payload"),
        ("DELETE FROM pledges", "pledges row p-one is in the log but missing"),
    ],
)
def test_edits_that_change_verdicts_are_caught(db: str, statement: str, expect: str) -> None:
    ledger = _filled(db)
    _sql(ledger, statement, v=True)
    result = ledger.verify()
    assert not result.ok and result.chain.ok
    assert any(expect in p for p in result.projection_problems), result.projection_problems
    ledger.rebuild()
    assert ledger.verify().ok


def test_deleted_head_row_is_caught_and_restored(db: str) -> None:
    ledger = _filled(db)
    _sql(ledger, "DELETE FROM chain_head")
    result = ledger.verify()
    assert not result.ok and "head row is missing" in (result.chain.problem or "")
    ledger.rebuild()
    assert ledger.verify().ok and ledger.record([report("next")], []).entries == 1


def test_changed_head_hash_is_named_and_repaired(db: str) -> None:
    ledger = _filled(db)
    _sql(ledger, "UPDATE chain_head SET hash = :h", h="f" * 64)
    result = ledger.verify()
    assert not result.ok
    assert result.chain.problem == "the chain head's hash does not match entry 5's hash"
    assert result.chain.bad_seq == 5
    ledger.rebuild()
    assert ledger.verify().ok


def test_head_behind_the_log_names_the_first_unhead_entry(db: str) -> None:
    ledger = _filled(db)
    _sql(ledger, "DELETE FROM entries WHERE seq = 5")
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == 5
    assert "head says entry 5 but the log ends at entry 4" in (result.chain.problem or "")


def test_invalid_utf8_in_a_payload_is_tampering_at_that_entry(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    ledger = _filled(db)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE entries SET payload = CAST(X'7B22FF7D' AS TEXT) WHERE seq = 3")
    raw.commit()
    raw.close()
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == 3
    assert "not UTF-8" in (result.chain.problem or "")


def test_invalid_utf8_in_a_projection_is_reported_not_raised(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    ledger = _filled(db)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE pledges SET payload = CAST(X'7B22FF7D' AS TEXT)")
    raw.commit()
    raw.close()
    result = ledger.verify()
    assert not result.ok and result.chain.ok
    assert any("p-one" in p and "not UTF-8" in p for p in result.projection_problems)


def test_wrong_type_in_sqlite_column_is_caught(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    ledger = _filled(db)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE strikes SET version = '1.0x' WHERE id = 's-one'")  # text in INTEGER
    raw.commit()
    result = ledger.verify()
    assert not result.ok and any("version" in p for p in result.projection_problems)
    raw.execute("UPDATE entries SET seq = 'four' WHERE seq = 4")
    raw.commit()
    raw.close()
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == 4


def test_sqlite_integrity_check_runs(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    ledger = _filled(db)
    ledger.close()
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA writable_schema = ON")
    # Point the entries key index at the wrong root page: the file is now structurally broken.
    raw.execute(
        "UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master "
        "WHERE name = 'ix_strikes_time') WHERE name = 'ix_entries_key'"
    )
    raw.commit()
    raw.close()
    result = Ledger(db).verify()
    assert not result.ok
    assert any("SQLite integrity check" in p for p in result.database_problems)


@pytest.mark.parametrize(("offset", "value"), [(20, 5), (8192, 0), (16379, 1)])
def test_a_damaged_file_is_a_verdict_or_a_typed_error(
    tmp_path: Path, offset: int, value: int
) -> None:
    """Bytes of the SQLite file itself changed (found by the property suite): never a traceback."""
    db = tmp_path / "tw.db"
    _filled(str(db)).close()
    blob = bytearray(db.read_bytes())
    blob[offset] = value
    db.write_bytes(bytes(blob))
    try:
        ledger = Ledger(str(db))
        result = ledger.verify()
        ledger.close()
    except TrucewatchError as exc:
        assert exc.code in {"E301", "E814"}, exc
    else:
        assert isinstance(result.ok, bool)


def test_an_unknown_schema_version_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    _filled(str(db)).close()
    raw = sqlite3.connect(db)
    raw.execute("UPDATE alembic_version SET version_num = ' 006_incr'")
    raw.commit()
    raw.close()
    with pytest.raises(LedgerError, match="schema version is unknown") as caught:
        Ledger(str(db))
    assert caught.value.code == "E301"


def test_an_interrupted_ingest_is_named_until_a_rerun_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest killed before it finished (its run row left open, as a kill -9 leaves it) is
    named by ``verify`` (a warning, exit 0: the ledger itself is sound); the next run of the same
    ingest that completes closes it."""
    from conftest import run_cli
    from trucewatch.api import Trucewatch
    from trucewatch.ledger import runs

    acled = Path(__file__).parent / "fixtures" / "formats" / "acled.csv"
    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw, monkeypatch.context() as killed:
        killed.setattr(runs, "finished", lambda *args, **kwargs: None)
        tw.ingest_format("acled", acled)
    with Trucewatch(str(db)) as tw:
        result = tw.verify()
        assert result.ok and len(result.unfinished_ingests) == 1
        assert "acled.csv" in result.unfinished_ingests[0]
    out = run_cli("verify", db=db)
    assert out.returncode == 0 and "never finished" in out.stderr, out.stderr
    with Trucewatch(str(db)) as tw:
        tw.ingest_format("acled", acled)
        assert tw.verify().unfinished_ingests == ()


def test_postgres_index_checks_run_where_amcheck_is_installed(pg_available: bool) -> None:
    """``verify`` runs amcheck's B-tree checks on every index of the ledger's schema (in a
    database of its own, so the shared test database keeps no extension)."""
    import uuid

    from sqlalchemy import create_engine

    from conftest import PG_URL

    if not pg_available:
        pytest.skip("PostgreSQL is not listening on 127.0.0.1:5432 (database test)")
    name = f"tw_amcheck_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        own = create_engine(PG_URL.rsplit("/", 1)[0] + f"/{name}")
        with own.begin() as conn:
            if not conn.execute(
                text("SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'")
            ).all():
                pytest.skip("the amcheck extension is not available on this server")
            conn.execute(text("CREATE EXTENSION amcheck"))
        own.dispose()
        ledger = _filled(f"postgresql://postgres@127.0.0.1:5432/{name}")
        result = ledger.verify()
        ledger.close()
        assert result.ok and not result.database_problems, result
        assert not any("amcheck" in note for note in result.notes), result.notes
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
