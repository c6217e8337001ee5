"""Merge at scale: the stored clusters against merge-on-read, on one ledger in one run.

    python bench/merge.py [--rows 20000] [--per-day 375]

Builds a SQLite ledger from a synthetic ACLED file (``bench/e2e.py``'s generator, newest
first), then times, on the same ledger: reading one month merged from the stored clusters
(``merged_strikes``) against merging that month's recorded strikes on read (``merge_strikes``,
the reference), and the same for the whole ledger. Both must give the same strikes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from e2e import write_acled
from trucewatch.api import Trucewatch
from trucewatch.merge import merge_strikes


def on_read(tw: Trucewatch, start: datetime | None, end: datetime | None) -> list[object]:
    found = tw.ledger.strikes(start=start, end=end)
    return list(
        merge_strikes(found, tw.ledger.report_sources([r for s in found for r in s.reports]))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--per-day", type=int, default=375)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tw-merge-") as tmp:
        csv = Path(tmp) / "acled.csv"
        write_acled(csv, args.rows, args.per_day)
        tw = Trucewatch(str(Path(tmp) / "tw.db"))
        t0 = time.perf_counter()
        tw.ingest_format("acled", csv)
        print(f"ingest {args.rows:,} rows: {time.perf_counter() - t0:.1f} s", flush=True)
        month = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC))
        for name, (lo, hi) in (("one month", month), ("whole ledger", (None, None))):
            t0 = time.perf_counter()
            stored = tw.ledger.merged_strikes(start=lo, end=hi)
            t_stored = time.perf_counter() - t0
            t0 = time.perf_counter()
            reference = on_read(tw, lo, hi)
            t_read = time.perf_counter() - t0
            if name == "whole ledger" and [s.id for s in stored] != [s.id for s in reference]:  # type: ignore[attr-defined]
                raise SystemExit("the stored clusters and merge-on-read disagree")
            print(
                f"{name:13} {len(stored):>8,} strikes  stored {t_stored:7.2f} s  "
                f"merge-on-read {t_read:7.2f} s  ratio {t_read / t_stored:6.1f}x",
                flush=True,
            )
        tw.close()


if __name__ == "__main__":
    main()
