"""Which pledge a claim is about: by party, broker, dates, targets, places and the pledge's name.

``link.v1`` first drops the pledges a claim cannot be about (not yet announced when it was
said, long over, of the wrong kind for what it asserts, or covering other targets or places),
then scores the rest: +2 when the party whose conduct is asserted is bound (+1 when it only
reads the pledge), +1 when the speaker is bound, the broker or a reader, +1 for a matching
broker (-1 for another), +1 per claimed target the pledge covers, +1 when the claim was said
while a reading was in force (or up to 3 days after it ended) or states a window that
overlaps a reading's, +2 when the statement names the pledge ("Easter", "Victory Day", "cold
spell"). One best pledge links; a tie leaves the claim unlinked with the tied pledges named
as candidates, never a silent guess. A claim's own ``pledge`` (given in its file, or settled
with ``claims link``) always wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from trucewatch.judge.rules import announced_from
from trucewatch.model import Claim, ClaimAssertion, Pledge, PledgeStatus, Reading

__all__ = ["LINKER", "Link", "link_claim", "name_words"]

LINKER = "link.v1"
GRACE = timedelta(days=14)
NEAR_END = timedelta(days=3)
UNDATED_SPAN = timedelta(days=60)
_NEVER_IN_FORCE = {PledgeStatus.PROPOSED, PledgeStatus.REJECTED}
_GENERIC = frozenset(
    [
        "pause",
        "truce",
        "ceasefire",
        "cease-fire",
        "ceasefires",
        "halt",
        "strikes",
        "strike",
        "attacks",
        "attack",
        "against",
        "during",
        "from",
        "with",
        "russia",
        "russia's",
        "ukraine",
        "ukraine's",
        "unilateral",
        "never",
        "implemented",
        "talks",
        "full",
        "maritime-free",
        "one-week",
        "week",
        "days",
        "day",
        "month",
        "year",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "late",
        "early",
        "mid",
    ]
)

How = Literal["given", "manual", "linker", "unlinked"]


@dataclass(frozen=True)
class Link:
    """The pledge a claim is about, how that was decided, and the others that fit."""

    claim: str
    pledge: str | None
    how: How
    candidates: tuple[str, ...] = ()
    why: str = ""


def name_words(title: str) -> set[str]:
    """The words of a pledge's title that name it ("easter", "victory", "cold", "spell")."""
    words = re.findall(r"[a-z][a-z'-]+", title.lower())
    return {w for w in words if len(w) >= 4 and w not in _GENERIC}


def _windows_meet(claim: Claim, reading: Reading) -> bool:
    if reading.start is None and reading.end is None:
        return False
    slack = timedelta(days=2)
    lo = claim.start or claim.said
    hi = claim.end or claim.said + timedelta(days=1)
    return (reading.start is None or reading.start - slack < hi) and (
        reading.end is None or reading.end + slack > lo
    )


def _said_in_force(said: datetime, reading: Reading) -> bool:
    if reading.start is None and reading.end is None:
        return False
    after_start = reading.start is None or said + timedelta(days=1) > reading.start
    return after_start and (reading.end is None or said < reading.end + NEAR_END)


def _time_fits(claim: Claim, pledge: Pledge) -> bool:
    """Whether the claim was said while the pledge existed (announced, not long over)."""
    first = announced_from(pledge.announced)
    starts = [r.start for r in pledge.readings if r.start is not None]
    if first is None and starts:
        first = min(starts) - timedelta(days=7)
    if first is not None and claim.said.date() < first.date():
        return False
    ends = [r.end for r in pledge.readings if r.end is not None]
    if ends:
        return claim.said < max(ends) + GRACE
    return first is None or claim.said < first + UNDATED_SPAN


def _scope_fits(claim: Claim, pledge: Pledge) -> tuple[bool, int]:
    """Whether some reading covers the claimed targets and places; +1 per target covered."""
    best: tuple[bool, int] = (False, 0)
    for reading in pledge.readings:
        scope = pledge.effective_scope(reading)
        targets = set(claim.targets)
        if scope.targets is not None and targets and not targets & set(scope.targets):
            continue
        if scope.places is not None and claim.places and not set(claim.places) & set(scope.places):
            continue
        covered = len(targets & set(scope.targets or ()))
        best = max(best, (True, covered))
    return best


def _score(claim: Claim, pledge: Pledge) -> int | None:
    """The claim's fit to one pledge (None: it cannot be about this pledge)."""
    never = pledge.status in _NEVER_IN_FORCE
    if never and claim.asserts is not ClaimAssertion.NOT_AGREED:
        return None
    if not _time_fits(claim, pledge):
        return None
    fits, covered = _scope_fits(claim, pledge)
    if not fits:
        return None
    readers = {r.by for r in pledge.readings}
    score = covered
    if claim.about in pledge.parties:
        score += 2
    elif claim.about in readers:
        score += 1
    if claim.speaker and claim.speaker in {*pledge.parties, *readers, pledge.broker}:
        score += 1
    if claim.broker and pledge.broker:
        score += 1 if claim.broker == pledge.broker else -1
    if any(
        _windows_meet(claim, r) if claim.window else _said_in_force(claim.said, r)
        for r in pledge.readings
    ):
        score += 1
    statement = set(re.findall(r"[a-z][a-z'-]+", claim.statement.lower()))
    if name_words(pledge.title) & statement:
        score += 2
    return score


def link_claim(claim: Claim, pledges: Sequence[Pledge]) -> Link:
    """The pledge ``claim`` is about among ``pledges`` (drafts are never candidates)."""
    known = {p.id for p in pledges}
    if claim.pledge is not None:
        how: How = "manual" if claim.link == "manual" else "given"
        why = "settled with `claims link`" if how == "manual" else "named in the claim's file"
        if claim.pledge not in known:
            why += f"; pledge {claim.pledge!r} is not in the ledger"
        return Link(claim.id, claim.pledge, how, (), why)
    scored = [(s, p.id) for p in pledges if not p.draft and (s := _score(claim, p)) is not None]
    if not scored:
        return Link(claim.id, None, "unlinked", (), "no pledge in the ledger fits")
    top = max(s for s, _ in scored)
    best = sorted(pid for s, pid in scored if s == top)
    if len(best) == 1:
        others = sorted(pid for s, pid in scored if s != top)
        why = f"{LINKER}: best fit (score {top})" + (
            f"; also fit, less well: {', '.join(others)}" if others else ""
        )
        return Link(claim.id, best[0], "linker", tuple(others), why)
    return Link(
        claim.id,
        None,
        "unlinked",
        tuple(best),
        f"{LINKER}: {len(best)} pledges fit equally well ({', '.join(best)}); "
        "settle it with `trucewatch claims link CLAIM PLEDGE`",
    )
