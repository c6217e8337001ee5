"""Check claims against the record: each claim beside the verdicts, reading by reading.

``check.v1`` judges the strikes by the party whose conduct a claim asserts, under the
speaker's reading (the window the claim states, else the speaker's reading on record), under
each other reading, and under the strictest (a strike counts when any reading counts it; a
window, the widest). The claimed targets and places narrow the scope; only strikes that began
before the claim was made count (to the end of its day when only the day is known), and from
its ``since`` when it gives one. Outcomes:

- ``supported`` / ``contradicted``: a kept claim is contradicted by a breach (the first is
  named with its sources); a broken claim is supported by one, and a count claim ("more than
  30 times") by as many breaches as claimed (a strike known only from the claim's own text
  never counts); window, in-force and expiry claims are compared
  with the reading's window, not-agreed claims with the pledge's status;
- ``unsupported``: only undetermined evidence, or fewer breaches than claimed (the ledger
  counts attack waves, so both numbers are shown and a shortfall is not a contradiction);
- ``untestable``: the reading gives no window, the pledge was not in force, or it does not
  bind the party the claim is about.

Claims never change verdicts: verdicts come from strikes; this only reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from trucewatch.claims.link import Link
from trucewatch.claims.text import said_day
from trucewatch.judge.engine import Judge, StrikeIndex
from trucewatch.judge.rules import fmt_time
from trucewatch.model import (
    Claim,
    ClaimAssertion,
    Pledge,
    PledgeStatus,
    Quantity,
    Reading,
    Report,
    Scope,
    Strike,
    Verdict,
    VerdictKind,
)

__all__ = ["CHECKER", "CHECK_COLUMNS", "Checker", "ClaimCheck", "StrikeRef", "check_json"]

CHECKER = "check.v1"
Outcome = Literal["supported", "contradicted", "unsupported", "untestable", "unlinked"]
Role = Literal["speaker", "other", "strictest", "none"]
STRICTEST = "strictest"
_TOLERANCE = timedelta(days=1)
_NEVER_IN_FORCE = {PledgeStatus.PROPOSED, PledgeStatus.REJECTED}
CHECK_COLUMNS = [
    "claim",
    "said",
    "speaker",
    "person",
    "asserts",
    "about",
    "pledge",
    "link",
    "reading",
    "role",
    "window",
    "outcome",
    "breaches",
    "undetermined",
    "claimed_count",
    "first_strike",
    "first_strike_start",
    "first_strike_sources",
    "why",
]


@dataclass(frozen=True)
class StrikeRef:
    """The strike a check names, with when it began and who reported it."""

    id: str
    start: datetime
    tz: str
    grade: str
    sources: tuple[str, ...]
    urls: tuple[str, ...]

    def text(self) -> str:
        who = ", ".join(self.sources) or "no source recorded"
        return f"strike {self.id} at {fmt_time(self.start, self.tz)} ({self.grade}; {who})"


@dataclass(frozen=True)
class ClaimCheck:
    """One claim under one reading of its pledge: the outcome, the numbers and why."""

    claim: Claim
    link: Link
    reading: str
    role: Role
    window: str
    outcome: Outcome
    why: str
    breaches: int = 0
    undetermined: int = 0
    first: StrikeRef | None = None
    verdicts: tuple[Verdict, ...] = field(default=(), repr=False)


def _window_text(reading: Reading | None) -> str:
    if reading is None:
        return "-"
    if reading.start is None and reading.end is None:
        return "no dates"
    return f"{fmt_time(reading.start, reading.tz)} to {fmt_time(reading.end, reading.tz)}"


def _count_text(q: Quantity | None) -> str:
    if q is None:
        return ""
    if q.max is None:
        return f"more than {q.min}"
    if q.min is None:
        return f"up to {q.max}"
    return str(q.min) if q.min == q.max else f"{q.min} to {q.max}"


def _close(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _TOLERANCE


def _narrow(pledge: Pledge, reading: Reading, claim: Claim) -> Reading | None:
    """The reading with the claim's targets and places put into its scope (None: disjoint)."""
    scope = pledge.effective_scope(reading)
    update: dict[str, Any] = {}
    if claim.targets:
        if scope.targets is None:
            update["targets"] = tuple(claim.targets)
        else:
            both = tuple(t for t in scope.targets if t in claim.targets)
            if not both:
                return None
            update["targets"] = both
    if claim.places and scope.places is None:
        update["places"] = tuple(claim.places)
    if not update:
        return reading
    given = scope.model_dump(exclude_unset=True) | update
    return reading.model_copy(update={"scope": Scope(**given)})


