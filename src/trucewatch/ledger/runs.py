"""Ingest runs, recorded as a started/finished pair so that an interrupted ingest is visible.

A run row is committed before the ingest writes anything and closed when it ends (with its
outcome, or how it failed). A ``kill -9`` leaves the row open: ``verify`` lists it, and the
next run of the same ingest that finishes closes it as completed by that run. Runs are
bookkeeping, not evidence: they live beside the hash chain, not in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from trucewatch.ledger.schema import ingest_runs

__all__ = ["Run", "finished", "started", "unfinished"]


@dataclass(frozen=True)
class Run:
    id: int
    what: str
    started_at: str
    finished_at: str | None
    outcome: str | None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def started(engine: Engine, what: str) -> int:
    """Record that an ingest started; returns the run id."""
    with engine.begin() as conn:
        result = conn.execute(insert(ingest_runs).values(what=what, started_at=_now()))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])


def finished(engine: Engine, run_id: int, outcome: str, *, completed: bool = True) -> None:
    """Close a run; a completed run also closes earlier open runs of the same ingest."""
    now = _now()
    with engine.begin() as conn:
        conn.execute(
            update(ingest_runs)
            .where(ingest_runs.c.id == run_id)
            .values(finished_at=now, outcome=outcome)
        )
        if completed:
            what = conn.execute(
                select(ingest_runs.c.what).where(ingest_runs.c.id == run_id)
            ).scalar_one()
            conn.execute(
                update(ingest_runs)
                .where(
                    ingest_runs.c.what == what,
                    ingest_runs.c.id < run_id,
                    ingest_runs.c.finished_at.is_(None),
                )
                .values(finished_at=now, outcome=f"interrupted; completed by run {run_id}")
            )


def unfinished(engine: Engine) -> list[Run]:
    """Runs that started and never finished (cut short, or still running)."""
    query = (
        select(ingest_runs).where(ingest_runs.c.finished_at.is_(None)).order_by(ingest_runs.c.id)
    )
    with engine.connect() as conn:
        return [Run(**r._mapping) for r in conn.execute(query)]
