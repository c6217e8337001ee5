"""Which strikes describe the same attack, and the one strike that cites them all.

Two strikes describe the same attack (rule ``merge.v1``) when they come from different
sources, have the same attacker, their times overlap (for at least half of the shorter
span, so a strike known only to the day is not taken for the night wave that begins that
evening), their launch counts
are compatible (ranges that meet once widened by a quarter) and their places are compatible
(one lies within the other, or either is known only to the country), and there is positive
evidence: a launch count both give and agree on, or a place both name. Strikes from one
dataset are never merged with each other: the dataset's own grouping is its word.

The merged strike keeps the anchor's id and figures (an official record if there is one,
else the most precise in time), takes the union of places, targets and weapons, the
casualty figures that the reports give (the largest, noting disagreements), cites every
report, and is graded anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from trucewatch.geo import Gazetteer, default_gazetteer
from trucewatch.merge.grade import grade
from trucewatch.model import (
    GeoPrecision,
    Place,
    Quantity,
    Report,
    SourceKind,
    Strike,
    TimePrecision,
)

MERGE_RULE = "merge.v1"
_SLACK = 0.25
_PRECISION_RANK = {p: i for i, p in enumerate(TimePrecision)}
_GEO_RANK = {p: i for i, p in enumerate(GeoPrecision)}
_OFFICIAL = {SourceKind.OFFICIAL_UA, SourceKind.OFFICIAL_RU}
# Formats whose strikes each come from one text; any other format is a dataset, whose own
# grouping of rows stands (two strikes of one dataset are never merged).
NEWS_FORMATS = frozenset({"text", "html", "rss", "telegram", "curated"})


def _counts_compatible(a: Quantity | None, b: Quantity | None) -> bool:
    if a is None or b is None:
        return True
    lo_a, hi_a = a.min or 0, a.max if a.max is not None else float("inf")
    lo_b, hi_b = b.min or 0, b.max if b.max is not None else float("inf")
    return lo_a * (1 - _SLACK) <= hi_b * (1 + _SLACK) and lo_b * (1 - _SLACK) <= hi_a * (1 + _SLACK)


@dataclass
class _Cluster:
    members: list[Strike] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _mostly_overlapping(a: Strike, b: Strike) -> bool:
    """The times overlap for at least half of the shorter one.

    A strike known to the day (00:00-24:00) touches the evening of the night wave that
    begins that day; only overlapping for half its time or more makes it the same attack.
    """
    overlap = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return overlap.total_seconds() > 0 and overlap * 2 >= shorter


def _counted_alike(a: Strike, b: Strike) -> bool:
    """Both give a launch count on some axis, and every such count agrees."""
    pairs = [(a.drones, b.drones), (a.missiles, b.missiles)]
    given = [(x, y) for x, y in pairs if x is not None and y is not None]
    return bool(given) and all(_counts_compatible(x, y) for x, y in given)


class Merger:
    """Finds strikes that describe the same attack and merges them."""

    def __init__(self, reports: Mapping[str, Report], gazetteer: Gazetteer | None = None) -> None:
        self.reports = reports
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use: combining a cluster needs none (reading merged
        strikes loaded it for nothing, 1.55 s of a cold `strikes list`)."""
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def _sources(self, strike: Strike) -> set[str]:
        return {self.reports[r].source if r in self.reports else r for r in strike.reports}

    def _formats(self, strike: Strike) -> set[str]:
        return {self.reports[r].format for r in strike.reports if r in self.reports}

    def _places_compatible(self, a: Strike, b: Strike) -> bool:
        pa = [p for p in a.places if p.kind != "country"]
        pb = [p for p in b.places if p.kind != "country"]
        if not pa or not pb:
            return True
        near = self.gazetteer.may_contain
        return any(
            near(x, y) or near(y, x) or (x.oblast and x.oblast == y.oblast) for x in pa for y in pb
        )

    def _places_shared(self, a: Strike, b: Strike) -> bool:
        """Some settlement or oblast is named by both (or lies within the other's)."""
        pa = [p for p in a.places if p.kind != "country"]
        pb = [p for p in b.places if p.kind != "country"]
        near = self.gazetteer.may_contain
        return any(near(x, y) or near(y, x) for x in pa for y in pb)

    def compatible(self, a: Strike, b: Strike) -> str | None:
        """Why ``a`` and ``b`` describe the same attack, or None when they do not."""
        if a.attacker is None or a.attacker != b.attacker:
            return None
        if self._sources(a) & self._sources(b):
            return None
        formats = self._formats(a) & self._formats(b)
        if formats - NEWS_FORMATS:
            return None
        if not _mostly_overlapping(a, b):
            return None
        if not (
            _counts_compatible(a.drones, b.drones) and _counts_compatible(a.missiles, b.missiles)
        ):
            return None
        if not self._places_compatible(a, b):
            return None
        if not (_counted_alike(a, b) or self._places_shared(a, b)):
            # Overlapping times alone are not enough: a night wave and a daytime strike the
            # same day can be different attacks. Ask for a matching count or a shared place.
            return None
        counts = [
            f"{name} {qa} vs {qb}"
            for name, qa, qb in (
                ("drones", a.drones, b.drones),
                ("missiles", a.missiles, b.missiles),
            )
            if qa is not None and qb is not None
        ]
        detail = f"; counts {', '.join(counts)}" if counts else ""
        return f"same attacker {a.attacker}, times overlap{detail}"

    def _rank(self, strike: Strike) -> tuple[int, int, str]:
        official = any(
            r in self.reports and self.reports[r].source_kind in _OFFICIAL for r in strike.reports
        )
        return (0 if official else 1, _PRECISION_RANK[strike.time_precision], strike.id)

    def merge(self, strikes: Iterable[Strike]) -> list[Strike]:
        """Every strike once: merged ones stand for their members, the rest as they are."""
        clusters: list[_Cluster] = []
        open_clusters: list[_Cluster] = []
        for strike in sorted(strikes, key=lambda s: (s.start, s.id)):
            open_clusters = [
                c for c in open_clusters if max(m.end for m in c.members) > strike.start
            ]
            home = None
            for cluster in open_clusters:
                reasons = [self.compatible(m, strike) for m in cluster.members]
                if all(reasons):
                    home = cluster
                    home.reasons.append(f"{strike.id}: {reasons[0]}")
                    break
            if home is None:
                home = _Cluster()
                clusters.append(home)
                open_clusters.append(home)
            home.members.append(strike)
        return [self._combine(c) if len(c.members) > 1 else c.members[0] for c in clusters]

    def combine(self, members: Sequence[Strike], reasons: Sequence[str]) -> Strike:
        """The strike that stands for a cluster (members in merge order, why each joined)."""
        if len(members) == 1:
            return members[0]
        return self._combine(_Cluster(list(members), list(reasons)))

    def _combine(self, cluster: _Cluster) -> Strike:
        members = sorted(cluster.members, key=self._rank)
        anchor = members[0]
        notes = list(anchor.notes)
        others = ", ".join(m.id for m in members[1:])
        notes.append(f"{MERGE_RULE}: merged with {others} ({'; '.join(cluster.reasons)})")
        update: dict[str, object] = {}
        for name in ("drones", "missiles", "drones_downed", "missiles_downed"):
            values = [getattr(m, name) for m in members if getattr(m, name) is not None]
            if values:
                update[name] = values[0]
                if len({str(v) for v in values}) > 1:
                    listed = ", ".join(str(v) for v in values)
                    notes.append(f"{name}: reports differ ({listed}); kept {values[0]}")
        for name in ("killed", "injured"):
            values = [getattr(m, name) for m in members if getattr(m, name) is not None]
            if values:
                update[name] = max(values)
                if len(set(values)) > 1:
                    notes.append(
                        f"{name}: reports differ ({', '.join(map(str, values))}); kept the largest"
                    )
        places: dict[str, Place] = {}
        for m in members:
            for p in m.places:
                places.setdefault(p.name, p)
        specific = {k: p for k, p in places.items() if p.kind != "country"}
        credibility, why = grade(members, self.reports, anchor.attacker)
        notes.append(f"grade {credibility.value}: {why}")
        return anchor.model_copy(
            update={
                **update,
                "places": tuple((specific or places).values()),
                "place_names": tuple(dict.fromkeys(n for m in members for n in m.place_names)),
                "geo_precision": min((m.geo_precision for m in members), key=_GEO_RANK.__getitem__),
                "targets": tuple(dict.fromkeys(t for m in members for t in m.targets)),
                "weapons": tuple(sorted({w for m in members for w in m.weapons})),
                "models": tuple(dict.fromkeys(x for m in members for x in m.models)),
                "reports": tuple(dict.fromkeys(r for m in members for r in m.reports)),
                "credibility": credibility,
                "claimed_by": anchor.claimed_by
                if all(m.claimed_by == anchor.claimed_by for m in members)
                else None,
                "notes": tuple(notes),
            }
        )


def merge_strikes(
    strikes: Sequence[Strike], reports: Mapping[str, Report], gazetteer: Gazetteer | None = None
) -> list[Strike]:
    """Merge the strikes that describe the same attack (see the module's rule)."""
    return Merger(reports, gazetteer).merge(strikes)
