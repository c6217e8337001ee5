"""Lexicons the extractor uses: target categories, weapons, parties, and the place index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place the extractor can name: contract name, kind, oblast and side of the border."""

    name: str
    kind: str
    oblast: str | None
    country: str


def _load(name: str) -> dict[str, Any]:
    ref = resources.files("trucewatch.data.extract").joinpath(name)
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Lexicon:
    """Word lists loaded from `trucewatch/data/extract/lexicon.json`."""

    targets: dict[str, tuple[str, ...]]
    target_blockers: tuple[str, ...]
    drone_nouns: frozenset[str]
    missile_nouns: frozenset[str]
    not_attack_drone: frozenset[str]
    ru_weapons: frozenset[str]
    ua_weapons: frozenset[str]
    parties: dict[str, tuple[str, ...]]
    weapon_classes: dict[str, frozenset[str]]
    weapon_cues: dict[str, frozenset[str]]

    def party_of(self, word: str) -> str | None:
        """The party code a word names ("Kremlin" -> "RU"), or None."""
        w = word.lower()
        for code, words in self.parties.items():
            if w in words:
                return code
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    d = _load("lexicon.json")
    return Lexicon(
        targets={k: tuple(v) for k, v in d["targets"].items()},
        target_blockers=tuple(d["target_blockers"]),
        drone_nouns=frozenset(d["drone_nouns"]),
        missile_nouns=frozenset(d["missile_nouns"]),
        not_attack_drone=frozenset(d["not_attack_drone"]),
        ru_weapons=frozenset(d["ru_weapons"]),
        ua_weapons=frozenset(d["ua_weapons"]),
        parties={k: tuple(v) for k, v in d["parties"].items()},
        weapon_classes={k: frozenset(v) for k, v in d["weapon_classes"].items()},
        weapon_cues={k: frozenset(v) for k, v in d["weapon_cues"].items()},
    )


class PlaceIndex:
    """Surface name (lower case) -> place, from the gazetteer plus our fallback list.

    `settlements` holds names usable bare ("Sumy"); `regions` holds the stem a following
    "region"/"oblast" turns into a region ("Sumy region" -> "Sumy Oblast").
    """

    def __init__(self) -> None:
        self.settlements: dict[str, PlaceRef] = {}
        self.regions: dict[str, PlaceRef] = {}
        self.ru_oblasts: set[str] = set()
        self.capital = {"RU": "Moscow", "UA": "Kyiv"}
        fallback = _load("places_fallback.json")
        self._contract_names: dict[str, str] = dict(fallback.get("contract_names", {}))
        self.ru_oblasts.update(f"{s} Oblast" for s in fallback["ru_oblasts"])
        self.ru_oblasts.update(fallback["ru_regions"])
        self._load_gazetteer()
        self._load_fallback(fallback)

    def _contract(self, name: str) -> str:
        name = self._contract_names.get(name, name)
        return name.replace("’", "").replace("'", "")

    def _load_fallback(self, d: dict[str, Any]) -> None:
        """Our own list fills what the gazetteer lacks and fixes names not in contract form."""
        for stem in d["ua_oblasts"]:
            self._region(stem.lower(), PlaceRef(f"{stem} Oblast", "oblast", f"{stem} Oblast", "UA"))
        for stem in d["ru_oblasts"]:
            self._region(stem.lower(), PlaceRef(f"{stem} Oblast", "oblast", f"{stem} Oblast", "RU"))
        for stem in d["ru_regions"]:
            self._region(stem.lower(), PlaceRef(stem, "region", stem, "RU"))
        for name in d["regions"]:
            country = "UA" if name == "Crimea" else "--"
            ref = PlaceRef(name, "region", name, country)
            self.regions[name.lower()] = ref
            self.settlements[name.lower()] = ref
        for name, oblast in d["settlements"].items():
            country = "RU" if oblast in self.ru_oblasts or oblast.endswith("Krai") else "UA"
            self._settlement(name.lower(), PlaceRef(name, "settlement", oblast, country))
        for alias, canonical in d["aliases"].items():
            key = canonical.lower()
            if key in self.settlements:
                self.settlements.setdefault(alias.lower(), self.settlements[key])
            if key in self.regions:
                self.regions.setdefault(alias.lower(), self.regions[key])

    def _region(self, key: str, ref: PlaceRef) -> None:
        have = self.regions.get(key)
        if have is None or not have.name.isascii() or have.name.lower() != ref.name.lower():
            self.regions[key] = ref

    def _settlement(self, key: str, ref: PlaceRef) -> None:
        have = self.settlements.get(key)
        if have is None or not have.name.isascii() or have.name.lower() != key:
            self.settlements[key] = ref

    def _load_gazetteer(self) -> None:
        for surface, place in _gazetteer_names():
            key = surface.lower().strip()
            if len(key) < 3 or not key.isascii():
                continue
            kind = str(getattr(place, "kind", "settlement"))
            name = self._contract(str(getattr(place, "name", surface)))
            oblast = getattr(place, "oblast", None)
            if kind == "settlement":
                country = "RU" if oblast in self.ru_oblasts else "UA"
                self.settlements.setdefault(key, PlaceRef(name, "settlement", oblast, country))
            elif kind in ("oblast", "region"):
                stem = key
                for suffix in (" oblast", " region", " province", " krai", " republic"):
                    stem = stem.removesuffix(suffix)
                if kind == "region" and name.endswith(" Oblast"):
                    self.ru_oblasts.add(name)
                country = "RU" if name in self.ru_oblasts else "UA"
                self.regions.setdefault(stem, PlaceRef(name, kind, name, country))

    def surfaces(self) -> Iterator[str]:
        """Every surface name the matcher should look for."""
        yield from self.settlements
        yield from self.regions

    def lookup(self, surface: str, as_region: bool) -> PlaceRef | None:
        """The place a surface name denotes, as a region when a region word follows it."""
        key = surface.lower()
        if as_region:
            return self.regions.get(key) or self.settlements.get(key)
        return self.settlements.get(key) or self._region_as_city(key)

    def _region_as_city(self, key: str) -> PlaceRef | None:
        ref = self.regions.get(key)
        if ref is None:
            return None
        if ref.kind == "region":
            return ref
        # A bare oblast stem names its capital city ("Kherson"), an oblast in Russia's breakdowns.
        stem = ref.name.removesuffix(" Oblast")
        return PlaceRef(stem, "settlement", ref.name, ref.country)


def _gazetteer_names() -> Iterator[tuple[str, object]]:
    """(surface, Place) pairs from trucewatch.geo when it is installed, else nothing."""
    try:
        from trucewatch.geo import default_gazetteer  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return
    try:
        gz = default_gazetteer()
        yield from gz.names()
    except Exception:
        return


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The place index, built once per process."""
    return PlaceIndex()
