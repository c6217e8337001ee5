"""Strike reading (issue 8): which sentences tell a strike, which places are hit, and how one
attack told over several sentences stays one strike. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract
from trucewatch.extract.numbers import Qty

DAY = date(2025, 6, 4)


def test_a_regional_digest_counting_attacks_over_the_past_day_is_a_strike() -> None:
    text = (
        "Russian troops shelled the Nikopol district 31 times over the past day, hitting "
        "Marhanets and Pokrovske, the governor said. One man was wounded."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.attacker == "RU"
    assert {"Marhanets", "Pokrovske"} <= set(strike.places)
    assert strike.injured == 1


def test_n_times_since_a_truce_is_still_a_tally() -> None:
    text = "Russian forces have shelled Ukrainian positions 900 times since the truce began."
    assert extract(text, DAY).strikes == []


def test_the_second_time_in_a_week_is_one_attack_not_a_weeks_tally() -> None:
    text = "Drones struck the port of Reni overnight for the second time in a week."
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Reni"]


def test_where_the_speakers_are_is_not_a_place_hit() -> None:
    text = (
        "Two missiles hit Sumy on Tuesday morning, killing four people. Speaking in Kyiv, the "
        "foreign minister said the attack showed the need for more air defence."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Sumy"]


def test_officials_in_the_capital_stand_for_the_government() -> None:
    text = (
        "Officials in Kyiv say four in five drones are now brought down before they reach a city."
    )
    assert extract(text, DAY).strikes == []
    text = "A drone hit a shop in Kharkiv overnight, officials in Kyiv said."
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Kharkiv"]


def test_a_citys_own_officials_still_tell_its_hits() -> None:
    text = "Regional officials in Odesa reported two dead after drones hit the port overnight."
    (strike,) = extract(text, DAY).strikes
    assert (strike.places, strike.killed) == (["Odesa"], 2)


def test_a_neighbouring_states_own_account_is_not_a_strike() -> None:
    text = (
        "Moldova's interior ministry said on Tuesday it had found the wreckage of a drone near "
        "the village of Ceadir, close to the Ukrainian border."
    )
    assert extract(text, DAY).strikes == []


def test_a_neighbours_village_is_not_a_place_hit() -> None:
    text = (
        "Drones hit the port of Reni overnight. Romania, whose village of Galbena lies across "
        "the river, said debris had fallen on a field."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Reni"]


def test_a_month_told_before_its_launches_is_a_tally() -> None:
    text = "In April, Russia launched more than 4,000 drones and 150 missiles at Ukraine."
    assert extract(text, DAY).strikes == []


def test_stockpiling_missiles_is_not_an_attack() -> None:
    text = (
        "Russia is stockpiling cruise missiles for strikes on power plants in Kharkiv and "
        "Odesa, officials said."
    )
    assert extract(text, DAY).strikes == []


def test_a_remark_counting_the_night_among_others_adds_no_strike() -> None:
    text = (
        "Drones hit the port of Izmail overnight, damaging a grain silo. It was the third night "
        "of attacks on the Odesa region since Russia quit the grain deal on Monday."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.places == ["Izmail"]


def test_a_superlative_against_this_year_tells_one_attack_not_a_tally() -> None:
    text = (
        "Drones and missiles hit Odesa overnight. Regional officials later said nine people "
        "were killed, the deadliest attack on the city this year."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.killed == 9


def test_a_sides_administration_that_speaks_is_the_reporter() -> None:
    text = (
        "Russian drones hit Kyiv overnight, damaging a school. Kyiv's military administration "
        "says four people were injured in the attack on the capital."
    )
    (strike,) = extract(text, DAY).strikes
    assert (strike.attacker, strike.places, strike.injured) == ("RU", ["Kyiv"], 4)


def test_a_side_named_after_the_facts_is_the_attacker_and_another_sides_strike_stays_apart() -> (
    None
):
    text = (
        "The toll from Sunday's attack on the centre of Kursk rose to six, with 30 injured, "
        "the governor said. Russia's defence ministry said Ukraine had fired HIMARS rockets "
        "at the city. On Sunday evening Russian drones hit Sumy, injuring two people."
    )
    kursk, sumy = extract(text, DAY).strikes
    assert (kursk.attacker, kursk.places, kursk.killed) == ("UA", ["Kursk"], 6)
    assert "artillery" in kursk.weapons
    assert (sumy.attacker, sumy.places, sumy.injured) == ("RU", ["Sumy"], 2)


def test_a_days_strike_and_the_night_into_that_day_are_one_attack() -> None:
    text = (
        "The toll from Tuesday's strike on a block of flats in Lutsk rose to five. Russia "
        "launched 300 drones and 20 missiles at Ukraine overnight into Tuesday, the air force said."
    )
    (strike,) = extract(text, date(2025, 6, 4)).strikes
    assert (strike.date, strike.killed) == (date(2025, 6, 2), 5)
    assert strike.drones == Qty(300, 300) and strike.places == ["Lutsk"]
    text = (
        "Russia launched 300 drones at Ukraine overnight into Tuesday, the air force said. "
        "Tuesday's attack on Lutsk killed five people."
    )
    (strike,) = extract(text, date(2025, 6, 4)).strikes
    assert (strike.date, strike.killed) == (date(2025, 6, 2), 5)


def test_a_daytime_strike_named_by_its_day_stays_apart_from_the_night() -> None:
    text = (
        "Russia launched 300 drones at Ukraine overnight into Tuesday, the air force said. "
        "On Tuesday afternoon a missile hit a hospital in Sumy, killing two."
    )
    assert len(extract(text, date(2025, 6, 4)).strikes) == 2


def test_a_later_wave_in_the_day_with_its_own_launches_is_another_attack() -> None:
    text = (
        "On Friday morning, missiles struck power plants in Lviv and Rivne. In the afternoon "
        "Russia launched another 20 missiles, 12 of which were shot down, the air force said. "
        "One of them hit a block of flats in Kharkiv."
    )
    morning, afternoon = extract(text, date(2025, 6, 7)).strikes
    assert morning.places == ["Lviv", "Rivne"] and morning.missiles is None
    assert afternoon.date == morning.date == date(2025, 6, 6)
    assert afternoon.missiles == Qty(20, 20) and afternoon.places == ["Kharkiv"]


def test_the_evening_then_the_next_mornings_news_is_one_night() -> None:
    text = (
        "Late on Friday evening Russia launched 90 drones at Ukraine. By morning air defences "
        "had downed 70 of them, and in the morning debris fell on a house in Kyiv."
    )
    assert len(extract(text, date(2025, 6, 7)).strikes) == 1


def test_a_port_district_or_town_is_where_the_hit_was_not_a_port_hit() -> None:
    text = "Missiles hit houses in the port district of Odesa on Friday, killing two."
    (strike,) = extract(text, DAY).strikes
    assert strike.targets == ["residential"]
    text = "Drones hit the port town of Reni on Friday, damaging a school."
    (strike,) = extract(text, DAY).strikes
    assert "port" not in strike.targets


def test_the_night_after_an_evening_attack_with_other_weapons_is_another_attack() -> None:
    text = (
        "Yesterday in the evening Russian forces struck Kryvyi Rih with a ballistic missile, "
        "killing 18. And overnight Russians attacked the city with attack drones, a private "
        "house was damaged."
    )
    evening, night = extract(text, DAY).strikes
    assert (evening.weapons, evening.killed) == (["missiles"], 18)
    assert (night.weapons, night.places, night.killed) == (["drones"], ["Kryvyi Rih"], None)
    assert evening.date == night.date == date(2025, 6, 3)


def test_the_night_after_an_evening_launch_with_the_same_weapons_is_the_same_attack() -> None:
    text = (
        "Yesterday in the evening Russia launched 120 drones at Ukraine. Overnight, drones "
        "hit Kharkiv, injuring 5."
    )
    (strike,) = extract(text, DAY).strikes
    assert strike.drones == Qty(120, 120) and strike.injured == 5
