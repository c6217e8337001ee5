"""Casualty tolls by kinds of language, second set (issue 8; the passages in
tests/fixtures/own/en_own_tolls_2.jsonl): tolls told place by place with the verb left out,
tolls with their place after them, injuries told as wounds, people told one by one, people
still in hospital, corrections of the figure told last, an earlier attack "since <day>, when",
a figure a post online claims, and a missile that brings down part of a building."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _strikes(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["strikes"])


def _tolls(text: str, published: date) -> list[tuple[object, object]]:
    return [(s["killed"], s["injured"]) for s in _strikes(text, published)]


def test_the_next_places_share_with_its_verb_left_out_adds_up() -> None:
    got = _tolls(
        "Russian missiles struck Odesa and Mykolaiv on Tuesday. Six people were killed in "
        "Odesa and four in Mykolaiv, officials said.",
        date(2024, 5, 1),
    )
    assert got == [(10, None)]
    # towns of one oblast too: each figure names its own place
    got = _tolls(
        "Russian drones attacked the Kharkiv region on Friday, killing two people in Kharkiv "
        "and one in Chuhuiv.",
        date(2025, 2, 8),
    )
    assert got == [(3, None)]


def test_a_breakdown_after_a_total_is_not_added() -> None:
    got = _tolls(
        "Russian drones hit Kyiv and Dnipro overnight, and 15 people were injured, nine in "
        "Kyiv and six in Dnipro, officials said.",
        date(2025, 5, 2),
    )
    assert got == [(None, 15)]


def test_a_toll_with_its_place_after_it_is_that_places_share() -> None:
    got = _tolls(
        "Russian drones and missiles struck Ukraine overnight. In Kharkiv, three people were "
        "killed and eight injured, the mayor said. Five people were hurt in the Sumy region.",
        date(2025, 5, 3),
    )
    assert got == [(3, 13)]


def test_a_toll_told_there_is_the_place_told_last() -> None:
    got = _tolls(
        "Russian missiles struck Ukraine overnight. One missile hit a school in Poltava, "
        "killing four people and injuring ten. In Sumy, a man was killed when a missile hit "
        "his house; three people were hurt there.",
        date(2025, 3, 7),
    )
    assert got == [(5, 13)]


def test_a_risen_toll_for_a_place_is_not_another_places_share() -> None:
    got = _tolls(
        "In Kharkiv, four people were killed by Russian drones overnight. By evening the toll "
        "had risen to six, and 30 people were injured in Kharkiv.",
        date(2025, 6, 7),
    )
    assert got == [(6, 30)]


def test_injuries_told_by_their_kind_of_wound_add_up() -> None:
    got = _tolls(
        "A Russian glide bomb hit a market in Kostiantynivka on Thursday, killing two people. "
        "Nine people suffered shrapnel wounds, and four were treated for concussion.",
        date(2025, 4, 4),
    )
    assert got == [(2, 13)]


def test_people_still_in_hospital_are_among_the_injured_not_a_weapon() -> None:
    got = _strikes(
        "Of the 40 people injured when two Russian missiles hit Zaporizhzhia on Monday, 18 "
        "were still in hospital on Tuesday, five of them in grave condition.",
        date(2025, 1, 7),
    )
    assert [(s["missiles"], s["injured"]) for s in got] == [({"min": 2, "max": 2}, 40)]


def test_treated_in_hospital_is_injured() -> None:
    got = _tolls(
        "A Russian missile hit an apartment block in Sumy on Monday. Six people were treated "
        "in hospital.",
        date(2025, 1, 7),
    )
    assert got == [(None, 6)]


def test_people_told_one_by_one_each_with_a_verb_add_up() -> None:
    got = _tolls(
        "A Russian drone hit a car in Kherson on Monday. The driver suffered shrapnel wounds, "
        "and a passenger was taken to hospital with a concussion.",
        date(2025, 1, 7),
    )
    assert got == [(None, 2)]
    got = _tolls(
        "Russian shelling hit Nikopol on Monday, killing a man and wounding his wife.",
        date(2025, 1, 7),
    )
    assert got == [(1, 1)]


def test_one_person_told_after_a_count_is_not_added() -> None:
    got = _tolls(
        "Russian drones hit Kherson on Monday. Five people were injured, and a woman was taken "
        "to hospital.",
        date(2025, 1, 7),
    )
    assert got == [(None, 5)]


def test_a_correction_in_the_next_clause_corrects_the_toll_told_last() -> None:
    got = _strikes(
        "Russia launched 300 drones and 20 missiles overnight. In the Lviv region, nine people "
        "were injured, the governor said; he later corrected the figure to eight.",
        date(2025, 2, 2),
    )
    assert [(s["missiles"], s["injured"]) for s in got] == [({"min": 20, "max": 20}, 8)]


def test_an_earlier_attack_since_its_day_when_is_a_strike_of_its_own() -> None:
    got = _strikes(
        "A Russian missile strike on Odesa on Friday killed nine people. It was the deadliest "
        "attack on the city since 15 March, when a Russian strike killed 21 people there.",
        date(2024, 5, 4),
    )
    assert sorted((s["date"], s["killed"]) for s in got) == [
        ("2024-03-15", 21),
        ("2024-05-03", 9),
    ]


def test_since_a_month_when_is_still_no_attack_of_its_own() -> None:
    got = _strikes(
        "A Russian glide bomb hit Kharkiv on Saturday, killing two people. The city has had "
        "rolling blackouts since March, when Russian strikes destroyed its power plant.",
        date(2024, 6, 23),
    )
    assert [(s["killed"], s["targets"]) for s in got] == [(2, [])]


def test_a_figure_a_post_online_claims_gives_way_to_the_toll_found() -> None:
    got = _tolls(
        "A video shared online claims that 40 people were killed when Russian missiles hit "
        "Dnipro on Tuesday. That is false: the regional administration's count is 12 dead and "
        "30 injured.",
        date(2025, 3, 6),
    )
    assert got == [(12, 30)]


def test_a_missile_that_brings_down_part_of_a_block_is_no_downing() -> None:
    got = _strikes(
        "Russia launched 20 missiles at Kyiv overnight, and a missile brought down part of a "
        "nine-storey block.",
        date(2025, 7, 31),
    )
    assert [(s["missiles"], s["missiles_downed"]) for s in got] == [({"min": 20, "max": 20}, None)]


def test_nobody_killed_or_wounded_and_without_causing_casualties_are_both_zero() -> None:
    got = _tolls(
        "Russian drones hit a warehouse in Izmail overnight. Nobody was killed or wounded, the "
        "governor said.",
        date(2024, 9, 3),
    )
    assert got == [(0, 0)]
    got = _tolls(
        "Two Ukrainian drones damaged an office building in Krasnodar on Friday without causing "
        "any casualties, officials said.",
        date(2024, 9, 6),
    )
    assert got == [(0, 0)]


def test_first_figures_give_way_to_the_latest_toll() -> None:
    got = _tolls(
        "Ukrainian rockets hit Belgorod on Thursday. Seven people were killed and 20 wounded, "
        "the governor said; his first figures had been five dead and 23 wounded.",
        date(2024, 2, 15),
    )
    assert got == [(7, 20)]


def test_leaving_people_with_a_wound_is_injured() -> None:
    got = _tolls(
        "A Russian FPV drone hit a police car near Kherson on Saturday, leaving three officers "
        "with concussion.",
        date(2025, 8, 9),
    )
    assert got == [(None, 3)]


def test_a_live_updates_present_tense_tells_the_dead_and_the_hurt() -> None:
    got = _tolls(
        "Thursday evening - A Russian drone hits a car near Bilhorod-Dnistrovskyi. A man dies of "
        "his injuries and two passengers are taken to hospital.",
        date(2025, 12, 19),
    )
    assert got == [(1, 2)]


def test_people_in_hospital_after_a_missile_count_no_weapon() -> None:
    got = _strikes(
        "Russian ballistic missiles hit a port near Pivdenne on Friday evening; seven people were "
        "killed and 15 are in hospital, the governor said.",
        date(2025, 12, 20),
    )
    assert [(s["missiles"], s["drones"], s["killed"]) for s in got] == [(None, None, 7)]
