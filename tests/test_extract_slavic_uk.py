"""Ukrainian texts in the genres the Ukrainian sources write: rules of the language.

The floors of our own Ukrainian passages (tests/fixtures/slavic) are in
test_extract_own_passages.FLOORS, with every own file's.
"""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.slavic import gloss_text

DAY = date(2025, 6, 3)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Увечері дрон влучив у багатоповерхівку на околиці Полтави.", "Poltava"),
        ("Окупанти обстріляли ринок у центрі Херсона, є поранені.", "Kherson"),
    ],
)
def test_a_settlement_in_the_genitive_after_a_noun_is_the_place_hit(text: str, place: str) -> None:
    assert f"of {place}" in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert place in strike.places


def test_a_genitive_after_an_office_is_not_read_as_of_a_place() -> None:
    text = "Начальник Сумської ОВА повідомив про удар."
    assert "of regional" not in gloss_text(text, "uk", DAY).text


def test_a_lone_weapon_in_a_list_after_a_count_is_one_of_the_total() -> None:
    text = (
        "Повітряні сили, 3 червня: вночі ворог випустив 12 ракет: балістичний «Іскандер-М», "
        "вісім крилатих Х-101, «Циркон» і дві Х-59. Збито 9 ракет."
    )
    assert "8 of them" in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (12, 12)


