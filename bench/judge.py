"""The columnar judge end to end from a ledger, against a DuckDB interval join, in one run.

    python bench/judge.py [N ...] [--pledges 1000] [--large] [--cache DIR] [--cli]

For each N (default 10^5 and 10^6; ``--large`` adds 10^7) a SQLite ledger of N strikes is
built once (kept in ``--cache``, default ``bench/.cache``): four years from September 2022,
80 % by RU, 30 % known only to the day, 0-2 target categories, one dataset report a day. The
pledges are M = ``--pledges`` synthetic pledges x 3 readings (US, RU, UA; windows of 1 to 7
days, half limited to energy) binding RU.

Timed in the same process, one after the other:

- ``trucewatch``: load the merged strikes of the windows from the ledger (stored clusters,
  payloads decoded in columns), judge them with the columnar judge and render the returned
  rows (breach and undetermined, with every verdict field and the sentence in ``why``);
- ``duckdb``: read the same rows from the same ledger (projection columns and the payload's
  precision and targets), load them into DuckDB and run one interval join that decides the
  same verdicts (time, party and target rules in SQL);
- the judge alone on the strikes already in memory, and the join alone on its table;
- "lazy why": load and judge again with ``why=False`` (every verdict decided, no sentence),
  then ``ColumnarJudge.explain`` writes the sentences of the first page (50 rows), as a page
  that shows them would; the page must equal the full result's first 50 rows.

Both sides must return the same (pledge, reading, strike, verdict) set; the script stops if
they differ. ``--cli`` also runs ``trucewatch judge --format csv`` (the bundled registry,
which the ledger holds) in a fresh process and reports its wall time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from trucewatch.api import Trucewatch
from trucewatch.judge.columnar import ColumnarJudge
from trucewatch.model import (
    Credibility,
    Pledge,
    PledgeStatus,
    Reading,
    Report,
    Scope,
    SourceKind,
    Strike,
    TimePrecision,
)

EPOCH = datetime(2022, 9, 1, tzinfo=UTC)
DAYS = 4 * 365
TARGETS = ("energy", "residential", "transport", "military", "industrial")
BATCH = 20_000
PAGE = 50  # rows a page shows


def make_strikes(n: int, rng: random.Random) -> list[tuple[Report, list[Strike]]]:
    """N strikes in time order, grouped under one dataset report per day."""
    starts = sorted(rng.randrange(0, DAYS * 24 * 60) for _ in range(n))
    days: dict[int, list[Strike]] = {}
    for i, minute in enumerate(starts):
        day = rng.random() < 0.3
        start = EPOCH + timedelta(minutes=minute)
        if day:
            start = start.replace(hour=0, minute=0)
            end = start + timedelta(days=1)
        else:
            end = start + timedelta(minutes=rng.randrange(30, 15 * 60))
        key = minute // (24 * 60)
        days.setdefault(key, []).append(
            Strike(
                id=f"s{i:08d}",
                attacker="RU" if rng.random() < 0.8 else "UA",
                start=start,
                end=end,
                tz="Europe/Kyiv",
                time_precision=TimePrecision.DAY if day else TimePrecision.MINUTE,
                targets=tuple(rng.sample(TARGETS, rng.randrange(0, 3))),
                weapons=("drones",),
                reports=(f"r-bench-{key:05d}",),
                credibility=Credibility.WEAK,
            )
        )
    out = []
    for key, found in sorted(days.items()):
        text = f"bench day {key}"
        digest = Report.hash_content(text)
        rep = Report(
            id=f"r-bench-{key:05d}",
            source="bench-dataset",
            source_kind=SourceKind.DATASET,
            format="acled",
            content=text,
            content_hash=digest,
        )
        out.append((rep, found))
    return out


def make_pledges(m: int, rng: random.Random) -> list[Pledge]:
    out = []
    for j in range(m):
        readings = []
        for by in ("US", "RU", "UA"):
            start = EPOCH + timedelta(hours=rng.randrange(0, DAYS * 24))
            end = start + timedelta(days=rng.randrange(1, 8))
            scope = Scope(targets=("energy",)) if rng.random() < 0.5 else None
            readings.append(Reading(by=by, start=start, end=end, scope=scope))
        out.append(
            Pledge(
                id=f"p{j:04d}",
                title="bench",
                parties=("RU",),
                status=PledgeStatus.AGREED,
                readings=tuple(readings),
            )
        )
    return out


def build_ledger(path: Path, n: int) -> None:
    """The bench ledger of ``n`` strikes (then the bundled registry), built once."""
    done = path.with_suffix(".done")
    if done.exists():
        return
    path.unlink(missing_ok=True)
    rng = random.Random(n)
    t0 = time.perf_counter()
    with Trucewatch(str(path)) as tw:
        reports: list[Report] = []
        found: list[Strike] = []
        for rep, day in make_strikes(n, rng):
            reports.append(rep)
            found.extend(day)
            if len(found) >= BATCH:
                tw.ledger.record(reports, found, note="bench")
                reports, found = [], []
        if found:
            tw.ledger.record(reports, found, note="bench")
        # After the strikes: each batch then keeps no stored verdicts up to date, and the
        # registry's readings are judged once over their windows (the same ledger either way).
        tw.add_registry()
    done.write_text(f"{time.perf_counter() - t0:.1f} s\n", encoding="utf-8")


def duckdb_read(path: Path, spans: list[tuple[str, str]]) -> pa.Table:
    """The strikes of the windows, read from the ledger's tables as DuckDB's input."""
    con = sqlite3.connect(path)
    where = " OR ".join('(s."end" > ? AND s.start < ?)' for _ in spans)
    args = [x for lo, hi in spans for x in (lo, hi)]
    rows = con.execute(
        f'SELECT s.id, s.attacker, s.start, s."end", s.payload FROM strikes s '
        f"WHERE NOT s.retracted AND ({where})",
        args,
    ).fetchall()
    con.close()
    return pa.table(
        {
            "id": [r[0] for r in rows],
            "attacker": [r[1] for r in rows],
            "st": [r[2] for r in rows],
            "en": [r[3] for r in rows],
            "payload": [r[4] for r in rows],
        }
    )


def duckdb_load(con: duckdb.DuckDBPyConnection, table: pa.Table, pledges: list[Pledge]) -> None:
    """The strikes (precision and targets from the payload JSON) and readings as tables."""
    con.execute("DROP TABLE IF EXISTS s")
    con.execute("DROP TABLE IF EXISTS r")
    con.register("s_in", table)
    con.execute(
        """
        CREATE TABLE s AS SELECT id, attacker,
          CAST(st AS TIMESTAMPTZ) AS st, CAST(en AS TIMESTAMPTZ) AS en,
          json_extract_string(payload, '$.time_precision') NOT IN ('minute', 'hour') AS coarse,
          CAST(json_extract(payload, '$.targets') AS VARCHAR[]) AS targets
        FROM s_in
        """
    )
    con.unregister("s_in")
    rows = [
        (p.id, r.by, r.start, r.end, list(r.scope.targets) if r.scope and r.scope.targets else None)
        for p in pledges
        for r in p.readings
    ]
    con.execute(
        "CREATE TABLE r (pledge VARCHAR, rby VARCHAR, ws TIMESTAMPTZ, we TIMESTAMPTZ, "
        "targets VARCHAR[])"
    )
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", rows)


def duckdb_verdicts(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Breach and undetermined (pledge, reading, strike) rows by one interval join."""
    return con.sql(
        """
        SELECT pledge, rby, id, verdict FROM (
          SELECT r.pledge, r.rby, s.id,
            CASE
              WHEN s.attacker <> 'RU' THEN 'no_breach'
              WHEN r.targets IS NOT NULL AND len(s.targets) > 0
                   AND NOT list_has_any(s.targets, r.targets) THEN 'no_breach'
              WHEN s.coarse AND NOT (s.st >= r.ws AND s.en <= r.we) THEN 'undetermined'
              WHEN r.targets IS NOT NULL AND len(s.targets) = 0 THEN 'undetermined'
              ELSE 'breach'
            END AS verdict
          FROM r JOIN s ON s.st < r.we AND s.en > r.ws
        ) WHERE verdict <> 'no_breach'
        """
    ).to_arrow_table()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_cli(db: Path) -> tuple[float, float, int]:
    """``trucewatch judge --format csv`` in a fresh process: seconds, peak MB, verdict rows."""
    args = [sys.executable, "-m", "trucewatch", "--db", str(db), "judge", "--format", "csv"]
    began = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"trucewatch judge failed (status {status})")
    return seconds, usage.ru_maxrss / 1024, out.count(b"\n") - 1


