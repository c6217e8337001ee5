"""The ``merge.v1`` decisions made one strike at a time, against an index of open clusters.

``Merger.merge`` (the reference) walks strikes in (start, id) order and puts each into the
first open cluster, in order of creation, whose every member it is compatible with. A cluster
is open while its latest end is after the strike's start. ``Clusterer`` makes exactly those
decisions, but only looks at clusters that can accept the strike: same attacker (strikes
without one never join anything), still open (a heap by latest end), no dataset format in
common (rows of one dataset never merge) and no source in common. Those filters are the
reference's own rejections applied to a whole cluster at once, so the first cluster left that
passes the full member-by-member check is the reference's choice.

The state (the open clusters) is all that a later decision depends on, which is what lets the
stored projection (``merge/stored.py``) replay a stretch of the timeline and stop as soon as
the new state equals the stored one.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime

from trucewatch.merge.cluster import NEWS_FORMATS, Merger
from trucewatch.model import Strike

Key = tuple[datetime, str]


def key_of(strike: Strike) -> Key:
    """A strike's place in the merge order."""
    return (strike.start, strike.id)


@dataclass(eq=False)
class OpenCluster:
    """A cluster that later strikes may still join: members in order and why each joined."""

    members: list[Strike]
    reasons: list[str] = field(default_factory=list)
    end: datetime = field(init=False)
    sources: set[str] = field(default_factory=set)
    formats: set[str] = field(default_factory=set)
    closed: bool = False

    def __post_init__(self) -> None:
        self.end = max(m.end for m in self.members)

    @property
    def id(self) -> str:
        return self.members[0].id

    @property
    def key(self) -> Key:
        return key_of(self.members[0])

    @property
    def attacker(self) -> str | None:
        return self.members[0].attacker

    @property
    def signature(self) -> frozenset[str]:
        """The dataset formats among its members (a strike of one of them cannot join)."""
        return frozenset(self.formats - NEWS_FORMATS)


class Clusterer:
    """Feeds strikes in (start, id) order and says which cluster each one joins."""

    def __init__(self, merger: Merger, *, track: bool = False) -> None:
        self.merger = merger
        self.track = track
        # attacker -> dataset-format signature -> cluster key -> cluster
        self._open: dict[str, dict[frozenset[str], dict[Key, OpenCluster]]] = {}
        self._heap: list[tuple[datetime, Key, OpenCluster]] = []
        # With ``track``: clusters created, joined or closed since the caller emptied this.
        self.touched: list[OpenCluster] = []

    def seed(self, members: list[Strike], reasons: list[str]) -> OpenCluster:
        """Put back a cluster known from before (its members so far, in order)."""
        cluster = OpenCluster(list(members), list(reasons))
        for m in members:
            cluster.sources |= self.merger._sources(m)
            cluster.formats |= self.merger._formats(m)
        self._index(cluster)
        return cluster

    def advance(self, moment: datetime) -> None:
        """Close every cluster whose latest end is not after ``moment``."""
        while self._heap and self._heap[0][0] <= moment:
            end, _, cluster = heapq.heappop(self._heap)
            if end != cluster.end or cluster.closed:
                continue  # a stale heap entry: the cluster grew later
            self._unindex(cluster)
            cluster.closed = True
            if self.track:
                self.touched.append(cluster)

    def open_clusters(self) -> list[OpenCluster]:
        """The clusters still open, in order of creation."""
        found = [c for by_sig in self._open.values() for g in by_sig.values() for c in g.values()]
        return sorted(found, key=lambda c: c.key)

    def add(self, strike: Strike) -> tuple[OpenCluster, str | None]:
        """The cluster ``strike`` joins (or starts) and the reason it joined (None if it starts)."""
        self.advance(strike.start)
        sources = self.merger._sources(strike)
        formats = self.merger._formats(strike)
        if strike.attacker is not None:
            home = self._first_fit(strike, sources, formats)
            if home is not None:
                cluster, reason = home
                self._unindex(cluster)
                cluster.members.append(strike)
                cluster.reasons.append(reason)
                cluster.sources |= sources
                cluster.formats |= formats
                grew = strike.end > cluster.end
                cluster.end = max(cluster.end, strike.end)
                self._index(cluster, push=grew)
                return cluster, reason
        cluster = OpenCluster([strike], [], sources=set(sources), formats=set(formats))
        self._index(cluster)
        return cluster, None

    def _first_fit(
        self, strike: Strike, sources: set[str], formats: set[str]
    ) -> tuple[OpenCluster, str] | None:
        hard = formats - NEWS_FORMATS
        assert strike.attacker is not None
        groups = self._open.get(strike.attacker, {})
        candidates = [
            c
            for sig, group in groups.items()
            if not (sig & hard)
            for c in group.values()
            if not (c.sources & sources)
        ]
        candidates.sort(key=lambda c: c.key)
        for cluster in candidates:
            first = self.merger.compatible(cluster.members[0], strike)
            if first is None:
                continue
            if all(self.merger.compatible(m, strike) for m in cluster.members[1:]):
                return cluster, f"{strike.id}: {first}"
        return None

    def _index(self, cluster: OpenCluster, *, push: bool = True) -> None:
        attacker = cluster.attacker
        if attacker is not None:
            by_sig = self._open.setdefault(attacker, {})
            by_sig.setdefault(cluster.signature, {})[cluster.key] = cluster
        if self.track:
            self.touched.append(cluster)
        if push:  # one heap entry per (cluster, end): a key never ties with itself
            heapq.heappush(self._heap, (cluster.end, cluster.key, cluster))

    def _unindex(self, cluster: OpenCluster) -> None:
        attacker = cluster.attacker
        if attacker is None:
            return
        group = self._open.get(attacker, {}).get(cluster.signature)
        if group is not None:
            group.pop(cluster.key, None)
            if not group:
                del self._open[attacker][cluster.signature]


def merge_in_order(strikes: list[Strike], merger: Merger) -> list[Strike]:
    """The same result as ``merger.merge(strikes)``, through the index (for tests and rebuilds)."""
    clusterer = Clusterer(merger)
    found: list[OpenCluster] = []
    for strike in sorted(strikes, key=key_of):
        cluster, reason = clusterer.add(strike)
        if reason is None:
            found.append(cluster)
    return [merger.combine(c.members, c.reasons) for c in found]
