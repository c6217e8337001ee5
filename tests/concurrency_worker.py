"""A writer or reader process for the concurrency tests (run as a script by test_concurrency).

    python concurrency_worker.py writer DB SEED POOL SECONDS   -> prints passes completed
    python concurrency_worker.py reader DB STOPFILE            -> prints reads done

A writer records every item of a shared pool (reports, strikes, pledges whose content depends
only on their id), in its own random order and batch sizes, so writers overlap on purpose;
it repeats with the next pool until SECONDS have passed. Any exception ends it non-zero.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from factories import kyiv, pledge, report, strike
from trucewatch.ledger.store import Ledger
from trucewatch.model import Pledge, Report, Strike


def pool(n: int, size: int) -> tuple[list[Report], list[Strike], list[Pledge]]:
    """The n-th pool: the same items for every writer."""
    reps = [report(f"pool {n} report {i}") for i in range(size)]
    strikes = [
        strike(f"s-{n}-{i}", kyiv(2026, 1, 1 + i % 28, i % 24), reports=(reps[i].id,))
        for i in range(size)
    ]
    pledges = [pledge(f"p-{n}-{i}") for i in range(max(1, size // 10))]
    return reps, strikes, pledges


def writer(db: str, seed: int, size: int, seconds: float) -> int:
    rng = random.Random(seed)
    ledger = Ledger(db)
    deadline = time.monotonic() + seconds
    passes = 0
    while passes == 0 or time.monotonic() < deadline:
        reps, strikes, pledges = pool(passes, size)
        order = list(range(size))
        rng.shuffle(order)
        i = 0
        while i < size:
            step = rng.randint(1, 20)
            chosen = order[i : i + step]
            ledger.record([reps[k] for k in chosen], [strikes[k] for k in chosen])
            i += step
            if rng.random() < 0.3:
                ledger.add_pledge(rng.choice(pledges))
        for p in pledges:
            ledger.add_pledge(p)
        passes += 1
    ledger.close()
    return passes


def reader(db: str, stop: Path) -> int:
    ledger = Ledger(db)
    reads = 0
    while not stop.exists():
        ledger.strikes()
        ledger.pledges()
        ledger.count("entries")
        reads += 1
        time.sleep(0.01)
    ledger.close()
    return reads


if __name__ == "__main__":
    role, db = sys.argv[1], sys.argv[2]
    if role == "writer":
        print(writer(db, int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])))
    else:
        print(reader(db, Path(sys.argv[3])))
