"""From a new air-force report to the updated verdicts and protocol stage, on a big ledger.

    python bench/latency.py [--rows 150000] [--pledges 10] [--backends sqlite,postgresql]
    python bench/latency.py --existing URL [--reports 1] [--first 0] [--baseline]

Each backend in ``--backends`` gets its own fresh ledger in the same run (PostgreSQL: a new
schema on 127.0.0.1:5432/test, dropped afterwards), so their figures compare.

Builds a ledger from a synthetic ACLED file (``bench/e2e.py``'s, 375 rows a day, two in three
of them strikes, ending 2026-06-30), adds the bundled registry and ``--pledges`` synthetic
pledges (three readings each, windows of a week to two months around June 2026), then times,
five times over, one new air-force report of a Shahed wave on Kyiv oblast: the ingest call (parse,
hash chain, projections, merge, the readings it touches judged again, their protocol state
stored, commit) until the reading's new state is read back. The same-run baseline is what a
watch cycle did before stored verdicts: judge every confirmed pledge again over its windows'
merged strikes and run the policy.

``--existing URL`` times ``--reports`` new air-force reports (default one; each is written
into that ledger) on a ledger already built (``bench/serve_ledger.py``'s, on the cold pause's
US window, 31 January 2026) instead of building one, numbered from ``--first`` (a report
already in the ledger is not new: run again with a higher number); ``--profile`` prints where
the first report's time went.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from e2e import write_acled
from ingest import HEADER
from trucewatch.api import Trucewatch
from trucewatch.ingest.acled import read_acled
from trucewatch.model import KYIV, Pledge, PledgeStatus, Reading, Scope
from trucewatch.respond.engine import respond
from trucewatch.respond.stored import default_policy
from trucewatch.times import KYIV_ZONE


def pledge(i: int) -> Pledge:
    """A synthetic pledge binding RU, with readings of different lengths ending in July 2026."""
    end = datetime(2026, 7, 1, tzinfo=KYIV_ZONE) + timedelta(days=i % 20)
    readings = tuple(
        Reading(by=by, start=end - timedelta(days=days), end=end, tz=KYIV)
        for by, days in (("UA", 7), ("RU", 30), ("US", 60))
    )
    return Pledge(
        id=f"bench-{i:04d}",
        title=f"bench pledge {i}",
        parties=("RU",),
        status=PledgeStatus.AGREED,
        scope=Scope(),
        readings=readings,
    )


def airforce_file(path: Path, day: date, n: int) -> None:
    """One air-force row: a wave of Shaheds on Kyiv oblast the night before ``day``."""
    start = datetime(day.year, day.month, day.day, 0, 0) - timedelta(hours=4 + n)
    end = start + timedelta(hours=6)
    path.write_text(
        HEADER + f"{start:%Y-%m-%d %H:%M},{end:%Y-%m-%d %H:%M},Shahed-136/131,,Kyiv oblast,,"
        f"{100 + n}.0,{90 + n}.0,,,{{}},,,,,,,,,,,kpszsu/posts/latency-{n}\n",
        encoding="utf-8",
    )


PG = "postgresql://postgres@127.0.0.1:5432/test"


def timed_reports(
    tw: Trucewatch,
    folder: Path,
    day: date,
    n: int,
    watched: tuple[str, str],
    profile: bool,
    first: int = 0,
) -> list[float]:
    """Seconds from each new report's ingest call until ``watched``'s state is read back
    (reports numbered from ``first``: an existing ledger already holds the earlier ones)."""
    samples = []
    for i in range(first, first + n):
        path = folder / f"af-{i}.csv"
        airforce_file(path, day, i)
        prof = cProfile.Profile() if profile and i == first else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        result = tw.ingest_airforce(path)
        state = {(s.pledge, s.reading): s for s in tw.ledger.reading_states()}[watched]
        if prof:
            prof.disable()
        samples.append(time.perf_counter() - t0)
        assert result.summary.strikes_new == 1, result.summary
        print(
            f"  report {i}: {samples[-1] * 1000:.0f} ms ({watched[0]}/{watched[1]}: stage "
            f"{state.stage}, {state.breaches} breaches)",
            flush=True,
        )
        if prof:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue(), flush=True)
    return samples


def baseline(tw: Trucewatch) -> float:
    """Seconds to judge every confirmed pledge again and run the policy over each reading."""
    policy = default_policy()
    t0 = time.perf_counter()
    pledges = tw.pledges(include_drafts=False)
    verdicts = tw.judge_engine.judge(pledges, tw.strikes_for(pledges))
    for p in pledges:
        for rd in p.readings:
            mine = [v for v in verdicts if (v.pledge, v.reading) == (p.id, rd.by)]
            respond(policy, mine, window_start=rd.start, strikes={}, as_of=datetime.now(UTC))
    return time.perf_counter() - t0


def one_backend(backend: str, args: argparse.Namespace) -> dict[str, float]:
    """Build a fresh ledger on ``backend``, time the reports and the baseline."""
    schema = f"tw_latency_{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="tw-latency-") as tmp:
        folder = Path(tmp)
        if backend == "sqlite":
            db = str(folder / "tw.db")
        else:
            from sqlalchemy import create_engine, text

            engine = create_engine(PG.replace("postgresql://", "postgresql+psycopg://"))
            with engine.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            db = f"{PG}?options=-csearch_path%3D{schema}"
        try:
            csv = folder / "acled.csv"
            write_acled(csv, args.rows, 375)
            tw = Trucewatch(db)
            t0 = time.perf_counter()
            tw.add_registry()
            for i in range(args.pledges):
                tw.add_pledge(pledge(i))
            tw.ingest(read_acled(csv), source=str(csv), note="bench")
            built = time.perf_counter() - t0
            strikes = tw.ledger.count("strikes")
            readings = sum(len(p.readings) for p in tw.pledges(include_drafts=False))
            print(
                f"{backend}: {args.rows:,} ACLED rows, {strikes:,} strikes, {readings} readings "
                f"({built:.0f} s to build); load average {os.getloadavg()}",
                flush=True,
            )
            samples = timed_reports(
                tw, folder, date(2026, 6, 29), args.reports, ("bench-0000", "UA"), args.profile
            )
            full = baseline(tw)
            t0 = time.perf_counter()
            tw.responses()
            responses = time.perf_counter() - t0
            tw.close()
        finally:
            if backend != "sqlite":
                with engine.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                engine.dispose()
    return {
        "strikes": strikes,
        "median": statistics.median(samples),
        "max": max(samples),
        "full": full,
        "responses": responses,
    }


def existing(args: argparse.Namespace) -> None:
    """Time new reports on a ledger already built (a write into it) and, if asked, the
    baseline."""
    with tempfile.TemporaryDirectory(prefix="tw-latency-") as tmp:
        t0 = time.perf_counter()
        tw = Trucewatch(args.existing)  # runs any migration the ledger lacks
        print(f"opened (migrations included) in {time.perf_counter() - t0:.1f} s", flush=True)
        strikes = tw.ledger.count("strikes")
        print(f"{strikes:,} recorded strikes; load average {os.getloadavg()}", flush=True)
        samples = timed_reports(
            tw,
            Path(tmp),
            date(2026, 2, 1),
            args.reports,
            ("kyiv26-cold-pause", "US"),
            args.profile,
            args.first,
        )
        print(
            f"new report -> verdicts + stage: median {statistics.median(samples) * 1000:.0f} ms, "
            f"max {max(samples) * 1000:.0f} ms over {len(samples)}",
            flush=True,
        )
        if args.baseline:
            full = baseline(tw)
            print(
                f"baseline, judge every reading again: {full:.1f} s "
                f"({full / statistics.median(samples):.1f}x)",
                flush=True,
            )
        tw.close()
    print(f"load average at the end {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--pledges", type=int, default=10)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--existing", help="a ledger already built: time reports written into it")
    parser.add_argument(
        "--first", type=int, default=0, help="with --existing: the first report's number"
    )
    parser.add_argument("--baseline", action="store_true", help="with --existing: judge it all")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}", flush=True)
    if args.existing:
        existing(args)
        return
    found = {b: one_backend(b, args) for b in args.backends.split(",")}
    print("| backend | strikes | new report -> stage, median (max) | full re-judge | ratio |")
    print("|---|---:|---:|---:|---:|")
    for b, f in found.items():
        print(
            f"| {b} | {f['strikes']:,} | {f['median'] * 1000:.0f} ms ({f['max'] * 1000:.0f}) | "
            f"{f['full']:.1f} s | {f['full'] / f['median']:.0f}x |"
        )
    for b, f in found.items():
        print(f"{b}: responses() from the stored verdicts {f['responses'] * 1000:.0f} ms")
    print(f"load average at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
