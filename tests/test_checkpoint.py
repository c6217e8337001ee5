"""Signed checkpoints prove that the ledger still holds a prefix, and catch truncation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from conftest import run_cli
from factories import pledge, report
from trucewatch.errors import InputError
from trucewatch.ledger import checkpoint as cp
from trucewatch.ledger.chain import GENESIS, canonical_json, entry_hash
from trucewatch.ledger.store import Ledger


def _ledger(db: str, n: int = 4) -> Ledger:
    ledger = Ledger(db)
    ledger.record([report(f"report {i}") for i in range(n)], [])
    return ledger


def test_sign_and_check_roundtrip(tmp_path: Path) -> None:
    key = cp.create_key(tmp_path / "k.pem")
    signed = cp.sign(key, 3, "a" * 64)
    assert signed.signature_ok()
    cp.write_file(signed, tmp_path / "c.json")
    again = cp.read_file(tmp_path / "c.json")
    assert again == signed and again.signature_ok()
    assert cp.load_public_key(tmp_path / "k.pem.pub") == signed.public_key
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("field", ["seq", "head", "time", "public_key"])
def test_any_changed_field_breaks_the_signature(tmp_path: Path, field: str) -> None:
    signed = cp.sign(cp.create_key(tmp_path / "k.pem"), 3, "a" * 64)
    other = cp.sign(cp.create_key(tmp_path / "other.pem"), 3, "a" * 64)
    data = signed.to_json()
    data[field] = {"seq": 4, "head": "b" * 64, "time": "2030-01-01T00:00:00Z"}.get(
        field, other.public_key
    )
    assert not cp.Checkpoint.from_json(data, "x").signature_ok()


def test_checkpoint_entry_then_verify_with_file(db: str, tmp_path: Path) -> None:
    ledger = _ledger(db)
    key = cp.create_key(tmp_path / "k.pem")
    signed = ledger.checkpoint(key)
    assert signed.seq == 4
    assert ledger.count("entries") == 5  # the checkpoint itself is entry 5
    assert ledger.latest_checkpoint() == signed
    ledger.record([report("after the checkpoint")], [])
    assert ledger.verify().ok
    check = ledger.check_checkpoint(signed, pinned=cp.load_public_key(tmp_path / "k.pem.pub"))
    assert check.ok, check


def test_truncated_tail_with_its_head_is_caught_only_by_the_checkpoint(
    db: str, tmp_path: Path
) -> None:
    ledger = _ledger(db, 6)
    signed = ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    # Cut entries 4.. and move the head back consistently: the chain alone still verifies.
    with ledger.engine.begin() as conn:
        row = conn.execute(text("SELECT hash FROM entries WHERE seq = 3")).one()
        conn.execute(text("DELETE FROM entries WHERE seq > 3"))
        conn.execute(text("UPDATE chain_head SET seq = 3, hash = :h"), {"h": row[0]})
    ledger.rebuild()
    assert ledger.verify().ok
    check = ledger.check_checkpoint(signed)
    assert not check.ok and check.bad_seq == 4
    assert "truncated" in (check.problem or "")


def test_rewritten_prefix_is_caught(db: str, tmp_path: Path) -> None:
    ledger = _ledger(db)
    signed = ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE entries SET hash = :h WHERE seq = 4"), {"h": "0" * 64})
    check = ledger.check_checkpoint(signed)
    assert not check.ok and check.bad_seq == 4


def test_wrong_key_and_forged_signature(db: str, tmp_path: Path) -> None:
    ledger = _ledger(db)
    signed = ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    cp.create_key(tmp_path / "other.pem")
    other = cp.load_public_key(tmp_path / "other.pem.pub")
    assert not ledger.check_checkpoint(signed, pinned=other).ok
    forged = cp.Checkpoint(signed.seq, signed.head, signed.time, signed.public_key, "AAAA")
    assert "signature" in (ledger.check_checkpoint(forged).problem or "")


def rehash(ledger: Ledger) -> None:
    """What a forger with write access does: recompute every hash and link, and the head."""
    with ledger.engine.begin() as conn:
        rows = conn.execute(text("SELECT * FROM entries ORDER BY seq")).mappings().all()
        prev = GENESIS
        for r in rows:
            digest = entry_hash(r["seq"], r["kind"], r["key"], r["recorded_at"], prev, r["payload"])
            conn.execute(
                text("UPDATE entries SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": digest, "s": r["seq"]},
            )
            prev = digest
        conn.execute(text("UPDATE chain_head SET seq = :s, hash = :h"), {"s": len(rows), "h": prev})


def test_forged_checkpoint_entry_fails_verify(db: str, tmp_path: Path) -> None:
    ledger = _ledger(db)
    ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    ledger.add_pledge(pledge("p-after"))
    assert ledger.verify().ok
    with ledger.engine.begin() as conn:
        payload = json.loads(
            conn.execute(text("SELECT payload FROM entries WHERE seq = 5")).scalar_one()
        )
        payload["data"]["signature"] = payload["data"]["signature"][::-1]
        conn.execute(
            text("UPDATE entries SET payload = :p WHERE seq = 5"), {"p": canonical_json(payload)}
        )
    rehash(ledger)
    result = ledger.verify()
    assert not result.ok and result.chain.bad_seq == 5
    assert "signature" in (result.chain.problem or "")


def test_rewritten_log_passes_the_chain_but_not_the_checkpoint(db: str, tmp_path: Path) -> None:
    ledger = _ledger(db)
    signed = ledger.checkpoint(cp.create_key(tmp_path / "k.pem"))
    with ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM entries WHERE seq >= 2"))
    rehash(ledger)
    ledger.rebuild()
    assert ledger.verify().ok  # a consistent rewrite: only an outside anchor can tell
    check = ledger.check_checkpoint(signed)
    assert not check.ok and check.bad_seq == 2


def test_bad_files_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text('{"log": "trucewatch"}')
    with pytest.raises(InputError, match="field 'seq' is missing") as caught:
        cp.read_file(tmp_path / "c.json")
    assert caught.value.code == "E812"
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="not a checkpoint file"):
        cp.read_file(tmp_path / "bin.json")
    with pytest.raises(InputError, match="no such key file"):
        cp.load_key(tmp_path / "none.pem")
    (tmp_path / "junk.pem").write_text("junk")
    with pytest.raises(InputError, match="not an unencrypted PEM"):
        cp.load_key(tmp_path / "junk.pem")
    cp.create_key(tmp_path / "k.pem")
    with pytest.raises(InputError, match="already exists"):
        cp.create_key(tmp_path / "k.pem")


def test_newest_checkpoint_is_found_through_its_index(db: str, tmp_path: Path) -> None:
    """`latest_checkpoint` reads the partial index of checkpoint entries (ix_entries_checkpoints),
    so on a log of millions of entries it does not scan back to the last checkpoint."""
    ledger = _ledger(db)
    assert ledger.latest_checkpoint() is None
    key = cp.create_key(tmp_path / "k.pem")
    first = ledger.checkpoint(key)
    ledger.record([report("after the first")], [])
    second = ledger.checkpoint(key)
    ledger.record([report("after the second")], [])
    assert ledger.latest_checkpoint() == second and second.seq > first.seq
    executed: list[tuple[str, Any]] = []

    def seen(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "entries" in statement and "ORDER BY" in statement:
            executed.append((statement, params))

    event.listen(ledger.engine, "before_cursor_execute", seen)
    assert ledger.latest_checkpoint() == second
    event.remove(ledger.engine, "before_cursor_execute", seen)
    [(sql, params)] = executed  # the statement as the driver ran it, with its parameters
    with ledger.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        if conn.dialect.name == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(r[-1]) for r in cursor.fetchall())
        else:  # a tiny table: forbid the scan, so the plan says whether the index applies
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(str(r[0]) for r in cursor.fetchall())
    assert "ix_entries_checkpoints" in plan, plan
    ledger.close()


@pytest.mark.parametrize("where", ["missing", "folder"])
def test_unwritable_out_changes_nothing(db: str, tmp_path: Path, where: str) -> None:
    """``checkpoint --out`` into a folder that is not there (or onto a folder) fails with E107
    naming the file before the checkpoint is appended: retries do not pile up entries."""
    _ledger(db).close()
    key = tmp_path / "k.pem"
    cp.create_key(key)
    out = tmp_path / "nonexist" / "x.json" if where == "missing" else tmp_path
    for _ in range(2):
        result = run_cli("checkpoint", "--key", str(key), "--out", str(out), db=db)
        assert result.returncode == 2, result.stderr
        assert "E107" in result.stderr and str(out) in result.stderr
        assert "Traceback" not in result.stderr
    new_key = tmp_path / "new.pem"
    result = run_cli("checkpoint", "--key", str(new_key), "--new-key", "--out", str(out), db=db)
    assert result.returncode == 2 and not new_key.exists()
    ledger = Ledger(db)
    assert ledger.count("entries") == 4 and ledger.latest_checkpoint() is None
    ledger.close()
    good = tmp_path / "c.json"
    result = run_cli("checkpoint", "--key", str(key), "--out", str(good), db=db)
    assert result.returncode == 0, result.stderr
    ledger = Ledger(db)
    assert ledger.count("entries") == 5
    assert cp.read_file(good) == ledger.latest_checkpoint()
    ledger.close()
