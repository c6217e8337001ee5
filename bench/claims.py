"""Claim checking against judging the same pledges, in one run.

    python bench/claims.py [N [M]]          (default: N = 100000 strikes, M = 200 claims)

The synthetic ledger of ``bench/judge.py`` (N strikes over four years, 10 pledges with 3
readings each) and M claims spread over the pledges (kept and broken, some with a count or a
target, said a day after a reading's window closes). The baseline judges every reading of every
pledge once; the claim checker sets each claim beside the verdicts under every reading and the
strictest. The script prints both wall times, the ratio, and the time per claim.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judge import make_pledges, make_strikes
from trucewatch.claims.check import Checker
from trucewatch.claims.link import link_claim
from trucewatch.judge.engine import Judge
from trucewatch.judge.rules import EvidenceRule, PartyRule, TargetRule, TimeRule
from trucewatch.model import Claim, ClaimAssertion, Pledge, Quantity


def make_claims(m: int, pledges: list[Pledge], rng: random.Random) -> list[Claim]:
    out = []
    for k in range(m):
        pledge = pledges[k % len(pledges)]
        reading = rng.choice(pledge.readings)
        assert reading.end is not None
        kept = rng.random() < 0.5
        out.append(
            Claim(
                id=f"c-{k:06d}",
                speaker=reading.by,
                said=reading.end + timedelta(days=1),
                statement=f"claim {k}",
                asserts=ClaimAssertion.KEPT if kept else ClaimAssertion.BROKEN,
                about="RU",
                count=None if kept or rng.random() < 0.5 else Quantity(min=10, max=None),
                targets=("energy",) if rng.random() < 0.3 else (),
                pledge=pledge.id,
                link="given",
            )
        )
    return out


def main(n: int, m: int) -> None:
    rng = random.Random(12)
    strikes = make_strikes(n, rng)
    pledges = make_pledges(10, rng)
    claims = make_claims(m, pledges, rng)
    judge = Judge(rules=[PartyRule(), EvidenceRule(), TimeRule(), TargetRule()])
    t0 = time.perf_counter()
    verdicts = judge.judge(pledges, strikes)
    t_judge = time.perf_counter() - t0
    by_id = {p.id: p for p in pledges}
    t0 = time.perf_counter()
    checker = Checker(judge, strikes, lambda ids: {})
    rows = [
        row
        for c in claims
        for row in checker.check(c, link_claim(c, pledges), by_id[c.pledge or ""])
    ]
    t_check = time.perf_counter() - t0
    outcomes: dict[str, int] = {}
    for row in rows:
        outcomes[row.outcome] = outcomes.get(row.outcome, 0) + 1
    print(f"N={n:,} strikes, {len(pledges)} pledges x 3 readings, M={m} claims")
    print(f"judge every reading once: {t_judge:.3f} s ({len(verdicts):,} verdicts)")
    print(f"check every claim:        {t_check:.3f} s ({len(rows):,} checks: {outcomes})")
    print(f"ratio check / judge: {t_check / t_judge:.2f}; per claim {1000 * t_check / m:.1f} ms")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 100_000, args[1] if len(args) > 1 else 200)
