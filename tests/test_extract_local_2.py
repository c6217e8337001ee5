"""Local attacks, second set (issue 8, en-local2): attacks laid at both sides' doors, rivers and
nuclear plants named after a city, and the kinds of target local reports name."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import extract
from trucewatch.extract.blame import offers_cause, sides_told
from trucewatch.extract.results import ExtractedStrike

DAY = date(2024, 6, 11)


def _one(text: str) -> ExtractedStrike:
    (strike,) = extract(text, DAY).strikes
    return strike


# -- attacks laid at both sides' doors ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("the separatist mayor said, blaming Ukrainian artillery", {"UA"}),
        ("Moscow blamed Kyiv for the attack", {"UA"}),
        ("officials accused Russia of shelling the town", {"RU"}),
        (
            "a Ukrainian spokesman denied that they had fired and said Russia was responsible",
            {"UA", "RU"},
        ),
        ("Russia's defence ministry denied it had struck the market", {"RU"}),
        ("Kyiv said the Russians had staged the attack", {"RU"}),
        ("investigators said it was probably a stray Ukrainian interceptor", {"UA"}),
        ("analysts said a Russian glide bomb may have caused the blast", {"RU"}),
    ],
)
def test_sides_a_clause_lays_an_attack_at(text: str, sides: set[str]) -> None:
    assert sides_told(text) == sides


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones struck Kharkiv overnight",  # an attack told, no dispute
        "Ukraine's General Staff rejected the claim as false",  # a claim about a target
        "the minister accused Moscow of using a false pretext",  # accused, not of the attack
    ],
)
def test_clauses_that_lay_no_attack_at_a_side(text: str) -> None:
    assert sides_told(text) == set()


def test_a_possible_cause_is_offered_not_told() -> None:
    assert offers_cause("experts said a Russian air-defence missile could have caused it")
    assert not offers_cause("a Russian missile hit the town on Monday")


@pytest.mark.parametrize(
    "text",
    [
        # one side blames, the other denies and blames back
        "Shelling hit a bus station in Horlivka on Tuesday, killing four people, the "
        "Russian-installed mayor said, blaming Ukrainian forces. A Ukrainian army spokesman "
        "denied that they had fired on the town and said Russia was responsible.",
        # the side blamed for it denies and blames the other
        "A rocket hit the square in Kramatorsk on Tuesday, killing nine people. Russia's "
        "defence ministry denied it had fired on the town and blamed Kyiv for the strike.",
        # a stray weapon of the side first blamed's enemy, and the first account
        "A missile that hit a shop in Kurakhove on Tuesday, killing five, was probably a stray "
        "Ukrainian interceptor, investigators said. Ukrainian officials had blamed Russia.",
        # a false flag alleged by the side blamed
        "The Russian-installed governor said Ukrainian drones hit a depot in Tokmak on "
        "Tuesday, wounding two. Kyiv said the Russians had staged the attack themselves.",
    ],
)
def test_an_attack_laid_at_both_sides_doors_has_no_attacker(text: str) -> None:
    assert _one(text).attacker is None


def test_a_possible_cause_names_no_weapon_and_no_side() -> None:
    text = (
        "Part of a block of flats collapsed in Belgorod on Tuesday, killing six people, the "
        "governor said, blaming a Ukrainian missile. Some analysts suggested that a Russian "
        "glide bomb could have caused the blast."
    )
    s = _one(text)
    assert s.attacker is None
    assert "glide_bombs" not in s.weapons


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # a side blames the other, and no one answers: the attack stays the blamed side's
        (
            "Shelling hit a market in Donetsk on Tuesday, killing three people, the "
            "Russian-installed mayor said, blaming Ukrainian forces. Kyiv did not comment.",
            "UA",
        ),
        # the attacker's own claim about its target is no dispute over who struck
        (
            "A Russian missile hit a park in Kryvyi Rih on Tuesday, killing six. Moscow said it "
            "had hit a meeting of officers; Ukraine's military rejected the claim as false.",
            "RU",
        ),
        # accusing the other side of something else disputes nothing
        (
            "Ukrainian drones attacked ships in Sevastopol on Tuesday, the Russian fleet said. "
            "Kyiv's foreign minister accused Moscow of using a false pretext.",
            "UA",
        ),
    ],
)
def test_one_sided_accounts_keep_their_attacker(text: str, side: str) -> None:
    assert _one(text).attacker == side


# -- rivers and nuclear plants named after a city ----------------------------------------


def test_the_bank_of_the_dnipro_is_the_river_not_the_city() -> None:
    text = (
        "A Ukrainian drone hit a minibus in Oleshky on Tuesday, wounding two, the occupation "
        "authorities said. Kyiv said the Russians shelled the right bank of the Dnipro from there."
    )
    for s in extract(text, DAY).strikes:
        assert "Dnipro" not in s.places


def test_a_nuclear_plant_named_after_a_city_is_not_the_city() -> None:
    text = (
        "Drones hit a substation in Enerhodar on Tuesday, wounding three, the town's mayor said. "
        "Inspectors at the nearby Zaporizhzhia nuclear plant heard the explosions."
    )
    assert _one(text).places == ["Enerhodar"]


# -- the city with its noun, a single shell, and a store's trade ---------------------------


def test_a_city_named_with_its_noun_as_the_subject_of_a_hit() -> None:
    text = (
        "The governor said Russian forces had attacked 11 settlements over the past day. "
        "Nikopol city was hit by drones in the afternoon, wounding four people."
    )
    assert "Nikopol" in _one(text).places


def test_a_single_shell_is_artillery() -> None:
    text = "In Vovchansk a Russian shell struck a shop on Tuesday, wounding a woman."
    assert "artillery" in _one(text).weapons


def test_a_home_improvement_store_is_no_home() -> None:
    text = (
        "Two guided bombs hit a home-improvement hypermarket in Kharkiv on Tuesday, killing "
        "four people."
    )
    assert _one(text).targets == ["commercial"]


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("A drone hit a car in Nikopol on Tuesday, wounding a teenager.", 1),
        ("Shelling hit Kherson on Tuesday, wounding a woman and a teenager.", 2),
        ("Russian shelling wounded a man and a baby in Kherson on Tuesday.", 2),
    ],
)
def test_teenagers_and_babies_are_people_counted_one_by_one(text: str, injured: int) -> None:
    assert _one(text).injured == injured
