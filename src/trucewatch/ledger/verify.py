"""``verify``: check everything a user can see against the hash-chained log.

1. The log: every entry's seq, link and hash, read as raw bytes so that text which is not valid
   UTF-8 is reported as tampering at the entry it hits instead of crashing the reader.
2. The chain head: exactly one row, naming the last entry's seq and hash.
3. Every column of every projection table: the verified log is replayed into a scratch SQLite
   database with the same code that maintains the projections, and each stored row is compared
   with its replayed twin column by column (types included: ``'1'`` is not ``1``).
4. The database's own checks: SQLite's ``PRAGMA integrity_check``; on PostgreSQL the B-tree
   checks of the ``amcheck`` extension when it is installed.

Everything is read in one snapshot (a read transaction on SQLite, REPEATABLE READ on
PostgreSQL), so a ``verify`` run beside writers sees one consistent ledger.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine
from sqlalchemy.exc import DBAPIError

from trucewatch.errors import InputError, IntegrityError
from trucewatch.judge.engine import Judge
from trucewatch.judge.stored import rebuild_verdicts
from trucewatch.ledger import runs
from trucewatch.ledger.chain import GENESIS, ChainCheck, StoredEntry, step
from trucewatch.ledger.checkpoint import CHECKPOINT_SIGNED, Checkpoint
from trucewatch.ledger.projections import project
from trucewatch.ledger.schema import PROJECTIONS, metadata
from trucewatch.merge.stored import longest_stored, rebuild_clusters
from trucewatch.respond.stored import STATE_COLUMNS, state_problems

__all__ = [
    "ENTRY_COLUMNS",
    "MAX_LISTED",
    "REPLAY_BATCH",
    "Query",
    "VerifyResult",
    "snapshot",
    "verify",
]

Query = Callable[[str], Iterator[tuple[Any, ...]]]
ENTRY_COLUMNS = ("seq", "kind", "key", "recorded_at", "payload", "prev_hash", "hash")
REPLAY_BATCH = 5000
MAX_LISTED = 1000


@dataclass(frozen=True)
class VerifyResult:
    """The chain check, projection rows that disagree with the log, and database problems."""

    chain: ChainCheck
    projection_problems: tuple[str, ...] = ()
    database_problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unfinished_ingests: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.projection_problems and not self.database_problems


class _Undecodable(Exception):
    """A text value that is not valid UTF-8."""

    def __init__(self, column: str, exc: UnicodeDecodeError) -> None:
        super().__init__(f"column {column} holds bytes that are not UTF-8 (at byte {exc.start})")


def _text(column: str, value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Undecodable(column, exc) from None
    return value


def _norm(column: str, value: Any) -> Any:
    """Stored values as comparable Python values: text decoded, booleans as 0/1."""
    value = _text(column, value)
    return int(value) if isinstance(value, bool) else value


@contextmanager
def snapshot(engine: Engine) -> Iterator[Query]:
    """One consistent read of the whole ledger; text comes back as bytes on SQLite."""
    if engine.dialect.name == "sqlite":
        raw = sqlite3.connect(engine.url.database or "", timeout=30, isolation_level=None)
        raw.text_factory = bytes
        try:
            raw.execute("BEGIN")
            yield lambda sql: iter(raw.execute(sql))
        finally:
            raw.close()
        return
    with (
        engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
        conn.begin(),
    ):
        yield lambda sql: (tuple(r) for r in conn.exec_driver_sql(sql))


def verify(engine: Engine) -> VerifyResult:
    """Check the log, the head, every projection column and the database's own structure."""
    try:
        return _verify(engine)
    except sqlite3.DatabaseError as exc:  # the file itself is damaged: SQLite cannot read it
        raise IntegrityError(
            f"the ledger's database file is damaged: SQLite says {exc}; the log cannot be read "
            "to replay it: restore the file from a copy (and check it with "
            "`trucewatch verify --checkpoint`)",
            code="E814",
        ) from exc


def _verify(engine: Engine) -> VerifyResult:
    notes: list[str] = []
    with snapshot(engine) as query:
        with tempfile.TemporaryDirectory(prefix="trucewatch-verify-") as tmp:
            replay = create_engine(f"sqlite:///{Path(tmp) / 'replay.db'}")
            try:
                metadata.create_all(replay)
                chain = _walk(query, replay)
                problems: tuple[str, ...] = ()
                if chain.ok:
                    problems = tuple(_compare(query, replay))
                    problems += tuple(_states(query, replay))
                    problems += tuple(_longest(query, replay))
            finally:
                replay.dispose()
        database = tuple(_database_checks(engine, query, notes))
    cut = tuple(
        f"ingest run {r.id} ({r.what}) started {r.started_at} and never finished: it was "
        "interrupted (or is still running); run it again to complete it"
        for r in runs.unfinished(engine)
    )
    return VerifyResult(chain, problems, database, tuple(notes), cut)