@pytest.mark.parametrize(
    "text",
    [
        # the parts add up to the total, but one item names two types
        "Вночі ворог випустив по Дніпру 40 ракет: 25 балістичними ракетами Іскандер-М, "
        "10 крилатими ракетами Х-101 та Калібр, 5 ракетами Х-59.",
        # the parts fall short of the total
        "Вночі ворог випустив по Дніпру 40 ракет: 25 балістичних ракет, 10 крилатих ракет.",
    ],
)
def test_a_total_before_a_colon_is_the_total_of_its_parts(text: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (40, 40)


def test_parts_without_a_stated_total_add_up() -> None:
    text = "Вночі ворог випустив по Дніпру 25 балістичних ракет і 15 крилатих ракет."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (40, 40)


def test_a_singular_weapon_outside_a_counted_list_gets_no_article() -> None:
    text = "Ворог атакував місто ракетою «Іскандер-М», поранено трьох людей."
    assert '"a Iskander-M"' not in gloss_text(text, "uk", DAY).text


def test_the_general_staffs_losses_tally_is_not_a_strike() -> None:
    text = (
        "Генеральний штаб ЗСУ інформує\n\n"
        "Загальні бойові втрати противника з 24.02.22 по 03.06.25 орієнтовно склали:\n"
        "особового складу — близько 985 430 (+1 120) осіб,\n"
        "БпЛА оперативно-тактичного рівня — 38 700 (+112),\n"
        "крилаті ракети — 3 350 (+2)."
    )
    assert extract_any(text, DAY, "uk").strikes == []


def test_the_days_front_wide_summary_is_not_a_strike_but_the_night_after_it_is() -> None:
    text = (
        "Генштаб, станом на 08:00 3 червня\n\n"
        "Минулої доби відбулося 186 бойових зіткнень. Противник завдав одного ракетного удару "
        "із застосуванням трьох ракет і залучив для ураження 2 430 дронів-камікадзе.\n\n"
        "Уночі ворог атакував Одесу ударними дронами, поранено двох людей."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Odesa"] and strike.drones is None and strike.missiles is None


def test_thousands_grouped_with_a_space_are_one_number() -> None:
    assert "12500 drones" in gloss_text("Знищено 12 500 дронів.", "uk", DAY).text
    assert "3 June 2025" in gloss_text("3 червня 2025 року.", "uk", DAY).text


def test_a_number_word_read_first_as_a_rarer_noun_is_a_number() -> None:
    # "семи" is also a form of "сема", "п'яти" of "п'ята" (heel)
    assert "to 7" in gloss_text("Кількість поранених зросла до семи.", "uk", DAY).text
    assert "5" in gloss_text("Загинули п'ятеро, поранено до п'яти людей.", "uk", DAY).text


def test_a_rise_in_the_number_injured_is_the_injured_not_the_dead() -> None:
    text = (
        "Кількість постраждалих унаслідок ракетного удару по центру Полтави ввечері 2 червня "
        "зросла до восьми."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.injured == 8 and strike.killed is None


def test_the_oblast_after_a_city_and_is_that_citys_oblast() -> None:
    text = (
        "Ракету запустили з тимчасово окупованого Криму. "
        "У Харкові та області оголошено день жалоби."
    )
    glossed = gloss_text(text, "uk", DAY).text
    assert "Kharkiv and Kharkiv Oblast" in glossed


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a two-word name whose first word agrees with the second (feminine, locative)
        ("Уламки дрона впали у Великій Олександрівці.", "Velyka Oleksandrivka"),
        # "Миколаєві" is first Mykola's possessive adjective, then the city
        ("Вночі пролунали вибухи у Миколаєві.", "Mykolaiv"),
    ],
)
def test_inflected_names_the_gazetteer_has_are_read(text: str, place: str) -> None:
    assert place in gloss_text(text, "uk", DAY).text


def test_a_districts_adjective_is_not_a_village() -> None:
    text = "Уламки впали в Шевченківському та Деснянському районах Києва."
    assert "Shevchenkivske" not in gloss_text(text, "uk", DAY).text


def test_a_regional_command_cited_as_the_source_is_not_the_attacker() -> None:
    text = (
        "Удень ворог вдарив ракетами по Миколаєву.\n\n"
        "За даними Сил оборони півдня, окупанти випустили балістичні ракети з Криму.\n\n"
        "Оновлено: кількість загиблих зросла до п'яти. Ще 12 людей з пораненнями в лікарнях."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.attacker == "RU"
    assert (strike.killed, strike.injured) == (5, 12)


def test_an_impersonal_launch_at_the_capital_does_not_make_it_the_attacker() -> None:
    text = "Зранку по Києву випущено чотири балістичні ракети, пошкоджено житловий будинок."
    assert "were launched" in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.attacker == "RU" and strike.places == ["Kyiv"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the raion after a village says where it lies; it does not make the village a district
        (
            "Удень росіяни обстріляли село Кутузівка Харківського району, поранено жінку.",
            "Kutuzivka",
        ),
        # a name in apposition to "село" is nominative, not "of" the village
        ("Уночі дрон влучив у приватний будинок у селі Бірки Чугуївського району.", "Birky"),
    ],
)
def test_a_village_named_with_its_raion_is_the_place_hit(text: str, place: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == [place]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Кремль оголосив перемир'я з півночі 9 травня до півночі 12 травня.", 3),
        ("Росія оголосила перемир'я з 00:00 9 травня до 24:00 10 травня.", 2),
        ("Росія оголосила перемир'я з 18:00 9 травня до 24:00 10 травня.", None),
    ],
)
def test_a_truce_from_midnight_to_midnight_lasts_whole_days(text: str, days: int | None) -> None:
    (pledge,) = extract_any(text, date(2025, 5, 8), "uk").pledges
    assert pledge.duration_days == days


@pytest.mark.parametrize(
    "text",
    [
        "Від початку повномасштабного вторгнення Росія випустила по Україні понад 9 600 ракет.",
        "Упродовж тижня ворог застосував проти України 1 050 ударних дронів і 9 ракет.",
    ],
)
def test_the_wars_or_a_weeks_tally_is_not_a_strike(text: str) -> None:
    assert extract_any(text, DAY, "uk").strikes == []


def test_the_largest_attack_since_the_invasion_is_still_a_strike() -> None:
    text = "Це наймасованіша атака з початку вторгнення: ворог випустив 550 дронів і 11 ракет."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.drones is not None and strike.drones.min == 550


