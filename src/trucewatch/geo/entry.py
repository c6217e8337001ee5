"""One gazetteer entry: a place, the names it goes by, and how it ranks among namesakes."""

from __future__ import annotations

from typing import Any

from trucewatch.geo.text import key
from trucewatch.model import Place

__all__ = [
    "NAME_ALIAS",
    "NAME_OTHER",
    "NAME_PRIMARY",
    "NAME_VARIANT",
    "NAME_WEAK",
    "TIER_GEONAMES",
    "TIER_KATOTTG",
    "TIER_UNIT",
    "TIER_UNMATCHED",
    "Entry",
    "PlaceFields",
]

#: How strongly a surface name stands for its place; a lower number wins among namesakes.
NAME_ALIAS, NAME_PRIMARY, NAME_VARIANT, NAME_OTHER, NAME_WEAK = -1, 0, 1, 2, 3
#: Where an entry comes from; among equally strong names the lower tier wins. Ukrainian
#: GeoNames entries that KATOTTG does not know are mostly city districts ("Saltivka").
TIER_UNIT, TIER_GEONAMES, TIER_KATOTTG, TIER_UNMATCHED = 0, 1, 2, 3

#: name, kind, oblast, gazetteer_id, lat, lon: the fields of a Place, kept raw until needed.
PlaceFields = tuple[str, str, str | None, str | None, float | None, float | None]


class Entry:
    """One place with every surface name it goes by and its rank among namesakes."""

    __slots__ = ("_place", "country", "fields", "keys", "names", "public", "rank", "stems")

    def __init__(self, fields: PlaceFields, country: str, rank: tuple[int, int]) -> None:
        """A place (as raw fields), its country's ISO code and its (tier, order) rank."""
        self.fields = fields
        self.country = country
        self.rank = rank
        #: Surface name -> NAME_* strength, in the order the names were added.
        self.names: dict[str, int] = {}
        #: Surface name -> lookup key.
        self.keys: dict[str, str] = {}
        #: Names that may be offered to a text matcher; the rest only resolve when asked.
        self.public: set[str] = set()
        #: Words that name a first-level unit before "oblast"/"region" ("Odesa", "Odeska").
        self.stems: list[str] = []
        self._place: Place | None = None

    @property
    def place(self) -> Place:
        """The Place, built on first use (most entries are never asked for theirs)."""
        if self._place is None:
            name, kind, oblast, gazetteer_id, lat, lon = self.fields
            self._place = Place.model_validate(
                {
                    "name": name,
                    "kind": kind,
                    "oblast": oblast,
                    "gazetteer_id": gazetteer_id,
                    "lat": lat,
                    "lon": lon,
                }
            )
        return self._place

    @property
    def kind(self) -> str:
        """The place's kind without building the Place."""
        return self.fields[1]

    @property
    def name(self) -> str:
        """The place's canonical name without building the Place."""
        return self.fields[0]

    def add(self, name: str, strength: int = NAME_PRIMARY, *, public: bool = True) -> None:
        """Record a surface name, keeping its strongest strength."""
        name = " ".join(name.split())
        if not name:
            return
        self.names[name] = min(strength, self.names.get(name, strength))
        if name not in self.keys:
            self.keys[name] = key(name)
        if public:
            self.public.add(name)

    def to_row(self) -> list[Any]:
        """A JSON-ready row that from_row turns back into an equal entry."""
        names = [[n, s, self.keys[n], int(n in self.public)] for n, s in self.names.items()]
        return [list(self.fields), self.country, list(self.rank), names, self.stems]

    @classmethod
    def from_row(cls, row: list[Any]) -> Entry:
        """The entry a to_row row describes."""
        fields, country, rank, names, stems = row
        name, kind, oblast, gazetteer_id, lat, lon = fields
        entry = cls((name, kind, oblast, gazetteer_id, lat, lon), country, (rank[0], rank[1]))
        for name, strength, k, public in names:
            entry.names[name] = strength
            entry.keys[name] = k
            if public:
                entry.public.add(name)
        entry.stems = stems
        return entry
