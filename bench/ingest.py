"""Ingest speed: rows per second into the ledger with its hash chain, projections and merge.

    python bench/ingest.py [--rows 50000] [--layout airforce|acled] [--db postgresql://...]
                           [--file-order] [--row-path] [--profile]

Writes a synthetic file (the air-force layout in waves of 1-4 rows, or an ACLED export newest
first, 375 rows a day as ``bench/e2e.py`` writes it), then measures in one run: the full
ingest (parse, group into strikes, resolve places, hash-chain, project, merge clusters) and,
as baselines, a plain ``executemany`` of the same rows' text into an unindexed SQLite table and
polars' ``read_csv`` of the file (parsing only, nothing stored). ``--file-order`` (ACLED) also
ingests the file in its own order, newest first, into a second ledger: the order the reader
used before it sorted rows (the merge-replay regression of issue 10). ACLED goes through the
column-based path (``ingest_format``: ``ingest/acled_batch.py``); ``--row-path`` also ingests
it through the row reader (``read_acled``, a model per row) into a second ledger, the same
entries, for the ratio in the same run. ``--profile`` prints the column path's top functions
(cProfile). Peak memory is the process's resident high-water mark after each step.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))

from e2e import write_acled
from trucewatch.api import Trucewatch
from trucewatch.ingest.acled import read_acled

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


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baselines(path: Path, folder: Path, rows: int) -> tuple[float, float]:
    """Seconds for a plain executemany of the rows' text, and for polars' read_csv."""
    with path.open(encoding="utf-8") as fh:
        next(fh)
        t0 = time.perf_counter()
        con = sqlite3.connect(folder / "plain.db")
        con.execute("CREATE TABLE rows (line TEXT)")
        con.executemany("INSERT INTO rows VALUES (?)", ((line,) for line in fh))
        con.commit()
        con.close()
        plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    frame = pl.read_csv(path, infer_schema_length=10000)
    polars = time.perf_counter() - t0
    assert frame.height == rows, frame.height
    del frame
    return plain, polars


def ingest(
    tw: Trucewatch, layout: str, path: Path, *, rows: bool = False, ordered: bool = True
) -> float:
    tw.ledger.report_sources([])  # open the ledger (migrations) before timing
    t0 = time.perf_counter()
    if layout == "airforce":
        result = tw.ingest_airforce(path)
    elif rows or not ordered:
        items = read_acled(path, ordered=ordered)
        result = tw.ingest(items, source=str(path), note=f"ingest acled {path.name}")
    else:
        result = tw.ingest_format("acled", path)
    seconds = time.perf_counter() - t0
    assert not result.errors, result.errors[:3]
    print(
        f"  strikes {result.summary.strikes_new:,}, entries {result.summary.entries:,}",
        flush=True,
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--layout", choices=("airforce", "acled"), default="airforce")
    parser.add_argument("--db", help="a postgresql:// URL (default: a SQLite file)")
    parser.add_argument("--file-order", action="store_true", help="ACLED: also in file order")
    parser.add_argument("--row-path", action="store_true", help="ACLED: also row by row")
    parser.add_argument("--profile", action="store_true", help="cProfile the ingest")
    parser.add_argument("--no-verify", action="store_true", help="skip verify (10^6 rows)")
    args = parser.parse_args()
    rows = args.rows
    print(f"{rows:,} rows, layout {args.layout}, load average {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="tw-ingest-") as tmp:
        folder = Path(tmp)
        path = folder / "input.csv"
        if args.layout == "airforce":
            write_rows(path, rows, random.Random(3))
        else:
            write_acled(path, rows, 375)
        plain, polars = baselines(path, folder, rows)
        print(f"plain SQLite executemany: {rows / plain:,.0f} rows/s ({plain:.2f} s)")
        print(f"polars read_csv:          {rows / polars:,.0f} rows/s ({polars:.2f} s)")
        tw = Trucewatch(args.db or str(folder / "ledger.db"))
        if args.profile:
            profile = cProfile.Profile()
            ours = profile.runcall(ingest, tw, args.layout, path)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        else:
            ours = ingest(tw, args.layout, path)
        print(f"ingest, hash chain:       {rows / ours:,.0f} rows/s ({ours:.2f} s)", flush=True)
        print(f"  peak memory so far: {peak_mb():.0f} MB", flush=True)
        print(f"  ratio to executemany:   {ours / plain:.1f}x slower")
        print(f"  ratio to polars:        {ours / polars:.1f}x slower", flush=True)
        if not args.no_verify:
            t0 = time.perf_counter()
            check = tw.verify()
            verify = time.perf_counter() - t0
            assert check.ok, check
            print(f"verify: {check.chain.entries / verify:,.0f} entries/s ({verify:.2f} s)")
        tw.close()
        if args.row_path and args.layout == "acled":
            if args.db:
                raise SystemExit("--row-path compares on SQLite only")
            other = Trucewatch(str(folder / "row-path.db"))
            before = ingest(other, "acled", path, rows=True)
            other.close()
            print(
                f"ingest row by row (read_acled): {rows / before:,.0f} rows/s "
                f"({before:.2f} s); the column path is {before / ours:.2f}x faster",
                flush=True,
            )
        if args.file_order and args.layout == "acled":
            if args.db:
                raise SystemExit("--file-order compares on SQLite only")
            other = Trucewatch(str(folder / "file-order.db"))
            before = ingest(other, "acled", path, ordered=False)
            other.close()
            print(
                f"ingest in file order (newest first): {rows / before:,.0f} rows/s "
                f"({before:.2f} s); ordered is {before / ours:.2f}x faster",
                flush=True,
            )
    print(f"load average at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