def test_a_place_before_a_plural_attack_verb_is_the_place_attacked() -> None:
    text = "Вночі Полтаву атакували 12 дронів."
    assert "Poltava was attacked" in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.attacker, strike.places) == ("RU", ["Poltava"])
    # a country before the verb is not its object
    assert "was" not in gloss_text("Росія та Україна обстріляли одна одну.", "uk", DAY).text


def test_all_of_a_counted_wave_downed_is_that_count_downed() -> None:
    text = "Вночі противник запустив по Полтавщині 12 ударних дронів, усі збито."
    assert "all 12" in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.drones_downed == 12


def test_all_without_a_downing_verb_is_no_count() -> None:
    text = "Ворог випустив 40 дронів. Усі люди були в укриттях."
    assert "all 40" not in gloss_text(text, "uk", DAY).text


def test_downed_told_with_a_plural_participle_counts() -> None:
    text = "Вночі ворог запустив 15 ударних дронів. 9 дронів були знищені, ще 4 перехоплені."
    glossed = gloss_text(text, "uk", DAY).text
    assert "destroyed" in glossed and "intercepted" in glossed
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.drones_downed == 13


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        # "сьогодні вночі" in a report of what happened is the night just past
        ("Сьогодні вночі ворог атакував Суми дронами.", "uk", "2025-06-02"),
        ("Сегодня ночью противник атаковал Сумы дронами.", "ru", "2025-06-02"),
        # a night attack told after it ("після нічної атаки") began the evening before
        ("Двоє людей загинули в Сумах після нічної атаки 12 дронів.", "uk", "2025-06-02"),
        ("Двое человек погибли в Сумах после ночной атаки 12 дронов.", "ru", "2025-06-02"),
        # two days before the report
        ("Позавчора ворог атакував Суми дронами.", "uk", "2025-06-01"),
        ("Позавчера противник атаковал Сумы дронами.", "ru", "2025-06-01"),
    ],
)
def test_nights_and_days_before_the_report(text: str, lang: str, day: str) -> None:
    (strike,) = extract_any(text, DAY, lang).to_contract()["strikes"]
    assert (strike["date"], strike["places"]) == (day, ["Sumy"])


def test_a_time_in_the_genitive_owns_no_place() -> None:
    text = "Цієї ночі Київ атакували 20 дронів."
    assert "of Kyiv" not in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.attacker, strike.places) == ("RU", ["Kyiv"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "За 5 днів окупанти випустили по Україні понад 900 дронів.\n\nУночі ворог "
            "запустив 120 ударних дронів по Харкову, 100 із них збито.",
            "uk",
        ),
        (
            "Протягом останніх 5 діб ворог запустив понад 900 дронів.\n\nУночі ворог "
            "запустив 120 ударних дронів по Харкову, 100 із них збито.",
            "uk",
        ),
        (
            "За 5 суток противник выпустил более 900 дронов.\n\nНочью противник "
            "запустил 120 ударных дронов по Харькову, 100 из них сбиты.",
            "ru",
        ),
    ],
)
def test_a_count_over_several_days_is_a_tally_next_to_the_nights_count(
    text: str, lang: str
) -> None:
    assert "over the past 5 days" in gloss_text(text, lang, DAY).text
    (strike,) = extract_any(text, DAY, lang).strikes
    assert strike.drones is not None and (strike.drones.min, strike.drones.max) == (120, 120)


