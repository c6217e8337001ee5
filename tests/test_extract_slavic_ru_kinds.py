"""Russian strikes by kinds of language (tenth session, ru5): the MoD's own placeless claims,
towns listed as the subject, victims of an earlier attack, risen tolls, okrugs named after
their towns, small villages (extract/slavic, lang "ru")."""

from __future__ import annotations

from datetime import date

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.numbers import Qty
from trucewatch.extract.results import ExtractedStrike
from trucewatch.extract.slavic.earlier import earlier_wounds
from trucewatch.extract.slavic.extractor import _fold_toll_updates


def read(text: str, day: date = date(2025, 6, 5)) -> list[ExtractedStrike]:
    return extract_any(text, day, "ru").strikes


def test_the_mods_own_strike_with_no_place_is_a_strike() -> None:
    (s,) = read(
        "Минобороны России сообщило, что Вооруженные силы нанесли массированный удар "
        "высокоточным оружием большой дальности и ударными беспилотниками по объектам "
        "энергетики Украины. Все цели поражены."
    )
    assert (s.attacker, s.places, s.targets) == ("RU", [], ["energy"])
    assert s.weapons == ["drones", "missiles"]


def test_every_town_of_a_list_told_as_shelled_is_hit() -> None:
    (s,) = read(
        "Журавлевка, Головчино и Новая Таволжанка в среду вновь подверглись обстрелам со "
        "стороны ВСУ, сообщил губернатор."
    )
    assert (s.attacker, s.places) == ("UA", ["Zhuravlevka", "Golovchino", "Novaya Tavolzhanka"])


def test_an_okrug_named_after_its_town_is_the_town_where_something_happened() -> None:
    (s,) = read("Ночью в Домодедовском округе обломки беспилотника упали на жилой дом.")
    assert "Domodedovo" in s.places


def test_districts_of_a_city_and_lists_of_okrugs_are_no_towns() -> None:
    (s,) = read(
        "Ночью дроны сбивали в Раменском, Коломенском и Домодедовском округах, "
        "в Фокинском районе Брянска поврежден жилой дом."
    )
    assert "Domodedovo" not in s.places and "Fokino" not in s.places


def test_a_victim_of_an_earlier_attack_brings_neither_its_place_nor_its_day() -> None:
    text = (
        "Днем украинский дрон атаковал автомобиль в Рыльске, ранены двое. В больнице "
        "скончалась пенсионерка, пострадавшая при атаке дрона на Глушково 10 июня."
    )
    ((a, b),) = earlier_wounds(text)
    assert text[a:b].startswith("пострадавшая") and text[a:b].endswith("10 июня")
    (s,) = read(text, date(2025, 6, 15))
    assert (s.date, s.places) == (date(2025, 6, 15), ["Rylsk"])


def test_a_risen_toll_told_before_its_attack_is_that_attacks_toll() -> None:
    text = (
        "Число погибших при ударе по Львову выросло до девяти, ранены 42 человека. "
        "Около часа ночи 6 июля Россия выпустила по Львову десять ракет."
    )
    toll = ExtractedStrike(attacker="RU", date=date(2023, 7, 7), killed=9, injured=42)
    toll.places, toll.evidence = ["Lviv"], {"killed": [(0, 13)]}
    attack = ExtractedStrike(attacker="RU", date=date(2023, 7, 6), missiles=Qty(10, 10), killed=7)
    attack.places = ["Lviv"]
    (s,) = _fold_toll_updates([toll, attack], text)
    assert (s.date, s.killed, s.injured, s.missiles) == (date(2023, 7, 6), 9, 42, Qty(10, 10))
    # a toll not told as risen is a strike of its own (a day's attack beside a night's)
    toll.evidence = {"killed": [(len(text) - 10, len(text) - 1)]}
    assert len(_fold_toll_updates([toll, attack], text.replace("выросло до", "—"))) == 2


def test_a_toll_of_an_older_attack_opens_a_strike_of_its_own() -> None:
    strikes = read(
        "Ночью над Белгородской областью сбиты десять реактивных снарядов РСЗО «Вильха». "
        "Пострадавших нет. Число погибших при обстреле центра Белгорода 30 декабря выросло "
        "до 25, пострадали 109 человек.",
        date(2024, 1, 2),
    )
    assert [(s.killed, s.missiles_downed) for s in strikes] == [(0, 10), (25, None)]


def test_a_number_word_after_a_date_is_a_count_not_its_year() -> None:
    (s,) = read("Утром 13 апреля две баллистические ракеты попали в центр Сум.", date(2025, 4, 14))
    assert s.missiles is not None and (s.missiles.min, s.missiles.max) == (2, 2)
