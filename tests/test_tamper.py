"""The tamper suite: random edits to every table and column, deletions, swaps and truncations.

Every edit must be detected by ``verify`` (or, for a consistent truncation, by a signed
checkpoint) and the report must name the entry or row that was touched. The number of random
edits per backend is ``TRUCEWATCH_TAMPER_CASES`` (CI default below; the nightly run uses more).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from factories import kyiv, pledge, report, strike
from trucewatch.ledger import checkpoint as cp
from trucewatch.ledger.store import Ledger

CASES = int(os.environ.get("TRUCEWATCH_TAMPER_CASES", "100"))
PG_CASES = max(20, CASES // 5)
TABLES = {
    "entries": ["seq"],
    "chain_head": ["id"],
    "reports": ["id"],
    "strikes": ["id"],
    "strike_reports": ["strike_id", "report_id"],
    "pledges": ["id"],
}


def build(db: str) -> Ledger:
    """A small ledger with every kind of entry: reports, strikes, an amendment, a retraction,
    pledges (one a draft) and a checkpoint."""
    ledger = Ledger(db)
    reps = [report(f"tamper report {i} – Київ") for i in range(4)]
    strikes = [
        strike(f"s-{i}", kyiv(2026, 2, 1 + i, 20), places=("Kharkiv",), reports=(reps[i].id,))
        for i in range(4)
    ]
    ledger.record(reps, strikes)
    ledger.record([], [strikes[0].model_copy(update={"killed": 3})])
    ledger.retract_strike("s-3", "duplicate of s-2")
    ledger.add_pledge(pledge("p-a"))
    ledger.add_pledge(pledge("p-b").model_copy(update={"draft": True}))
    assert ledger.verify().ok
    return ledger


def _rows(ledger: Ledger, table: str) -> list[dict[str, Any]]:
    with ledger.engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(f"SELECT * FROM {table}")).mappings()]


def _where(table: str, row: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    keys = TABLES[table]
    return " AND ".join(f'"{k}" = :k_{k}' for k in keys), {f"k_{k}": row[k] for k in keys}


def _changed(value: Any, rng: random.Random) -> Any:
    """A different value of the same kind: one character or digit changed, a flag flipped."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice([-2, -1, 1, 2, 1000])
    if value is None:
        return "x"
    pos = rng.randrange(len(value)) if value else 0
    old = value[pos] if value else ""
    new = rng.choice([c for c in '0aZ{ "é9' if c != old])
    return value[:pos] + new + value[pos + 1 :]


def _expect_named(result: Any, table: str, row: dict[str, Any]) -> None:
    assert not result.ok, f"edit of {table} {row} not detected"
    if table == "entries":
        assert result.chain.bad_seq == row["seq"], (row["seq"], result.chain)
    elif table == "chain_head":
        assert "chain head" in (result.chain.problem or ""), result.chain
    else:
        key = str(row[TABLES[table][0]])
        assert any(key in p for p in result.projection_problems), (key, result)


def _cases(seed: int, n: int) -> Iterator[random.Random]:
    for i in range(n):
        yield random.Random(seed * 1_000_003 + i)


def _apply_edit(ledger: Ledger, rng: random.Random) -> tuple[str, dict[str, Any]] | None:
    table = rng.choice(list(TABLES))
    rows = _rows(ledger, table)
    row = rng.choice(rows)
    column = rng.choice(list(row))
    new = _changed(row[column], rng)
    where, params = _where(table, row)
    try:
        with ledger.engine.begin() as conn:
            conn.execute(
                text(f'UPDATE {table} SET "{column}" = :new WHERE {where}'), params | {"new": new}
            )
    except Exception:  # a key that collides, or a type the backend refuses: not an edit
        return None
    return table, row


def test_random_field_edits_sqlite(tmp_path: Path) -> None:
    base = tmp_path / "base.db"
    build(str(base)).close()
    detected = 0
    for i, rng in enumerate(_cases(1, CASES)):
        db = tmp_path / f"case{i % 2}.db"
        shutil.copy(base, db)
        ledger = Ledger(str(db))
        edit = _apply_edit(ledger, rng)
        if edit is not None:
            _expect_named(ledger.verify(), *edit)
            detected += 1
        ledger.close()
    assert detected >= CASES * 0.9


