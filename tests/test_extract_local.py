"""Local attacks (issue 8): weapons told one at a time, FPV drones, villages and communities."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import extract
from trucewatch.extract.numbers import Qty

DAY = date(2025, 3, 17)


def _drones(text: str) -> Qty | None:
    (strike,) = extract(text, DAY).strikes
    return strike.drones


@pytest.mark.parametrize(
    "text",
    [
        "In Nikopol an FPV drone struck a car, wounding its driver.",
        "An FPV drone hit a minibus in Kherson on Monday morning, injuring three passengers.",
    ],
)
def test_an_fpv_drone_is_one_attack_drone(text: str) -> None:
    assert _drones(text) == Qty(1, 1)


def test_five_fpv_drones_are_five() -> None:
    text = "Russian forces used five FPV drones against Bilozerka on Monday, wounding two men."
    assert _drones(text) == Qty(5, 5)


def test_drones_told_one_at_a_time_add_up() -> None:
    text = (
        "At about 9 a.m. a Russian drone dropped explosives on a minibus in Kherson, killing "
        "the driver. Earlier in the morning an FPV drone hit a private house in the city."
    )
    assert _drones(text) == Qty(2, 2)


@pytest.mark.parametrize("second", ["a second drone", "a second FPV drone", "another drone"])
def test_a_drone_counted_off_is_one_more(second: str) -> None:
    text = (
        "A Russian drone struck a bus near Inzhenerne on Monday, killing two people. When "
        f"police returned to the site, {second} hit it, wounding three officers."
    )
    assert _drones(text) == Qty(2, 2)


def test_a_second_drone_attack_counts_no_drone() -> None:
    text = (
        "A Russian drone struck a bus in Kherson on Monday, killing two people. "
        "A second drone attack on the city is feared, the mayor said."
    )
    assert _drones(text) == Qty(1, 1)


def test_drones_told_in_the_plural_beside_single_hits_give_no_figure() -> None:
    text = (
        "In Rylsk, drones flew into two apartment buildings on Monday: in one, a drone hit "
        "the third floor and started a fire."
    )
    assert _drones(text) is None


def test_drones_in_the_plural_and_a_drone_counted_off_count_the_single_ones() -> None:
    text = (
        "Russian drones struck two trains at the station in Shostka on Monday. A drone hit a "
        "local train; minutes later a second drone hit a train bound for Kyiv."
    )
    assert _drones(text) == Qty(2, 2)


def test_a_weapon_named_again_as_a_type_is_not_one_more() -> None:
    text = (
        "A Russian missile slammed into the central square of Chernihiv on Saturday. The "
        "missile, which officials identified as an Iskander, landed beside the theatre."
    )
    (strike,) = extract(text, date(2023, 8, 19)).strikes
    assert strike.missiles == Qty(1, 1)


def test_a_firm_count_stands_beside_a_drone_counted_off() -> None:
    text = (
        "Four drones struck a residential neighbourhood in Kharkiv on Saturday; three rescuers "
        "were hit by a second drone as they put out a fire."
    )
    (strike,) = extract(text, date(2024, 4, 6)).strikes
    assert strike.drones == Qty(4, 4)


def test_weapons_talked_of_in_general_do_not_blank_a_drone_told() -> None:
    text = (
        "Zelensky said a Russian FPV drone had struck the Kherson power plant on Friday. "
        '"All Russian promises end with missiles and drones," he said.'
    )
    (strike,) = extract(text, date(2025, 4, 4)).strikes
    assert strike.drones == Qty(1, 1)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A Russian missile hit an administrative building in Kupiansk on Monday.", "government"),
        ("Shells hit a pharmacy in Kherson on Monday, wounding a woman.", "commercial"),
        ("A guided bomb hit a grocery store in Orikhiv on Monday.", "commercial"),
        ("Drones hit a humanitarian aid point in Oleshky on Monday.", "other"),
    ],
)
def test_local_sites_name_their_category(text: str, category: str) -> None:
    (strike,) = extract(text, DAY).strikes
    assert category in strike.targets


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday the Myropillia, Khotin and Yunakivka communities came under artillery fire.",
        "On Sunday the Myropillia, Khotin and Yunakivka villages came under fire.",
    ],
)
def test_communities_that_came_under_fire_are_each_a_place_hit(text: str) -> None:
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Myropillia", "Khotin", "Yunakivka"]


def test_wounding_its_driver_is_one_injured() -> None:
    text = "An FPV drone attacked a tractor in Nekhoteyevka on Monday, wounding its driver."
    (strike,) = extract(text, DAY).strikes
    assert strike.injured == 1


def test_its_before_a_weapon_counts_nothing() -> None:
    (strike,) = extract("Its drones hit Nikopol on Monday.", DAY).strikes
    assert strike.drones is None
