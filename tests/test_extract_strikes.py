"""Strike reading rules (issue 8): sentence bounds and who attacks, on hand-made text."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import extract
from trucewatch.extract.dates import find_dates
from trucewatch.extract.numbers import Qty
from trucewatch.extract.pipeline import default_extractor


def test_a_clock_abbreviation_ends_a_sentence_before_a_capitalised_function_word() -> None:
    nlp = default_extractor().nlp
    split = nlp("Missiles hit Odesa at about 11 a.m. The first struck a school.")
    kept = nlp("Missiles hit Odesa at about 11 a.m. Kyiv time and struck a school.")
    assert len(list(split.sents)) == 2
    assert len(list(kept.sents)) == 1


def test_a_sides_forces_followed_by_a_speech_verb_name_the_reporter_not_the_attacker() -> None:
    text = (
        "Ukraine's southern defence forces said two Iskander-M ballistic missiles had been "
        "fired at Mykolaiv on Friday, damaging a school."
    )
    (strike,) = extract(text, date(2024, 3, 16)).strikes
    assert strike.attacker == "RU"


def test_a_labelled_item_of_another_day_is_another_strike() -> None:
    text = (
        "At about 11:50 a drone hit a train at the station in Shostka, injuring 30 people. "
        "Background: since 18:00 on Friday Russia had launched 109 drones across Ukraine."
    )
    strikes = extract(text, date(2025, 10, 4)).strikes
    assert len(strikes) == 2
    assert strikes[1].drones is not None and strikes[1].drones.min == 109


def test_a_list_of_ages_is_not_a_count_of_weapons() -> None:
    text = (
        "A Russian drone hit a house in Kherson on Friday, injuring three children aged 7, 11 "
        "and 14."
    )
    (strike,) = extract(text, date(2025, 10, 4)).strikes
    assert strike.drones is None or strike.drones.max == 1
    assert strike.injured == 3


def test_a_clause_opening_with_a_day_far_from_an_undated_attacks_report_is_another_strike() -> None:
    text = (
        "Russia's defence ministry said on Monday that air defences had shot down a Ukrainian "
        "drone as it approached the Engels airfield in the Saratov region. On 5 December, "
        "according to the ministry, Ukrainian drones attacked the Dyagilevo airfield in the "
        "Ryazan region, killing three servicemen."
    )
    strikes = extract(text, date(2022, 12, 26)).strikes
    assert len(strikes) == 2
    assert "Ryazan Oblast" not in strikes[0].places
    assert strikes[1].date == date(2022, 12, 5)


def test_an_undated_attack_takes_a_later_clause_dated_on_its_report_day() -> None:
    text = (
        "Two people were killed and 16 injured in Kyiv as Russia attacked Ukraine for a second "
        "night, city officials said on Thursday. Overnight into Wednesday Russia fired 728 "
        "drones, mainly at Lutsk. The second attack came overnight into Thursday, with "
        "explosions in Kyiv as 397 drones and 18 missiles followed."
    )
    strikes = extract(text, date(2025, 7, 10)).strikes
    assert len(strikes) == 2
    kyiv = next(s for s in strikes if s.killed == 2)
    assert kyiv.drones is not None and kyiv.drones.min == 397


def test_what_an_attack_leaves_makes_a_clause_tell_the_attack() -> None:
    text = (
        "Russian drones struck Kyiv overnight, killing two people. "
        "Fires broke out in residential buildings and a petrol station in the Darnytskyi district."
    )
    (strike,) = extract(text, date(2025, 7, 10)).strikes
    assert {"residential", "commercial"} <= set(strike.targets)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Russia launched 40 drones at the Sumy region overnight; 31 were shot down and "
            "another nine vanished from radar without causing damage.",
            "military",
        ),
        (
            "A Russian missile hit a house in Kryvyi Rih overnight, a Ukrainian military source "
            "told Reuters.",
            "military",
        ),
        (
            "Russian drones hit an industrial site in Kryvyi Rih, Zelensky's home town, overnight.",
            "residential",
        ),
        (
            "Missiles struck a substation in Kyiv overnight, cutting power across the left bank.",
            "commercial",
        ),
    ],
)
def test_words_that_name_no_target_are_not_targets(text: str, absent: str) -> None:
    (strike,) = extract(text, date(2025, 7, 10)).strikes
    assert absent not in strike.targets


def test_a_police_headquarters_is_a_government_target() -> None:
    text = "A Russian ballistic missile hit the police headquarters in Kryvyi Rih on Friday."
    (strike,) = extract(text, date(2025, 7, 11)).strikes
    assert "government" in strike.targets


def test_a_side_hit_by_weapons_is_not_the_attacker() -> None:
    text = "Kyiv hit by 30 Russian drones overnight, the city administration said."
    (strike,) = extract(text, date(2025, 5, 9)).strikes
    assert strike.attacker == "RU"


@pytest.mark.parametrize(
    "headline",
    ["", "Drones over Lviv\n", "Lviv under drone attack\n", "A drone attack on Lviv\n"],
)
def test_a_headline_before_an_overnight_report_leaves_the_attack_at_night(headline: str) -> None:
    text = headline + "During the night Russian forces attacked Lviv with 25 drones."
    (strike,) = extract(text, date(2025, 8, 14)).strikes
    assert strike.date == date(2025, 8, 13)
    assert strike.overnight


@pytest.mark.parametrize(
    "text",
    [
        "The air force initially reported 60 Russian drones over Kyiv but later corrected the "
        "figure to 52.",
        "The air force said Russia launched 60 drones at Kyiv overnight. It later revised the "
        "figure to 52.",
    ],
)
def test_a_corrected_figure_replaces_the_one_it_corrects(text: str) -> None:
    (strike,) = extract(text, date(2025, 5, 9)).strikes
    assert strike.drones is not None and strike.drones.min == strike.drones.max == 52


def test_a_weeks_tally_is_not_a_strike_but_one_attack_earlier_this_week_is() -> None:
    tally = "Russia has launched more than 1,200 drones at Ukraine this week, Zelensky said."
    assert extract(tally, date(2025, 5, 9)).strikes == []
    one = "Earlier this week Russia attacked Kyiv with 50 drones, killing two."
    (strike,) = extract(one, date(2025, 5, 9)).strikes
    assert strike.killed == 2


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Russian aircraft dropped a glide bomb on Kostiantynivka on Tuesday, killing one.",
            1,
            None,
        ),
        ("Russian shelling killed two people in Nikopol on Tuesday; 3 more were wounded.", 2, 3),
    ],
)
def test_casualties_told_without_a_person_noun(text: str, killed: int, injured: int | None) -> None:
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Russian drones hit Khmelnytskyi overnight; officials reported some injuries but no "
            "deaths.",
            0,
            None,
        ),
        ("Russian drones hit Odesa overnight; there were no casualties.", 0, 0),
        (
            "Russian drones hit Odesa and Izmail overnight, and in Izmail nobody was hurt there.",
            None,
            None,
        ),
    ],
)
def test_no_deaths_is_none_killed_and_no_casualties_is_none_of_either(
    text: str, killed: int | None, injured: int | None
) -> None:
    (strike,) = extract(text, date(2025, 5, 26)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


def test_casualties_told_place_by_place_in_one_clause_are_summed() -> None:
    text = (
        "Russia launched 90 drones overnight. One person was injured in the Odesa region and "
        "two people were hurt in the Vinnytsia region."
    )
    (strike,) = extract(text, date(2024, 11, 28)).strikes
    assert strike.injured == 3


def test_a_figure_in_all_is_not_summed_with_its_parts() -> None:
    text = (
        "Russian drones hit Kyiv overnight. 27 people were wounded in the Kyiv region and more "
        "than 70 were injured in all in the capital and Zaporizhzhia."
    )
    (strike,) = extract(text, date(2025, 9, 28)).strikes
    assert strike.injured == 70


def test_a_headlines_rounded_figure_gives_way_to_the_bodys() -> None:
    text = (
        "Russia fires 100 drones at Ukraine\n\n"
        "KYIV, May 7 - Russia launched 98 attack drones at Ukraine overnight, the air force "
        "said, and 80 were shot down."
    )
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert strike.drones is not None and strike.drones.min == strike.drones.max == 98
    assert strike.drones_downed == 80


def test_a_side_named_in_headlinese_is_hit_not_hitting() -> None:
    text = (
        "Kyiv hit as Russia launches 300 drones\n\n"
        "Russia launched 310 drones at Ukraine overnight, hitting Kyiv and Odesa, officials said."
    )
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert strike.attacker == "RU"


def test_a_headlines_downed_figure_gives_way_to_the_bodys() -> None:
    text = (
        "Russia says it downed 50 Ukrainian drones\n\n"
        "Russia's defence ministry said its air defences had destroyed 48 Ukrainian drones "
        "overnight over the Bryansk and Kursk regions."
    )
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert strike.drones_downed == 48


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones hit Kharkiv the day before yesterday, injuring three.",
        "Russian drones hit Kharkiv two days ago, injuring three.",
    ],
)
def test_days_ago_count_back_from_the_report(text: str) -> None:
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert strike.date == date(2025, 5, 5)


@pytest.mark.parametrize(
    "text",
    [
        "Since the full-scale invasion began, Russia has fired more than 10,000 missiles at "
        "Ukraine.",
        "In the first four months of the year Russia launched 15,000 drones at Ukraine.",
        "So far in 2025 Russia has launched 20,000 drones.",
        "Between 1 and 7 May Russia launched 900 drones at Ukraine.",
        "Across the weekend Russia launched 400 drones and 20 missiles at Ukraine.",
        "Russia launched 3,000 drones in March alone.",
    ],
)
def test_a_periods_tally_is_not_a_strike(text: str) -> None:
    assert extract(text, date(2025, 5, 7)).strikes == []


def test_the_largest_attack_since_the_invasion_is_still_a_strike() -> None:
    text = (
        "Russia launched 267 drones at Ukraine overnight, the largest number in a single attack "
        "since the full-scale invasion began."
    )
    (strike,) = extract(text, date(2025, 2, 23)).strikes
    assert strike.drones is not None and strike.drones.min == 267


def test_a_running_total_the_attack_adds_to_is_not_its_count() -> None:
    text = "Russia launched 180 drones overnight, bringing the total for the week to 1,100."
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert strike.drones is not None and strike.drones.min == strike.drones.max == 180


def test_launchers_and_systems_are_equipment_not_munitions() -> None:
    text = (
        "Ukrainian missiles struck a Russian air-defence position in the Kursk region overnight, "
        "destroying two S-400 launchers, Ukraine's General Staff said."
    )
    strikes = extract(text, date(2025, 5, 7)).strikes
    assert all(s.missiles is None and s.missiles_downed is None for s in strikes)


@pytest.mark.parametrize(
    "text",
    [
        "Russia is preparing a massive strike on Ukraine's energy grid with 300 drones, "
        "Ukrainian intelligence said.",
        "A Russian strike on Kyiv could come as soon as tonight, the US embassy warned.",
        "No drones were launched at Kyiv overnight, the city administration said.",
        "An air-raid alert sounded in Kyiv overnight but no attack followed.",
    ],
)
def test_an_attack_prepared_expected_or_not_made_is_not_a_strike(text: str) -> None:
    assert extract(text, date(2025, 5, 7)).strikes == []


def test_a_hyphenated_number_word_is_one_number() -> None:
    text = "Russia fired twenty-eight missiles at Lviv on Friday. Sixty-one people were injured."
    (strike,) = extract(text, date(2024, 4, 5)).strikes
    assert strike.missiles is not None and strike.missiles.min == 28
    assert strike.injured == 61


@pytest.mark.parametrize(
    "text",
    [
        "A Russian missile hit the station in Kramatorsk on Friday. 98 people were taken to "
        "hospital.",
        "A Russian missile hit the station in Kramatorsk on Friday. 98 people sought medical help.",
    ],
)
def test_people_taken_to_hospital_or_seeking_medical_help_are_injured(text: str) -> None:
    (strike,) = extract(text, date(2022, 4, 8)).strikes
    assert strike.injured == 98


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A Russian missile hit Kharkiv overnight, fatally wounding three people.", 3, None),
        ("A Russian drone hit a car in Kherson on Tuesday, killing the driver.", 1, None),
        (
            "Russian shelling of Nikopol on Tuesday killed a woman and injured her two children.",
            1,
            2,
        ),
        ("A Russian missile hit Odesa on Tuesday. Five people lost their lives.", 5, None),
        # a count after a comma with its own casualty word is not the first count's verb
        ("A Russian drone hit a bus in Nikopol on Friday, killing 4 people, 11 injured.", 4, 11),
    ],
)
def test_casualty_wordings(text: str, killed: int | None, injured: int | None) -> None:
    (strike,) = extract(text, date(2025, 5, 7)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


def test_a_total_told_after_one_regions_downed_figure_replaces_it() -> None:
    text = (
        "Air defences destroyed 9 drones over the Kursk region overnight. No one was hurt. "
        "In all, 51 Ukrainian drones were shot down over Russian regions overnight."
    )
    (strike,) = extract(text, date(2025, 6, 3)).strikes
    assert strike.drones_downed == 51


def test_two_people_joined_by_and_are_two() -> None:
    text = "Overnight the Dnipro region was attacked: in Dnipro, drones killed a man and a woman."
    (strike,) = extract(text, date(2026, 2, 1)).strikes
    assert strike.killed == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Russian drones hit a shipyard in Izmail overnight.", "industrial"),
        ("Russian drones hit petrol stations in Kharkiv overnight.", "commercial"),
        ("A Russian missile destroyed a recreation building in Odesa on Friday.", "other"),
        ("Russian drones hit farm machinery in the Odesa region overnight.", "agriculture"),
    ],
)
def test_target_kinds_from_the_contracts_classes(text: str, kind: str) -> None:
    (strike,) = extract(text, date(2024, 3, 16)).strikes
    assert kind in strike.targets


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A glide bomb hit Kharkiv on Monday. A boy of 12 was killed.", 1, None),
        ("A drone struck a bus in Kherson on Monday, killing a man of 63.", 1, None),
        ("A drone struck Kherson on Monday. Four people were confirmed dead.", 4, None),
        ("A drone struck Kherson on Monday. Six people were reported injured.", None, 6),
    ],
)
def test_an_age_after_a_person_is_not_a_count_and_a_reported_toll_is(
    text: str, killed: int | None, injured: int | None
) -> None:
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Russian artillery shelled Nikopol on Monday, killing four people and injuring 12. "
            "The governor said the toll had risen from the two dead reported earlier.",
            4,
            12,
        ),
        (
            "A missile struck Zaporizhzhia on Monday, killing three. An earlier report had put "
            "the number of injured at 30; later officials said 24 people were hurt.",
            3,
            24,
        ),
        (
            "A missile struck Sumy on Monday. Initially officials reported two dead and nine "
            "injured, then three dead, and by evening 15 people were reported injured.",
            3,
            15,
        ),
        (
            "A missile struck Sumy on Monday, killing six. In the first reports officials spoke "
            "of 14 injured.",
            6,
            14,
        ),
    ],
)
def test_an_earlier_casualty_figure_gives_way_to_the_latest(
    text: str, killed: int | None, injured: int | None
) -> None:
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Ukrainian drones struck a fuel depot in Russia's Oryol region overnight.",
            "Oryol Oblast",
        ),
        ("Russian missiles hit a substation in Ukraine's Volyn region overnight.", "Volyn Oblast"),
    ],
)
def test_a_region_named_with_its_state_is_a_place_hit(text: str, place: str) -> None:
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert strike.places == [place]


def test_an_incursion_into_a_region_is_not_a_place_hit() -> None:
    text = (
        "A Russian glide bomb hit a school in Sumy on Monday, a city shelled more often since "
        "Ukraine's incursion into Russia's Kursk region."
    )
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert strike.places == ["Sumy"]


def test_a_ministry_saying_its_forces_hit_names_its_side_as_the_attacker() -> None:
    text = (
        "The Russian defence ministry said its forces had hit fuel facilities serving the "
        "Ukrainian army in the Poltava region overnight."
    )
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert strike.attacker == "RU"


@pytest.mark.parametrize(
    "text",
    [
        "In the last four nights Russia sent 1,100 drones and 30 missiles against Ukraine.",
        "Kyiv would need 20 more air-defence batteries to stop 700 drones a night, he said.",
        "A Russian drone came down in a field in eastern Romania overnight; nobody was hurt.",
        "Two Russian drones entered Moldovan airspace overnight and one fell near a village.",
    ],
)
def test_tallies_rates_and_neighbouring_states_are_not_strikes(text: str) -> None:
    assert extract(text, date(2025, 9, 10)).strikes == []


def test_a_drone_straying_abroad_leaves_the_attack_s_count() -> None:
    text = "Russia sent 415 drones against Ukraine overnight, and two of them flew into Poland."
    (strike,) = extract(text, date(2025, 9, 10)).strikes
    assert strike.drones is not None and strike.drones.min == 415


@pytest.mark.parametrize(
    "text",
    [
        "A Shahed with a 90-kilogram warhead hit a block of 12 storeys in Odesa overnight.",
        "One Shahed carrying 50 kg of explosives hit a house in Odesa overnight.",
    ],
)
def test_weights_and_storeys_are_not_counts(text: str) -> None:
    (strike,) = extract(text, date(2025, 9, 10)).strikes
    assert strike.drones is not None and strike.drones.min == 1


@pytest.mark.parametrize(
    "text",
    [
        "Russia sent 61 drones overnight, the air force said. (An earlier version of this report "
        "said 66 drones.)",
        "Russia sent 61 drones, not 66, against Ukraine overnight, the air force said.",
        "Russia sent 61 drones, rather than 66 as first reported, against Ukraine overnight.",
    ],
)
def test_a_figure_set_aside_is_neither_the_count_nor_another_attack(text: str) -> None:
    (strike,) = extract(text, date(2025, 9, 10)).strikes
    assert strike.drones is not None and strike.drones.min == 61


def test_the_number_injured_rising_to_a_figure_counts_the_injured() -> None:
    text = (
        "The number of injured after the missile strike on the centre of Poltava on the "
        "evening of 2 June rose to 8."
    )
    (strike,) = extract(text, date(2025, 6, 3)).strikes
    assert strike.injured == 8 and strike.killed is None


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "A drone hit a depot in Tula on Monday. Four people were admitted to a hospital.",
            None,
            4,
        ),
        (
            "A drone hit a tanker in Tuapse on Monday. Two sailors from the tanker were taken to "
            "hospital.",
            None,
            2,
        ),
        (
            "A glide bomb hit Kharkiv on Monday. Rescuers found nine bodies under the rubble.",
            9,
            None,
        ),
        (
            "A missile hit Dnipro on Monday, killing four. Two of the injured are in danger.",
            4,
            None,
        ),
    ],
)
def test_hospital_and_recovery_wordings(text: str, killed: int | None, injured: int | None) -> None:
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


def test_bodies_returned_in_an_exchange_are_not_a_toll() -> None:
    text = "The two sides agreed to return 1,000 bodies of fallen soldiers each."
    assert extract(text, date(2025, 5, 6)).strikes == []


def test_where_the_wounded_are_treated_is_not_a_place_hit() -> None:
    text = (
        "A missile hit Kramatorsk on Monday, injuring eight people. Three of them were taken "
        "to a hospital in Dnipro, and two are being treated in Kharkiv."
    )
    (strike,) = extract(text, date(2025, 5, 6)).strikes
    assert strike.places == ["Kramatorsk"]


def test_a_toll_told_apart_and_days_later_is_the_attack_s() -> None:
    text = (
        "Rescuers in Kremenchuk had recovered 14 bodies by Wednesday morning. The missile struck "
        "the shopping centre on Monday afternoon, and 40 people were hurt. On Thursday a man "
        "taken to hospital died, bringing the number of dead to 15."
    )
    (strike,) = extract(text, date(2025, 5, 8)).strikes
    assert (strike.killed, strike.injured) == (15, 40)


def test_a_downing_told_by_a_participle_is_downed_not_launched() -> None:
    text = (
        "Russia fires 200 drones at Ukraine\n"
        "Russia sent 212 drones against Ukraine overnight, the air force said, shooting down 190 "
        "of the drones over the Kyiv region."
    )
    (strike,) = extract(text, date(2025, 6, 11)).strikes
    assert strike.drones is not None and strike.drones.min == 212
    assert strike.drones_downed == 190


def test_out_of_n_launched_is_the_launched_figure() -> None:
    text = "Overnight 30 drones were shot down and 9 lost locationally, out of 45 launched."
    (strike,) = extract(text, date(2025, 6, 11)).strikes
    assert strike.drones is not None and strike.drones.min == 45
    assert strike.drones_downed == 39


def test_two_nights_in_one_sentence_are_two_strikes() -> None:
    text = (
        "Russia sent 90 drones on the night of Sunday to Monday and another 140 drones "
        "overnight into Tuesday, the air force said."
    )
    first, second = extract(text, date(2025, 6, 10)).strikes
    assert first.drones is not None and first.drones.min == 90
    assert second.drones is not None and second.drones.min == 140
    assert first.date is not None and second.date is not None and first.date < second.date


def test_another_batch_the_same_night_adds_up() -> None:
    text = "Russia sent 120 Shahed drones and another 40 decoy drones against Ukraine overnight."
    (strike,) = extract(text, date(2025, 6, 10)).strikes
    assert strike.drones is not None and strike.drones.min == 160


def test_a_headline_s_present_tense_hit_names_the_place() -> None:
    text = "Russia attacks Odesa with drones\nRussian drones struck the port overnight."
    (strike,) = extract(text, date(2025, 6, 10)).strikes
    assert "Odesa" in strike.places


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Drones hit Odesa overnight. Nine people were injured in the city, and two more "
            "were hurt in the Odesa region.",
            None,
            11,
        ),
        (
            "Drones hit the Kursk region on Saturday, injuring eight people. Five were hurt in "
            "Rylsk, and three more people were injured in Lgov.",
            None,
            8,
        ),
        (
            "A missile hit Poltava overnight, killing three. Another person died in hospital, "
            "bringing the toll to four.",
            4,
            None,
        ),
    ],
)
def test_more_adds_to_the_last_figure_and_a_toll_to_n_is_the_dead(
    text: str, killed: int | None, injured: int | None
) -> None:
    (strike,) = extract(text, date(2025, 6, 1)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)
    assert strike.missiles is None or strike.missiles.min == 1


def test_a_search_that_ended_on_a_day_gives_the_report_day_not_the_attack_s() -> None:
    cues = find_dates("The search of the ruins ended on Friday.", date(2025, 6, 6))
    assert [c.kind for c in cues] == ["report"]


def test_an_attack_told_within_a_truce_is_a_strike_and_a_pledge_is_not() -> None:
    attack = "Russia kept shelling Kherson throughout the first night of the Easter truce."
    (strike,) = extract(attack, date(2025, 4, 20)).strikes
    assert strike.attacker == "RU" and strike.places == ["Kherson"]
    pledge = "Russia agreed to stop striking Kyiv during the 30-day ceasefire."
    assert extract(pledge, date(2025, 4, 20)).strikes == []


def test_bombs_that_fell_on_a_place_hit_it() -> None:
    text = "Russian jets dropped glide bombs overnight, and 40 of them fell on Kupiansk."
    (strike,) = extract(text, date(2025, 4, 20)).strikes
    assert strike.places == ["Kupiansk"]


def test_a_place_as_the_subject_of_a_passive_hit() -> None:
    text = "Russian drones attacked overnight; Kherson was again struck, and a man was hurt."
    (strike,) = extract(text, date(2025, 4, 20)).strikes
    assert strike.places == ["Kherson"]


def test_no_drones_or_missiles_launched_is_no_attack() -> None:
    text = "The air force said no Shahed drones or cruise missiles had been launched overnight."
    assert extract(text, date(2025, 4, 20)).strikes == []


def test_a_toll_raised_in_steps_keeps_its_kind() -> None:
    text = (
        "Shells hit a market in Horlivka on Sunday. Officials revised the toll twice - 8 dead, "
        "then 11, then 14 - and said 20 people were wounded."
    )
    (strike,) = extract(text, date(2024, 1, 22)).strikes
    assert (strike.killed, strike.injured) == (14, 20)


def test_a_place_hit_again_at_another_time_is_another_strike() -> None:
    text = (
        "Russian drones struck a bus in Pavlohrad on Sunday afternoon, killing six. Officials "
        "said drones hit Pavlohrad again overnight, setting a warehouse on fire."
    )
    strikes = extract(text, date(2026, 2, 2)).strikes
    assert len(strikes) == 2 and strikes[0].killed == 6 and strikes[1].killed is None


@pytest.mark.parametrize(
    ("text", "downed"),
    [
        (
            "Russia fired 40 missiles overnight. 30 cruise missiles and all four Kh-59s were "
            "shot down, 34 missiles in all.",
            34,
        ),
        (
            "Russia fired 20 missiles overnight. Air defences downed 12 missiles - two Kinzhals, "
            "four Iskander-Ms and six Kalibrs.",
            12,
        ),
        (
            "Russia fired 20 missiles and 300 drones overnight, and 280 of these air targets "
            "were shot down.",
            None,
        ),
    ],
)
def test_a_downed_total_is_not_added_to_its_parts(text: str, downed: int | None) -> None:
    (strike,) = extract(text, date(2025, 6, 11)).strikes
    assert strike.missiles_downed == downed


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("Drones hit Saratov overnight. A woman suffered shrapnel wounds.", 1),
        (
            "Drones hit Saratov overnight, and two people were taken to hospital with injuries "
            "that were not life-threatening.",
            2,
        ),
    ],
)
def test_suffered_wounds_and_injuries_not_life_threatening(text: str, injured: int) -> None:
    (strike,) = extract(text, date(2025, 6, 11)).strikes
    assert strike.injured == injured


def test_places_in_russia_told_after_a_russian_attack_are_the_other_sides_attack() -> None:
    text = (
        "Russia launched 120 drones at Ukraine overnight, injuring four people in Kharkiv. "
        "Meanwhile, debris fell on a refinery in Novomoskovsk and a fire broke out in Yelets, "
        "the regional governors said."
    )
    strikes = extract(text, date(2025, 6, 6)).strikes
    ru = [s for s in strikes if s.attacker == "RU"]
    ua = [s for s in strikes if s.attacker == "UA"]
    assert len(ru) == 1 and ru[0].places == ["Kharkiv"]
    assert len(ua) == 1 and {"Novomoskovsk", "Yelets"} <= set(ua[0].places)


# --- own English strike passages (seventh session): numbers that are not counts ---------------


@pytest.mark.parametrize(
    "text",
    [
        # a number hyphened to the word after it is a measure
        "Ukrainian drones struck a depot in Crimea with missiles, the navy said in a 40-second "
        "clip.",
        # a number after the noun it labels names something
        "A Russian drone hit a tower in Kharkiv on Monday. The blast shattered windows on floors "
        "9 to 14 and part of the facade.",
        "Missiles struck Kyiv on Monday, and apartment 14 of building No. 31 burned out.",
        # digits one group after another are a phone number
        "A Russian drone hit a tower in Kharkiv on Monday. Residents can call the city hotline "
        "at 0 800 21 77 10.",
        # a year is no count, however far back
        "Missiles struck Kyiv on Monday, the worst raid on the city since 1941.",
    ],
)
def test_measures_labels_phone_numbers_and_years_are_not_counts(text: str) -> None:
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert strike.missiles is None and strike.drones in (None, Qty(1, 1))
    assert strike.missiles_downed is None and strike.drones_downed is None


def test_two_people_told_with_their_ages_are_two() -> None:
    text = (
        "A Russian drone hit a house in Sumy on Monday. A 64-year-old man and his 7-year-old "
        "granddaughter were wounded."
    )
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert strike.injured == 2


def test_an_air_defence_system_named_with_an_article_is_no_missile_launched() -> None:
    text = "Ukrainian drones hit a Russian S-300 air-defence battery in Crimea on Sunday."
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert strike.missiles is None


@pytest.mark.parametrize(
    ("text", "missiles_downed", "drones_downed"),
    [
        ("Russia fired seven Kalibr missiles at Odesa, all of which were shot down.", 7, None),
        ("Russia sent 23 drones at Izmail on Monday; all of them were destroyed.", None, 23),
        ("Russia fired three Iskander-M missiles at Kyiv; none was intercepted.", 0, None),
        ("Russia fired two missiles at Dnipro. None of the missiles was shot down.", 0, None),
        # no downing verb: not a downed figure
        ("Russia launched 12 drones at Sumy; none of the drones hit their targets.", None, None),
        # launched as 'more than N': as many as that is no one number
        ("Russia launched more than 50 drones at Kharkiv; all of them were shot down.", None, None),
    ],
)
def test_all_or_none_shot_down(
    text: str, missiles_downed: int | None, drones_downed: int | None
) -> None:
    (strike,) = extract(text, date(2025, 3, 4)).strikes
    assert (strike.missiles_downed, strike.drones_downed) == (missiles_downed, drones_downed)


def test_unmanned_aerial_vehicles_are_drones() -> None:
    text = (
        "Air defences destroyed 27 Ukrainian fixed-wing unmanned aerial vehicles over the "
        "Kursk region overnight, the Russian Defence Ministry said on Sunday."
    )
    (strike,) = extract(text, date(2025, 6, 8)).strikes
    assert (strike.attacker, strike.drones_downed, strike.weapons) == ("UA", 27, ["drones"])


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones hit Lviv overnight. In neighbouring Moldova, police found drone wreckage "
        "near the village of Tocuz.",
        "Russian drones hit Lviv overnight, and some strayed into Polish airspace. A barn in the "
        "village of Zosin was damaged.",
    ],
)
def test_a_village_told_beside_a_neighbouring_state_is_not_a_place_hit(text: str) -> None:
    (strike,) = extract(text, date(2025, 9, 10)).strikes
    assert strike.places == ["Lviv"]


def test_places_and_buildings_by_their_usual_english_names() -> None:
    text = (
        "Ukrainian missiles struck Yevpatoria on Friday; a gas pipe and a 14-storey building "
        "were damaged."
    )
    (strike,) = extract(text, date(2025, 9, 12)).strikes
    assert "Yevpatoria" in strike.places
    assert {"energy", "residential"} <= set(strike.targets)


def test_a_range_told_after_a_figure_it_holds_is_the_attacks_count() -> None:
    text = (
        "The air force said Russia launched 410 drones at Ukraine overnight; another statement "
        "gave 404. Counting both, the attack involved between 404 and 410 drones."
    )
    (strike,) = extract(text, date(2025, 7, 6)).strikes
    assert strike.drones == Qty(404, 410)


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 4,310 drones and 96 missiles at Ukraine in October, the air force said.",
        "The number of drones shot down rose to 3,980, from 3,410 in September.",
    ],
)
def test_a_month_s_launches_are_no_strike(text: str) -> None:
    assert extract(text, date(2025, 11, 2)).strikes == []


def test_a_day_of_a_month_is_still_one_attack() -> None:
    (strike,) = extract("Russia launched 40 drones at Odesa on 5 March.", date(2025, 3, 6)).strikes
    assert strike.drones is not None and strike.drones.min == 40


def test_a_ratio_counts_nothing() -> None:
    text = "Russian drones hit Kharkiv overnight. Seven in 10 drones are now shot down, he said."
    (strike,) = extract(text, date(2025, 11, 2)).strikes
    assert strike.drones_downed is None


def test_the_day_after_a_night_told_is_another_attack_of_the_same_side() -> None:
    text = (
        "Russian drones struck a warehouse in Pavlohrad overnight, the governor said on Tuesday. "
        "Earlier on Monday, three people were wounded when Russian artillery shelled Kherson."
    )
    strikes = extract(text, date(2025, 6, 3)).strikes
    assert len(strikes) == 2
    assert [s.places for s in strikes] == [["Pavlohrad"], ["Kherson"]]
    assert all(s.date == date(2025, 6, 2) for s in strikes)


@pytest.mark.parametrize("when", ["Late on Monday", "At 23:40 on Monday", "On Monday evening"])
def test_late_in_the_day_is_the_night_told(when: str) -> None:
    text = (
        "Russia launched 90 drones at Ukraine overnight, the air force said on Tuesday. "
        f"{when} a drone hit a shop in Sumy, wounding two people."
    )
    (strike,) = extract(text, date(2025, 6, 3)).strikes
    assert strike.drones is not None and strike.drones.min == 90
    assert strike.injured == 2


def test_a_day_named_as_another_events_does_not_split_the_night() -> None:
    text = (
        "Russia fired 20 missiles at Odesa overnight, the air force said on Tuesday. "
        "Moscow called it revenge for Monday's attack on its fleet and said it hit ports in Odesa."
    )
    strikes = extract(text, date(2025, 6, 3)).strikes
    assert len(strikes) == 1


def test_the_attackers_own_count_of_soldiers_killed_gives_way_to_the_victims_toll() -> None:
    text = (
        "Russia's defence ministry said on Tuesday that two Iskander missiles had struck a "
        "training ground near Chernihiv and killed more than 80 soldiers. Ukrainian officials "
        "say the two missiles killed 12 people and wounded 40 others in Chernihiv."
    )
    (strike,) = extract(text, date(2025, 6, 4)).strikes
    assert strike.killed == 12
    assert strike.injured == 40


def test_another_person_taken_to_hospital_is_one_injured() -> None:
    text = (
        "A Ukrainian drone hit a warehouse in Bryansk overnight; one worker died and another "
        "had been taken to hospital, the governor said on Monday."
    )
    (strike,) = extract(text, date(2025, 6, 2)).strikes
    assert strike.killed == 1
    assert strike.injured == 1


def test_another_killed_adds_to_the_dead_told() -> None:
    text = (
        "Russian shelling killed one man in Nikopol on Sunday, and another was killed when a "
        "shell hit his car, the governor said."
    )
    (strike,) = extract(text, date(2025, 6, 2)).strikes
    assert strike.killed == 2


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # number words: "a dozen" is twelve
        (
            "Glide bombs hit Zaporizhzhia on Sunday, killing a man and injuring a dozen people.",
            1,
            12,
        ),
        # the second person of "one ... and another wounded"
        ("A drone hit a car in Nikopol on Sunday. One man was killed and another wounded.", 1, 1),
        # civilians and soldiers joined: one toll
        ("Missiles hit Kharkiv on Sunday, killing four civilians and three soldiers.", 7, None),
        # "are dead" and "being treated for injuries"
        ("Two people are dead after drones hit Sumy on Sunday.", 2, None),
        ("Drones hit Sumy on Sunday; 14 people were being treated for injuries.", None, 14),
    ],
)
def test_casualty_tolls_in_everyday_wording(
    text: str, killed: int | None, injured: int | None
) -> None:
    (strike,) = extract(text, date(2026, 3, 2)).strikes
    assert (strike.killed, strike.injured) == (killed, injured)


def test_two_groups_each_with_its_own_verb_are_not_joined() -> None:
    text = "Drones hit Sumy on Sunday; two people were killed and five people were injured."
    (strike,) = extract(text, date(2026, 3, 2)).strikes
    assert (strike.killed, strike.injured) == (2, 5)


def test_a_month_s_running_toll_is_not_the_strike_s_toll() -> None:
    text = (
        "A drone killed a man in Kherson overnight. In March so far, Russian strikes have "
        "killed more than 120 civilians in the region, officials said."
    )
    (strike,) = extract(text, date(2026, 3, 17)).strikes
    assert strike.killed == 1
