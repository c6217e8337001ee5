"""Two and four writers plus readers on one ledger, on SQLite and PostgreSQL: nothing fails.

Each writer is its own process recording an overlapping pool of reports, strikes and pledges,
so they race on "is this already known?" and on the chain head. Afterwards there is one valid
chain holding every item exactly once. ``TRUCEWATCH_STRESS_SECONDS`` sets how long the writers
keep going (the issue's 60 s run); by default each does a few short passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trucewatch.ledger.store import Ledger

WORKER = Path(__file__).with_name("concurrency_worker.py")
POOL = 40
SECONDS = float(os.environ.get("TRUCEWATCH_STRESS_SECONDS", "3"))


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("writers", "fresh"), [(2, True), (4, False)], ids=["2-new-ledger", "4-opened-ledger"]
)
def test_concurrent_writers_and_readers(db: str, tmp_path: Path, writers: int, fresh: bool) -> None:
    if not fresh:
        Ledger(db).close()  # schema and head row exist before anyone writes
    stop = tmp_path / "stop"
    procs = [_spawn("writer", db, str(seed), str(POOL), str(SECONDS)) for seed in range(writers)]
    readers = [_spawn("reader", db, str(stop)) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    stop.touch()
    reads = [p.communicate(timeout=120) for p in readers]
    for proc, (_out, err) in zip(procs + readers, outs + reads, strict=True):
        assert proc.returncode == 0, err
    passes = max(int(out) for out, _ in outs)
    ledger = Ledger(db)
    result = ledger.verify()
    assert result.ok, result
    per_pass = POOL * 2 + POOL // 10  # reports + strikes + pledges, each recorded once
    assert ledger.count("entries") == passes * per_pass
    assert ledger.count("reports") == passes * POOL
    assert ledger.count("strikes") == passes * POOL
    assert ledger.count("pledges") == passes * (POOL // 10)
    assert all(int(out) > 0 for out, _ in reads)
    backend = "postgresql" if "://" in db else "sqlite"
    print(  # the figures bench/RESULTS.md records from the 60 s run (pytest -s)
        f"\nconcurrency {backend} writers={writers} readers=2 seconds={SECONDS:g}: "
        f"passes={passes} entries={ledger.count('entries')} "
        f"reads={sum(int(out) for out, _ in reads)} failures=0"
    )
