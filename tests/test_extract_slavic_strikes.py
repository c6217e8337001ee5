"""Ukrainian and Russian strikes: what the gloss gives the English strike rules."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.slavic import gloss_text

DAY = date(2025, 5, 1)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Починаючи з 25 березня Росія завдала ударів по енергетиці в Полтаві та Харкові."),
        ("ru", "Начиная с 18 марта ВСУ атаковали энергетику в Брянской и Курской областях."),
        ("ru", "ВСУ 14 раз атаковали объекты энергетики в Брянской области."),
        ("uk", "Російська армія 1355 разів обстріляла позиції у Херсонській області."),
    ],
)
def test_strikes_since_a_date_or_counted_in_times_are_a_tally_not_a_strike(
    lang: str, text: str
) -> None:
    assert extract_any(text, DAY, lang).strikes == []


@pytest.mark.parametrize(
    ("lang", "text", "wrong"),
    [
        # "міст" (bridge) is also the genitive plural of "місто" (city)
        ("uk", "Спершу по місту вдарили балістичними ракетами.", "bridge"),
        # "данные" (data) is lemmatised as "дать" (give)
        ("ru", "Они дали показания.", "data"),
    ],
)
def test_a_key_read_as_another_words_form_does_not_gloss_that_word(
    lang: str, text: str, wrong: str
) -> None:
    assert wrong not in gloss_text(text, lang).text


def test_a_city_struck_is_not_a_bridge_struck() -> None:
    (strike,) = extract_any("Вночі росіяни вдарили ракетою по місту Суми.", DAY, "uk").strikes
    assert "transport" not in strike.targets


def test_a_time_before_a_date_is_dated_with_on() -> None:
    text = (
        "За даними Повітряних сил, починаючи з 20:30 6 травня противник запустив по Україні "
        "187 ударних БпЛА і п'ять балістичних ракет. Збито дві ракети і 81 дрон."
    )
    assert "20:30 on 6 May" in gloss_text(text, "uk").text
    (strike,) = extract_any(text, date(2025, 5, 7), "uk").strikes
    assert strike.drones is not None and strike.drones.min == 187
    assert strike.date == date(2025, 5, 6)


@pytest.mark.parametrize(
    ("lang", "text", "english"),
    [
        ("ru", "из десяти ракет удалось сбить семь", "7 of 10 missiles were shot down"),
        ("uk", "З 10 крилатих ракет збито 7.", "7 of 10 cruise missiles were shot down"),
    ],
)
def test_out_of_a_whole_the_part_downed(lang: str, text: str, english: str) -> None:
    assert english in gloss_text(text, lang).text


def test_out_of_a_whole_gives_launched_and_downed() -> None:
    text = (
        "Около часа ночи 6 июля Россия выпустила по Львову крылатые ракеты «Калибр»; "
        "по данным Воздушных сил, из десяти ракет удалось сбить семь."
    )
    (strike,) = extract_any(text, date(2023, 7, 6), "ru").strikes
    assert strike.missiles is not None and strike.missiles.min == 10
    assert strike.missiles_downed == 7


def test_a_regional_capitals_inflection_wins_over_a_village_of_that_spelling() -> None:
    # "Львове" is Lviv's locative in Russian and the name of a village in Crimea
    assert "Lviv" in gloss_text("Во Львове объявлен траур.", "ru").text


def test_an_unread_adjective_after_a_number_is_not_a_counted_thing() -> None:
    # "items" after a number marks an unread noun as what is counted, not an adjective
    text = "выпущены шесть британских крылатых ракет и 31 беспилотник"
    assert "6 cruise missiles" in gloss_text(text, "ru").text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Беспилотник атаковал нефтезавод в Славянске-на-Кубани.", "Slavyansk-na-Kubani"),
        ("Ночью ракеты ударили по Ростову-на-Дону.", "Rostov-on-Don"),
        # Russian "-щина" names the oblast by its centre
        ("По Харьковщине выпустили 10 ракет.", "Kharkiv Oblast"),
    ],
)
def test_hyphenated_and_shchyna_places_in_russian(text: str, place: str) -> None:
    assert place in gloss_text(text, "ru").text


def test_a_news_desks_dateline_is_not_where_the_strike_was() -> None:
    text = "МОСКВА, 6 декабря. Беспилотник атаковал нефтебазу в Курской области."
    (strike,) = extract_any(text, date(2024, 12, 6), "ru").strikes
    assert "Moscow" not in strike.places
    (other,) = extract_any(
        "СЕВАСТОПОЛЬ, 20 августа. Ночью беспилотник атаковал нефтебазу.", date(2024, 8, 20), "ru"
    ).strikes
    assert other.places == ["Sevastopol"]


@pytest.mark.parametrize(
    ("lang", "text", "english"),
    [
        ("uk", "Десятеро киян поранені.", "10 people injured"),
        ("ru", "Ранены трое горожан.", "3 people"),
        ("uk", "Двадцять три обірвані життя.", "23 killed"),
    ],
)
def test_people_counted_by_unread_nouns_and_lives_cut_short(
    lang: str, text: str, english: str
) -> None:
    assert english in gloss_text(text, lang).text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "За тиждень Росія випустила по Україні понад 1300 ударних дронів і 9 ракет."),
        ("uk", "Упродовж березня ворог атакував Україну 4198 дронами і 119 ракетами."),
        ("uk", "Загалом від початку року росіяни запустили понад 20 тисяч дронів."),
        ("uk", "Протягом минулого тижня ворог завдав 150 ударів по Харківщині."),
        ("uk", "Щодня ворог запускає по Україні понад сотню дронів."),
        ("ru", "За неделю силы ПВО сбили 1200 украинских беспилотников над регионами."),
        ("ru", "С начала года над Белгородской областью уничтожено более 3000 дронов."),
        ("ru", "В течение марта ВСУ атаковали Курскую область 900 беспилотниками."),
        ("uk", "Минулого тижня ворог запустив по Україні понад 800 шахедів."),
        ("uk", "З початку березня ворог випустив по Україні понад 3000 дронів."),
        ("ru", "На этой неделе Россия выпустила по Украине более 1000 дронов."),
    ],
)
def test_tallies_over_a_week_a_month_or_a_year_are_not_strikes(lang: str, text: str) -> None:
    assert extract_any(text, date(2025, 4, 1), lang).strikes == []


def test_a_whole_month_is_named_with_its_latest_year() -> None:
    assert "in the whole of March 2025" in gloss_text("упродовж березня", "uk", DAY).text
    assert "in the whole of May 2024" in gloss_text("в течение мая", "ru", date(2025, 4, 1)).text


def test_a_common_word_opening_a_sentence_is_not_a_village() -> None:
    # "Сторона" is also a village's name; a regional centre opening a sentence stays a place
    assert "Storona" not in gloss_text("Стороны обменялись обвинениями.", "ru").text
    assert "Sumy" in gloss_text("Суми атакували вночі.", "uk").text


def test_a_gazetteer_name_with_a_typographic_apostrophe_is_a_place() -> None:
    # GeoNames spells Rylsk "Ryl’sk"; the English rules split on "’"
    text = "Губернатор сообщил, что в результате атаки украинского дрона на Рыльск ранены трое."
    (strike,) = extract_any(text, date(2025, 4, 20), "ru").strikes
    assert strike.places == ["Rylsk"] and strike.attacker == "UA"


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("три — над Белгородской и по одному — над Брянской и Орловской.",
         "1 - over Bryansk Oblast and 1 - over Oryol Oblast"),
        ("по 4 над Московской и Ярославской областями.",
         "4 over Moscow Oblast and 4 over Yaroslavl Oblast"),
    ],
)  # fmt: skip
def test_a_distributive_count_is_repeated_for_every_region(text: str, english: str) -> None:
    assert english in gloss_text(text, "ru").text


def test_the_defence_ministrys_list_with_one_each_adds_up() -> None:
    text = (
        "Минобороны отчиталось, что за ночь над Курской областью уничтожены 14 беспилотников, "
        "еще 16 дронов сбиты над Воронежской областью, три — над Белгородской и по одному — "
        "над Брянской и Орловской."
    )
    (strike,) = extract_any(text, date(2024, 8, 11), "ru").strikes
    assert strike.drones_downed == 35
