"""The gazetteer: resolve place names to Places, test containment, list names for matchers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from trucewatch.geo.cache import cached_entries
from trucewatch.geo.entry import NAME_ALIAS, Entry
from trucewatch.geo.tables import Tables, load_tables
from trucewatch.geo.text import key, split_suffix
from trucewatch.model import Place

__all__ = ["Gazetteer"]

_PARENTHESES = re.compile(r"\([^)]*\)")
#: Settlement types written before a name: "city of Kherson", "м. Суми", "village Ternivka".
_TYPE_PREFIX = re.compile(
    r"^(?:(?:the )?(?:city|town|village|settlement|urban type settlement|hromada) (?:of )?"
    r"|(?:м|с|смт|сщ|селище|село|місто|город|г|пос|пгт)\.? )"
)
_MIN_MATCHER_LETTERS = 3


class Gazetteer:
    """Ukrainian places (plus Crimea and the Russian regions near Ukraine) by every name."""

    def __init__(
        self, entries: Iterable[Entry] | None = None, tables: Tables | None = None
    ) -> None:
        """Index the given entries, or build them from GeoNames, KATOTTG and our tables."""
        self._tables = tables if tables is not None else load_tables()
        if entries is None:
            entries = cached_entries(self._tables)
        self._entries = list(entries)
        self._index: dict[str, list[tuple[int, tuple[int, int], int]]] = {}
        self._stems: dict[str, list[int]] = {}
        self._unit_keys: dict[str, int] = {}
        self._units: dict[str, Entry] = {}
        self._not_places = frozenset(key(n) for n in self._tables.not_places)
        self._common = frozenset(key(n) for n in self._tables.common_words)
        self._build()

    def _build(self) -> None:
        """Fill the name, stem and unit indexes and add our aliases."""
        units: list[int] = []
        for i, entry in enumerate(self._entries):
            for name, strength in entry.names.items():
                self._index.setdefault(entry.keys[name], []).append((strength, entry.rank, i))
            if entry.kind in ("oblast", "region"):
                units.append(i)
                self._units[entry.name] = entry
                for k in entry.keys.values():
                    self._unit_keys.setdefault(k, i)
                for stem in entry.stems:
                    self._stems.setdefault(key(stem), []).append(i)
        # Bare stems ("Odesa") name a unit only where no unit is called that outright ("Kyiv").
        for i in units:
            for stem in self._entries[i].stems:
                self._unit_keys.setdefault(key(stem), i)
        for alias, target in self._tables.aliases.items():
            hits = self._index.get(key(target))
            if not hits:
                continue  # a gazetteer built from other entries; tests check the real one
            best = min(hits)
            self._entries[best[2]].add(alias, NAME_ALIAS)
            self._index.setdefault(key(alias), []).append((NAME_ALIAS, best[1], best[2]))
        for k, hits in self._index.items():
            seen: set[int] = set()
            ordered = []
            for hit in sorted(hits):
                if hit[2] not in seen:
                    seen.add(hit[2])
                    ordered.append(hit)
            self._index[k] = ordered

    # -- lookup ---------------------------------------------------------------------------

    def resolve(self, name: str) -> Place | None:
        """The place a name most likely means, or None when it names no place we know."""
        hits = self.resolve_all(name)
        return hits[0] if hits else None

    def resolve_all(self, name: str) -> list[Place]:
        """Every place a name can mean, most likely first (largest, then broadest)."""
        return [self._entries[i].place for i in self._resolve(name)]

    def _resolve(self, name: str) -> list[int]:
        """Entry indexes for a name, trying the whole name, then its parts."""
        k = key(name)
        if not k or k in self._not_places:
            return []
        hits = self._lookup(k)
        if hits:
            return hits
        bare = _PARENTHESES.sub(" ", name)
        if bare != name:
            return self._resolve(bare)
        if "," in name:
            return self._resolve_parts([p for p in name.split(",") if p.strip()])
        return []

    def _lookup(self, k: str) -> list[int]:
        """Entry indexes for one key: a known name, a prefixed name, or "<stem> oblast"."""
        hits = self._index.get(k)
        if hits:
            return [i for _, _, i in hits]
        unprefixed = _TYPE_PREFIX.sub("", k)
        if unprefixed != k and unprefixed:
            return self._lookup(unprefixed)
        split = split_suffix(k)
        if split is not None:
            return list(self._stems.get(split[0], []))
        return []

    def _resolve_parts(self, parts: list[str]) -> list[int]:
        """Resolve "place, wider place": the head, narrowed to the wider place when it helps."""
        head = self._resolve(parts[0])
        context = [i for p in parts[1:] for i in self._resolve(p)[:1]]
        if not head:
            return context[:1]
        wider = [self._entries[i].place for i in context]
        narrowed = [i for i in head if any(self.contains(w, self._entries[i].place) for w in wider)]
        return narrowed or head

    # -- geography --------------------------------------------------------------------------

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether inner lies within outer (same place, settlement in oblast, place in country)."""
        if _same(outer, inner):
            return True
        if outer.kind == "country":
            return inner.kind != "country" and self._country_of(inner) == outer.gazetteer_id
        if outer.kind in ("oblast", "region"):
            return inner.kind == "settlement" and inner.oblast == outer.name
        return False

    # Cities with special status are their own first-level units, yet reports often name the
    # surrounding oblast for them ("Kyiv oblast" for strikes on the capital too).
    _SURROUNDING: ClassVar[dict[str, str]] = {
        "Kyiv": "Kyiv Oblast",
        "Sevastopol": "Autonomous Republic of Crimea",
    }

    def may_contain(self, outer: Place, inner: Place) -> bool:
        """Whether a report naming ``outer`` may mean ``inner``: within it, or its oblast."""
        if self.contains(outer, inner):
            return True
        return outer.kind == "oblast" and self._SURROUNDING.get(inner.oblast or "") == outer.name

    def _country_of(self, place: Place) -> str | None:
        """ISO code of the country a place lies in, when the gazetteer knows it."""
        if place.kind == "country":
            return place.gazetteer_id
        unit = self._units.get(place.oblast or "")
        return unit.country if unit is not None else None

    def oblasts(self) -> list[Place]:
        """The 27 first-level units of Ukraine (24 oblasts, Crimea, Kyiv, Sevastopol)."""
        return [e.place for e in self._units.values() if e.country == "UA"]

    def regions(self) -> list[Place]:
        """The Russian regions the gazetteer knows."""
        return [e.place for e in self._units.values() if e.country == "RU"]

    def iso_for_oblast(self, name: str) -> str | None:
        """ISO 3166-2 code of a first-level unit named in any spelling ("Odessa Oblast")."""
        k = key(_PARENTHESES.sub(" ", name))
        i = self._unit_keys.get(k)
        if i is None:
            split = split_suffix(k)
            stems = self._stems.get(split[0], []) if split else []
            i = stems[0] if stems else None
        return self._entries[i].place.gazetteer_id if i is not None else None

    def names(self) -> Iterator[tuple[str, Place]]:
        """Each matcher-worthy surface name once, with the place resolve() gives for it."""
        # Left out: ordinary words that are also settlement names ("Bar"), former names and
        # stray translations from GeoNames, and village names of four letters or fewer.
        seen: set[str] = set()
        for entry in self._entries:
            for name in entry.names:
                if name in seen or name not in entry.public:
                    continue
                seen.add(name)
                k = entry.keys[name]
                if k in self._common or k in self._not_places:
                    continue
                if sum(c.isalpha() for c in name) < _MIN_MATCHER_LETTERS:
                    continue
                best = self._index[k][0][2]
                yield name, self._entries[best].place

    def __len__(self) -> int:
        """Number of places."""
        return len(self._entries)


def _same(a: Place, b: Place) -> bool:
    """Whether two Places are the same gazetteer place."""
    if a.gazetteer_id and b.gazetteer_id:
        return a.gazetteer_id == b.gazetteer_id
    return a == b
