"""Hard and misleading English cases, third set (issue 8; the passages in
tests/fixtures/own/en_own_hard_3.jsonl): datelines of two cities and short month names,
breakdowns told after a launch total, tolls that "reach" a figure, downings added to a night,
sides told with an adverb, neighbouring states' own damage, hypothetical and background truces,
offers no one answered, place-limited truces."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _strikes(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["strikes"])


def _pledges(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["pledges"])


def test_a_short_month_name_makes_the_number_a_day_not_a_count() -> None:
    got = _strikes(
        "Russia fires 650 drones and 50 missiles at grid\n\n"
        "KYIV, Oct 30 - Russia launched 653 drones and 52 missiles at Ukraine overnight.",
        date(2025, 10, 30),
    )
    assert [(s["drones"], s["missiles"]) for s in got] == [
        ({"min": 653, "max": 653}, {"min": 52, "max": 52})
    ]


def test_a_dateline_of_two_cities_dates_nothing() -> None:
    got = _strikes(
        "BUDAPEST/KYIV, Aug 21 - Hungary's foreign minister said on Thursday that Russian "
        "missiles hit a factory in Mukachevo overnight, injuring 15 workers.\n"
        "Russia launched 574 drones and 40 missiles at Ukraine overnight, the air force said.",
        date(2025, 8, 21),
    )
    assert [(s["date"], s["drones"], s["injured"]) for s in got] == [
        ("2025-08-20", {"min": 574, "max": 574}, 15)
    ]


def test_a_breakdown_after_a_launch_total_keeps_the_total_launched() -> None:
    got = _strikes(
        "Russia fired 71 cruise missiles at Ukraine early on Friday and 61 of them were shot "
        "down, the air force said.",
        date(2023, 2, 10),
    )
    assert [(s["missiles"], s["missiles_downed"]) for s in got] == [({"min": 71, "max": 71}, 61)]


def test_a_toll_that_reaches_a_figure_is_the_dead_not_a_drone_count() -> None:
    got = _strikes(
        "Odesa mourns as toll from drone strike on apartment block reaches 12\n\n"
        "A Russian Shahed drone hit the building shortly after midnight on Saturday.",
        date(2024, 3, 4),
    )
    assert [(s["drones"], s["killed"]) for s in got] == [({"min": 1, "max": 1}, 12)]


def test_more_drones_lost_from_radar_add_to_the_night_not_a_new_wave() -> None:
    got = _strikes(
        "Russia attacked Ukraine with 70 missiles and 145 drones overnight, the air force said; "
        "48 missiles and 64 drones were shot down and 68 more drones were lost from radar. "
        "In Kyiv a ballistic missile hit a residential block, killing 12 people.",
        date(2025, 4, 24),
    )
    assert [(s["drones"], s["drones_downed"], s["killed"]) for s in got] == [
        ({"min": 145, "max": 145}, 132, 12)
    ]


def test_a_side_told_with_an_adverb_before_its_verb_is_the_attacker() -> None:
    got = _strikes(
        "Russia instead launched more than 400 drones at Ukraine's energy system overnight.",
        date(2026, 2, 7),
    )
    assert [s["attacker"] for s in got] == ["RU"]
    got = _strikes("Russia, meanwhile, launched 46 drones at Ukraine overnight.", date(2024, 9, 10))
    assert [s["attacker"] for s in got] == ["RU"]


def test_no_one_hurt_after_a_neighbours_debris_is_not_the_attacks_toll() -> None:
    got = _strikes(
        "Fragments of a missile shot down by Ukrainian air defences fell on the northern "
        "Moldovan village of Naslavcea on Monday morning. No one was hurt. The missile was one "
        "of more than 50 cruise missiles Russia fired at Ukraine on Monday morning.",
        date(2022, 10, 31),
    )
    assert [(s["killed"], s["injured"]) for s in got] == [(None, None)]


def test_damage_in_a_neighbours_village_is_no_target() -> None:
    got = _strikes(
        "Polish jets shot down several Russian drones over Poland early on Wednesday. Warsaw "
        "counted 19 violations of its airspace; debris damaged the roof of a house in the "
        "village of Wyryki-Wola. Russia attacked Ukraine overnight with 415 drones.",
        date(2025, 9, 10),
    )
    assert [(s["drones"], s["targets"]) for s in got] == [({"min": 415, "max": 415}, [])]


def test_a_part_of_days_possessive_dates_the_attack_it_names() -> None:
    got = _strikes(
        "Families in Kryvyi Rih on Sunday began burying the victims of Friday evening's Russian "
        "ballistic missile strike, which killed 20 people.",
        date(2025, 4, 6),
    )
    assert [(s["date"], s["killed"]) for s in got] == [("2025-04-04", 20)]


def test_a_right_to_strike_and_a_weapons_range_are_no_strikes() -> None:
    got = _strikes(
        "Putin said Russia considered itself entitled to strike the military facilities of "
        "countries that let Ukraine use their weapons against Russia.",
        date(2024, 11, 22),
    )
    assert got == []
    got = _strikes(
        "Russia launched 653 drones at Ukraine overnight, the air force said. A Tomahawk has a "
        "range of about 2,500 km.",
        date(2025, 10, 30),
    )
    assert [(s["attacker"], s["missiles"]) for s in got] == [("RU", None)]


def test_an_offer_told_as_a_possibility_is_no_pledge() -> None:
    got = _pledges(
        "Kremlin could offer an 'air truce' to avert US sanctions, sources say\n\n"
        "Russia may propose a moratorium on air strikes in an attempt to head off new US "
        "sanctions, people familiar with the Kremlin's thinking said. Ukraine, Zelensky said, "
        "was still ready for a full and unconditional ceasefire.",
        date(2025, 8, 6),
    )
    assert [(p["party"], p["status"]) for p in got] == [("UA", "proposed")]


def test_a_side_that_gave_no_answer_made_no_pledge() -> None:
    got = _pledges(
        "Zelensky said that Steve Witkoff had proposed that both sides return to a halt on "
        "strikes against energy facilities, that Kyiv had agreed, and that Moscow had given no "
        "answer.",
        date(2026, 2, 7),
    )
    assert [(p["party"], p["status"], p["broker"]) for p in got] == [("UA", "agreed", "US")]


def test_a_call_for_a_ceasefire_repeated_is_an_offer() -> None:
    got = _pledges(
        "Zelensky has refused to commit to the three-day pause, calling it theatre, and "
        "repeated Kyiv's call for a ceasefire of at least 30 days.",
        date(2025, 5, 4),
    )
    assert ("UA", "proposed", 30) in [(p["party"], p["status"], p["duration_days"]) for p in got]


def test_last_years_truce_is_background_not_a_claim_on_this_one() -> None:
    got = _pledges(
        "Putin ordered Russian forces to cease hostilities for Orthodox Easter, the Kremlin "
        "said. Zelensky said Ukraine was ready to take mirror steps. Last year's Easter truce "
        "ended with each side accusing the other of thousands of violations.",
        date(2026, 4, 10),
    )
    assert sorted((p["party"], p["status"]) for p in got) == [("RU", "agreed"), ("UA", "agreed")]


def test_a_local_truce_covers_the_towns_it_lets_people_leave() -> None:
    got = _pledges(
        "Russian air strike hits Mariupol hospital during agreed evacuation pause\n\n"
        "Russia and Ukraine had agreed to a 12-hour local ceasefire to let civilians leave "
        "Mariupol, Enerhodar and Sumy along humanitarian corridors. Vereshchuk said Russian "
        "forces had broken the ceasefire around Mariupol.",
        date(2022, 3, 10),
    )
    assert sorted((p["party"], p["status"], tuple(p["places"])) for p in got) == [
        ("RU", "claimed_broken", ("Mariupol", "Enerhodar", "Sumy")),
        ("UA", "agreed", ("Mariupol", "Enerhodar", "Sumy")),
    ]


def test_homes_left_without_power_are_an_outage_not_a_residential_target() -> None:
    got = _strikes(
        "Russia fired 50 cruise missiles at energy sites in Kyiv on Monday morning, leaving "
        "350,000 homes in the capital without power.",
        date(2022, 10, 31),
    )
    assert [s["targets"] for s in got] == [["energy"]]
    # a grid hit that leaves a town without power is still an energy target
    got = _strikes(
        "A Russian drone hit the grid overnight, leaving part of Sloviansk without power.",
        date(2025, 3, 19),
    )
    assert [s["targets"] for s in got] == [["energy"]]


def test_more_weapons_the_side_also_launched_add_to_the_nights_count() -> None:
    got = _strikes(
        "Russia fired 71 cruise missiles at Ukraine early on Friday and 61 of them were shot "
        "down, the air force said. Russian forces also launched 35 S-300 missiles at the "
        "Kharkiv region.",
        date(2023, 2, 10),
    )
    assert [(s["missiles"], s["missiles_downed"]) for s in got] == [({"min": 106, "max": 106}, 61)]


def test_facilities_told_unhit_under_a_pause_claim_the_other_side_kept_it() -> None:
    got = _pledges(
        "Ukraine's energy ministry said no power facilities had been struck, the second night of "
        "the week-long pause on strikes against energy that Donald Trump says he asked Vladimir "
        "Putin to observe.",
        date(2026, 1, 31),
    )
    assert [(p["party"], p["status"], p["broker"], p["targets"]) for p in got] == [
        ("RU", "claimed_kept", "US", ["energy"])
    ]
