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
    """Claims said on Kyiv-local ``day`` about the pledges ``in_force``, with their checks.

    Only those claims are checked, each against its own pledge: the strikes read are those
    of that pledge's windows and the claim's, not every pledge's.
    """
    lo = kyiv_midnight(day)
    hi = lo + timedelta(days=1)
    said = [c for c in tw.claims() if lo <= c.said < hi]
    if not said:
        return []
    wanted = set(in_force)
    links = tw.claim_links(said)
    blocks: list[ClaimBlock] = []
    for claim in said:
        pledge = links[claim.id].pledge
        if pledge is None or pledge not in wanted:
            continue
        checks = tw.check_claims(pledge=pledge, claim=claim.id)
        if not checks:
            continue
        who = claim.speaker or "unattributed"
        if claim.person:
            who = f"{claim.person} ({who})"
        blocks.append(ClaimBlock(claim, pledge, who, checks))
    return blocks
