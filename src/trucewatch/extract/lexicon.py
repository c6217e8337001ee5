"""Lexicons the extractor uses: target categories, weapons, parties, and the place index."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from trucewatch.geo import require_gazetteer
from trucewatch.model import Place

__all__ = ["PlaceRef", "lexicon", "place_index"]


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
    water_areas: tuple[str, ...] = ()

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
        water_areas=tuple(d["water_areas"]),
    )


class PlaceIndex:
    """Surface name (lower case) -> place, from the one gazetteer (`trucewatch.geo`).

    `settlements` holds names usable bare ("Sumy"); `regions` holds the stem a following
    "region"/"oblast" turns into a region ("Sumy region" -> "Sumy Oblast"). Seas are the
    lexicon's water areas: places a pledge may cover, never places a strike hits.
    """

    def __init__(self, names: Iterable[tuple[str, Place]], ru_units: Iterable[str]) -> None:
        lex = _load("lexicon.json")
        self.settlements: dict[str, PlaceRef] = {}
        self.regions: dict[str, PlaceRef] = {}
        self.ru_oblasts: set[str] = set()
        self.capital = {"RU": "Moscow", "UA": "Kyiv"}
        self._contract_names: dict[str, str] = dict(lex["contract_names"])
        self._ru_units = {self._contract(n) for n in ru_units}
        self.ru_oblasts.update(n for n in self._ru_units if n.endswith(" Oblast"))
        for surface, place in names:
            self._add(surface, place)
        for name in lex["water_areas"]:
            ref = PlaceRef(name, "region", name, "--")
            self.regions[name.lower()] = ref
            self.settlements[name.lower()] = ref

    def _contract(self, name: str) -> str:
        name = self._contract_names.get(name, name)
        return name.replace("’", "").replace("'", "")

    def _add(self, surface: str, place: Place) -> None:
        key = surface.lower().strip()
        if len(key) < 3 or not key.isascii():
            return
        name = self._contract(place.name)
        if place.kind == "settlement":
            oblast = self._contract(place.oblast) if place.oblast else None
            country = "RU" if oblast in self._ru_units else "UA"
            self.settlements.setdefault(key, PlaceRef(name, "settlement", oblast, country))
        elif place.kind in ("oblast", "region"):
            stem = key
            for suffix in (" oblast", " region", " province", " krai", " republic"):
                stem = stem.removesuffix(suffix)
            country = "RU" if name in self._ru_units else "UA"
            kind = "oblast" if name.endswith(" Oblast") else "region"
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


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The place index, built once per process from the gazetteer."""
    gz = require_gazetteer()
    return PlaceIndex(gz.names(), (p.name for p in gz.regions()))
