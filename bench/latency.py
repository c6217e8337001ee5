"""From a new air-force report to the updated verdicts and protocol stage, on a big ledger.

    python bench/latency.py [--rows 150000] [--pledges 10] [--db postgresql://...]

Builds a ledger from a synthetic ACLED file (``bench/e2e.py``'s, 375 rows a day, two in three
of them strikes, ending 2026-06-30), adds the bundled registry and ``--pledges`` synthetic
pledges (three readings each, windows of a week to two months around June 2026), then times,
five times over, one new air-force report of a Shahed wave on Kyiv oblast: the ingest call (parse,
hash chain, projections, merge, the readings it touches judged again, their protocol state
stored, commit) until the reading's new state is read back. The same-run baseline is what a
watch cycle did before stored verdicts: judge every confirmed pledge again over its windows'
merged strikes and run the policy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--pledges", type=int, default=10)
    parser.add_argument("--db", help="a postgresql:// URL (default: a SQLite file)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="tw-latency-") as tmp:
        folder = Path(tmp)
        csv = folder / "acled.csv"
        write_acled(csv, args.rows, 375)
        tw = Trucewatch(args.db or str(folder / "tw.db"))
        t0 = time.perf_counter()
        tw.add_registry()
        for i in range(args.pledges):
            tw.add_pledge(pledge(i))
        tw.ingest(read_acled(csv), source=str(csv), note="bench")
        built = time.perf_counter() - t0
        strikes = tw.ledger.count("strikes")
        readings = sum(len(p.readings) for p in tw.pledges(include_drafts=False))
        print(
            f"ledger: {args.rows:,} ACLED rows, {strikes:,} strikes, {readings} readings "
            f"({built:.0f} s to build)",
            flush=True,
        )
        policy = default_policy()
        samples = []
        for n in range(5):
            path = folder / f"af-{n}.csv"
            airforce_file(path, date(2026, 6, 29), n)
            t0 = time.perf_counter()
            result = tw.ingest_airforce(path)
            state = {(s.pledge, s.reading): s for s in tw.reading_states()}["bench-0000", "UA"]
            samples.append(time.perf_counter() - t0)
            assert result.summary.strikes_new == 1, result.summary
        print(
            f"new report -> verdicts + stage: median {statistics.median(samples) * 1000:.0f} ms, "
            f"max {max(samples) * 1000:.0f} ms over {len(samples)} reports "
            f"(bench-0000/UA: stage {state.stage}, {state.breaches} breaches)",
            flush=True,
        )
        t0 = time.perf_counter()
        pledges = tw.pledges(include_drafts=False)
        verdicts = tw.judge_engine.judge(pledges, tw.strikes_for(pledges))
        for p in pledges:
            for rd in p.readings:
                mine = [v for v in verdicts if (v.pledge, v.reading) == (p.id, rd.by)]
                respond(policy, mine, window_start=rd.start, strikes={}, as_of=datetime.now(UTC))
        full = time.perf_counter() - t0
        print(
            f"baseline, judge every reading again: {full * 1000:.0f} ms "
            f"({full / statistics.median(samples):.1f}x the incremental update)",
            flush=True,
        )
        t0 = time.perf_counter()
        tw.responses()
        print(f"responses() from the stored verdicts: {(time.perf_counter() - t0) * 1000:.0f} ms")
        tw.close()
    print(f"load average at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
