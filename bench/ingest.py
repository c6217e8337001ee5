"""Ingest speed: air-force rows per second into the SQLite ledger with its hash chain.

    python bench/ingest.py [ROWS]          (default: 50000)

Writes a synthetic file in the air-force layout (waves of 1-4 rows), then measures in one run:
the full ingest (parse, group into strikes, resolve places, hash-chain, project, merge
clusters) and, as baselines, a plain ``executemany`` of the same rows' text into an unindexed
SQLite table and polars' ``read_csv`` of the file (parsing only, nothing stored).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

from trucewatch.api import Trucewatch

HEADER = (
    "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,"
    "still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,"
    "turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,"
    "launch_place_details,source\n"
)
MODELS = ("Shahed-136/131", "Iskander-M", "X-101/X-555", "Kalibr", "Unknown UAV", "X-59/X-69")
TARGETS = (
    "Ukraine",
    "Kyiv oblast",
    "Odesa oblast",
    "Kharkiv oblast",
    "south",
    "Dnipropetrovsk oblast",
)


def write_rows(path: Path, rows: int, rng: random.Random) -> None:
    start = datetime(2020, 1, 1, 18, 0)
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        while written < rows:
            start += timedelta(hours=rng.randrange(6, 30))
            end = start + timedelta(hours=rng.randrange(8, 15))
            for model in rng.sample(MODELS, rng.randrange(1, 5)):
                launched = rng.randrange(1, 500)
                counts = f"{launched}.0,{rng.randrange(0, launched + 1)}.0"
                fh.write(
                    f"{start:%Y-%m-%d %H:%M},{end:%Y-%m-%d %H:%M},{model},,{rng.choice(TARGETS)},,"
                    f"{counts},,,{{}},,,,,,,,,,,kpszsu/posts/p{written}\n"
                )
                written += 1
                if written >= rows:
                    break


def main(rows: int) -> None:
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "attacks.csv"
        write_rows(csv_path, rows, rng)
        lines = csv_path.read_text(encoding="utf-8").splitlines()[1:]
        t0 = time.perf_counter()
        con = sqlite3.connect(Path(tmp) / "plain.db")
        con.execute("CREATE TABLE rows (line TEXT)")
        con.executemany("INSERT INTO rows VALUES (?)", ((line,) for line in lines))
        con.commit()
        con.close()
        plain = time.perf_counter() - t0
        t0 = time.perf_counter()
        frame = pl.read_csv(csv_path, infer_schema_length=10000)
        polars = time.perf_counter() - t0
        assert frame.height == rows
        tw = Trucewatch(str(Path(tmp) / "ledger.db"))
        tw.ledger.report_sources([])  # open the ledger (migrations) before timing
        t0 = time.perf_counter()
        result = tw.ingest_airforce(csv_path)
        ours = time.perf_counter() - t0
        assert not result.errors, result.errors[:3]
        t0 = time.perf_counter()
        check = tw.verify()
        verify = time.perf_counter() - t0
        assert check.ok
        tw.close()
    print(f"rows {rows}: strikes {result.summary.strikes_new}, entries {result.summary.entries}")
    print(f"ingest with hash chain: {rows / ours:,.0f} rows/s ({ours:.2f} s)")
    print(f"plain SQLite insert:     {rows / plain:,.0f} rows/s ({plain:.2f} s)")
    print(f"polars read_csv:         {rows / polars:,.0f} rows/s ({polars:.2f} s)")
    print(f"ratio (plain / ledger):  {ours / plain:.1f}x slower")
    print(f"ratio (polars / ledger): {ours / polars:.1f}x slower")
    print(f"verify: {check.chain.entries / verify:,.0f} entries/s ({verify:.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
