"""The ledger: an append-only, hash-chained log with query projections, on SQLite or PostgreSQL.

Every change is a new entry (report received, strike recorded or amended, pledge added or
amended, correction). Tables other than ``entries`` are projections of the log: ``rebuild``
drops and replays them, and ``verify`` checks both the chain and that every projection row is
what the log says it should be.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import TypeAdapter
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from trucewatch.errors import IntegrityError, LedgerError, NotFoundError
from trucewatch.judge.engine import Judge
from trucewatch.judge.stored import rebuild_verdicts, stored_verdicts, update_verdicts
from trucewatch.ledger import limits, migrate
from trucewatch.ledger.chain import GENESIS, StoredEntry, canonical_json, chain_hashes
from trucewatch.ledger.checkpoint import (
    CHECKPOINT_SIGNED,
    Checkpoint,
    CheckpointCheck,
    check_prefix,
)
from trucewatch.ledger.checkpoint import sign as sign_checkpoint
from trucewatch.ledger.projections import (
    PLEDGE_ADDED,
    PLEDGE_AMENDED,
    PLEDGE_KINDS,
    REPORT_RECEIVED,
    STRIKE_AMENDED,
    STRIKE_RECORDED,
    STRIKE_RETRACTED,
    chunks,
    insert_rows,
    payload_time,
    project,
    report_stubs,
    strikes_in,
    utc_text,
)
from trucewatch.ledger.schema import (
    PROJECTIONS,
    chain_head,
    claims,
    entries,
    merge_members,
    pledges,
    reading_states,
    reports,
    strike_reports,
    strikes,
)
from trucewatch.ledger.verify import VerifyResult as VerifyResult
from trucewatch.ledger.verify import verify as verify_ledger
from trucewatch.merge.dataset import place_alone
from trucewatch.merge.stored import (
    STRIKES,
    PageKey,
    longest_member,
    merged_page,
    merged_strike_of,
    merged_strikes,
    rebuild_clusters,
    update_clusters,
)
from trucewatch.model import Pledge, Report, Strike, Verdict
from trucewatch.respond.stored import (
    ReadingState,
    parse_time,
    read_states,
    rebuild_states,
    update_states,
)

__all__ = ["WRITE_ATTEMPTS", "Ledger", "NewEntry", "RecordSummary", "VerifyResult"]

_T = TypeVar("_T", Report, Strike)
_R = TypeVar("_R")
_V = TypeVar("_V")
WRITE_ATTEMPTS = 8
SQLITE_CACHE_KIB = 65536  # per connection, used only as pages are read
# One call into pydantic's serializer per batch instead of one per model.
_STRIKES = TypeAdapter(list[Strike])
_REPORTS = TypeAdapter(list[Report])


def _need_psycopg() -> None:
    """PostgreSQL support is the optional ``[postgres]`` extra: say so instead of a traceback."""
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:
        raise LedgerError(
            "a postgresql:// ledger needs psycopg: pip install 'trucewatch[postgres]'",
            code="E304",
        )


# The execution option that marks a read-only connection (SQLite: a deferred BEGIN).
_DEFERRED = "trucewatch_deferred"


def engine_for(db: str) -> Engine:
    """An engine for a SQLite path or a SQLAlchemy URL (``postgresql://...``)."""
    if "://" not in db:
        url = f"sqlite:///{db}"
    elif db.startswith("postgresql://"):
        url = "postgresql+psycopg://" + db[len("postgresql://") :]
        _need_psycopg()
    else:
        url = db
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        # pysqlite's own transaction handling would let two writers read the same chain head;
        # BEGIN IMMEDIATE takes the write lock up front (SQLAlchemy's documented recipe).
        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            dbapi_conn.execute("PRAGMA busy_timeout = 30000")
            # SQLite's default page cache (2 MiB) thrashes on the ledger's random-key indexes
            # (report and strike ids are hashes): a 100,000-row ACLED ingest took 1.8x as long.
            dbapi_conn.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

        # A read (marked ``deferred``) takes only a shared lock, so a stream of writers
        # queueing for the write lock never starves it past the busy timeout.
        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            deferred = conn.get_execution_options().get(_DEFERRED, False)
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


@dataclass(frozen=True)
class NewEntry:
    """An entry to append: its kind, the key it concerns and its payload."""

    kind: str
    key: str
    payload: dict[str, Any]
    model: Report | Strike | Pledge | None = None


def _payload_text(payload: dict[str, Any]) -> tuple[str, str | None]:
    """The payload's canonical JSON, and that of its ``data`` (spliced, not encoded twice)."""
    if set(payload) == {"data", "note"}:
        data = canonical_json(payload["data"])
        return f'{{"data":{data},"note":{canonical_json(payload["note"])}}}', data
    return canonical_json(payload), None


@dataclass
class RecordSummary:
    """What a batch added: counts of new and unchanged things, by kind."""

    reports_new: int = 0
    reports_known: int = 0
    strikes_new: int = 0
    strikes_amended: int = 0
    strikes_unchanged: int = 0
    strikes_stale: int = 0
    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def added_nothing(self) -> bool:
        return self.entries == 0

    def add(self, other: RecordSummary) -> None:
        """Fold another batch's counts into this one."""
        self.reports_new += other.reports_new
        self.reports_known += other.reports_known
        self.strikes_new += other.strikes_new
        self.strikes_amended += other.strikes_amended
        self.strikes_unchanged += other.strikes_unchanged
        self.strikes_stale += other.strikes_stale
        self.entries += other.entries
        self.problems.extend(other.problems)


class Ledger:
    """The append-only log and its projections, behind one SQLAlchemy engine."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._judge: Judge | None = None
        try:
            self.engine = engine_for(db)
            migrate.upgrade(self.engine)
            self._fill_verdicts()
        except (SQLAlchemyError, OSError, sqlite3.DatabaseError) as exc:
            raise LedgerError(f"cannot open ledger {db!r}: {exc}", code="E301") from exc
        except (CommandError, RevisionError) as exc:  # a schema version no release wrote
            raise LedgerError(
                f"cannot open ledger {db!r}: its schema version is unknown ({exc}); "
                "it was written by a newer trucewatch, or the file is damaged",
                code="E301",
            ) from exc

    @property
    def judge(self) -> Judge:
        """The judge that keeps the stored verdicts (``judge/stored.py``)."""
        if self._judge is None:
            self._judge = Judge()
        return self._judge

    def _fill_verdicts(self) -> None:
        """A ledger from before stored verdicts (migration 0006_incr) gets them on first open."""
        with self.engine.connect() as conn:
            if conn.execute(select(reading_states.c.pledge).limit(1)).first() is not None:
                return
            query = select(pledges.c.id).where(pledges.c.draft.is_(False)).limit(1)
            if conn.execute(query).first() is None:
                return

        def work(conn: Connection) -> None:
            self.lock_head(conn)
            if conn.execute(select(reading_states.c.pledge).limit(1)).first() is None:
                self._rebuild_verdicts(conn)

        self.write(work)

    def _rebuild_verdicts(self, conn: Connection) -> None:
        rebuild_verdicts(conn, self.judge)
        last = conn.execute(select(entries.c.recorded_at).order_by(entries.c.seq.desc()).limit(1))
        row = last.first()
        rebuild_states(conn, parse_time(row[0]) if row else None)

    def close(self) -> None:
        self.engine.dispose()

    # -- appending -----------------------------------------------------------------------

    def append(self, new: Sequence[NewEntry], conn: Connection | None = None) -> int:
        """Append entries to the chain and apply them to the projections; returns the count."""
        if not new:
            return 0
        if conn is None:
            return self.write(lambda c: self.append(new, c))
        limits.check_entries([(item.kind, item.key) for item in new])
        seq, prev = self.lock_head(conn)
        now = utc_text(datetime.now(UTC))
        texts = [_payload_text(item.payload) for item in new]
        digests = chain_hashes(
            seq + 1, prev, now, [(i.kind, i.key, t[0]) for i, t in zip(new, texts, strict=True)]
        )
        rows = []
        for item, (payload, data_text), digest in zip(new, texts, digests, strict=True):
            seq += 1
            rows.append(
                {
                    "seq": seq,
                    "kind": item.kind,
                    "key": item.key,
                    "recorded_at": now,
                    "payload": payload,
                    "prev_hash": prev,
                    "hash": digest,
                    "obj": item.payload,
                    "model": item.model,
                    "data_text": data_text,
                }
            )
            prev = digest
        stored = ("seq", "kind", "key", "recorded_at", "payload", "prev_hash", "hash")
        insert_rows(conn, entries, [{k: r[k] for k in stored} for r in rows])
        conn.execute(chain_head.update().where(chain_head.c.id == 1).values(seq=seq, hash=prev))
        project(conn, rows)
        for r in rows:
            if isinstance(r["model"], Strike) and isinstance(r["data_text"], str):
                STRIKES.remember(r["data_text"], r["model"])
        merge, dirty = place_alone(conn, rows, self._merge_dirty(conn, rows))
        merge.add(
            update_clusters(
                conn,
                dirty,
                [r["model"] for r in rows if isinstance(r["model"], Strike)],
                [r["model"] for r in rows if isinstance(r["model"], Report)],
            )
        )
        changed = {str(r["key"]) for r in rows if r["kind"] in PLEDGE_KINDS}
        found = update_verdicts(conn, self.judge, merge=merge, pledge_ids=changed)
        update_states(conn, found.readings, changed, parse_time(now))
        return len(rows)

    def record(
        self,
        batch_reports: Iterable[Report],
        batch_strikes: Iterable[Strike],
        note: str | None = None,
        author: str | None = None,
    ) -> RecordSummary:
        """Record reports and strikes idempotently: known content adds nothing, changes amend.

        ``author`` (who asked for the write, e.g. a web token's name) is kept in each entry's
        payload only when given, so entries written without one hash as they always did.
        """
        report_list = _unique_by_id(batch_reports)
        for rep in report_list:
            limits.check_report(rep)
        report_data = _REPORTS.dump_python(report_list, mode="json")
        report_rows = [_Item(r.id, d, r) for r, d in zip(report_list, report_data, strict=True)]
        strike_list, stale = _newest_by_id(
            batch_strikes, lambda s: s.id, lambda s: s.reports, _published(report_rows)
        )
        for strike in strike_list:
            limits.check_strike(strike)
        strike_data = _STRIKES.dump_python(strike_list, mode="json")
        strike_rows = [_Item(s.id, d, s) for s, d in zip(strike_list, strike_data, strict=True)]
        done = self.write(lambda conn: self._record(conn, report_rows, strike_rows, note, author))
        done.strikes_stale += stale
        return done

    def record_data(
        self,
        batch_reports: Iterable[dict[str, Any]],
        batch_strikes: Iterable[dict[str, Any]],
        note: str | None = None,
        author: str | None = None,
    ) -> RecordSummary:
        """``record`` for reports and strikes given as their payloads, what
        ``model_dump(mode="json")`` gives (the batch readers build them from columns, without
        a model per row): the same entries, byte for byte."""
        report_rows = list({d["id"]: _Item(d["id"], d) for d in batch_reports}.values())
        strike_data, stale = _newest_by_id(
            batch_strikes, lambda d: d["id"], lambda d: d["reports"], _published(report_rows)
        )
        strike_rows = [_Item(d["id"], d) for d in strike_data]
        limits.check_reports_data([item.data for item in report_rows])
        limits.check_strikes_data([item.data for item in strike_rows])
        done = self.write(lambda conn: self._record(conn, report_rows, strike_rows, note, author))
        done.strikes_stale += stale
        return done

    def _record(
        self,
        conn: Connection,
        report_list: list[_Item],
        strike_list: list[_Item],
        note: str | None,
        author: str | None = None,
    ) -> RecordSummary:
        """The body of ``record``, under the head lock so "already known" cannot go stale."""
        summary = RecordSummary()
        todo: list[NewEntry] = []
        self.lock_head(conn)
        known = self._existing(conn, reports.c.id, [r.id for r in report_list])
        fresh = [r for r in report_list if r.id not in known]
        summary.reports_known += len(report_list) - len(fresh)
        summary.reports_new += len(fresh)
        for rep in fresh:
            todo.append(NewEntry(REPORT_RECEIVED, rep.id, _body(rep.data, note, author), rep.model))
        current = self._strike_payloads(conn, [s.id for s in strike_list])
        published = _published(report_list)
        for strike in strike_list:
            old = current.get(strike.id)
            data = strike.data
            if old is None:
                summary.strikes_new += 1
                body = _body(data, note, author)
                todo.append(NewEntry(STRIKE_RECORDED, strike.id, body, strike.model))
            elif old == data:
                summary.strikes_unchanged += 1
            elif self._older(conn, old["reports"], data["reports"], published):
                # A re-issued dataset row older than the version we hold (ACLED's
                # `timestamp`): its report is kept, but it does not amend the strike.
                summary.strikes_stale += 1
            else:
                summary.strikes_amended += 1
                body = _body(data, note, author)
                todo.append(NewEntry(STRIKE_AMENDED, strike.id, body, strike.model))
        summary.entries = self.append(todo, conn)
        return summary

    def add_pledge(self, pledge: Pledge, note: str | None = None, author: str | None = None) -> str:
        """Add a pledge or amend it; returns 'added', 'amended' or 'unchanged'."""
        limits.check_pledge(pledge)
        data = pledge.model_dump(mode="json")
        body = _body(data, note, author)

        def work(conn: Connection) -> str:
            self.lock_head(conn)
            row = conn.execute(select(pledges.c.payload).where(pledges.c.id == pledge.id)).first()
            if row is None:
                self.append([NewEntry(PLEDGE_ADDED, pledge.id, body)], conn)
                return "added"
            if json.loads(row[0]) == data:
                return "unchanged"
            self.append([NewEntry(PLEDGE_AMENDED, pledge.id, body)], conn)
            return "amended"

        return self.write(work)

    def retract_strike(self, strike_id: str, reason: str, author: str | None = None) -> None:
        """A correction: the strike stays in the log but no longer counts."""
        self.strike(strike_id)
        self.append([NewEntry(STRIKE_RETRACTED, strike_id, _body(None, reason, author))])

    def checkpoint(self, key: Ed25519PrivateKey) -> Checkpoint:
        """Sign the current head and append the signature to the log (see ledger/checkpoint.py)."""

        def work(conn: Connection) -> Checkpoint:
            seq, head = self.lock_head(conn)
            signed = sign_checkpoint(key, seq, head)
            payload = {"data": signed.to_json(), "note": None}
            self.append([NewEntry(CHECKPOINT_SIGNED, f"checkpoint-{seq}", payload)], conn)
            return signed

        return self.write(work)

    def latest_checkpoint(self) -> Checkpoint | None:
        """The newest checkpoint the log holds, if any."""
        query = (
            select(entries.c.payload)
            .where(entries.c.kind == CHECKPOINT_SIGNED)
            .order_by(entries.c.seq.desc())
            .limit(1)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        return None if row is None else Checkpoint.from_json(json.loads(row[0])["data"], "log")

    def check_checkpoint(
        self, checkpoint: Checkpoint, pinned: str | None = None
    ) -> CheckpointCheck:
        """Whether the log still holds, at the checkpoint's seq, the hash it signed."""
        with self._read() as conn:
            row = conn.execute(
                select(entries.c.seq, entries.c.hash).where(entries.c.seq == checkpoint.seq)
            ).first()
            end = conn.execute(select(func.max(entries.c.seq))).scalar()
        stored = (int(row[0]), str(row[1])) if row else None
        return check_prefix(checkpoint, stored, int(end or 0), pinned)

    # -- reading -------------------------------------------------------------------------

    def reports(self, ids: Sequence[str] | None = None) -> list[Report]:
        """Reports by id (all when ids is None), in ledger order."""
        query = select(reports.c.payload).order_by(reports.c.seq)
        with self._read() as conn:
            if ids is None:
                return [Report.model_validate_json(r[0]) for r in conn.execute(query)]
            out: list[Report] = []
            for chunk in chunks(list(ids)):
                rows = conn.execute(query.where(reports.c.id.in_(chunk)))
                out.extend(Report.model_validate_json(r[0]) for r in rows)
            return out

    def report_sources(self, ids: Sequence[str]) -> dict[str, Report]:
        """Who published each report (source, kind, format, time), without the content."""
        with self._read() as conn:
            return report_stubs(conn, ids)

    def count(self, what: str = "strikes") -> int:
        """How many reports, strikes, pledges or entries the ledger holds."""
        table = {
            "reports": reports,
            "strikes": strikes,
            "pledges": pledges,
            "claims": claims,
            "entries": entries,
        }
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(table[what])).scalar_one())

    def strikes(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> list[Strike]:
        """Strikes that overlap [start, end), oldest first; retracted ones are left out."""
        return list(self.iter_strikes(start=start, end=end, attacker=attacker))

    def iter_strikes(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> Iterator[Strike]:
        """Stream strikes that overlap [start, end), oldest first."""
        query = strikes_in(strikes.c.payload, start=start, end=end, attacker=attacker)
        query = query.order_by(strikes.c.start, strikes.c.id)
        with self._read() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield Strike.model_validate_json(row[0])

    def merged_strikes(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> list[Strike]:
        """Merged strikes (``merge.v1``, from the stored clusters) overlapping [start, end)."""
        with self._read() as conn:
            return merged_strikes(conn, start=start, end=end, attacker=attacker)

    def merged_strike(self, strike_id: str) -> Strike:
        """The merged strike a recorded strike (id or unique prefix) belongs to."""
        found = self.strike(strike_id)
        with self._read() as conn:
            return merged_strike_of(conn, found.id) or found

    def strike(self, strike_id: str) -> Strike:
        """One strike by id, or by a unique id prefix of at least 6 characters."""
        with self._read() as conn:
            row = conn.execute(select(strikes.c.payload).where(strikes.c.id == strike_id)).first()
            rows = [row] if row else []
            if not rows and len(strike_id) >= 6:
                query = select(strikes.c.payload).where(strikes.c.id.startswith(strike_id))
                rows = list(conn.execute(query.limit(2)).all())
        if len(rows) != 1:
            what = "matches several strikes" if rows else "is not in the ledger"
            raise NotFoundError(f"strike {strike_id!r} {what}; see `trucewatch strikes list`")
        return Strike.model_validate_json(rows[0][0])

    def pledges(self, *, include_drafts: bool = True) -> list[Pledge]:
        """Every pledge, latest version, by id."""
        query = select(pledges.c.payload).order_by(pledges.c.id)
        if not include_drafts:
            query = query.where(pledges.c.draft.is_(False))
        with self._read() as conn:
            return [Pledge.model_validate_json(r[0]) for r in conn.execute(query)]

    def stored_verdicts(
        self, *, pledge: str | None = None, reading: str | None = None
    ) -> list[Verdict]:
        """The stored verdicts (``judge/stored.py``), by pledge, reading, strike start and id."""
        with self.engine.connect() as conn:
            return stored_verdicts(conn, pledge=pledge, reading=reading)

    def reading_states(self) -> list[ReadingState]:
        """The stored protocol state of every confirmed pledge reading (``respond/stored.py``)."""
        with self.engine.connect() as conn:
            return read_states(conn)

    def pledge(self, pledge_id: str) -> Pledge:
        """The latest version of one pledge."""
        with self._read() as conn:
            row = conn.execute(select(pledges.c.payload).where(pledges.c.id == pledge_id)).first()
        if row is None:
            raise NotFoundError(f"pledge {pledge_id!r} is not in the ledger; see `pledges list`")
        return Pledge.model_validate_json(row[0])

    def history(self, key: str) -> list[StoredEntry]:
        """Every log entry about one key (a pledge, strike or report id), oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(entries).where(entries.c.key == key).order_by(entries.c.seq))
            return [StoredEntry(**r._mapping) for r in rows]

    def entries(self) -> Iterator[StoredEntry]:
        """The whole log, oldest first, streamed."""
        with self._read() as conn:
            query = select(entries).order_by(entries.c.seq)
            for row in conn.execution_options(yield_per=5000).execute(query):
                yield StoredEntry(**row._mapping)

    def head(self) -> StoredEntry | None:
        """The newest entry of the log, or None for an empty ledger."""
        with self._read() as conn:
            row = conn.execute(select(entries).order_by(entries.c.seq.desc()).limit(1)).first()
        return StoredEntry(**row._mapping) if row else None

    def recent_entries(self, limit: int, before: int | None = None) -> list[StoredEntry]:
        """Up to ``limit`` entries, newest first, with ``seq`` below ``before`` when given."""
        query = select(entries).order_by(entries.c.seq.desc()).limit(limit)
        if before is not None:
            query = query.where(entries.c.seq < before)
        with self._read() as conn:
            return [StoredEntry(**r._mapping) for r in conn.execute(query)]

    def reports_after(self, seq: int, limit: int) -> list[tuple[int, Report]]:
        """Up to ``limit`` reports recorded after log position ``seq``, oldest first."""
        query = (
            select(reports.c.seq, reports.c.payload)
            .where(reports.c.seq > seq)
            .order_by(reports.c.seq)
            .limit(limit)
        )
        with self._read() as conn:
            return [(int(r[0]), Report.model_validate_json(r[1])) for r in conn.execute(query)]

    def strikes_after(
        self,
        after: tuple[str, str] | None,
        limit: int,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> list[Strike]:
        """A page of recorded strikes ordered by (start, id), after the ``(start, id)`` given."""
        query = strikes_in(strikes.c.payload, start=start, end=end, attacker=attacker)
        if after is not None:
            query = query.where(
                (strikes.c.start > after[0])
                | ((strikes.c.start == after[0]) & (strikes.c.id > after[1]))
            )
        query = query.order_by(strikes.c.start, strikes.c.id).limit(limit)
        with self._read() as conn:
            return [Strike.model_validate_json(r[0]) for r in conn.execute(query)]

    def merged_page(
        self,
        after: PageKey | None,
        limit: int,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        lookback: timedelta | None = None,
    ) -> list[tuple[PageKey, Strike]]:
        """A page of merged strikes overlapping [start, end), paged in SQL (see merged_page)."""
        with self._read() as conn:
            return merged_page(
                conn, after, limit, start=start, end=end, attacker=attacker, lookback=lookback
            )

    def longest_strike(self) -> timedelta:
        """The longest time span of any recorded strike (bounds the merged walk's lookback)."""
        with self._read() as conn:
            return longest_member(conn)

    def entries_after(self, seq: int, limit: int) -> list[tuple[int, str, str]]:
        """(seq, kind, key) of up to ``limit`` entries after log position ``seq``, oldest first."""
        query = (
            select(entries.c.seq, entries.c.kind, entries.c.key)
            .where(entries.c.seq > seq)
            .order_by(entries.c.seq)
            .limit(limit)
        )
        with self._read() as conn:
            return [(int(r[0]), str(r[1]), str(r[2])) for r in conn.execute(query)]

    def strike_spans(self, ids: Sequence[str]) -> dict[str, tuple[datetime, datetime]]:
        """(start, end) of the recorded strikes named, retracted ones too."""
        out: dict[str, tuple[datetime, datetime]] = {}
        with self._read() as conn:
            for chunk in chunks(list(ids)):
                query = select(strikes.c.id, strikes.c.start, strikes.c.end).where(
                    strikes.c.id.in_(chunk)
                )
                for r in conn.execute(query):
                    out[r[0]] = (_utc_parse(r[1]), _utc_parse(r[2]))
        return out

    def strikes_citing(self, report_id: str, limit: int) -> list[str]:
        """Ids of up to ``limit`` recorded strikes that cite a report."""
        query = (
            select(strike_reports.c.strike_id)
            .where(strike_reports.c.report_id == report_id)
            .order_by(strike_reports.c.strike_id)
            .limit(limit)
        )
        with self._read() as conn:
            return [r[0] for r in conn.execute(query)]

    def newest_strike_start(self) -> datetime | None:
        """When the newest recorded strike began (None for a ledger without strikes)."""
        with self._read() as conn:
            found = conn.execute(select(func.max(strikes.c.start))).scalar()
        return _utc_parse(found) if found else None

    def merged_count(self) -> int:
        """How many merged strikes the stored clusters make."""
        mm = merge_members.c
        query = select(func.count()).select_from(merge_members).where(mm.strike_id == mm.cluster_id)
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    # -- checking and rebuilding ---------------------------------------------------------

    def verify(self) -> VerifyResult:
        """Check the chain, its head, every projection column and the database's own checks."""
        return verify_ledger(self.engine)

    def rebuild(self) -> int:
        """Drop every projection row and replay the log; returns the entries replayed."""
        with self._begin() as conn:
            for table in PROJECTIONS:
                conn.execute(delete(table))
            log = [dict(r._mapping) for r in conn.execute(select(entries).order_by(entries.c.seq))]
            for i in range(0, len(log), 5000):
                project(conn, log[i : i + 5000])
            rebuild_clusters(conn)
            self._rebuild_verdicts(conn)
            # The head is derived from the log too: restore it when deleted or edited.
            seq, last = (int(log[-1]["seq"]), str(log[-1]["hash"])) if log else (0, GENESIS)
            conn.execute(delete(chain_head))
            conn.execute(insert(chain_head).values(id=1, seq=seq, hash=last))
        return len(log)

    # -- internals -----------------------------------------------------------------------

    def _read(self) -> Connection:
        """A connection for reading: on SQLite its transaction takes no write lock."""
        return self.engine.connect().execution_options(**{_DEFERRED: True})

    def _begin(self) -> Any:
        try:
            return self.engine.begin()
        except OperationalError as exc:  # pragma: no cover - server gone
            raise LedgerError(f"cannot write to ledger {self.db!r}: {exc}", code="E302") from exc

    def write(self, work: Callable[[Connection], _R]) -> _R:
        """Run ``work`` in one write transaction, retried when the database asks to retry.

        PostgreSQL may abort a transaction with a serialisation failure or a deadlock, and
        SQLite may report "database is locked" past its busy timeout: both mean "run it again",
        and nothing of the aborted attempt was committed.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._begin() as conn:
                    return work(conn)
            except DBAPIError as exc:
                if not _transient(exc):
                    raise
                if attempt == WRITE_ATTEMPTS:
                    raise LedgerError(
                        f"ledger {self.db!r} stayed busy through {attempt} attempts: {exc.orig}",
                        code="E803",
                    ) from exc
                time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0))
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def lock_head(conn: Connection) -> tuple[int, str]:
        """Lock the chain head row for this transaction and return (seq, hash).

        Every writer takes this lock before it reads anything it decides on, so two writers
        never both think a report is new (SQLite's BEGIN IMMEDIATE already serialises them).
        """
        head = conn.execute(
            select(chain_head.c.seq, chain_head.c.hash)
            .where(chain_head.c.id == 1)
            .with_for_update()
        ).first()
        if head is None:
            raise IntegrityError(
                "the ledger's chain head row is missing, so new entries cannot be chained; "
                "run `trucewatch verify`, then `trucewatch rebuild` to restore it",
                code="E802",
            )
        return int(head[0]), str(head[1])

    @staticmethod
    def _merge_dirty(conn: Connection, rows: Sequence[dict[str, Any]]) -> set[str]:
        """Strikes whose merge may change: written ones, and those citing a new report."""
        strike_kinds = (STRIKE_RECORDED, STRIKE_AMENDED, STRIKE_RETRACTED)
        dirty = {r["key"] for r in rows if r["kind"] in strike_kinds}
        new_reports = [r["key"] for r in rows if r["kind"] == REPORT_RECEIVED]
        for chunk in chunks(new_reports):
            query = select(strike_reports.c.strike_id).where(strike_reports.c.report_id.in_(chunk))
            dirty.update(r[0] for r in conn.execute(query))
        return dirty

    @staticmethod
    def _existing(conn: Connection, column: Any, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(ids):
            found.update(r[0] for r in conn.execute(select(column).where(column.in_(chunk))))
        return found

    @staticmethod
    def _strike_payloads(conn: Connection, ids: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for chunk in chunks(ids):
            rows = conn.execute(
                select(strikes.c.id, strikes.c.payload).where(strikes.c.id.in_(chunk))
            )
            out.update((r[0], json.loads(r[1])) for r in rows)
        return out

    def _older(
        self, conn: Connection, held: list[str], new: Sequence[str], published: dict[str, str]
    ) -> bool:
        """True when every report behind ``new`` was published before the latest behind ``held``."""
        missing = [r for r in [*held, *new] if r not in published]
        for chunk in chunks(missing):
            rows = conn.execute(
                select(reports.c.id, reports.c.published).where(reports.c.id.in_(chunk))
            )
            published.update((r[0], r[1]) for r in rows if r[1])
        return _published_before(new, held, published)


def _transient(exc: DBAPIError) -> bool:
    """True for errors that mean "try the transaction again"."""
    if getattr(exc.orig, "sqlstate", None) in ("40001", "40P01"):
        return True
    return "database is locked" in str(exc.orig)


def _body(data: Any, note: str | None, author: str | None) -> dict[str, Any]:
    """An entry payload; ``author`` only when there is one (older entries keep their hashes)."""
    body = {"data": data, "note": note}
    if author is not None:
        body["author"] = author
    return body


@dataclass(frozen=True, slots=True)
class _Item:
    """A report or strike to record: its id, its payload and its model when there is one."""

    id: str
    data: dict[str, Any]
    model: Report | Strike | None = None


def _unique_by_id(items: Iterable[_T]) -> list[_T]:
    seen: dict[str, _T] = {}
    for item in items:
        seen[item.id] = item
    return list(seen.values())


def _published(report_list: Iterable[_Item]) -> dict[str, str]:
    """Report id -> its ``published`` time as projection text, for the reports that have one."""
    return {
        r.id: payload_time(r.data["published"])
        for r in report_list
        if r.data["published"] is not None
    }


def _published_before(new: Sequence[str], held: Sequence[str], published: dict[str, str]) -> bool:
    """True when every report behind ``new`` was published before the latest behind ``held``
    (both must have a known time): a dataset row older than the version held."""
    held_times = [published[r] for r in held if r in published]
    new_times = [published[r] for r in new if r in published]
    return bool(held_times and new_times) and max(new_times) < max(held_times)


def _newest_by_id(
    items: Iterable[_V],
    id_of: Callable[[_V], str],
    reports_of: Callable[[_V], Sequence[str]],
    published: dict[str, str],
) -> tuple[list[_V], int]:
    """One version of each strike id in a batch, as if the batch's versions were recorded one
    after another: a later version replaces the one kept unless its reports were published
    before that one's (ACLED's ``timestamp``: the newest version wins whatever the file
    order). Each id keeps the place of its first version. Also returns how many versions were
    set aside as older than the one kept (counted as stale, as a later ingest counts them)."""
    kept: dict[str, _V] = {}
    stale = 0
    for item in items:
        key = id_of(item)
        held = kept.get(key)
        if held is not None:
            if _published_before(reports_of(item), reports_of(held), published):
                stale += 1
                continue
            if _published_before(reports_of(held), reports_of(item), published):
                stale += 1
        kept[key] = item
    return list(kept.values()), stale


def _utc_parse(text: str) -> datetime:
    """A time column's text (whole seconds or microseconds, UTC) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
