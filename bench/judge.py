"""Judge speed against a DuckDB interval join that computes the same breaches, in one run.

    python bench/judge.py [N ...]          (default: 100000 1000000)

A synthetic ledger of N strikes (four years, RU and UA attackers, minute and day precision,
targets drawn from the vocabulary) and M = 10 pledges with 3 readings each (random windows of
1 to 30 days, some limited to energy). Both sides must find the same set of breaches; the
script prints the wall time of each and their ratio (judge / DuckDB).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta

import duckdb

from trucewatch.judge.engine import Judge
from trucewatch.judge.rules import EvidenceRule, PartyRule, TargetRule, TimeRule
from trucewatch.model import (
    Credibility,
    Pledge,
    PledgeStatus,
    Reading,
    Scope,
    Strike,
    TimePrecision,
    VerdictKind,
)

EPOCH = datetime(2022, 9, 1, tzinfo=UTC)
TARGETS = ("energy", "residential", "transport", "military", "industrial")


def make_strikes(n: int, rng: random.Random) -> list[Strike]:
    out = []
    for i in range(n):
        day = rng.random() < 0.3
        start = EPOCH + timedelta(minutes=rng.randrange(0, 4 * 365 * 24 * 60))
        if day:
            start = start.replace(hour=0, minute=0)
            end = start + timedelta(days=1)
        else:
            end = start + timedelta(minutes=rng.randrange(30, 15 * 60))
        targets = tuple(rng.sample(TARGETS, rng.randrange(0, 3)))
        out.append(
            Strike.model_construct(
                id=f"s{i:08d}",
                attacker="RU" if rng.random() < 0.8 else "UA",
                start=start,
                end=end,
                tz="Europe/Kyiv",
                time_precision=TimePrecision.DAY if day else TimePrecision.MINUTE,
                targets=targets,
                weapons=("drones",),
                places=(),
                place_names=(),
                reports=(),
                credibility=Credibility.WEAK,
                claimed_by=None,
                drones=None,
                missiles=None,
            )
        )
    return out


def make_pledges(m: int, rng: random.Random) -> list[Pledge]:
    out = []
    for j in range(m):
        readings = []
        for by in ("US", "RU", "UA"):
            start = EPOCH + timedelta(hours=rng.randrange(0, 4 * 365 * 24))
            end = start + timedelta(days=rng.randrange(1, 31))
            scope = Scope(targets=("energy",)) if rng.random() < 0.5 else None
            readings.append(Reading(by=by, start=start, end=end, scope=scope))
        out.append(
            Pledge(
                id=f"p{j}",
                title="bench",
                parties=("RU",),
                status=PledgeStatus.AGREED,
                readings=tuple(readings),
            )
        )
    return out


def duckdb_breaches(strikes: list[Strike], pledges: list[Pledge]) -> set[tuple[str, str, str]]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE s (id VARCHAR, attacker VARCHAR, st TIMESTAMPTZ, en TIMESTAMPTZ, "
        "coarse BOOLEAN, targets VARCHAR[])"
    )
    con.execute(
        "CREATE TABLE r (pledge VARCHAR, rby VARCHAR, ws TIMESTAMPTZ, we TIMESTAMPTZ, "
        "targets VARCHAR[])"
    )
    import pyarrow as pa

    con.register(
        "s_arrow",
        pa.table(
            {
                "id": [s.id for s in strikes],
                "attacker": [s.attacker for s in strikes],
                "st": [s.start for s in strikes],
                "en": [s.end for s in strikes],
                "coarse": [s.time_precision is TimePrecision.DAY for s in strikes],
                "targets": [list(s.targets) for s in strikes],
            }
        ),
    )
    con.execute("INSERT INTO s SELECT * FROM s_arrow")
    rows = [
        (p.id, r.by, r.start, r.end, list(r.scope.targets) if r.scope and r.scope.targets else None)
        for p in pledges
        for r in p.readings
    ]
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", rows)
    t0 = time.perf_counter()
    found = con.execute(
        """
        SELECT r.pledge, r.rby, s.id FROM r JOIN s
          ON s.st < r.we AND s.en > r.ws
        WHERE s.attacker = 'RU'
          AND (NOT s.coarse OR (s.st >= r.ws AND s.en <= r.we))
          AND (r.targets IS NULL OR list_has_any(s.targets, r.targets))
        """
    ).fetchall()
    duckdb_breaches.elapsed = time.perf_counter() - t0  # type: ignore[attr-defined]
    return {(a, b, c) for a, b, c in found}


def main(sizes: list[int]) -> None:
    rng = random.Random(7)
    pledges = make_pledges(10, rng)
    judge = Judge(rules=[PartyRule(), EvidenceRule(), TimeRule(), TargetRule()])
    print(f"{'N':>9} {'breaches':>9} {'judge s':>9} {'duckdb s':>9} {'ratio':>7}")
    for n in sizes:
        strikes = make_strikes(n, rng)
        t0 = time.perf_counter()
        verdicts = judge.judge(pledges, strikes)
        ours = time.perf_counter() - t0
        mine = {
            (v.pledge, v.reading, v.strike) for v in verdicts if v.verdict is VerdictKind.BREACH
        }
        theirs = duckdb_breaches(strikes, pledges)
        if mine != theirs:
            raise SystemExit(f"disagreement: {len(mine ^ theirs)} breaches differ")
        dt = duckdb_breaches.elapsed  # type: ignore[attr-defined]
        print(f"{n:>9} {len(mine):>9} {ours:>9.3f} {dt:>9.3f} {ours / dt:>7.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