def test_days_before_something_are_no_span() -> None:
    text = "За 30 днів до виборів вибухів не було."
    assert "over the past" not in gloss_text(text, "uk", DAY).text


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Київ і Париж закликали Москву погодитися на місячне перемир'я.", 30),
        ("Кремль оголосив перемир'я з 9 по 11 травня.", 3),
        ("Кремль оголосив перемир'я з 9 травня по 11 травня.", 3),
        ("Україна готова тиждень дотримуватися перемир'я в енергетиці.", 7),
    ],
)
def test_a_pledges_length_from_a_month_a_span_of_days_or_a_bare_week(text: str, days: int) -> None:
    (pledge,) = extract_any(text, DAY, "uk").pledges
    assert pledge.duration_days == days


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("Путін погодився тиждень не обстрілювати Одесу.", True),
        ("Коли почався цей тиждень, ніхто не сказав.", False),
        ("Це сталося рівно тиждень тому.", False),
    ],
)
def test_a_bare_week_after_a_verb_is_a_length(text: str, week: bool) -> None:
    assert ("for a week" in gloss_text(text, "uk", DAY).text) == week


@pytest.mark.parametrize(
    ("text", "broker"),
    [
        # a city where talks are held is the venue, not the broker
        ("На переговорах в Анкарі Росія погодилася на перемир'я в енергетиці.", None),
        # an institution with its article: "the White House"
        ("Білий дім оголосив, що Україна погодилася на перемир'я в енергетиці.", "US"),
    ],
)
def test_a_venue_is_no_broker_and_the_white_house_is(text: str, broker: str | None) -> None:
    (pledge,) = extract_any(text, DAY, "uk").pledges
    assert pledge.broker == broker


@pytest.mark.parametrize(
    ("text", "launched"),
    [
        # one item a line, each after a dash, the list opened by a colon
        (
            "Повітряні сили, 3 червня: зранку ворог завдав ракетного удару по енергетиці:\n"
            "— 20 крилатих ракет Х-101 з літаків Ту-95МС;\n"
            "— 6 балістичних ракет «Іскандер-М» з Брянської області;\n"
            "— 3 керовані авіаційні ракети Х-59.\nЗбито 25 ракет.",
            29,
        ),
        # items joined by semicolons in one sentence
        (
            "Уночі ворог застосував 30 крилатих ракет Х-101 з Саратовської області; "
            "8 крилатих ракет «Калібр» з Чорного моря; 2 балістичні ракети «Іскандер-М». "
            "Збито 35 ракет.",
            40,
        ),
    ],
)
def test_missiles_listed_by_type_on_lines_or_between_semicolons_add_up(
    text: str, launched: int
) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None
    assert (strike.missiles.min, strike.missiles.max) == (launched, launched)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Уночі дрон влучив у відділення Нової пошти в Одесі, поранено двох людей.", "uk", "Odesa"),
        (
            "Ночью дрон попал в отделение «Новой почты» в Харькове, ранены два человека.",
            "ru",
            "Kharkiv",
        ),
    ],
)
def test_a_nova_poshta_branch_is_a_post_office_not_a_place(
    text: str, lang: str, place: str
) -> None:
    (strike,) = extract_any(text, DAY, lang).strikes
    assert strike.places == [place]
    assert "commercial" in strike.targets


@pytest.mark.parametrize(
    "sentence",
    [
        "Під ударом були Житомирщина, Рівненщина та Черкащина.",
        "Атаки зазнали Житомирщина, Рівненщина та Черкащина.",
        "Найбільше постраждали Житомирщина, Рівненщина та Черкащина.",
    ],
)
def test_every_place_of_a_list_after_a_verb_of_harm_is_hit(sentence: str) -> None:
    text = "Уночі ворог атакував 120 ударними дронами, збито 97. " + sentence
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Zhytomyr Oblast", "Rivne Oblast", "Cherkasy Oblast"]


def test_ivano_frankivshchyna_is_the_oblast() -> None:
    text = "Уночі ворожі дрони атакували енергетичний об'єкт на Івано-Франківщині."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Ivano-Frankivsk Oblast"]


