"""The crash suite (issue 11): ``kill -9`` at random points of ingest, rebuild, checkpoint and
pledge add, on SQLite and PostgreSQL.

A child process repeats one operation and prints a line after each commit (what it committed).
The parent kills it with SIGKILL after a random delay (seeded, so a failure can be replayed),
then checks: ``verify`` passes; everything the child reported committed is still there (the
same entry at the same seq with the same hash); re-running the operation completes exactly.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from trucewatch.api import Trucewatch
from trucewatch.ingest.acled import ACLED_COLUMNS

KILLS = int(os.environ.get("TRUCEWATCH_CRASH_KILLS", "2"))  # per operation and backend
ROWS = 1200
# An ingest must still be running when the kill comes (delays go up to 2.5 s): on a quiet
# machine 1,200 rows took 0.7 s, and the ingest is about twice as fast since (10,000 rows
# finished inside 2.5 s once), so the ingest case reads a file that takes about 7 s.
INGEST_ROWS = 25_000

CHILD = """
import sys
from pathlib import Path
from trucewatch.api import Trucewatch
from trucewatch.ingest.registry import reader_for
from trucewatch.pledges import registry_paths

db, op, data = sys.argv[1], sys.argv[2], Path(sys.argv[3])
tw = Trucewatch(db)


def committed() -> None:
    head = tw.head()
    print(f"committed {head.seq} {head.hash}" if head else "committed 0 -", flush=True)


print("ready", flush=True)
if op == "ingest":
    tw.ingest(reader_for("acled")(data / "acled.csv"), source="crash test", batch=100)
elif op == "rebuild":
    while True:
        tw.rebuild()
        committed()
elif op == "checkpoint":
    while True:
        signed = tw.checkpoint(data / "key.pem", data / "checkpoint.json")
        print(f"signed {signed.seq} {signed.head}", flush=True)
        committed()
elif op == "pledge":
    n = 0
    while True:
        n += 1
        for path in registry_paths():
            text = path.read_text(encoding="utf-8").replace("title: ", f"title: v{n} ", 1)
            copy = data / path.name
            copy.write_text(text, encoding="utf-8")
            tw.add_pledges([copy])
            committed()
"""


def _acled(path: Path, rows: int, first: int = 0) -> None:
    """``rows`` ACLED events numbered from ``first``."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(ACLED_COLUMNS) + "\n")
        for i in range(first, first + rows):
            d = date(2025, 1, 1) + timedelta(days=i // 40)
            fh.write(
                f"UKR{i},{d.isoformat()},{d.year},1,Political violence,"
                "Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,8,"
                ",,,,,804,Europe,Ukraine,Kharkiv,,,Kharkiv,49.99,36.23,1,Suspilne,National,"
                f'"Russian forces struck Kharkiv with drones ({i}).",0,,{1700000000 + i}\n'
            )


def _prepare(db: str, op: str, data: Path) -> None:
    _acled(data / "acled.csv", INGEST_ROWS if op == "ingest" else ROWS)
    with Trucewatch(db) as tw:
        if op != "ingest":
            tw.ingest_format("acled", data / "acled.csv")
            tw.add_registry()
        if op == "checkpoint":
            tw.checkpoint(data / "key.pem", new_key=True)


def _kill_at_random(db: str, op: str, data: Path, delay: float) -> list[str]:
    """Run the child, SIGKILL it ``delay`` seconds after it is ready; its output lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db, op, str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    assert first == "ready", (first, child.stderr.read() if child.stderr else "")
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err  # it was still working when killed
    return out.splitlines()


def _check_after(db: str, op: str, data: Path, lines: list[str], rows: int) -> None:
    """The ledger after a kill: whole, nothing committed lost, and a re-run completes it
    (``rows``: the events ingested in all, once complete)."""
    commits = [line.split() for line in lines if line.startswith("committed ")]
    signed = [line.split() for line in lines if line.startswith("signed ")]
    with Trucewatch(db) as tw:
        result = tw.verify()
        assert result.ok, result
        # nothing committed is lost: each reported head is still in the log, unchanged
        log = {e.seq: e.hash for e in tw.ledger.entries()}
        for _, seq, digest in commits:
            if digest != "-":
                assert log.get(int(seq)) == digest, (seq, digest)
        for _, seq, head in signed:
            assert log.get(int(seq)) == head, (seq, head)
        if op == "ingest":  # whole batches of 100 rows (a report and a strike each) only
            assert tw.ledger.count("reports") == tw.ledger.count("strikes")
            assert tw.ledger.count("reports") % 100 == 0
        # re-running completes exactly
        if op == "ingest":
            again = tw.ingest_format("acled", data / "acled.csv")
            assert tw.ledger.count("reports") == rows == tw.ledger.count("strikes")
            assert again.summary.reports_known + again.summary.reports_new == INGEST_ROWS
        elif op == "rebuild":
            before = tw.ledger.count("entries")
            tw.rebuild()
            assert tw.ledger.count("entries") == before
            assert tw.ledger.count("reports") == ROWS
        elif op == "checkpoint":
            latest = tw.checkpoint(data / "key.pem", data / "checkpoint.json")
            assert tw.check_checkpoint(data / "checkpoint.json").ok
            assert latest.signature_ok()
        elif op == "pledge":
            tw.add_registry()
            names = {p.id for p in tw.pledges()}
            from trucewatch.pledges import load_pledge_files, registry_paths

            assert {p.id for p in load_pledge_files(registry_paths())} <= names
        assert tw.verify().ok


@pytest.mark.parametrize("op", ["ingest", "rebuild", "checkpoint", "pledge"])
def test_kill_9_at_random_points(db: str, op: str, tmp_path: Path) -> None:
    rng = random.Random(f"{op}-{db.split(':')[0]}")
    data = tmp_path / "data"
    data.mkdir()
    _prepare(db, op, data)
    for kill in range(KILLS):
        if op == "ingest" and kill:  # new events: the last re-run completed the file before
            _acled(data / "acled.csv", INGEST_ROWS, first=kill * INGEST_ROWS)
        delay = rng.uniform(0.05, 2.5)
        lines = _kill_at_random(db, op, data, delay)
        _check_after(db, op, data, lines, (kill + 1) * INGEST_ROWS)
