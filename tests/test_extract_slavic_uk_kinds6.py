"""Ukrainian strikes and pledges by kinds of language (eleventh session, uk6): zero tolls and
fixed phrases with words inside them, victims named by their job, pronouns between a count and
its noun, locatives whose consonant alternates, the Air Force's main direction, debris of downed
drones, launch areas at sea; offers accepted, promises in the future and given in the past,
demands insisted on, offers not withdrawn, breaches told by a side's weapons, truces told as
"such" (extract/slavic, lang "uk")."""

from __future__ import annotations

from datetime import date

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.numbers import Qty
from trucewatch.extract.results import ExtractedPledge, ExtractedStrike
from trucewatch.extract.slavic.places import place_reader

DAY = date(2025, 11, 12)


def strikes(text: str, day: date = DAY) -> list[ExtractedStrike]:
    return extract_any(text, day, "uk").strikes


def pledges(text: str, day: date = DAY) -> list[tuple[str, str]]:
    return [(p.party, p.status) for p in extract_any(text, day, "uk").pledges]


def read_pledges(text: str, day: date = DAY) -> list[ExtractedPledge]:
    return extract_any(text, day, "uk").pledges


# -- strikes --------------------------------------------------------------------------------


def test_a_zero_toll_with_an_aside_inside_it_is_a_zero_toll() -> None:
    (s,) = strikes("Уночі ворожі дрони атакували Полтаву. Загиблих і поранених, на щастя, немає.")
    assert (s.killed, s.injured) == (0, 0)
    (s,) = strikes(
        "Уночі ворожі дрони атакували Полтаву. Загиблих та постраждалих, за попередніми даними, "
        "немає."
    )
    assert (s.killed, s.injured) == (0, 0)


def test_places_told_as_under_attack_with_a_word_inside_the_phrase_are_hit() -> None:
    (s,) = strikes(
        "Уночі ворог атакував дронами Черкаси. Під атакою також були Вінниччина та Київщина."
    )
    assert {"Vinnytsia Oblast", "Kyiv Oblast"} <= set(s.places)
    (s,) = strikes("Протягом доби під ворожими обстрілами перебували Ізюм, Балаклія та Чугуїв.")
    assert s.places == ["Izium", "Balakliia", "Chuhuiv"]
    (s,) = strikes("Протягом доби обстрілів зазнали Білопільська та Краснопільська громади.")
    assert s.places == ["Bilopillia", "Krasnopillia"]


def test_one_victim_named_by_job_after_an_impersonal_passive_is_one() -> None:
    (s,) = strikes("Вранці FPV-дрон атакував автомобіль у Херсоні — поранено водія.")
    assert (s.injured, s.places) == (1, ["Kherson"])
    (s,) = strikes("Вдень ворог атакував дроном Нікополь, травмовано жінку.")
    assert s.injured == 1


def test_a_victim_in_the_accusative_without_an_impersonal_verb_is_no_toll() -> None:
    (s,) = strikes("Вранці FPV-дрон атакував автомобіль у Херсоні, ворог цілив у водія.")
    assert s.injured is None


def test_a_pronoun_between_a_count_and_its_noun_counts_that_noun() -> None:
    (s,) = strikes(
        "Удень російський дрон атакував автобус поблизу Павлограда. Загинули 3 шахтарі, ще "
        "5 наших працівників травмовані."
    )
    assert (s.killed, s.injured) == (3, 5)


def test_a_locative_whose_consonant_alternates_is_the_place_the_dictionary_lacks() -> None:
    reader = place_reader("uk")
    words = ["У", "Великому", "Бурлуці"]
    cap = [w[:1].isupper() for w in words]
    hit = reader.match(words, cap, 1)
    assert hit is not None and (hit.length, hit.name) == (2, "Velykyi Burluk")
    words = ["у", "Кривому", "Розі"]  # a form the dictionary knows keeps its own lemma
    cap = [w[:1].isupper() for w in words]
    hit = reader.match(words, cap, 1)
    assert hit is not None and hit.name == "Kryvyi Rih"


def test_the_main_direction_of_an_air_force_strike_is_a_place_hit() -> None:
    (s,) = strikes(
        "У ніч на 12 листопада противник завдав удару, головним напрямком якого була "
        "Одещина: 120 ударних БпЛА, збито 104."
    )
    assert (s.places, s.drones, s.drones_downed) == (["Odesa Oblast"], Qty(120, 120), 104)