def test_counts_in_words_after_semicolons_are_items_of_the_list() -> None:
    text = (
        "Уночі ворог атакував 140 засобами повітряного нападу: 120 ударними дронами; "
        "вісьмома балістичними ракетами «Іскандер-М»; чотирма крилатими ракетами «Калібр»."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (12, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Уночі ворог атакував Кривий Ріг балістичною ракетою та 40 дронами.",
        "Уночі ворог атакував Кривий Ріг ракетою та 40 дронами.",
    ],
)
def test_one_weapon_in_the_instrumental_after_an_attack_verb_counts_one(text: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (1, 1)


def _pledges(text: str) -> set[tuple[str, str]]:
    return {(p.party, p.status) for p in extract_any(text, DAY, "uk").pledges}


def test_keeping_ones_word_is_the_pledge_named_before_kept() -> None:
    text = (
        "Росія порушила мораторій на удари по енергетиці, заявив міністр. "
        "Україна ж свого слова дотримала."
    )
    assert ("UA", "claimed_kept") in _pledges(text)


def test_a_side_that_will_act_in_a_mirror_way_takes_the_truce_on() -> None:
    text = (
        "Кремль оголосив дводенне перемир'я на Трійцю. "
        "У Генштабі заявили, що Україна діятиме дзеркально."
    )
    # "діятиме" acts; "in force" is what a pledge is ("перемир'я діє"), not what a side does
    assert "will act in a mirror way" in gloss_text(text, "uk", DAY).text
    assert ("UA", "agreed") in _pledges(text)


def test_readiness_to_keep_a_halt_is_agreement_unless_it_is_conditional() -> None:
    assert ("UA", "agreed") in _pledges(
        "Україна готова дотримуватися припинення ударів по портах, сказав міністр."
    )
    assert ("UA", "agreed") not in _pledges(
        "Україна готова дотримуватися припинення ударів по портах, якщо Росія зробить те саме."
    )


def test_a_third_party_and_a_side_agreeing_after_their_verb_commit_the_side() -> None:
    text = "Про паузу в ударах по портах домовилися президенти США і Росії."
    (pledge,) = extract_any(text, DAY, "uk").pledges
    assert (pledge.party, pledge.status, pledge.broker) == ("RU", "agreed", "US")


def test_of_them_downed_over_two_weapons_counts_each() -> None:
    text = "Уночі ворог випустив 210 дронів і 20 ракет, з них збито 180 дронів та 15 ракет."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.drones_downed, strike.missiles_downed) == (180, 15)


def test_all_n_downed_after_a_downing_verb_is_no_new_launch() -> None:
    text = (
        "Уночі ворог атакував 150 ударними дронами, 9 крилатими ракетами Х-101 і "
        "3 балістичними ракетами «Іскандер-М». Збито 130 дронів і всі 12 ракет."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (12, 12)
    assert strike.missiles_downed == 12


def test_mig_is_spelled_as_english_spells_it() -> None:
    text = "Ворог випустив дві ракети «Кинджал» з літаків МіГ-31К."
    assert "MiG-31K" in gloss_text(text, "uk", DAY).text


def test_a_missile_and_drone_strike_used_both_weapons() -> None:
    text = "Уночі ворог завдав ракетно-дронового удару по енергосистемі Житомирщини."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert set(strike.weapons) == {"drones", "missiles"}


def test_people_who_received_wounds_are_injured() -> None:
    text = "Уночі ворог обстріляв Нікополь з артилерії, семеро людей отримали поранення."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.injured == 7


# Ninth session (uk4): targets, hromadas, streets, number words, the day after the night.


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Уночі ворог атакував Херсон дронами, пошкоджено адміністративну будівлю.", "government"),
        ("Уночі ворог атакував Нікополь, пошкоджено лінію електропередачі.", "energy"),
        ("Уночі росіяни вдарили по Краматорську ракетою, влучання в піцерію.", "commercial"),
    ],
)
def test_infrastructure_words_are_their_targets(text: str, target: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert target in strike.targets


def test_a_power_line_is_not_a_bare_line() -> None:
    assert "power line" in gloss_text("Пошкоджено лінії електропередач.", "uk", DAY).text


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Вдень ворог атакував Нікополь, Марганецьку та Червоногригорівську громади дронами.",
            {"Nikopol", "Marhanets", "Chervonohryhorivka"},
        ),
        ("Уночі ворог атакував Нікопольську громаду дронами.", {"Nikopol"}),
    ],
)
def test_a_hromada_named_by_its_adjective_is_its_town(text: str, places: set[str]) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert places <= set(strike.places)


