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


def test_two_nights_in_one_sentence_are_two_strikes() -> None:
    got = _strikes(
        "Russia launched 48 drones against Ukraine on the night to Monday and 10 drones on the "
        "night to Tuesday, the air force said.",
        date(2025, 5, 13),
    )
    assert [(s["date"], s["drones"]) for s in got] == [
        ("2025-05-11", {"min": 48, "max": 48}),
        ("2025-05-12", {"min": 10, "max": 10}),
    ]


def test_a_quieter_night_told_first_is_its_own_strike() -> None:
    got = _strikes(
        "After a quiet Tuesday night, when Russia sent 30 drones, the air force said Russia "
        "launched 90 drones and 4 missiles overnight into Friday.",
        date(2024, 5, 10),
    )
    assert sorted((s["date"], s["drones"]["min"]) for s in got if s["drones"]) == [
        ("2024-05-07", 30),
        ("2024-05-09", 90),
    ]


def test_one_weapon_named_with_the_that_hit_is_one() -> None:
    got = _strikes(
        "The Shahed drone hit the roof of a high-rise in Odesa on Thursday, injuring four people.",
        date(2024, 5, 10),
    )
    assert [s["drones"] for s in got] == [{"min": 1, "max": 1}]
    got = _strikes(
        "Drones attacked a refinery overnight. The regional headquarters said drone debris fell "
        "on two sites.",
        date(2024, 5, 10),
    )
    assert all(s["drones"] is None for s in got)


def test_the_side_accused_of_the_attack_is_the_attacker() -> None:
    got = _strikes(
        "Russian officials accused Ukraine of shelling the occupied city of Donetsk on Thursday, "
        "killing three people at a market.",
        date(2024, 5, 10),
    )
    assert [s["attacker"] for s in got] == ["UA"]


def test_soldiers_killed_at_the_front_are_no_toll_of_the_strike() -> None:
    got = _strikes(
        "A Russian drone hit a car in Nikopol on Thursday, killing the driver. Two soldiers were "
        "killed at the front near Pokrovsk the same day.",
        date(2024, 5, 10),
    )
    assert [(s["killed"], s["places"]) for s in got] == [(1, ["Nikopol"])]


def test_a_site_told_as_hit_months_before_is_no_target() -> None:
    got = _strikes(
        "Russian drones hit an apartment block in Kharkiv overnight, injuring six. The city's "
        "hospital, which was hit in March, treated the wounded.",
        date(2024, 5, 10),
    )
    assert [s["targets"] for s in got] == [["residential"]]


def test_printing_houses_hydroelectric_plants_and_metro_stations() -> None:
    got = _strikes(
        "A Russian missile hit a printing house in Kharkiv on Thursday.", date(2024, 5, 24)
    )
    assert [s["targets"] for s in got] == [["industrial"]]
    got = _strikes(
        "A Russian missile hit a metro station in Kharkiv on Thursday and damaged the Kharkiv "
        "hydroelectric plant.",
        date(2024, 5, 24),
    )
    assert [sorted(s["targets"]) for s in got] == [["energy", "transport"]]


def test_people_hospitalized_are_injured() -> None:
    got = _strikes(
        "A Russian missile hit Uman on Thursday. Seventeen people were hospitalized.",
        date(2024, 5, 10),
    )
    assert [s["injured"] for s in got] == [17]


def test_an_attack_that_claimed_the_lives_of_people_killed_them() -> None:
    got = _strikes(
        "A Russian strike on Kryvyi Rih on Thursday claimed the lives of four people.",
        date(2024, 5, 10),
    )
    assert [(s["killed"], s["date"]) for s in got] == [(4, "2024-05-09")]


def test_a_relative_told_with_a_verb_of_their_own_counts_once() -> None:
    got = _strikes(
        "A glide bomb hit a residential area of Kostiantynivka on Thursday. A woman was killed "
        "and her husband was wounded.",
        date(2024, 5, 10),
    )
    assert [(s["killed"], s["injured"]) for s in got] == [(1, 1)]


def test_a_city_where_there_were_no_hits_is_no_place_hit() -> None:
    got = _strikes(
        "In Kyiv, where air-raid sirens sounded for the first time in 51 days, there were no "
        "hits. Russian missiles hit Uman on Friday, killing 23.",
        date(2023, 4, 28),
    )
    assert [s["places"] for s in got] == [["Uman"]]