def test_debris_of_downed_drones_told_by_places_is_no_count_of_downed() -> None:
    (s,) = strikes(
        "Уночі ворог запустив 140 ударних БпЛА. Збито 120 дронів. Зафіксовано влучання на "
        "9 локаціях, падіння збитих — на 14."
    )
    assert (s.drones, s.drones_downed) == (Qty(140, 140), 120)


def test_a_launch_area_at_sea_keeps_its_missiles_in_the_breakdown_of_the_total() -> None:
    (s,) = strikes(
        "У ніч на 12 листопада противник атакував 41 ракетою та 300 дронами. Зокрема, з "
        "акваторії Каспійського моря пущено 29 крилатих ракет Х-101, з Курської області — 12 "
        "балістичних ракет «Іскандер-М». Збито 30 ракет і 280 дронів."
    )
    assert (s.missiles, s.missiles_downed, s.places) == (Qty(41, 41), 30, [])


def test_an_attack_told_after_and_already_beside_a_truce_is_a_strike_and_a_breach() -> None:
    found = extract_any(
        "Кремль оголосив триденне «перемир'я» — і вже з 03:00 ворог скидає керовані "
        "авіабомби на громади Харківщини.",
        date(2025, 5, 8),
        "uk",
    )
    (s,) = found.strikes
    assert (s.attacker, s.places, s.weapons) == ("RU", ["Kharkiv Oblast"], ["glide_bombs"])
    assert ("RU", "claimed_broken") in [(p.party, p.status) for p in found.pledges]


# -- pledges --------------------------------------------------------------------------------


def test_accepting_a_proposal_agrees_to_it_with_its_author_as_broker() -> None:
    (p,) = read_pledges("Україна приймає пропозицію США про припинення вогню на 30 днів.")
    assert (p.party, p.status, p.broker, p.duration_days) == ("UA", "agreed", "US", 30)


def test_refraining_told_in_the_future_is_a_commitment() -> None:
    (p,) = read_pledges("Україна утримуватиметься від ударів по енергетиці Росії протягом тижня.")
    assert (p.party, p.status, p.targets, p.duration_days) == ("UA", "agreed", ["energy"], 7)


def test_a_truce_kept_told_in_the_past_is_a_claim_of_keeping() -> None:
    assert pledges("Україна свою частину перемир'я дотримала.") == [("UA", "claimed_kept")]


def test_insisting_on_a_ceasefire_proposes_it_but_insisting_that_it_holds_does_not() -> None:
    assert pledges("Київ наполягає на повному припиненні вогню.") == [("UA", "proposed")]
    assert ("UA", "proposed") not in pledges("Київ наполягає, що припинення вогню на морі діє.")


def test_an_offer_not_withdrawn_still_stands() -> None:
    assert pledges("Україна не відкликає своєї пропозиції припинити вогонь.") == [
        ("UA", "proposed")
    ]


def test_a_side_by_the_weapons_it_launched_after_a_pledge_breaks_it() -> None:
    got = pledges(
        "Енергетичне перемир'я не протрималось і доби: уночі Росія випустила 40 ракет по "
        "підстанціях."
    )
    assert ("RU", "claimed_broken") in got


def test_a_promise_given_in_the_past_is_a_commitment() -> None:
    (p,) = read_pledges("Путін пообіцяв Трампу не бити по енергетиці 30 днів.")
    assert (p.party, p.status, p.targets, p.duration_days) == ("RU", "agreed", ["energy"], 30)


def test_such_a_truce_is_the_one_told_before() -> None:
    (p,) = read_pledges(
        "Спершу сторони мають припинити вогонь щонайменше на 30 днів. Київ на таке перемир'я "
        "готовий."
    )
    assert (p.party, p.status, p.duration_days) == ("UA", "proposed", 30)


def test_keeping_such_a_pause_is_part_of_the_offer_of_it() -> None:
    got = pledges(
        "Україна пропонує на 30 днів відмовитися від ударів по енергетиці й дзеркально "
        "дотримуватиметься такої паузи."
    )
    assert got == [("UA", "proposed")]