def test_a_district_is_still_no_place() -> None:
    gloss = gloss_text("Ворог атакував Нікопольський район.", "uk", DAY).text
    assert "Nikopol" not in gloss


@pytest.mark.parametrize(
    "text",
    [
        "Уночі ворог атакував Львів ракетами: влучання в будинок на вулиці Стрийській.",
        "Уночі ворог атакував Львів ракетами: влучання в будинок на вул. Стрийській.",
    ],
)
def test_a_street_named_after_a_town_is_no_place(text: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Lviv"]


def test_a_capitalised_number_word_is_a_number_not_a_village() -> None:
    gloss = gloss_text("Сорок людей залишаються в лікарнях.", "uk", DAY).text
    assert gloss.startswith("40 people")


def test_a_daytime_attack_after_the_night_is_another_strike() -> None:
    text = (
        "Уночі ворог атакував Харків ударними дронами, троє загиблих.\n\n"
        "Вдень окупанти вдарили по Чугуєву керованою авіабомбою, поранено двох чоловіків."
    )
    night, day = sorted(extract_any(text, DAY, "uk").strikes, key=lambda s: str(s.date))
    assert (night.date, night.places, night.killed) == (date(2025, 6, 2), ["Kharkiv"], 3)
    assert (day.date, day.places, day.injured) == (DAY, ["Chuhuiv"], 2)


@pytest.mark.parametrize(
    "text", ["Учора вдень ворог атакував Харків.", "Вдень 2 червня ворог атакував Харків."]
)
def test_vden_after_or_before_another_day_is_that_day(text: str) -> None:
    assert "today" not in gloss_text(text, "uk", DAY).text


def test_the_energy_sector_is_no_energy_worker() -> None:
    gloss = gloss_text("Основний удар було спрямовано на енергетику Львівщини.", "uk", DAY).text
    assert "energy infrastructure" in gloss and "workers" not in gloss


def test_both_weapons_downed_are_both() -> None:
    text = (
        "У ніч на 3 червня противник випустив 23 крилаті ракети та два ударні БпЛА. "
        "Силами ППО знищено 21 крилату ракету та обидва БпЛА."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.drones_downed, strike.missiles_downed) == (2, 21)


def test_private_houses_in_the_plural_are_residential() -> None:
    text = "Уночі ворог обстріляв Херсон, пошкоджено приватні будинки."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.targets == ["residential"]


@pytest.mark.parametrize(
    "text",
    [
        "Учора ввечері ворог завдав удару балістичною ракетою по Кривому Рогу.",
        "Уночі ворожий ударний дрон влучив у багатоповерхівку в Одесі.",
    ],
)
def test_one_weapon_told_in_the_singular_is_one(text: str) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.missiles or strike.drones) is not None
    qty = strike.missiles or strike.drones
    assert qty is not None and (qty.min, qty.max) == (1, 1)


