"""The brief's "Claims" section: statements made that day about pledges in force, checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trucewatch.claims.check import ClaimCheck
from trucewatch.model import Claim
from trucewatch.times import kyiv_midnight
from trucewatch.view import LedgerView

__all__ = ["ClaimBlock", "claims_of_day"]


@dataclass(frozen=True)
class ClaimBlock:
    """One claim as the brief shows it: who, what, where it was reported, and its checks."""

    claim: Claim
    pledge: str
    speaker: str
    checks: list[ClaimCheck]

    @property
    def strictest(self) -> ClaimCheck:
        return self.checks[-1]


def claims_of_day(tw: LedgerView, day: date, in_force: Sequence[str]) -> list[ClaimBlock]:
    """Claims said on Kyiv-local ``day`` about the pledges ``in_force``, with their checks."""
    lo = kyiv_midnight(day)
    hi = lo + timedelta(days=1)
    wanted = set(in_force)
    checks = tw.check_claims()
    blocks: dict[str, ClaimBlock] = {}
    for c in checks:
        claim = c.claim
        if not (lo <= claim.said < hi) or c.link.pledge not in wanted:
            continue
        if claim.id not in blocks:
            who = claim.speaker or "unattributed"
            if claim.person:
                who = f"{claim.person} ({who})"
            blocks[claim.id] = ClaimBlock(claim, c.link.pledge or "", who, [])
        blocks[claim.id].checks.append(c)
    return list(blocks.values())
