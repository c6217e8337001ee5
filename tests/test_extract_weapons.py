"""The v2 `weapons` slot: which kinds of weapon each extracted strike used."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import Extractor
from trucewatch.extract.results import ExtractedStrike

PUB = date(2025, 5, 8)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _one(ex: Extractor, text: str) -> ExtractedStrike:
    strikes = ex.extract(text, PUB).strikes
    assert len(strikes) == 1, [s.to_contract() for s in strikes]
    return strikes[0]


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        (
            "Russia launched 120 Shahed drones and 8 Kh-101 cruise missiles overnight.",
            ["drones", "missiles"],
        ),
        (
            "Russian aircraft dropped guided aerial bombs on Sumy region, injuring two people.",
            ["glide_bombs"],
        ),
        (
            "Russian troops shelled Nikopol with artillery on Thursday, killing one man.",
            ["artillery"],
        ),
        (
            "Ukrainian forces fired HIMARS rockets at a depot in Donetsk on Thursday.",
            ["artillery"],
        ),
        (
            "Russia fired 12 Grad rockets at Kherson on Thursday morning, wounding three.",
            ["missiles", "artillery"],
        ),
        (
            "A Russian FPV drone hit a bus in Kherson on Thursday, injuring four passengers.",
            ["drones"],
        ),
    ],
)
def test_weapon_classes(ex: Extractor, text: str, weapons: list[str]) -> None:
    assert _one(ex, text).weapons == weapons


def test_weapons_printed_in_contract(ex: Extractor) -> None:
    out = ex.extract("Russian KAB bombs struck Kostiantynivka on Thursday, killing two.", PUB)
    assert out.to_contract()["strikes"][0]["weapons"] == ["glide_bombs"]


def test_model_numbers_name_weapons_not_counts(ex: Extractor) -> None:
    s = _one(ex, "A Russian Kh-59 missile struck a grain terminal in Odesa on Thursday.")
    assert s.weapons == ["missiles"]
    assert s.missiles is not None and s.missiles.min == 1  # "A ... missile", not 59


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        (
            "A Ukrainian drone set an oil storage tank ablaze at an airfield in the Kursk region "
            "on Thursday.",
            ["drones"],
        ),
        (
            "A Russian Iskander missile hit a hall in Dnipro on Thursday where drone makers were "
            "meeting, killing three.",
            ["missiles"],
        ),
        (
            "Russian aircraft bombed residential areas of Kupiansk on Thursday, killing four.",
            ["glide_bombs"],
        ),
        (
            "Russia sent up to eight Lancet loitering munitions at Kherson on Thursday; five were "
            "destroyed.",
            ["drones"],
        ),
    ],
)
def test_words_for_other_things_and_weapons_told_by_their_carrier(
    ex: Extractor, text: str, weapons: list[str]
) -> None:
    assert _one(ex, text).weapons == weapons


def test_lancets_are_counted_as_drones(ex: Extractor) -> None:
    strike = _one(
        ex,
        "Russia sent up to eight Lancet loitering munitions at Kherson on Thursday; five were "
        "destroyed.",
    )
    assert strike.drones is not None and strike.drones.max == 8
    assert strike.drones_downed == 5


def test_a_threat_of_missiles_is_no_missile_used(ex: Extractor) -> None:
    strike = _one(
        ex,
        "Russian Shahed drones struck Odesa on Thursday, injuring two, after a missile threat "
        "was declared across the south.",
    )
    assert strike.missiles is None
    assert strike.weapons == ["drones"]


def test_a_launcher_is_no_rocket_fired(ex: Extractor) -> None:
    strike = _one(
        ex,
        "Ukrainian forces struck a fuel depot in Horlivka on Thursday with a HIMARS multiple "
        "rocket launcher, killing two guards, officials said.",
    )
    assert strike.missiles is None
    assert strike.weapons == ["artillery"]
