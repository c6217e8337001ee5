"""End to end as a user runs it: the CLI on a ledger built from a synthetic ACLED file.

    python bench/e2e.py [--rows 100000] [--per-day 375] [--db postgresql://...] [--keep DIR]

Writes an ACLED-shaped CSV (``--per-day`` rows a day, two in three of them strikes: 375 rows
give the 250 strikes a day of real coverage of Ukraine), ending on 2026-06-30 so the bundled
registry's pledges fall inside it, then runs, each in a fresh process: ``ingest acled``,
``pledges registry``, ``judge``, ``strikes list`` for one month and ``brief`` for one day
(``--keep DIR`` builds in DIR and leaves the ledger there, to profile a step later). Prints
wall seconds and peak resident memory of each command (the whole process, imports included)
and, as the same-run baseline, ``python -c 'import trucewatch.cli.main'`` (the import cost
every command pays).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formats import HEADERS, acled_row

LAST_DAY = date(2026, 6, 30)


def write_acled(path: Path, rows: int, per_day: int) -> date:
    """Write ``rows`` rows ending on LAST_DAY, newest first as ACLED exports are; the first day."""
    days = max(1, -(-rows // per_day))
    first = LAST_DAY - timedelta(days=days - 1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADERS["acled"] + "\n")
        for i in range(rows):
            fh.write(acled_row(rows - i, LAST_DAY - timedelta(days=i // per_day)) + "\n")
    return first


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and the last line of output of one process."""
    began = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out[-3000:]}")
    last = out.strip().splitlines()[-1] if out.strip() else ""
    return seconds, usage.ru_maxrss / 1024, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=375)
    parser.add_argument("--db", help="a postgresql:// URL (default: a SQLite file)")
    parser.add_argument("--keep", type=Path, help="build here and keep it")
    args = parser.parse_args()
    env = dict(os.environ, COLUMNS="200")
    tw = [sys.executable, "-m", "trucewatch"]
    with tempfile.TemporaryDirectory(prefix="tw-e2e-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / "acled.csv"
        first = write_acled(csv, args.rows, args.per_day)
        db = args.db or str(folder / "tw.db")
        month = LAST_DAY.replace(day=1) - timedelta(days=1)
        month_from, month_to = month.replace(day=1).isoformat(), month.isoformat()
        steps = [
            ("import (baseline)", [sys.executable, "-c", "import trucewatch.cli.main"]),
            ("ingest acled", [*tw, "--db", db, "ingest", "acled", str(csv)]),
            ("pledges registry", [*tw, "--db", db, "pledges", "registry"]),
            ("judge", [*tw, "--db", db, "judge", "--format", "csv"]),
            (
                f"strikes list {month:%Y-%m}",
                [*tw, "--db", db, "strikes", "list", "--from", month_from, "--to", month_to],
            ),
            (
                "brief",
                [*tw, "--db", db, "brief", "--date", "2025-03-20", "--out", str(folder / "b.html")],
            ),
        ]
        print(f"{args.rows:,} ACLED rows, {args.per_day}/day from {first} to {LAST_DAY}")
        print(f"{'step':28} {'seconds':>8} {'peak MB':>8}  last line")
        for name, cmd in steps:
            seconds, peak, last = run(cmd, env)
            print(f"{name:28} {seconds:8.2f} {peak:8.0f}  {last[:90]}", flush=True)


if __name__ == "__main__":
    main()