def test_random_byte_edits_sqlite(tmp_path: Path) -> None:
    """Raw byte edits, including bytes that make the text invalid UTF-8."""
    base = tmp_path / "base.db"
    build(str(base)).close()
    for i, rng in enumerate(_cases(2, CASES)):
        db = tmp_path / f"case{i % 2}.db"
        shutil.copy(base, db)
        ledger = Ledger(str(db))
        table = rng.choice(list(TABLES))
        rows = _rows(ledger, table)
        row = rng.choice(rows)
        columns = [c for c, v in row.items() if isinstance(v, str) and v]
        column = rng.choice(columns)
        data = bytearray(row[column].encode("utf-8"))
        pos = rng.randrange(len(data))
        data[pos] = rng.choice([b for b in range(256) if b != data[pos]])
        where = " AND ".join(f'"{k}" = ?' for k in TABLES[table])
        raw = sqlite3.connect(db)
        try:
            raw.execute(
                f'UPDATE {table} SET "{column}" = CAST(? AS TEXT) WHERE {where}',
                [bytes(data), *(row[k] for k in TABLES[table])],
            )
            raw.commit()
        except sqlite3.IntegrityError:
            raw.close()
            ledger.close()
            continue
        raw.close()
        _expect_named(ledger.verify(), table, row)
        ledger.close()


@pytest.mark.postgres
def test_random_field_edits_postgres(pg_url: str) -> None:
    ledger = build(pg_url)
    for rng in _cases(3, PG_CASES):
        snapshot = {t: _rows(ledger, t) for t in TABLES}
        edit = _apply_edit(ledger, rng)
        if edit is not None:
            _expect_named(ledger.verify(), *edit)
        with ledger.engine.begin() as conn:  # put everything back as it was
            for table, rows in snapshot.items():
                conn.execute(text(f"DELETE FROM {table}"))
                if rows:
                    cols = ", ".join(f'"{c}"' for c in rows[0])
                    vals = ", ".join(f":{c}" for c in rows[0])
                    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({vals})"), rows)
        assert ledger.verify().ok


def test_row_deletions(db: str) -> None:
    ledger = build(db)
    for table in TABLES:
        for row in _rows(ledger, table):
            where, params = _where(table, row)
            with ledger.engine.begin() as conn:
                conn.execute(text(f"DELETE FROM {table} WHERE {where}"), params)
            result = ledger.verify()
            assert not result.ok, (table, row)
            if table == "entries":
                # Deleting the last entry is a head mismatch naming it; any other, "missing".
                assert result.chain.bad_seq == row["seq"], (row, result.chain)
            elif table != "chain_head":
                key = str(row[TABLES[table][0]])
                assert any(key in p for p in result.projection_problems), (key, result)
            with ledger.engine.begin() as conn:
                cols = ", ".join(f'"{c}"' for c in row)
                vals = ", ".join(f":{c}" for c in row)
                conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({vals})"), row)
            assert ledger.verify().ok


def test_swapped_entries(db: str) -> None:
    ledger = build(db)
    rows = _rows(ledger, "entries")
    n = len(rows)
    rng = random.Random(4)
    for _ in range(10):
        a, b = sorted(rng.sample(range(1, n + 1), 2))
        with ledger.engine.begin() as conn:
            conn.execute(text("UPDATE entries SET seq = -1 WHERE seq = :a"), {"a": a})
            conn.execute(text("UPDATE entries SET seq = :a WHERE seq = :b"), {"a": a, "b": b})
            conn.execute(text("UPDATE entries SET seq = :b WHERE seq = -1"), {"b": b})
        result = ledger.verify()
        assert not result.ok and result.chain.bad_seq == a, (a, b, result.chain)
        with ledger.engine.begin() as conn:
            conn.execute(text("UPDATE entries SET seq = -1 WHERE seq = :a"), {"a": a})
            conn.execute(text("UPDATE entries SET seq = :a WHERE seq = :b"), {"a": a, "b": b})
            conn.execute(text("UPDATE entries SET seq = :b WHERE seq = -1"), {"b": b})
        assert ledger.verify().ok


@pytest.mark.parametrize("keep", [1, 4, 8])
def test_truncations_with_and_without_a_checkpoint(db: str, tmp_path: Path, keep: int) -> None:
    ledger = build(db)
    signed = ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    n = ledger.count("entries")
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM entries WHERE seq > :k"), {"k": keep})
    # Without moving the head: verify alone names the first entry cut.
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == keep + 1
    # Moving the head back too: only the checkpoint can tell, and it names the same entry.
    with ledger.engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM entries WHERE seq = :k"), {"k": keep}).one()
        conn.execute(text("UPDATE chain_head SET seq = :k, hash = :h"), {"k": keep, "h": last[0]})
    ledger.rebuild()
    assert ledger.verify().ok
    check = ledger.check_checkpoint(signed)
    assert not check.ok and check.bad_seq == keep + 1 and signed.seq == n - 1
