"""What the extractor returns: strikes and pledges with evidence spans, and their contract JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from trucewatch.extract.numbers import Qty

__all__ = ["Evidence", "ExtractedPledge", "ExtractedStrike", "Extraction"]

Span = tuple[int, int]
Evidence = dict[str, list[Span]]

# The contract's fields in the order to_contract gives them; the list-valued ones are scored
# as sets. One home for the JSON and for the in-repo scorer (tests/test_extract_own_passages.py).
STRIKE_FIELDS = (
    "attacker",
    "date",
    "drones",
    "missiles",
    "drones_downed",
    "missiles_downed",
    "killed",
    "injured",
    "places",
    "targets",
    "weapons",
)
STRIKE_SETS = ("places", "targets", "weapons")
PLEDGE_FIELDS = ("party", "broker", "targets", "places", "duration_days", "start", "end", "status")
PLEDGE_SETS = ("targets", "places")


def _qty_json(q: Qty | None) -> dict[str, int | None] | None:
    return None if q is None else {"min": q.min, "max": q.max}


def _date_json(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _add(evidence: Evidence, key: str, span: Span | None) -> None:
    if span is not None and span not in evidence.setdefault(key, []):
        evidence[key].append(span)


class _Evidenced:
    """Evidence spans behind each field, and the contract object with them when asked."""

    evidence: Evidence

    def to_contract(self) -> dict[str, Any]:
        raise NotImplementedError

    def note(self, key: str, span: Span | None) -> None:
        """Record that `key` rests on the text at `span`."""
        _add(self.evidence, key, span)

    def to_json(self, evidence: bool = False) -> dict[str, Any]:
        """The contract object, with evidence spans when asked."""
        out = self.to_contract()
        if evidence:
            out["evidence"] = {k: [list(s) for s in v] for k, v in self.evidence.items()}
        return out


@dataclass
class ExtractedStrike(_Evidenced):
    """One attack read from a text; `evidence` maps each field to the spans it came from."""

    attacker: str | None = None
    date: date | None = None
    drones: Qty | None = None
    missiles: Qty | None = None
    drones_downed: int | None = None
    missiles_downed: int | None = None
    killed: int | None = None
    injured: int | None = None
    places: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    overnight: bool = False
    evidence: Evidence = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        """The contract's JSON object for this strike."""
        return {
            "attacker": self.attacker,
            "date": _date_json(self.date),
            "drones": _qty_json(self.drones),
            "missiles": _qty_json(self.missiles),
            "drones_downed": self.drones_downed,
            "missiles_downed": self.missiles_downed,
            "killed": self.killed,
            "injured": self.injured,
            "places": list(self.places),
            "targets": list(self.targets),
            "weapons": list(self.weapons),
        }


@dataclass
class ExtractedPledge(_Evidenced):
    """One commitment, offer or refusal read from a text, with evidence spans."""

    party: str
    status: str
    broker: str | None = None
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    duration_days: int | None = None
    start: date | None = None
    end: date | None = None
    evidence: Evidence = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        """The contract's JSON object for this pledge."""
        return {
            "party": self.party,
            "broker": self.broker,
            "targets": list(self.targets),
            "places": list(self.places),
            "duration_days": self.duration_days,
            "start": _date_json(self.start),
            "end": _date_json(self.end),
            "status": self.status,
        }


@dataclass
class Extraction:
    """Everything extracted from one text."""

    text: str
    published: date
    strikes: list[ExtractedStrike] = field(default_factory=list)
    pledges: list[ExtractedPledge] = field(default_factory=list)

    def to_contract(self) -> dict[str, list[dict[str, Any]]]:
        """{"strikes": [...], "pledges": [...]} exactly as the extraction contract defines."""
        return {
            "strikes": [s.to_contract() for s in self.strikes],
            "pledges": [p.to_contract() for p in self.pledges],
        }

    def to_json(self, evidence: bool = False) -> dict[str, list[dict[str, Any]]]:
        """The contract JSON, with each object's evidence spans when asked."""
        return {
            "strikes": [s.to_json(evidence) for s in self.strikes],
            "pledges": [p.to_json(evidence) for p in self.pledges],
        }