def speaker_reading(claim: Claim, pledge: Pledge) -> tuple[Reading | None, str]:
    """The speaker's reading and a note on how it relates to the one on record."""
    by = claim.speaker
    recorded = next((r for r in pledge.readings if r.by == by), None) if by else None
    if not claim.window:
        if recorded is None:
            return None, f"no reading by {by or 'the speaker'} on record"
        return recorded, f"the {by} reading on record"
    start_ok = claim.start is None or _close(claim.start, recorded.start if recorded else None)
    end_ok = claim.end is None or _close(claim.end, recorded.end if recorded else None)
    if recorded is not None and start_ok and end_ok:
        return recorded, f"the claim's window matches the {by} reading on record"
    stated = Reading(
        by=by or "speaker",
        start=claim.start,
        end=claim.end,
        tz=claim.tz,
        scope=recorded.scope if recorded else None,
        note="as stated in the claim",
    )
    if recorded is None:
        return stated, f"the window the claim states (no {by} reading on record)"
    return stated, (
        f"the window the claim states, which differs from the {by} reading on record "
        f"({_window_text(recorded)})"
    )


class Checker:
    """Checks claims against one set of strikes with one judge."""

    def __init__(
        self,
        judge: Judge,
        strikes: Sequence[Strike],
        reports: Callable[[Sequence[str]], dict[str, Report]],
    ) -> None:
        self.judge = judge
        self.index = StrikeIndex(strikes)
        self._by_id = {s.id: s for s in strikes}
        self._reports = reports
        self._cache: dict[tuple[str, str], list[tuple[Strike, Verdict]]] = {}

    def check(self, claim: Claim, link: Link, pledge: Pledge | None) -> list[ClaimCheck]:
        """The claim under the speaker's reading, each other reading and the strictest."""
        if pledge is None:
            why = link.why or "not linked to a pledge"
            return [ClaimCheck(claim, link, "-", "none", "-", "unlinked", why)]
        own, note = speaker_reading(claim, pledge)
        rows: list[tuple[str, Role, Reading]] = []
        if own is not None:
            label = own.by if own.note != "as stated in the claim" else f"{own.by} (as claimed)"
            rows.append((label, "speaker", own))
        for reading in pledge.readings:
            if (
                own is not None
                and reading.by == claim.speaker
                and own.note != "as stated in the claim"
            ):
                continue
            rows.append((reading.by, "other", reading))
        out = [self._one(claim, link, pledge, label, role, r) for label, role, r in rows]
        out.append(self._strictest(claim, link, pledge, [r for _, _, r in rows], out))
        if own is not None:
            first = out[0]
            out[0] = ClaimCheck(**{**first.__dict__, "why": f"{first.why} [{note}]"})
        return out

    # -- one reading ---------------------------------------------------------------------

    def _judged(self, pledge: Pledge, reading: Reading) -> list[tuple[Strike, Verdict]]:
        """Breaches and undetermined verdicts under one (narrowed) reading, judged once."""
        key = (pledge.id, reading.model_dump_json())
        found = self._cache.get(key)
        if found is None:
            found = []
            for strike in self.index.touching(reading):
                v = self.judge.verdict(pledge, reading, strike)
                # a what-if (the pledge not in force then) never bears a claim out or down
                if v.verdict is not VerdictKind.NO_BREACH and v.in_force:
                    found.append((strike, v))
            self._cache[key] = found
        return found

    def _verdicts(self, claim: Claim, pledge: Pledge, reading: Reading) -> list[Verdict] | None:
        narrowed = _narrow(pledge, reading, claim)
        if narrowed is None:
            return None
        cutoff = said_day(claim)
        out = []
        for strike, v in self._judged(pledge, narrowed):
            if strike.start >= cutoff:
                break
            if claim.about and strike.attacker not in (claim.about, None):
                continue
            if claim.since is not None and strike.end <= claim.since:
                continue
            if claim.report is not None and set(strike.reports) <= {claim.report}:
                continue  # a strike known only from the claim's own text cannot bear it out
            out.append(v)
        return out

    def _untestable(self, claim: Claim, pledge: Pledge, reading: Reading) -> str | None:
        if pledge.status in _NEVER_IN_FORCE and claim.asserts is not ClaimAssertion.NOT_AGREED:
            return f"{pledge.id} was never in force (status {pledge.status.value})"
        strikes = claim.asserts in (ClaimAssertion.KEPT, ClaimAssertion.BROKEN)
        if strikes and claim.about and claim.about not in pledge.parties:
            bound = ", ".join(pledge.parties)
            return f"{pledge.id} binds {bound} only, so {claim.about}'s conduct cannot break it"
        dated = reading.start is not None or reading.end is not None
        if not dated and claim.asserts is not ClaimAssertion.NOT_AGREED:
            return f"the {reading.by} reading gives no dates, so there is no window to test"
        return None

    def _one(
        self, claim: Claim, link: Link, pledge: Pledge, label: str, role: Role, reading: Reading
    ) -> ClaimCheck:
        window = _window_text(reading)
        reason = self._untestable(claim, pledge, reading)
        if reason is not None:
            return ClaimCheck(
                claim, link, label, role, window, "untestable", f"Untestable: {reason}."
            )
        if claim.asserts in (ClaimAssertion.KEPT, ClaimAssertion.BROKEN):
            verdicts = self._verdicts(claim, pledge, reading)
            if verdicts is None:
                what = ", ".join(claim.targets)
                return ClaimCheck(
                    claim,
                    link,
                    label,
                    role,
                    window,
                    "untestable",
                    f"Untestable: the {label} reading does not cover {what}.",
                )
            return self._on_strikes(claim, link, pledge, label, role, window, reading, verdicts)
        outcome, why = self._on_terms(claim, pledge, label, reading)
        return ClaimCheck(claim, link, label, role, window, outcome, why)

    def _on_strikes(
        self,
        claim: Claim,
        link: Link,
        pledge: Pledge,
        label: str,
        role: Role,
        window: str,
        reading: Reading | None,
        verdicts: list[Verdict],
    ) -> ClaimCheck:
        cutoff = said_day(claim)
        if reading is not None and reading.start is not None and cutoff <= reading.start:
            outcome: Outcome = (
                "untestable" if claim.asserts is ClaimAssertion.KEPT else "contradicted"
            )
            why = (
                f"{outcome.capitalize()}: under the {label} reading {pledge.id} had not begun "
                f"when the claim was made (it starts {fmt_time(reading.start, reading.tz)})."
            )
            return ClaimCheck(claim, link, label, role, window, outcome, why)
        breaches = sorted(
            (v for v in verdicts if v.verdict is VerdictKind.BREACH), key=lambda v: v.strike_start
        )
        unknown = [v for v in verdicts if v.verdict is VerdictKind.UNDETERMINED]
        first = self._ref(breaches[0].strike) if breaches else None
        nb, nu = len(breaches), len(unknown)
        tally = f"{nb} breach{'es' if nb != 1 else ''} and {nu} undetermined"
        upto = (
            f"by the end of {claim.said:%d %b %Y}"
            if cutoff - claim.said == timedelta(days=1)
            else f"before {fmt_time(claim.said, claim.tz)}"
        )
        about = claim.about or "the bound party"
        if claim.asserts is ClaimAssertion.KEPT:
            if first is not None:
                outcome, why = "contradicted", f"first breach: {first.text()}"
            elif nu:
                outcome, why = "unsupported", "no breach, but some strikes cannot be told"
            else:
                outcome, why = "supported", "no breach or undetermined strike on record"
        else:
            need = claim.count
            if need is not None and need.max is not None and nb > need.max:
                outcome, why = "contradicted", f"more breaches than the {_count_text(need)} claimed"
            elif need is not None and (nb < (need.min or 1)):
                outcome = "unsupported"
                why = f"{_count_text(need)} claimed, the ledger holds {tally}"
            elif first is not None:
                outcome, why = "supported", f"first breach: {first.text()}"
            elif nu:
                outcome, why = "unsupported", "only undetermined strikes on record"
            else:
                outcome, why = "unsupported", "no breach on record"
        verb = "kept" if claim.asserts is ClaimAssertion.KEPT else "broke"
        line = (
            f"{outcome.capitalize()}: {claim.speaker or 'an unnamed speaker'} says {about} "
            f"{verb} {pledge.id}; under the {label} reading ({window}) the ledger holds {tally} "
            f"{upto}; {why}."
        )
        return ClaimCheck(
            claim, link, label, role, window, outcome, line, nb, nu, first, tuple(verdicts)
        )

    def _on_terms(
        self, claim: Claim, pledge: Pledge, label: str, reading: Reading
    ) -> tuple[Outcome, str]:
        said = claim.said
        end_of_day = said_day(claim)
        if claim.asserts is ClaimAssertion.NOT_AGREED:
            agreed = pledge.status not in _NEVER_IN_FORCE
            outcome: Outcome = "contradicted" if agreed else "supported"
            return outcome, (
                f"{outcome.capitalize()}: {pledge.id} is recorded as {pledge.status.value}."
            )
        if claim.asserts is ClaimAssertion.IN_FORCE:
            if reading.end is not None and said >= reading.end:
                return "contradicted", (
                    f"Contradicted: under the {label} reading it ended "
                    f"{fmt_time(reading.end, reading.tz)}, before the claim."
                )
            if reading.start is not None and end_of_day <= reading.start:
                return "contradicted", (
                    f"Contradicted: under the {label} reading it began only "
                    f"{fmt_time(reading.start, reading.tz)}."
                )
            return "supported", f"Supported: the {label} window was open when the claim was made."
        if claim.asserts is ClaimAssertion.EXPIRED:
            if reading.end is None:
                return "untestable", f"Untestable: the {label} reading gives no end."
            if reading.end <= end_of_day:
                return "supported", (
                    f"Supported: under the {label} reading it ended "
                    f"{fmt_time(reading.end, reading.tz)}."
                )
            return "contradicted", (
                f"Contradicted: under the {label} reading it runs until "
                f"{fmt_time(reading.end, reading.tz)}."
            )
        differs = []
        if claim.start is not None and not _close(claim.start, reading.start):
            differs.append(
                f"starts {fmt_time(claim.start, claim.tz)} against "
                f"{fmt_time(reading.start, reading.tz)}"
            )
        if claim.end is not None and not _close(claim.end, reading.end):
            differs.append(
                f"ends {fmt_time(claim.end, claim.tz)} against {fmt_time(reading.end, reading.tz)}"
            )
        if differs:
            return "contradicted", (
                f"Contradicted: the claimed window {'; '.join(differs)} (the {label} reading)."
            )
        return "supported", f"Supported: the claimed window matches the {label} reading."

    # -- the strictest -------------------------------------------------------------------

    def _strictest(
        self,
        claim: Claim,
        link: Link,
        pledge: Pledge,
        readings: list[Reading],
        done: list[ClaimCheck],
    ) -> ClaimCheck:
        dated = [r for r in readings if r.start is not None or r.end is not None]
        starts = [r.start for r in dated]
        ends = [r.end for r in dated]
        widest = Reading(
            by=STRICTEST,
            start=None if not dated or None in starts else min(s for s in starts if s),
            end=None if not dated or None in ends else max(e for e in ends if e),
            tz=dated[0].tz if dated else claim.tz,
            scope=Scope(),
        )
        window = "any reading" if dated else "no dates"
        if not dated or self._untestable(claim, pledge, widest) is not None:
            reason = self._untestable(claim, pledge, widest) or "no reading gives dates"
            return ClaimCheck(
                claim, link, STRICTEST, "strictest", window, "untestable", f"Untestable: {reason}."
            )
        if claim.asserts not in (ClaimAssertion.KEPT, ClaimAssertion.BROKEN):
            outcome, why = self._on_terms(claim, pledge, "widest", widest)
            return ClaimCheck(
                claim, link, STRICTEST, "strictest", _window_text(widest), outcome, why
            )
        worst: dict[str, Verdict] = {}
        for check in done:
            for v in check.verdicts:
                held = worst.get(v.strike)
                if held is None or (
                    held.verdict is VerdictKind.UNDETERMINED and v.verdict is VerdictKind.BREACH
                ):
                    worst[v.strike] = v
        return self._on_strikes(
            claim, link, pledge, STRICTEST, "strictest", window, None, list(worst.values())
        )

    def _ref(self, strike_id: str) -> StrikeRef:
        strike = self._by_id[strike_id]
        reports = self._reports(strike.reports)
        names: dict[str, str | None] = {}
        for rid in strike.reports:
            rep = reports.get(rid)
            if rep is not None:
                names.setdefault(rep.source, rep.url)
        return StrikeRef(
            strike.id,
            strike.start,
            strike.tz,
            strike.credibility.value,
            tuple(names),
            tuple(u for u in names.values() if u),
        )


def check_json(c: ClaimCheck) -> dict[str, Any]:
    """A check as the documented JSON object (CSV takes the same keys)."""
    first = c.first
    return {
        "claim": c.claim.id,
        "said": c.claim.said.astimezone(c.claim.said.tzinfo).date().isoformat(),
        "speaker": c.claim.speaker,
        "person": c.claim.person,
        "asserts": c.claim.asserts.value,
        "about": c.claim.about,
        "pledge": c.link.pledge,
        "link": c.link.how,
        "candidates": list(c.link.candidates),
        "reading": c.reading,
        "role": c.role,
        "window": c.window,
        "outcome": c.outcome,
        "breaches": c.breaches,
        "undetermined": c.undetermined,
        "claimed_count": _count_text(c.claim.count) or None,
        "first_strike": first.id if first else None,
        "first_strike_start": first.start.astimezone(c.claim.said.tzinfo).isoformat()
        if first
        else None,
        "first_strike_sources": "; ".join(first.sources) if first else None,
        "first_strike_urls": list(first.urls) if first else [],
        "statement": c.claim.statement,
        "source": c.claim.source,
        "url": c.claim.url,
        "rule": CHECKER,
        "why": c.why,
    }
