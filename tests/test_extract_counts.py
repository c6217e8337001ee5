"""Counts and casualty tolls in strikes (issue 8), on sentences written for these tests."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _one(text: str, published: date = date(2026, 2, 24)):  # type: ignore[no-untyped-def]
    (strike,) = extract(text, published).strikes
    return strike


def test_one_person_and_a_group_told_as_the_subject_are_both_counted() -> None:
    s = _one(
        "Russian shells hit a tram in Kherson on Tuesday. "
        "The driver and three passengers were hurt."
    )
    assert s.injured == 4


def test_a_person_and_her_children_are_counted_together() -> None:
    s = _one("A Russian drone hit a house in Nikopol on Tuesday, wounding a man and his two sons.")
    assert s.injured == 3


def test_another_relative_joined_to_a_group_is_one_more() -> None:
    s = _one(
        "A drone hit a house in Sumy on Tuesday, killing two people; another relative and three "
        "neighbours were taken to hospital."
    )
    assert (s.killed, s.injured) == (2, 4)


def test_ages_set_off_by_commas_are_not_a_count() -> None:
    s = _one(
        "Russian artillery shelled Beryslav on Tuesday. Four people, aged 23, 51 and 80, were hurt."
    )
    assert s.injured == 4


def test_a_person_named_by_occupation_is_one_casualty() -> None:
    s = _one(
        "A Russian glide bomb hit a farm near Kupiansk on Tuesday, and a tractor driver and "
        "a paramedic were killed."
    )
    assert s.killed == 2
    s = _one(
        "Russian drones attacked Chernihiv overnight, the governor said. "
        "A police officer was wounded."
    )
    assert s.injured == 1


def test_a_count_in_words_with_hundred_and_tens() -> None:
    s = _one(
        "Two Russian missiles struck Chernihiv on Tuesday, killing twelve people and wounding "
        "one hundred and sixty."
    )
    assert (s.killed, s.injured) == (12, 160)


def test_both_weapons_shot_down_are_two() -> None:
    s = _one(
        "Russia fired 14 missiles and two drones at Ukraine overnight; 11 missiles and both "
        "drones were shot down, the air force said."
    )
    assert (s.drones_downed, s.missiles_downed) == (2, 11)


def test_a_toll_corrected_downwards_gives_the_corrected_figure() -> None:
    s = _one(
        "A Russian missile hit a school in Zolochiv on Monday. Officials first counted six dead "
        "but later corrected the figure to five."
    )
    assert s.killed == 5
    s = _one(
        "Russian drones struck Izium on Monday, killing nine people. On Wednesday the death toll "
        "was revised down to seven.",
        date(2026, 2, 26),
    )
    assert s.killed == 7


def test_a_launch_count_corrected_in_a_later_update() -> None:
    s = _one(
        "The air force said Russia had launched 120 drones overnight, then corrected the figure "
        "to 126 in its noon update."
    )
    assert s.drones is not None and s.drones.min == 126


def test_weapons_named_among_a_total_are_inside_it() -> None:
    s = _one(
        "Russia launched 310 drones and 27 missiles at Ukraine overnight, among them two "
        "Kinzhal hypersonic missiles, the air force said."
    )
    assert s.missiles is not None and s.missiles.min == 27


def test_a_missile_that_destroyed_a_building_hit_it_and_was_not_downed() -> None:
    s = _one("A Russian missile destroyed a school in Lozova on Tuesday morning.")
    assert s.missiles_downed is None
    assert s.missiles is not None and s.missiles.min == 1


def test_tolls_told_city_by_city_in_their_own_sentences_are_summed() -> None:
    s = _one(
        "Russia attacked Ukraine overnight with 290 drones and 12 missiles, the air force said. "
        "In Kyiv, two people were killed and nine injured when debris hit a high-rise. "
        "In Odesa, six people were hurt, and in Lutsk one person died."
    )
    assert (s.killed, s.injured) == (3, 15)


def test_a_city_s_toll_told_again_inside_the_country_s_is_not_added() -> None:
    s = _one(
        "Russian drones and missiles killed four people across Ukraine overnight, officials "
        "said. In Kyiv, three people were killed."
    )
    assert s.killed == 4


def test_a_further_group_adds_to_the_toll_told() -> None:
    s = _one(
        "Russian drones hit Kherson on Tuesday morning, injuring four people. A further two "
        "people were injured in the afternoon."
    )
    assert s.injured == 6


def test_a_text_cut_after_a_partitive_or_both_reads_without_error() -> None:
    for text in (
        "Russia launched 80 drones overnight; 61 of them",
        "Russia fired 30 missiles; 20 of the",
        "Russia fired missiles at Kyiv and both",
    ):
        extract(text, date(2026, 2, 24))
