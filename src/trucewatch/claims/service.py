"""Claims over a ledger: record them, link them, adopt the windows they state, check them.

The facade (``Trucewatch.add_claims``, ``claims``, ``check_claims``, ...) calls these; they
take the ledger and the strikes, never the facade.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trucewatch.claims.check import Checker, ClaimCheck
from trucewatch.claims.link import Link, link_claim
from trucewatch.judge.engine import Judge
from trucewatch.ledger.claimstore import list_claims, record_claims
from trucewatch.ledger.store import Ledger
from trucewatch.model import Claim, Pledge, Reading, Report, Strike

__all__ = ["Recorded", "adopt_window", "check_claims", "links", "record"]


@dataclass(frozen=True)
class Recorded:
    """What recording one claim did: added or unchanged, its link, and a reading it added."""

    claim: Claim
    outcome: str
    link: Link
    reading: str | None = None


def links(claims: Sequence[Claim], pledges: Sequence[Pledge]) -> dict[str, Link]:
    """The pledge each claim is about (given, settled, or found by the linker now)."""
    return {c.id: link_claim(c, pledges) for c in claims}


def adopt_window(ledger: Ledger, claim: Claim, pledge: Pledge) -> str | None:
    """A stated window becomes the speaker's reading of the pledge when it has none.

    Returns what was done ("adds a US reading", "matches the US reading"), or None when the
    claim states no window. A reading already on record is never replaced: a claim that
    disagrees with it is checked under its own window and says so.
    """
    if not claim.window or claim.speaker is None:
        return None
    held = next((r for r in pledge.readings if r.by == claim.speaker), None)
    if held is not None:
        return f"beside the {claim.speaker} reading on record"
    source = claim.url or claim.report
    reading = Reading(
        by=claim.speaker,
        start=claim.start,
        end=claim.end,
        tz=claim.tz,
        sources=(source,) if source and source.startswith("http") else (),
        note=f"The window stated in claim {claim.id}: {claim.statement}",
    )
    amended = pledge.model_copy(update={"readings": (*pledge.readings, reading)})
    ledger.add_pledge(amended, note=f"reading stated in claim {claim.id}")
    return f"adds a {claim.speaker} reading to {pledge.id}"


def record(ledger: Ledger, claims: Sequence[Claim], note: str | None = None) -> list[Recorded]:
    """Record claims, link each, and let a stated window add the speaker's reading."""
    outcomes = record_claims(ledger, claims, note=note)
    out: list[Recorded] = []
    for claim, outcome in zip(claims, outcomes, strict=True):
        pledges = ledger.pledges(include_drafts=False)
        found = link_claim(claim, pledges)
        reading = None
        if found.pledge is not None:
            pledge = next((p for p in pledges if p.id == found.pledge), None)
            if pledge is not None:
                reading = adopt_window(ledger, claim, pledge)
        out.append(Recorded(claim, outcome, found, reading))
    return out


def check_claims(
    ledger: Ledger,
    judge: Judge,
    strikes: Sequence[Strike],
    reports: Callable[[Sequence[str]], dict[str, Report]],
    *,
    pledge: str | None = None,
    claim: str | None = None,
) -> list[ClaimCheck]:
    """Every claim (or those about one pledge, or one claim) beside the verdicts."""
    pledges = ledger.pledges(include_drafts=False)
    by_id = {p.id: p for p in pledges}
    checker = Checker(judge, strikes, reports)
    out: list[ClaimCheck] = []
    for c in list_claims(ledger):
        if claim is not None and c.id != claim:
            continue
        found = link_claim(c, pledges)
        if pledge is not None and found.pledge != pledge:
            continue
        out.extend(checker.check(c, found, by_id.get(found.pledge or "")))
    return out
