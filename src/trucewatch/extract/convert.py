"""Turn extracted strikes and pledges into the domain model (`trucewatch.model`)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta

from trucewatch.extract.lexicon import place_index
from trucewatch.extract.results import ExtractedPledge, ExtractedStrike
from trucewatch.geo import require_gazetteer
from trucewatch.model import (
    KYIV,
    Credibility,
    GeoPrecision,
    Place,
    Pledge,
    PledgeStatus,
    Quantity,
    Reading,
    Scope,
    Strike,
    TimePrecision,
)
from trucewatch.times import KYIV_ZONE, kyiv_midnight

__all__ = ["to_pledge_draft", "to_strike"]

_NIGHT_START = time(18, 0)
_NIGHT_END = time(9, 0)


def _digest(*parts: object) -> str:
    blob = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _place(name: str) -> Place:
    """A model Place for a contract place name, through the gazetteer when it knows it."""
    found = require_gazetteer().resolve(name)
    if found is not None:
        return found.model_copy(update={"name": name}) if found.kind == "settlement" else found
    idx = place_index()
    ref = idx.lookup(name.removesuffix(" Oblast"), name.endswith(" Oblast"))
    if ref is None:
        return Place(name=name, kind="settlement")
    if ref.kind == "oblast":
        return Place(name=name, kind="oblast", oblast=ref.oblast)
    if ref.kind == "region":
        return Place(name=name, kind="region", oblast=ref.oblast)
    return Place(name=name, kind="settlement", oblast=ref.oblast)


def _qty(q: object) -> Quantity | None:
    lo, hi = getattr(q, "min", None), getattr(q, "max", None)
    if lo is None and hi is None:
        return None
    return Quantity(min=lo, max=hi)


def to_strike(s: ExtractedStrike, report_id: str, published: date) -> Strike:
    """A domain Strike from one report: a Kyiv-local day, or (overnight, "in the night of")
    the night of D to D+1 at night precision, 18:00 to 09:00."""
    day = s.date or published
    if s.overnight:
        start = datetime.combine(day, _NIGHT_START, tzinfo=KYIV_ZONE)
        end = datetime.combine(day + timedelta(days=1), _NIGHT_END, tzinfo=KYIV_ZONE)
    else:
        start = kyiv_midnight(day)
        end = start + timedelta(days=1)
    places = tuple(_place(n) for n in s.places)
    weapons = list(s.weapons)
    for name, value in (("drones", s.drones), ("missiles", s.missiles)):
        if value is not None and name not in weapons:
            weapons.append(name)
    return Strike(
        id="strike-" + _digest(report_id, s.to_contract()),
        attacker=s.attacker,
        start=start,
        end=end,
        tz=KYIV,
        time_precision=TimePrecision.NIGHT if s.overnight else TimePrecision.DAY,
        drones=_qty(s.drones),
        missiles=_qty(s.missiles),
        drones_downed=s.drones_downed,
        missiles_downed=s.missiles_downed,
        weapons=tuple(weapons),
        models=tuple(s.models),
        places=places,
        place_names=tuple(s.places),
        geo_precision=GeoPrecision.of_places(places),
        targets=tuple(s.targets),
        killed=s.killed,
        injured=s.injured,
        reports=(report_id,),
        credibility=Credibility.WEAK,
        claimed_by=s.claimed_by,
        notes=("extracted by trucewatch.extract.rules v1",),
    )


def _title(p: ExtractedPledge) -> str:
    scope = ", ".join(p.targets + p.places) or "all attacks"
    days = f", {p.duration_days} days" if p.duration_days else ""
    return f"{p.party} {p.status.replace('_', ' ')}: pause on {scope}{days}"


def to_pledge_draft(p: ExtractedPledge, report_id: str, published: date) -> Pledge:
    """A draft Pledge with one reading by the party itself, for an analyst to review."""
    start = kyiv_midnight(p.start) if p.start else None
    end = kyiv_midnight(p.end) + timedelta(days=1) if p.end else None
    if end is None and start is not None and p.duration_days:
        end = start + timedelta(days=p.duration_days)
    scope = Scope(targets=tuple(p.targets) or None, places=tuple(p.places) or None)
    reading = Reading(by=p.party, start=start, end=end, tz=KYIV, sources=(report_id,))
    parties = (p.party,)
    return Pledge(
        id="draft-" + _digest(report_id, p.to_contract()),
        title=_title(p),
        parties=parties,
        broker=p.broker,
        announced=published.isoformat(),
        status=PledgeStatus(p.status),
        scope=scope,
        sources=(report_id,),
        readings=(reading,),
        draft=True,
    )