def run_dask(
    db: Path, pledges: list[Pledge], local: pl.DataFrame, folder: Path
) -> dict[str, float]:
    """Export month partitions, judge them on a LocalCluster of 2 worker processes."""
    from trucewatch.export.partitions import write_month_partitions
    from trucewatch.judge.scaleout import judge_parquet

    with Trucewatch(str(db)) as tw:
        t0 = time.perf_counter()
        write_month_partitions(tw.strike_frame(), folder)
        exported = time.perf_counter() - t0
    t0 = time.perf_counter()
    spread = judge_parquet(folder, pledges, what_if=False, workers=2)
    seconds = time.perf_counter() - t0
    if not spread.equals(local):
        raise SystemExit("Dask verdicts differ from the local judge's")
    print(
        f"  export partitions {exported:.2f} s; judge on Dask (2 workers) {seconds:.2f} s, "
        "same verdicts",
        flush=True,
    )
    return {"dask_export_s": exported, "dask_judge_s": seconds}


def memory_frame(n: int, seed: int) -> pl.DataFrame:
    """N strikes drawn as ``make_strikes`` draws them, built as the judge's frame directly
    (no ledger, no objects): for the in-memory comparison at sizes the ledger is slow to build."""
    import numpy as np

    from trucewatch.judge.frame import SCHEMA

    rng = np.random.default_rng(seed)
    minutes = np.sort(rng.integers(0, DAYS * 24 * 60, n))
    day = rng.random(n) < 0.3
    start = np.where(day, minutes // (24 * 60) * (24 * 60), minutes)
    end = np.where(day, start + 24 * 60, start + rng.integers(30, 15 * 60, n))
    epoch = int(EPOCH.timestamp()) * 1_000_000
    picks = rng.integers(0, 3, n)
    order = np.argsort(rng.random((n, len(TARGETS))), axis=1)
    targets = [[TARGETS[k] for k in order[i, : picks[i]]] for i in range(n)]
    frame = pl.DataFrame(
        {
            "id": [f"s{i:08d}" for i in range(n)],
            "attacker": np.where(rng.random(n) < 0.8, "RU", "UA"),
            "start": pl.Series(epoch + start * 60_000_000).cast(pl.Datetime("us", "UTC")),
            "end": pl.Series(epoch + end * 60_000_000).cast(pl.Datetime("us", "UTC")),
            "start_offset": 0,
            "end_offset": 0,
            "tz": "Europe/Kyiv",
            "time_precision": np.where(day, "day", "minute"),
            "credibility": "weak",
            "weapons": [["drones"]] * n,
            "targets": targets,
            "places": [[]] * n,
            "place_names": [[]] * n,
            "reports": [[]] * n,
            "sources": [[]] * n,
            "claimed_by": None,
        }
    )
    return frame.select(list(SCHEMA)).cast(SCHEMA)  # type: ignore[arg-type]


def run_memory(sizes: list[int], pledges: list[Pledge]) -> None:
    """The judge alone on a frame in memory against the join alone on the same rows."""
    judge = ColumnarJudge()
    duck = duckdb.connect()
    print(f"{'N':>9} {'returned':>9} {'judge s':>8} {'join s':>7} {'ratio':>6} {'peak MB':>8}")
    timings = []
    for n in sizes:
        frame = memory_frame(n, n)
        table = pa.table(
            {
                "id": frame["id"].to_arrow(),
                "attacker": frame["attacker"].to_arrow(),
                "st": frame["start"].dt.strftime("%Y-%m-%dT%H:%M:%SZ").to_arrow(),
                "en": frame["end"].dt.strftime("%Y-%m-%dT%H:%M:%SZ").to_arrow(),
                "payload": pl.Series(
                    [
                        json.dumps({"time_precision": p, "targets": t.to_list()})
                        for p, t in zip(frame["time_precision"], frame["targets"], strict=True)
                    ]
                ).to_arrow(),
            }
        )
        duckdb_load(duck, table, pledges)
        t0 = time.perf_counter()
        verdicts = judge.judge_frame(pledges, frame, what_if=False)
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = duckdb_verdicts(duck)
        theirs = time.perf_counter() - t0
        mine = set(verdicts.select("pledge", "reading", "strike", "verdict").iter_rows())
        if mine != set(pl.from_arrow(found).iter_rows()):  # type: ignore[union-attr]
            raise SystemExit(f"disagreement at N={n}")
        timings.append((n, ours, theirs))
        print(
            f"{n:>9} {verdicts.height:>9} {ours:>8.2f} {theirs:>7.2f} {ours / theirs:>6.2f} "
            f"{peak_mb():>8.0f}",
            flush=True,
        )
        del verdicts, frame, table, found
    if len(timings) >= 2:
        (a, ta, da), (b, tb, db) = timings[0], timings[1]
        print(f"{b / a:.0f}x the strikes: judge {tb / ta:.1f}x the time, join {db / da:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--pledges", type=int, default=1000)
    parser.add_argument("--large", action="store_true", help="add 10^7 strikes")
    parser.add_argument("--cache", type=Path, default=Path(__file__).parent / ".cache")
    parser.add_argument("--cli", action="store_true", help="also time `trucewatch judge`")
    parser.add_argument(
        "--memory", action="store_true", help="judge alone vs join alone on frames in memory"
    )
    parser.add_argument(
        "--dask", action="store_true", help="also judge month partitions on 2 Dask workers"
    )
    args = parser.parse_args()
    sizes = args.sizes or [100_000, 1_000_000]
    if args.large:
        sizes.append(10_000_000)
    args.cache.mkdir(parents=True, exist_ok=True)
    pledges = make_pledges(args.pledges, random.Random(7))
    if args.memory:
        print(f"load average {os.getloadavg()}", flush=True)
        run_memory(sizes, pledges)
        print(f"load average {os.getloadavg()}")
        return
    judge = ColumnarJudge()
    duck = duckdb.connect()
    print(f"load average {os.getloadavg()}", flush=True)
    header = (
        f"{'N':>9} {'pairs out':>9} {'tw e2e s':>9} {'(load s)':>9} {'duck e2e s':>10} "
        f"{'ratio':>6} {'judge s':>8} {'join s':>7} {'ratio':>6} {'peak MB':>8}"
    )
    print(header, flush=True)
    results = []
    for n in sizes:
        db = args.cache / f"judge-{n}.db"
        build_ledger(db, n)
        spans: list[tuple[datetime | None, datetime | None]] = []
        with Trucewatch(str(db)) as tw:
            t0 = time.perf_counter()
            frame = tw.strike_frame_for(pledges)
            loaded = time.perf_counter() - t0
            verdicts = judge.judge_frame(pledges, frame, what_if=False)
            ours_e2e = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = judge.judge_frame(pledges, frame, what_if=False)
            ours_judge = time.perf_counter() - t0
            del again
            # As a page shows them: every verdict decided, the sentence written for 50 rows.
            t0 = time.perf_counter()
            lazy_frame = tw.strike_frame_for(pledges)
            bare = judge.judge_frame(pledges, lazy_frame, what_if=False, why=False)
            page = judge.explain(pledges, lazy_frame, bare.head(PAGE))
            ours_lazy = time.perf_counter() - t0
            if not page.equals(verdicts.head(PAGE)):
                raise SystemExit(f"N={n}: the explained page differs from the full result")
            if not bare.drop("why").equals(verdicts.drop("why")):
                raise SystemExit(f"N={n}: the verdicts without why differ")
            del lazy_frame, bare, page
            spans = [(r.start, r.end) for p in pledges for r in p.readings]
        texts = [
            (
                lo.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                hi.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
            for lo, hi in spans
            if lo is not None and hi is not None
        ]
        t0 = time.perf_counter()
        table = duckdb_read(db, _joined(texts))
        duckdb_load(duck, table, pledges)
        found = duckdb_verdicts(duck)
        duck_e2e = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = duckdb_verdicts(duck)
        duck_join = time.perf_counter() - t0
        mine = set(verdicts.select("pledge", "reading", "strike", "verdict").iter_rows())
        theirs = set(pl.from_arrow(found).iter_rows())  # type: ignore[union-attr]
        if mine != theirs:
            raise SystemExit(f"disagreement at N={n}: {len(mine ^ theirs)} verdicts differ")
        row = {
            "n": n,
            "returned": verdicts.height,
            "breaches": verdicts.filter(pl.col("verdict") == "breach").height,
            "tw_e2e": ours_e2e,
            "tw_load": loaded,
            "duck_e2e": duck_e2e,
            "tw_judge": ours_judge,
            "tw_lazy_e2e": ours_lazy,
            "duck_join": duck_join,
            "peak_mb": peak_mb(),
        }
        results.append(row)
        print(
            f"{n:>9} {verdicts.height:>9} {ours_e2e:>9.2f} {loaded:>9.2f} {duck_e2e:>10.2f} "
            f"{ours_e2e / duck_e2e:>6.2f} {ours_judge:>8.2f} {duck_join:>7.2f} "
            f"{ours_judge / duck_join:>6.2f} {peak_mb():>8.0f}",
            flush=True,
        )
        print(
            f"  lazy why (decide all, write {PAGE} sentences): end to end {ours_lazy:.2f} s, "
            f"{ours_lazy / duck_e2e:.2f}x DuckDB's",
            flush=True,
        )
        if args.dask:
            row |= run_dask(db, pledges, verdicts, args.cache / f"parts-{n}")
        del verdicts, frame, table, found
        if args.cli:
            seconds, peak, count = run_cli(db)
            row |= {"cli_s": seconds, "cli_peak_mb": peak, "cli_rows": count}
            print(
                f"  trucewatch judge (registry): {seconds:.2f} s, peak {peak:.0f} MB, "
                f"{count} verdicts",
                flush=True,
            )
    if len(results) >= 2:
        a, b = results[0], results[1]
        scale = b["n"] / a["n"]
        print(
            f"{scale:.0f}x the strikes: end to end {b['tw_e2e'] / a['tw_e2e']:.1f}x the time, "
            f"judge alone {b['tw_judge'] / a['tw_judge']:.1f}x "
            f"(DuckDB end to end {b['duck_e2e'] / a['duck_e2e']:.1f}x)"
        )
    print(f"load average {os.getloadavg()}")
    print(json.dumps(results))


def _joined(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping windows joined (fixed-width UTC text sorts as time)."""
    out: list[tuple[str, str]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


if __name__ == "__main__":
    main()