def test_an_attack_told_after_a_weeks_tally_is_one_attack() -> None:
    got = _strikes(
        "The weekly tally came after a Russian strike on the centre of Sloviansk late on Friday "
        "killed 11 people and wounded 30.",
        date(2025, 3, 9),
    )
    assert [(s["killed"], s["injured"], s["places"]) for s in got] == [(11, 30, ["Sloviansk"])]


def test_since_a_day_when_an_attack_killed_people_is_that_attack() -> None:
    got = _strikes(
        "It was the deadliest attack on the city since March 16, 2022, when Russian shelling "
        "killed 10 people standing in a queue for bread.",
        date(2023, 8, 19),
    )
    assert [(s["date"], s["killed"], s["missiles"]) for s in got] == [("2022-03-16", 10, None)]


def test_another_wars_toll_in_a_round_up_is_not_this_wars() -> None:
    got = _strikes(
        "Russian drones hit Odesa on Thursday, injuring five. Separately, an Israeli strike in "
        "Gaza killed 20 people, health officials said.",
        date(2024, 5, 10),
    )
    assert [(s["killed"], s["injured"]) for s in got] == [(None, 5)]


def test_an_adviser_killed_is_a_person_killed() -> None:
    got = _strikes(
        "A missile hit a hotel in Kramatorsk on Thursday, killing a British security adviser and "
        "injuring three journalists.",
        date(2024, 5, 10),
    )
    assert [(s["killed"], s["injured"]) for s in got] == [(1, 3)]


def test_a_site_told_as_targeted_again_and_again_is_no_target_of_the_attack() -> None:
    got = _strikes(
        "Russian drones hit a residential building in Odesa overnight, injuring two. The city's "
        "port, a key hub for grain exports, has been repeatedly targeted.",
        date(2024, 5, 10),
    )
    assert [s["targets"] for s in got] == [["residential"]]
    got = _strikes(
        "Russian drones hit apartment blocks in Kyiv overnight. Russia has intensified its "
        "attacks on Ukraine's energy system and railways ahead of winter.",
        date(2024, 5, 10),
    )
    assert [s["targets"] for s in got] == [["residential"]]


def test_a_toll_told_with_its_place_after_the_verb() -> None:
    got = _strikes(
        "The Russian-installed governor of Kherson region said Ukrainian shelling killed two in "
        "Oleshky on Thursday.",
        date(2024, 5, 10),
    )
    assert [(s["attacker"], s["killed"], s["places"]) for s in got] == [("UA", 2, ["Oleshky"])]


def test_one_drone_in_a_neighbours_airspace_is_not_the_attacks_count() -> None:
    got = _strikes(
        "BUCHAREST/KYIV, Sept 14 - Romania scrambled two F-16 fighter jets late on Saturday "
        "after a Russian drone attacking Ukrainian infrastructure on the Danube briefly entered "
        "its airspace. Russian drones hit port facilities in Izmail, regional governor Oleh "
        "Kiper said.",
        date(2025, 9, 14),
    )
    assert [s["drones"] for s in got] == [None]


def test_a_sides_military_that_says_it_struck_is_the_attacker() -> None:
    got = _strikes(
        "Ukraine's military said it had struck a Russian airfield in Crimea on Thursday.",
        date(2024, 5, 10),
    )
    assert [s["attacker"] for s in got] == ["UA"]


def test_the_side_blamed_for_an_attack_is_its_attacker() -> None:
    got = _strikes(
        "Moscow blamed Kyiv for a drone attack on a fuel depot in Bryansk on Thursday, which "
        "injured two people.",
        date(2024, 5, 10),
    )
    assert [s["attacker"] for s in got] == ["UA"]


def test_one_of_two_missiles_is_a_share_as_a_figure_is() -> None:
    got = _strikes(
        "Ukraine downed 22 of 28 drones and one of two missiles overnight, the air force said.",
        date(2024, 5, 10),
    )
    assert [(s["missiles"], s["missiles_downed"], s["drones_downed"]) for s in got] == [
        ({"min": 2, "max": 2}, 1, 22)
    ]


def test_drones_that_attacked_the_capital_hit_kyiv() -> None:
    got = _strikes(
        "Russian drones attacked the capital overnight, injuring five people, the mayor said.",
        date(2025, 8, 2),
    )
    assert [s["places"] for s in got] == [["Kyiv"]]
