"""Judge every strike against every pledge under every reading, and say why.

Verdicts are computed from the ledger each time, never stored as truth: a new report, an
amendment or a merge can change them. The engine only evaluates strikes whose time can touch
a reading's window (a sorted index); the rest are ``no_breach`` by the time rule and are
produced only when asked for (``include_no_breach``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import Any

from trucewatch.geo import Gazetteer, default_gazetteer
from trucewatch.judge.rules import (
    FINE,
    Finding,
    Period,
    Rule,
    StatusRule,
    TimeRule,
    breach_at,
    default_rules,
    evidence_of,
    in_force_periods,
)
from trucewatch.model import KYIV, Pledge, Reading, Strike, Verdict, VerdictKind
from trucewatch.times import zone

RULESET = "trucewatch.judge.v2"


def evidence_note(strike: Strike) -> str:
    """Whose evidence a verdict rests on, and how strong it is."""
    n = len(strike.reports)
    claim = f", {strike.claimed_by}'s account" if strike.claimed_by else ""
    return f"evidence {strike.credibility.value} ({n} report{'s' if n != 1 else ''}{claim})"


def combine(findings: Sequence[Finding]) -> tuple[VerdictKind, str, str]:
    """First ``out`` decides no_breach, else first ``unknown`` undetermined, else breach."""
    for finding in findings:
        if finding.outcome == "out":
            return VerdictKind.NO_BREACH, finding.rule, finding.why
    for finding in findings:
        if finding.outcome == "unknown":
            return VerdictKind.UNDETERMINED, finding.rule, finding.why
    used = [f for f in findings if f.outcome == "in"]
    return VerdictKind.BREACH, "+".join(f.rule for f in used), "; ".join(f.why for f in used)


class Judge:
    """Applies the rules to (pledge, reading, strike) triples."""

    def __init__(self, gazetteer: Gazetteer | None = None, rules: list[Rule] | None = None) -> None:
        self.rules = rules if rules is not None else default_rules(gazetteer or default_gazetteer())
        self.status = StatusRule()

    def verdict(
        self,
        pledge: Pledge,
        reading: Reading,
        strike: Strike,
        periods: list[Period] | None = None,
    ) -> Verdict:
        """The verdict on one strike under one reading of one pledge.

        The rules decide the verdict as if the pledge held; the status rule says whether it
        was in force then. Not in force: the verdict stands as a what-if. In force for part
        of a coarse strike's span: a breach becomes undetermined (``status.v1``).
        """
        scope = pledge.effective_scope(reading)
        findings = []
        for rule in self.rules:
            finding = rule(pledge, reading, scope, strike)
            findings.append(finding)
            if finding.outcome == "out":
                break
        kind, rule_name, why = combine(findings)
        status = self.status(pledge, reading, strike, periods)
        if status.partial and kind is VerdictKind.BREACH and strike.time_precision not in FINE:
            kind, rule_name, why = VerdictKind.UNDETERMINED, status.rule, status.why
        if not status.in_force:
            why = f"{status.why}: {why}"
        return Verdict(
            pledge=pledge.id,
            reading=reading.by,
            strike=strike.id,
            strike_start=strike.start,
            strike_end=strike.end,
            verdict=kind,
            rule=rule_name,
            why=f"{why}; {evidence_note(strike)}",
            credibility=strike.credibility,
            reports=strike.reports,
            time_precision=strike.time_precision,
            tz=strike.tz,
            in_force=status.in_force,
            breach_at=breach_at(reading, strike, status) if kind is VerdictKind.BREACH else None,
            evidence=evidence_of(strike),
        )

    def judge(
        self,
        pledges: Iterable[Pledge],
        strikes: Sequence[Strike],
        *,
        reading: str | None = None,
        include_no_breach: bool = False,
        what_if: bool = True,
    ) -> list[Verdict]:
        """Verdicts for every pledge and reading (or one reading party), strikes in time order.

        ``what_if=False`` leaves out the verdicts on pledges not in force at the strike's time.
        """
        index = StrikeIndex(strikes)
        out: list[Verdict] = []
        for pledge in pledges:
            periods = in_force_periods(pledge)
            for rd in pledge.readings:
                if reading is not None and rd.by != reading:
                    continue
                candidates = index.all() if include_no_breach else index.touching(rd)
                for strike in candidates:
                    verdict = self.verdict(pledge, rd, strike, periods)
                    if not what_if and not verdict.in_force:
                        continue
                    if include_no_breach or verdict.verdict is not VerdictKind.NO_BREACH:
                        out.append(verdict)
        return out


class StrikeIndex:
    """Strikes sorted by start, to find those whose time can touch a window."""

    def __init__(self, strikes: Sequence[Strike]) -> None:
        self._strikes = sorted(strikes, key=lambda s: (s.start, s.id))
        self._starts = [s.start for s in self._strikes]
        durations = [s.end - s.start for s in self._strikes]
        self._longest = max(durations, default=timedelta(0))

    def all(self) -> list[Strike]:
        return self._strikes

    def touching(self, reading: Reading) -> Iterator[Strike]:
        """Strikes that overlap the reading's window; none for a reading that gives no dates.

        Every strike is ``undetermined`` under an undated reading; listing them all would bury
        the verdicts that say something, so they appear only with ``include_no_breach``.
        """
        if reading.start is None and reading.end is None:
            return
        lo = (
            0
            if reading.start is None
            else bisect.bisect_left(self._starts, reading.start - self._longest)
        )
        hi = (
            len(self._strikes)
            if reading.end is None
            else bisect.bisect_left(self._starts, reading.end)
        )
        for strike in self._strikes[lo:hi]:
            if reading.start is None or strike.end > reading.start:
                yield strike


def verdict_json(v: Verdict, tz: str = KYIV) -> dict[str, Any]:
    """A verdict as the documented JSON object (README), times ISO 8601 with the local offset."""
    local = zone(tz)
    return {
        "pledge": v.pledge,
        "reading": v.reading,
        "strike": v.strike,
        "strike_start": v.strike_start.astimezone(local).isoformat(),
        "strike_end": v.strike_end.astimezone(local).isoformat(),
        "time_precision": v.time_precision.value,
        "verdict": v.verdict.value,
        "mode": v.mode,
        "in_force": v.in_force,
        "breach_at": v.breach_at.astimezone(local).isoformat() if v.breach_at else None,
        "rule": v.rule,
        "why": v.why,
        "evidence": {
            "grade": v.evidence.grade.value,
            "reports": v.evidence.reports,
            "sources": list(v.evidence.sources),
            "claimed_by": v.evidence.claimed_by,
        },
    }


CSV_COLUMNS: tuple[str, ...] = (
    "pledge",
    "reading",
    "strike",
    "strike_start",
    "strike_end",
    "time_precision",
    "verdict",
    "mode",
    "in_force",
    "breach_at",
    "rule",
    "why",
    "evidence_grade",
    "evidence_reports",
    "evidence_sources",
    "evidence_claimed_by",
)


def verdict_csv_row(v: Verdict, tz: str = KYIV) -> dict[str, Any]:
    """A verdict as one flat CSV row (README): evidence in its own columns, sources joined
    with '; ', booleans as true/false, an absent value as an empty cell."""
    data = verdict_json(v, tz)
    evidence = data.pop("evidence")
    row: dict[str, Any] = {k: ("" if value is None else value) for k, value in data.items()}
    row["in_force"] = "true" if v.in_force else "false"
    row["evidence_grade"] = evidence["grade"]
    row["evidence_reports"] = evidence["reports"]
    row["evidence_sources"] = "; ".join(evidence["sources"])
    row["evidence_claimed_by"] = evidence["claimed_by"] or ""
    return row


__all__ = [
    "CSV_COLUMNS",
    "RULESET",
    "Judge",
    "StrikeIndex",
    "TimeRule",
    "combine",
    "evidence_note",
    "verdict_csv_row",
    "verdict_json",
]
