"""A kill -9 in the middle of an ingest never leaves a half-written batch.

A child process ingests a multi-batch ACLED file (by the row path and by the column path that
`ingest acled` runs); it is killed with SIGKILL once some batches
are committed. The ledger must verify (chain and projections, merge clusters included), hold
whole batches only, and a second ingest of the same file must finish the job idempotently.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from trucewatch.api import Trucewatch
from trucewatch.ingest.acled import ACLED_COLUMNS

BATCH = 200
_CHILD = """
import sys
from pathlib import Path
from trucewatch.api import Trucewatch
from trucewatch.ingest.acled_batch import acled_batches
from trucewatch.ingest.registry import reader_for
tw = Trucewatch(sys.argv[1])
path, batch = Path(sys.argv[2]), int(sys.argv[3])
print("ready", flush=True)
{ingest}
print("done", flush=True)
"""
#: The row path (a model per row) and the column path (payloads from polars' columns, what
#: `ingest acled` runs): each commits whole batches or nothing.
CHILDREN = {
    "rows": _CHILD.format(
        ingest='tw.ingest(reader_for("acled")(path), source="kill test", batch=batch)'
    ),
    "columns": _CHILD.format(
        ingest='tw.ingest_batches(acled_batches(path, batch=batch), source="kill test")'
    ),
}


def _write(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(ACLED_COLUMNS) + "\n")
        for i in range(rows):
            d = date(2025, 1, 1) + timedelta(days=i // 40)
            fh.write(
                f"UKR{i},{d.isoformat()},{d.year},1,Political violence,"
                "Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,8,"
                ",,,,,804,Europe,Ukraine,Kharkiv,,,Kharkiv,49.99,36.23,1,Suspilne,National,"
                f'"Russian forces struck Kharkiv with drones ({i}).",0,,{1700000000 + i}\n'
            )


def _entries(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("path", sorted(CHILDREN))
def test_kill_9_leaves_whole_batches(tmp_path: Path, path: str) -> None:
    csv, db = tmp_path / "acled.csv", tmp_path / "tw.db"
    rows = 6000
    _write(csv, rows)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILDREN[path], str(db), str(csv), str(BATCH)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 600
    while _entries(db) < 3 * BATCH and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = _entries(db)
    assert killed_at > 0
    with Trucewatch(str(db)) as tw:
        assert tw.verify().ok
        # Each batch writes a report and a strike per row: whole batches only.
        assert tw.ledger.count("reports") == tw.ledger.count("strikes")
        before = tw.ledger.count("reports")
        assert before % BATCH == 0 or killed_at == 2 * rows
        again = tw.ingest_format("acled", csv)
        assert again.summary.reports_known == before
        assert again.summary.reports_new == rows - before
        assert tw.ledger.count("reports") == rows and tw.ledger.count("strikes") == rows
        assert len(tw.strike_records()) == rows  # one dataset's rows are never merged
        assert tw.verify().ok
