"""Hard and misleading English cases, second set (issue 8; the passages in
tests/fixtures/own/en_own_hard_2.jsonl): numbers that are no counts (ages, the missing, sums of
two weapons, ranks), tolls told by rank or days later, earlier figures, attacks told as "a day
after" another, datelines, reported speech, rubble."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _strikes(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["strikes"])


def test_an_age_told_as_a_predicate_is_no_count() -> None:
    got = _strikes(
        "A Russian missile hit a cafe in Sumy on Monday, killing the owner. He was 52.",
        date(2025, 3, 3),
    )
    assert [s["missiles"] for s in got] == [{"min": 1, "max": 1}]


def test_people_still_missing_are_no_count() -> None:
    got = _strikes(
        "A Russian missile struck an apartment block in Odesa on Friday. Nine people were "
        "killed and 12 are still missing.",
        date(2024, 3, 2),
    )
    assert [(s["missiles"], s["killed"]) for s in got] == [({"min": 1, "max": 1}, 9)]


def test_a_toll_brought_to_a_figure_is_the_dead_and_dates_the_attack() -> None:
    got = _strikes(
        "Sumy toll rises to 14\n\nRescuers found two more bodies on Tuesday, bringing the death "
        "toll from Saturday's Russian missile strike to 14.",
        date(2025, 4, 15),
    )
    assert [(s["killed"], s["missiles"], s["date"], s["attacker"]) for s in got] == [
        (14, None, "2025-04-12", "RU")
    ]


def test_one_figure_for_missiles_and_drones_counts_neither() -> None:
    got = _strikes(
        "Russia fired 210 missiles and drones at Ukraine overnight, hitting power plants in "
        "Lviv, the air force said.",
        date(2024, 11, 17),
    )
    assert [(s["missiles"], s["drones"]) for s in got] == [(None, None)]
    got = _strikes(
        "Russia fired 40 missiles and 60 drones; 21 of the missiles and both drones over Kyiv "
        "were shot down.",
        date(2024, 11, 17),
    )
    assert [(s["missiles"], s["missiles_downed"]) for s in got] == [({"min": 40, "max": 40}, 21)]


def test_a_second_drone_is_one_of_those_told_not_a_count() -> None:
    got = _strikes(
        "Russian drones hit Kharkiv early on Sunday; two firefighters were hurt by a second "
        "drone. Officials said five drones struck the city.",
        date(2024, 4, 7),
    )
    assert [s["drones"] for s in got] == [{"min": 5, "max": 5}]


def test_a_toll_told_by_rank() -> None:
    got = _strikes(
        "A man died in hospital on Sunday, the ninth person to die after Thursday's Russian "
        "missile strike on Dnipro.",
        date(2024, 4, 21),
    )
    assert [s["killed"] for s in got] == [9]
    got = _strikes(
        "Rescuers recovered the twenty-first victim of the Russian strike on Odesa.",
        date(2024, 4, 21),
    )
    assert [s["killed"] for s in got] == [21]
    got = _strikes(
        "It was the third attack on Dnipro this week; a Russian missile hit a bus depot.",
        date(2024, 4, 21),
    )
    assert all(s["killed"] is None for s in got)


def test_an_earlier_toll_does_not_replace_the_latest_one() -> None:
    got = _strikes(
        "The toll from the Russian drone strike on Zaporizhzhia, which came overnight into "
        "Wednesday, rose to 12 on Thursday. On Wednesday morning officials had put the toll at "
        "nine. The air force said Russia launched 90 drones in that attack.",
        date(2025, 5, 8),
    )
    assert [(s["killed"], s["drones"]) for s in got] == [(12, {"min": 90, "max": 90})]


def test_an_earlier_versions_toll_is_not_the_toll() -> None:
    got = _strikes(
        "Russian drones hit Kherson overnight, killing two people. Correction: an earlier "
        "version of this story, citing local officials, said four people had been killed.",
        date(2024, 5, 11),
    )
    assert [s["killed"] for s in got] == [2]


def test_the_largest_attack_since_the_start_of_the_war_is_one_attack() -> None:
    got = _strikes(
        "Russia launched 75 drones at Kyiv overnight, the largest drone attack since the start "
        "of the war.",
        date(2023, 11, 25),
    )
    assert [s["drones"] for s in got] == [{"min": 75, "max": 75}]


def test_a_day_told_as_days_after_the_attack_dates_it_back() -> None:
    got = _strikes(
        "Rescuers ended their search in Dnipro on Friday, two days after a Russian missile hit "
        "an apartment block, killing 12.",
        date(2024, 6, 7),
    )
    assert [s["date"] for s in got] == ["2024-06-05"]


def test_an_attack_told_a_day_before_the_one_told() -> None:
    got = _strikes(
        "Russian drones hit Odesa on Wednesday, injuring five. The attack on Odesa came a day "
        "after two Russian missiles hit a port in Izmail, killing three.",
        date(2024, 6, 13),
    )
    assert [(s["date"], s["places"], s["killed"]) for s in got] == [
        ("2024-06-12", ["Odesa"], None),
        ("2024-06-11", ["Izmail"], 3),
    ]


def test_a_dateline_with_its_country_names_no_attack_day() -> None:
    got = _strikes(
        "ODESA, Ukraine, March 3 - Russian drones hit Izmail on Saturday night, injuring two.",
        date(2024, 3, 3),
    )
    assert [s["date"] for s in got] == ["2024-03-02"]


def test_a_side_that_says_it_struck_is_the_attacker() -> None:
    got = _strikes("Moscow said it had struck military facilities in Kharkiv.", date(2024, 1, 2))
    assert [s["attacker"] for s in got] == ["RU"]


def test_an_air_defence_missile_is_no_launch() -> None:
    got = _strikes(
        "A Russian missile hit a block in Dnipro on Saturday, killing 40. The Kremlin suggested "
        "the block had been brought down by a Ukrainian air-defence missile.",
        date(2023, 1, 16),
    )
    assert [(s["attacker"], s["killed"]) for s in got] == [("RU", 40)]


def test_the_rubble_of_a_home_in_a_city_is_a_place_hit() -> None:
    got = _strikes(
        "Rescuers pulled a girl from the rubble of her home in Sumy after a Russian drone "
        "attack on Monday.",
        date(2024, 6, 4),
    )
    assert [s["places"] for s in got] == [["Sumy"]]