def _walk(query: Query, replay: Engine) -> ChainCheck:
    """Walk the stored log in order, replaying each verified entry into ``replay``."""
    prev, count, batch = GENESIS, 0, []
    with replay.begin() as out:
        for raw in query(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries ORDER BY seq"):
            where = raw[0] if isinstance(raw[0], int) else count + 1
            try:
                values = [_text(c, v) for c, v in zip(ENTRY_COLUMNS, raw, strict=True)]
            except _Undecodable as exc:
                return ChainCheck(False, count, prev, where, f"{exc}: it was altered")
            wrong = [
                c
                for c, v in zip(ENTRY_COLUMNS, values, strict=True)
                if not isinstance(v, int if c == "seq" else str) or isinstance(v, bool)
            ]
            if wrong:
                return ChainCheck(
                    False, count, prev, where, f"column {wrong[0]} holds a value of the wrong type"
                )
            entry = StoredEntry(*values)
            problem = step(entry, prev, count + 1)
            if problem is None and entry.kind == CHECKPOINT_SIGNED:
                problem = _checkpoint_problem(entry, prev, count)
            if problem is not None:
                return ChainCheck(
                    False, count, prev, count + 1 if "missing" in problem else where, problem
                )
            prev, count = entry.hash, count + 1
            batch.append(entry.__dict__)
            if len(batch) >= REPLAY_BATCH:
                project(out, batch)
                batch = []
        if batch:
            project(out, batch)
        # merge.v1's stored clusters are derived from the replayed strikes, as rebuild does.
        rebuild_clusters(out)
        rebuild_verdicts(out, Judge())
    return _check_head(query, count, prev)


def _longest(query: Query, replay: Engine) -> Iterator[str]:
    """The kept longest member span (an upper bound the stored merge's scans rely on) against
    the longest replayed member."""
    try:
        kept = [r[0] for r in query("SELECT seconds FROM merge_longest WHERE id = 1")]
    except (DBAPIError, _Undecodable) as exc:
        yield f"merge_longest cannot be read: {exc}"
        return
    with replay.connect() as conn:
        longest = longest_stored(conn).total_seconds()
    if kept and not (isinstance(kept[0], int | float) and kept[0] >= longest - 1.0):
        yield (
            f"merge_longest says {kept[0]!r} s, shorter than a stored strike ({longest:.0f} s); "
            "run `trucewatch rebuild`"
        )


def _states(query: Query, replay: Engine) -> Iterator[str]:
    """The stored protocol states against the policy run over the replayed verdicts."""
    cols = ", ".join(_quoted(c) for c in STATE_COLUMNS)
    try:
        stored = [
            tuple(_norm(c, v) for c, v in zip(STATE_COLUMNS, raw, strict=True))
            for raw in query(f"SELECT {cols} FROM reading_states")
        ]
    except _Undecodable as exc:
        yield f"reading_states: {exc}"
        return
    with replay.connect() as conn:
        yield from state_problems(conn, stored)


def _checkpoint_problem(entry: StoredEntry, prev: str, count: int) -> str | None:
    """A checkpoint entry must sign the entry right before it, with a valid signature."""
    try:
        signed = Checkpoint.from_json(json.loads(entry.payload).get("data"), f"entry {entry.seq}")
    except (InputError, ValueError, AttributeError) as exc:
        return f"its checkpoint cannot be read: {exc}"
    if signed.seq != count or signed.head != prev:
        return f"its checkpoint signs entry {signed.seq}, not the entry before it"
    if not signed.signature_ok():
        return "its checkpoint signature does not verify"
    return None


def _check_head(query: Query, count: int, last: str) -> ChainCheck:
    try:
        heads = [
            tuple(_norm("chain_head", v) for v in r)
            for r in query("SELECT id, seq, hash FROM chain_head")
        ]
    except _Undecodable as exc:
        return ChainCheck(False, count, last, count, f"the chain head's {exc}")
    if not heads or heads[0][0] != 1:
        problem = "the chain head row is missing (run `trucewatch rebuild` to restore it)"
        return ChainCheck(False, count, last, count, problem)
    if len(heads) > 1:
        return ChainCheck(False, count, last, count, "the chain head table has several rows")
    _, seq, digest = heads[0]
    if seq != count:
        bad = count + 1 if isinstance(seq, int) and seq > count else count
        problem = f"the chain head says entry {seq} but the log ends at entry {count}"
        return ChainCheck(False, count, last, bad, problem)
    if digest != last:
        problem = f"the chain head's hash does not match entry {count}'s hash"
        return ChainCheck(False, count, last, count, problem)
    return ChainCheck(True, count, last)


def _key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def _digest(values: tuple[Any, ...]) -> bytes:
    return hashlib.blake2b(repr(values).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _compare(query: Query, replay: Engine) -> Iterator[str]:
    """Every projection row and column against the replayed log."""
    listed = 0
    with replay.connect() as conn:
        for table in PROJECTIONS:
            keys = _key_columns(table)
            cols = [c.name for c in table.columns]
            sql = f"SELECT {', '.join(_quoted(c) for c in cols)} FROM {table.name}"
            want: dict[tuple[Any, ...], bytes] = {}
            for row in conn.exec_driver_sql(sql):
                values = tuple(_norm(c, v) for c, v in zip(cols, row, strict=True))
                want[tuple(values[cols.index(k)] for k in keys)] = _digest(values)
            for raw in query(sql):
                try:
                    values = tuple(_norm(c, v) for c, v in zip(cols, raw, strict=True))
                except _Undecodable as exc:
                    label = _label(table, keys, cols, raw)
                    yield f"{label}: {exc}"
                    listed += 1
                    continue
                key = tuple(values[cols.index(k)] for k in keys)
                expected = want.pop(key, None)
                if expected is None:
                    yield f"{_label(table, keys, cols, raw)} is in the table but not in the log"
                elif expected != _digest(values):
                    yield _difference(conn, table, cols, keys, key, values)
                else:
                    continue
                listed += 1
                if listed >= MAX_LISTED:
                    return
            for key in want:
                yield f"{table.name} row {_key_text(key)} is in the log but missing from the table"
                listed += 1
                if listed >= MAX_LISTED:
                    return


def _quoted(column: str) -> str:
    return f'"{column}"'


def _key_text(key: tuple[Any, ...]) -> str:
    return "/".join(str(k) for k in key)


def _label(table: Table, keys: list[str], cols: list[str], raw: tuple[Any, ...]) -> str:
    parts = []
    for k in keys:
        value = raw[cols.index(k)]
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        parts.append(str(value))
    return f"{table.name} row {'/'.join(parts)}"


def _difference(
    conn: Any,
    table: Table,
    cols: list[str],
    keys: list[str],
    key: tuple[Any, ...],
    values: tuple[Any, ...],
) -> str:
    """Name the columns of one row that differ from the replayed log, and its entry."""
    where = " AND ".join(f"{_quoted(k)} = ?" for k in keys)
    sql = f"SELECT {', '.join(_quoted(c) for c in cols)} FROM {table.name} WHERE {where}"
    row = conn.exec_driver_sql(sql, tuple(key)).first()
    want = tuple(_norm(c, v) for c, v in zip(cols, row, strict=True))
    differ = [
        c for c, a, b in zip(cols, values, want, strict=True) if a != b or type(a) is not type(b)
    ]
    entry = f" (entry {want[cols.index('seq')]})" if "seq" in cols else ""
    return f"{table.name} row {_key_text(key)}{entry}: {', '.join(differ)} differ from the log"


def _database_checks(engine: Engine, query: Query, notes: list[str]) -> Iterator[str]:
    """SQLite's integrity check, or amcheck's B-tree checks on PostgreSQL (run last: an
    amcheck failure ends the read transaction)."""
    if engine.dialect.name == "sqlite":
        for (line,) in query("PRAGMA integrity_check"):
            text = line.decode("utf-8", "replace") if isinstance(line, bytes) else str(line)
            if text != "ok":
                yield f"SQLite integrity check: {text}"
        return
    if not list(query("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")):
        notes.append("PostgreSQL index checks skipped: the amcheck extension is not installed")
        return
    indexes = list(
        query(
            "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace"
        )
    )
    for oid, name in indexes:
        try:
            list(query(f"SELECT bt_index_check({int(oid)})"))
        except DBAPIError as exc:  # amcheck reports corruption as an error
            yield f"PostgreSQL index check of {name}: {exc.orig}"
            return