def test_one_after_a_colon_is_one_of_the_weapons_just_counted() -> None:
    text = (
        "Учора ввечері росіяни вдарили по Краматорську двома ракетами «Іскандер-М»: "
        "одна влучила в піцерію, друга — в село Біленьке."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (2, 2)


def test_the_nights_count_before_a_weeks_tally_is_a_strike() -> None:
    text = (
        "Лише за цю ніч росіяни випустили по Україні 472 ударні дрони та сім ракет, заявив "
        "Володимир Зеленський. А загалом за тиждень — понад 1 100 «шахедів» і 40 ракет."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.drones is not None and strike.drones.min == 472
    assert strike.missiles is not None and strike.missiles.min == 7


def test_an_attack_told_before_a_sentence_on_the_truce_is_a_strike() -> None:
    text = (
        "Російські FPV-дрони в п'ятницю атакували ТЕС у Херсоні, заявив Володимир Зеленський. "
        "За його словами, це чергове порушення Росією домовленості про енергетичне перемир'я."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Kherson"] and "energy" in strike.targets


def test_drones_that_swooped_on_the_city_after_the_evening_missile_are_another_strike() -> None:
    text = (
        "Увечері 2 червня російська ракета влучила в житловий квартал Полтави, загинули "
        "шестеро людей.\n\nУночі на місто налетіли ще й ударні дрони. Один із них влучив у "
        "приватний будинок, поранено двох людей."
    )
    evening, night = extract_any(text, DAY, "uk").strikes
    assert (evening.weapons, evening.killed) == (["missiles"], 6)
    assert (night.weapons, night.places, night.injured) == (["drones"], ["Poltava"], 2)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Увечері ворог атакував дронами Нікополь. Поранено жінку.", ["Nikopol"]),
        (
            "Увечері ворог атакував ракетою «Іскандер-М» та дронами Балаклію, є загиблі.",
            ["Balakliia"],
        ),
        ("Зранку окупанти обстріляли з артилерії Херсон, загинув чоловік.", ["Kherson"]),
    ],
)
def test_the_object_after_the_verb_and_its_weapons_is_the_place_hit(
    text: str, places: list[str]
) -> None:
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == places


def test_hromadas_are_their_centres_of_every_shape() -> None:
    text = (
        "Під ударами були Білопільська, Великописарівська та Новгород-Сіверська громади. "
        "Поранено двох людей."
    )
    gloss = gloss_text(text, "uk", DAY).text
    assert "Bilopillia" in gloss and "Velyka Pysarivka" in gloss
    assert "Novhorod-Siverskyi" in gloss


def test_the_oblast_of_a_count_of_settlements_is_no_place_hit() -> None:
    text = (
        "Минулої доби росіяни завдали 684 удари по 19 населених пунктах Запорізької області. "
        "Дронами атакували Оріхів, поранено трьох людей."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.places == ["Orikhiv"]


def test_the_city_named_a_sentence_before_is_the_city_struck() -> None:
    text = (
        "Тернопіль прокинувся від вибухів. Близько 07:00 ворог ударив по місту крилатими "
        "ракетами, загинули 25 людей. Оголошую 20–22 червня днями жалоби."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.places, strike.killed, strike.date) == (["Ternopil"], 25, DAY)


def test_an_age_is_one_person_and_a_collective_numeral_a_toll() -> None:
    (strike,) = extract_any(
        "Уночі дрон атакував Суми. Поранено 62-річного чоловіка.", DAY, "uk"
    ).strikes
    assert strike.injured == 1
    text = "Увечері ворог атакував Суми. Загинули троє людей, ще одинадцятеро поранені."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.killed, strike.injured) == (3, 11)


def test_a_toll_written_noun_first_with_a_dash() -> None:
    text = "Удень ворог вдарив ракетами по Дніпру. Загиблих двадцятеро, поранених — 279."
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.killed, strike.injured) == (20, 279)


def test_an_energy_companys_attack_with_no_place_or_count_is_a_strike() -> None:
    text = (
        "ДТЕК: цієї ночі ворог здійснив чергову масовану атаку на енергосистему України. "
        "Від початку року це вже 11-та масована атака на наші ТЕС."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.targets == ["energy"] and strike.places == []


def test_no_dead_and_no_injured_told_together_are_zero_tolls() -> None:
    text = (
        "Уночі ворог атакував дронами енергетичний об'єкт на Полтавщині. "
        "Загиблих і поранених немає."
    )
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert (strike.killed, strike.injured) == (0, 0)
