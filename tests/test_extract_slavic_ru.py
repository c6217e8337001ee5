"""Russian pledges: Kremlin and foreign-ministry phrasings (extract/slavic, lang "ru").

The floors of our own Russian passages (tests/fixtures/slavic) are in
test_extract_own_passages.FLOORS, with every own file's.
"""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.lang import detect_language
from trucewatch.extract.results import ExtractedPledge

DAY = date(2025, 4, 18)


def read(text: str) -> list[ExtractedPledge]:
    return extract_any(text, DAY, "ru").pledges


def test_a_refusal_from_strikes_is_refraining_from_them() -> None:
    (p,) = read("Кремль поддержал взаимный отказ на 30 дней от атак на энергетику.")
    assert (p.party, p.status, p.targets, p.duration_days) == ("RU", "agreed", ["energy"], 30)


def test_a_side_at_war_and_a_third_country_agreeing_is_the_side() -> None:
    (p,) = read("Россия и Турция договорились о безопасном судоходстве в Черном море.")
    assert (p.party, p.status, p.broker, p.places) == ("RU", "agreed", "TR", ["Black Sea"])


def test_a_town_spared_is_the_pledges_place() -> None:
    (p,) = read("Путин согласился неделю не наносить удары по Харькову.")
    assert (p.party, p.status, p.places) == ("RU", "agreed", ["Kharkiv"])


@pytest.mark.parametrize(
    "text",
    [
        "Срок перемирия истек, заявил представитель Кремля.",
        "Мораторий на удары по энергетике истекает сегодня, сообщил Песков.",
    ],
)
def test_a_pledge_that_expired_was_in_force(text: str) -> None:
    assert {(p.party, p.status) for p in read(text)} == {("RU", "agreed")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("В Москве не рассматривают идею перемирия на Пасху.", "rejected"),
        ("Москва согласна на прекращение огня на Рождество.", "agreed"),
        ("Россия возобновила участие в зерновой сделке.", "agreed"),
    ],
)
def test_kremlin_phrasings_of_refusing_and_agreeing(text: str, status: str) -> None:
    assert {(p.party, p.status) for p in read(text)} == {("RU", status)}


def test_a_denied_breach_is_a_claim_of_keeping() -> None:
    text = "Минобороны опровергло сообщения о том, что российские войска нарушили перемирие."
    assert {(p.party, p.status) for p in read(text)} == {("RU", "claimed_kept")}


def test_an_announced_truce_without_its_author_commits_no_one() -> None:
    text = (
        "Несмотря на объявленное перемирие, ВСУ атаковали Курскую область, сообщили в Минобороны."
    )
    assert {(p.party, p.status) for p in read(text)} == {("UA", "claimed_broken")}


def test_keeping_ones_word_is_of_the_pledge_named_before() -> None:
    text = (
        "Трамп попросил Путина неделю не бить по Киеву. "
        "В Кремле сказали, что Россия свое слово сдержала."
    )
    assert ("RU", "claimed_kept") in {(p.party, p.status) for p in read(text)}


def test_the_whole_country_is_no_place_of_a_pledge() -> None:
    (p,) = read("Путин предложил объявить перемирие на Украине.")
    assert (p.party, p.status, p.places) == ("RU", "proposed", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Путин поручил ввести режим прекращения огня на Пасху.", ("RU", "agreed", None)),
        ("Зеленский вновь потребовал прекращения огня на 30 дней.", ("UA", "proposed", 30)),
    ],
)
def test_ordering_and_demanding_a_ceasefire(text: str, expected: tuple[str, str, int]) -> None:
    (p,) = read(text)
    assert (p.party, p.status, p.duration_days) == expected


def test_a_russian_text_without_letters_only_russian_writes() -> None:
    text = "Зеленский отказался присоединиться к перемирию, назвав его спектаклем."
    assert detect_language(text) == "ru"


def test_a_pledge_noun_again_is_the_pledge_named_before() -> None:
    text = (
        "Минобороны обвинило Киев в нарушении моратория на удары по энергетике. "
        "Российские военные продолжают соблюдать мораторий."
    )
    assert {(p.party, p.status, tuple(p.targets)) for p in read(text)} == {
        ("UA", "claimed_broken", ("energy",)),
        ("RU", "claimed_kept", ("energy",)),
    }


def test_one_weapon_after_its_adjective_is_counted() -> None:
    text = "Российская ракета попала в здание школы 3 марта."
    (s,) = extract_any(text, date(2024, 3, 4), "ru").to_contract()["strikes"]
    assert (s["attacker"], s["missiles"]) == ("RU", {"min": 1, "max": 1})


def test_an_active_participle_is_the_described_sides() -> None:
    text = "Зеленский раскритиковал российских переговорщиков, предложивших перемирие на три дня."
    assert ("RU", "proposed") in {(p.party, p.status) for p in read(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Песков: мораторий на удары по энергетике закончился.",
        "После окончания моратория на удары по энергетике российская армия возобновила удары.",
    ],
)
def test_a_pledge_that_ended_was_the_subjects(text: str) -> None:
    assert {(p.party, p.status, tuple(p.targets)) for p in read(text)} == {
        ("RU", "agreed", ("energy",))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Путин отдал приказ воздержаться от ударов по энергетике в течение 30 дней.",
            ("RU", "agreed", None, 30),
        ),
        ("Киев настаивает на полном прекращении огня.", ("UA", "proposed", None, None)),
        (
            "Кремль отказался от перемирия, предложенного канцлером ФРГ.",
            ("RU", "rejected", "DE", None),
        ),
    ],
)
def test_kremlin_and_kyiv_phrasings(text: str, expected: tuple[object, ...]) -> None:
    (p,) = read(text)
    assert (p.party, p.status, p.broker, p.duration_days) == expected


def test_will_not_strike_a_city() -> None:
    (p,) = read("Кремль подтвердил, что Россия не будет наносить удары по Одессе неделю.")
    assert (p.party, p.status, p.places) == ("RU", "agreed", ["Odesa"])


def strikes(text: str, day: date = DAY) -> list[dict[str, object]]:
    found: list[dict[str, object]] = extract_any(text, day, "ru").to_contract()["strikes"]
    return found


def test_a_colon_opens_a_statement_of_its_own() -> None:
    text = (
        "Минобороны обвинило Киев в нарушении моратория: 17 апреля ВСУ атаковали "
        "подстанцию в Брянской области."
    )
    (s,) = strikes(text)
    assert (s["attacker"], s["date"], s["places"]) == ("UA", "2025-04-17", ["Bryansk Oblast"])


def test_fired_with_a_launcher_is_not_launched_from_it() -> None:
    (s,) = strikes("Вечером ВСУ обстреляли из HIMARS нефтебазу в Судже.")
    assert (s["attacker"], s["places"], s["weapons"]) == ("UA", ["Sudzha"], ["artillery"])


def test_the_air_force_of_ukraines_forces_is_a_source_not_an_attacker() -> None:
    text = "По Одессе было выпущено 20 дронов, сообщили Воздушные силы ВСУ."
    (s,) = strikes(text)
    assert (s["attacker"], s["drones"]) == ("RU", {"min": 20, "max": 20})


def test_whose_pledge_ended_is_its_subjects_not_the_reporters() -> None:
    text = "После окончания перемирия Россия возобновила удары, сообщили Воздушные силы ВСУ."
    assert {(p.party, p.status) for p in read(text)} == {("RU", "agreed")}


def test_an_announcement_by_its_author_and_a_mirror_answer() -> None:
    text = (
        "Зеленский сказал, что после объявления Путиным перемирия удары продолжаются. "
        "По его словам, Украина будет действовать зеркально."
    )
    assert {(p.party, p.status) for p in read(text)} == {("RU", "agreed"), ("UA", "agreed")}


def test_the_commander_in_chief_is_russias() -> None:
    text = "Верховный главнокомандующий объявил перемирие на Пасху."
    assert {(p.party, p.status) for p in read(text)} == {("RU", "agreed")}


def test_downed_drones_before_a_colon_are_the_total_of_the_regions_listed() -> None:
    text = (
        "За ночь средствами ПВО уничтожены 75 украинских беспилотников: 40 – над Курской "
        "областью, 20 – над Брянской областью, 15 – над Орловской областью."
    )
    (s,) = strikes(text)
    assert (s["drones_downed"], s["drones"]) == (75, None)
    assert s["places"] == ["Kursk Oblast", "Bryansk Oblast", "Oryol Oblast"]


def test_a_second_pledge_of_one_side_has_its_own_terms() -> None:
    text = "Киев отверг трехдневное перемирие и потребовал прекращения огня на 30 дней."
    assert {(p.party, p.status, p.duration_days) for p in read(text)} == {
        ("UA", "rejected", 3),
        ("UA", "proposed", 30),
    }


def test_a_pledge_in_force_by_a_sides_word() -> None:
    text = (
        "В Кремле заявили, что договоренности по Черному морю вступят в силу после снятия санкций."
    )
    (p,) = read(text)
    assert (p.party, p.status, p.places) == ("RU", "agreed", ["Black Sea"])


def test_a_place_before_the_attacking_side_is_the_place_hit() -> None:
    (s,) = strikes("Ночью в Херсоне российские войска обстреляли жилой квартал.")
    assert (s["attacker"], s["places"]) == ("RU", ["Kherson"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Украинская сторона сорвала перемирие, заявил Песков.", {("UA", "claimed_broken")}),
        (
            "ВСУ продолжают обстрелы, игнорируя перемирие, сообщили в Минобороны.",
            {("UA", "claimed_broken")},
        ),
        (
            "Захарова назвала ложью заявления о нарушениях перемирия российской армией.",
            {("RU", "claimed_kept")},
        ),
        ("Россия в одностороннем порядке прекратила огонь на Пасху.", {("RU", "agreed")}),
    ],
)
def test_wrecking_ignoring_denying_and_ceasing(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(p.party, p.status) for p in read(text)} == expected


@pytest.mark.parametrize(
    ("text", "place", "downed"),
    [
        # a place before a plural attack verb is its object
        (
            "Ночью Николаев атаковали 25 ударных беспилотников. Сбито 20 беспилотников.",
            "Mykolaiv",
            20,
        ),
        # "противник" in a Ukrainian report in Russian is Russia
        ("Ночью противник атаковал Полтаву 15 беспилотниками. Сбито 12 БпЛА.", "Poltava", 12),
    ],
)
def test_downed_drones_over_a_ukrainian_place_are_russias(
    text: str, place: str, downed: int
) -> None:
    (s,) = strikes(text)
    assert (s["attacker"], s["places"], s["drones_downed"]) == ("RU", [place], downed)


def test_downed_drones_over_a_russian_region_are_still_ukraines() -> None:
    (s,) = strikes("Ночью над Курской областью сбито 30 беспилотников.")
    assert (s["attacker"], s["places"]) == ("UA", ["Kursk Oblast"])


def test_parts_of_a_total_told_with_their_verbs_add_up_to_the_downed() -> None:
    text = (
        "Днем ВСУ атаковали Белгород четырьмя беспилотниками: один сбит над городом, "
        "три подавлены средствами РЭБ."
    )
    (s,) = strikes(text)
    assert (s["drones"], s["drones_downed"]) == ({"min": 4, "max": 4}, 4)


def test_the_other_side_is_the_side_whose_weapons_it_used() -> None:
    (s,) = strikes("Этой ночью противник атаковал 90 ударными БпЛА типа Shahed. Сбито 70 БпЛА.")
    assert (s["attacker"], s["drones_downed"]) == ("RU", 70)
    (s,) = strikes("Противник выпустил две ракеты ATACMS, обе сбиты.")
    assert s["attacker"] == "UA"


def test_neutralised_drones_are_downed() -> None:
    text = (
        "Ночью Россия выпустила по Украине 120 ударных беспилотников. "
        "Силы ПВО обезвредили 95 дронов."
    )
    (s,) = strikes(text)
    assert (s["drones"], s["drones_downed"]) == ({"min": 120, "max": 120}, 95)


def test_the_dead_told_first_and_the_wounded_after_a_comma_keep_their_own_verbs() -> None:
    text = (
        "Днем российская ракета попала в жилой дом в Полтаве. "
        "Погибли девять человек, еще 31 ранены."
    )
    (s,) = strikes(text)
    assert (s["killed"], s["injured"]) == (9, 31)


def test_a_broker_named_in_the_next_sentence_brokered_the_pledge() -> None:
    text = (
        "Украина согласилась прекратить удары по нефтебазам на 20 суток. "
        "Договоренность достигнута при посредничестве Турции."
    )
    (p,) = read(text)
    assert (p.party, p.broker, p.status) == ("UA", "TR", "agreed")


def test_the_nights_total_over_every_region_replaces_one_regions_figure() -> None:
    text = (
        "Над Курской областью ночью уничтожены девять беспилотников. Пострадавших нет. "
        "Всего за ночь над российскими регионами сбиты 51 украинский беспилотник."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert s["drones_downed"] == 51


def test_a_count_with_adjectives_before_its_noun_and_its_parts_after_of_them() -> None:
    text = (
        "Ночью над регионами России уничтожены 63 украинских беспилотника, из них 41 — "
        "над Курской областью и 12 — над Брянской областью."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert s["drones_downed"] == 63


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # one person after a singular verb of death, an age between: one killed, no count 52
        ("Ночью дрон ВСУ ударил по дому в Курске. Погибла 52-летняя женщина.", 1, None),
        ("Днем дрон ВСУ атаковал Белгород, ранен пожилой мужчина.", None, 1),
        # one of a toll told before is not the toll
        (
            "Днем дрон ВСУ атаковал Белгород, ранены 14 человек. Среди них ранен водитель.",
            None,
            14,
        ),
    ],
)
def test_one_person_after_a_singular_verb_of_death_or_wounds_is_one(
    text: str, killed: int | None, injured: int | None
) -> None:
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["killed"], s["injured"]) == (killed, injured)


def test_wounds_received_are_the_injured() -> None:
    text = (
        "Днем российская ракета попала в жилой дом в Сумах. "
        "Погибли 5 человек, еще 11 получили ранения."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["killed"], s["injured"]) == (5, 11)


def test_air_targets_downed_broken_down_into_drones_and_missiles() -> None:
    text = (
        "Ночью Россия выпустила по Украине 300 дронов и 20 ракет. "
        "Обезврежены 290 воздушных целей: 275 дронов и 15 ракет."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["drones_downed"], s["missiles_downed"]) == (275, 15)


def test_drones_heading_for_a_city_do_not_make_it_a_place_and_are_ukraines() -> None:
    (s,) = strikes("Ночью силы ПВО отразили атаку 12 беспилотников, летевших на Москву.")
    assert (s["attacker"], s["places"], s["drones_downed"]) == ("UA", [], 12)


def test_a_block_of_flats_told_by_its_storeys_is_residential() -> None:
    (s,) = strikes("Ночью российская ракета попала в девятиэтажный дом в Днепре.")
    assert s["targets"] == ["residential"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the Russian town, not the Ukrainian village spelled so in Russian
        ("Ночью над Воронежем уничтожены 5 беспилотников.", ["Voronezh"]),
        ("Днем ВСУ атаковали Валуйки, поврежден жилой дом.", ["Valuyki"]),
        # a town of two words in the prepositional case
        ("Ночью беспилотник ВСУ атаковал дом в Старом Осколе.", ["Stary Oskol"]),
    ],
)
def test_russian_towns_in_russian_text(text: str, places: list[str]) -> None:
    (s,) = strikes(text, date(2025, 6, 3))
    assert s["places"] == places


def test_a_first_name_before_a_surname_is_a_person_not_a_place() -> None:
    text = (
        "Ночью российская ракета попала в дом в Полтаве. "
        "По данным главы Полтавской областной администрации Владимира Когута, погибли 3 "
        "человека."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert s["places"] == ["Poltava"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # strikes held back, told in the past: the side claims to have kept the pledge
        (
            "Песков заявил, что Россия выполнила просьбу США и не наносила ударов по Одессе.",
            {("RU", "claimed_kept")},
        ),
        # a denial of a breach, not a refusal of the pledge (nor Kyiv's own breach)
        (
            "В Кремле отвергли обвинения Киева в нарушении перемирия. Российские войска, по "
            "словам Пескова, не наносили ударов с начала перемирия.",
            {("RU", "claimed_kept")},
        ),
    ],
)
def test_strikes_held_back_in_the_past_and_denied_breaches_are_kept_pledges(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert {(p.party, p.status) for p in read(text)} == expected


def test_one_opening_a_sentence_with_a_verb_of_hitting_is_one_of_the_weapons_told() -> None:
    text = (
        "Ночью три российские ракеты ударили по Одессе. Одна попала в здание порта, "
        "ранены 2 человека."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["missiles"], s["injured"]) == ({"min": 3, "max": 3}, 2)


def test_an_attack_told_in_the_sentence_after_a_truce_is_not_hidden_by_it() -> None:
    text = (
        "В МИД России обвинили Киев в нарушении моратория на удары по энергетике. "
        "По словам дипломатов, 5 апреля украинские дроны атаковали подстанцию в Курской "
        "области."
    )
    (s,) = strikes(text, date(2025, 4, 6))
    assert (s["attacker"], s["places"], s["targets"]) == ("UA", ["Kursk Oblast"], ["energy"])


def test_a_regions_task_force_is_who_posts_not_a_place_or_a_military_target() -> None:
    text = (
        "Ночью беспилотники ВСУ атаковали Новороссийск, сообщил оперативный штаб "
        "Краснодарского края."
    )
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["places"], s["targets"]) == (["Novorossiysk"], [])


def test_a_meeting_of_commanders_is_a_military_target() -> None:
    text = "Днем российские ракеты ударили по месту совещания командного состава в Сумах."
    (s,) = strikes(text, date(2025, 6, 3))
    assert s["targets"] == ["military"]


# Ninth session (ru4): word order, towns of the Moscow region, the wounded in other words.


@pytest.mark.parametrize(
    ("text", "attacker", "place", "day"),
    [
        # a time between the place (object) and a plural verb
        (
            "Одессу в ночь на 2 марта атаковали российские ударные беспилотники.",
            "RU",
            "Odesa",
            "2025-03-01",
        ),
        # a singular verb whose gender the place does not share: not its subject
        (
            "Харьков вечером атаковала российская авиация, ранены трое.",
            "RU",
            "Kharkiv",
            "2025-06-03",
        ),
        # "подвергся атаке": the place suffered the attack
        (
            "Курск ночью подвергся атаке беспилотников, пострадали пять человек.",
            "UA",
            "Kursk",
            "2025-06-02",
        ),
        (
            "Ночью Москва подверглась атаке беспилотников, пострадал охранник.",
            "UA",
            "Moscow",
            "2025-06-02",
        ),
    ],
)
def test_a_place_before_the_time_and_the_verb_is_the_place_attacked(
    text: str, attacker: str, place: str, day: str
) -> None:
    (s,) = strikes(text, date(2025, 6, 3))
    assert (s["attacker"], s["places"], s["date"]) == (attacker, [place], day)


def test_a_place_that_attacks_is_not_moved() -> None:
    """A place named with a verb that agrees with it stays its subject ("Киев атаковал")."""
    from trucewatch.extract.slavic.gloss import gloss_text

    gloss = gloss_text("Киев ночью атаковал Курскую область.", "ru", date(2025, 6, 3))
    assert not gloss.text.startswith("overnight Kyiv")


def test_places_listed_before_the_time_move_together() -> None:
    from trucewatch.extract.slavic.gloss import gloss_text

    text = "Брянск и Брянскую область ночью атаковали 29 украинских беспилотников."
    gloss = gloss_text(text, "ru", date(2025, 9, 22))
    assert gloss.text.startswith("overnight Bryansk and Bryansk Oblast was attacked")
    (s,) = strikes(text, date(2025, 9, 22))
    assert (s["attacker"], s["drones"], s["date"]) == ("UA", {"min": 29, "max": 29}, "2025-09-21")


def test_the_weapon_before_the_place_is_what_it_was_attacked_with() -> None:
    text = "Ночью ВСУ атаковали беспилотниками Новороссийск, ранены три человека."
    (s,) = strikes(text, date(2025, 11, 14))
    assert (s["attacker"], s["places"], s["weapons"], s["injured"]) == (
        "UA",
        ["Novorossiysk"],
        ["drones"],
        3,
    )


def test_the_source_spans_follow_their_pieces_when_the_gloss_reorders_them() -> None:
    from trucewatch.extract.slavic.gloss import gloss_text

    source = "Ночью ВСУ атаковали беспилотниками Новороссийск."
    gloss = gloss_text(source, "ru", date(2025, 11, 14))
    at = gloss.text.index("Novorossiysk")
    a, b = gloss.to_source(at, at + len("Novorossiysk"))
    assert source[a:b] == "Новороссийск"
    at = gloss.text.index("with drones")
    a, b = gloss.to_source(at, at + len("with drones"))
    assert source[a:b] == "беспилотниками"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ночью в Видном обломки беспилотника повредили многоквартирный дом.", "Vidnoye"),
        ("Ночью в Раменском беспилотник попал в жилой дом.", "Ramenskoye"),
        ("Ночью в Кстове отражена атака украинских БПЛА, обломки упали на промзону.", "Kstovo"),
        ("Днем украинский беспилотник атаковал Льгов.", "Lgov"),
    ],
)
def test_towns_of_inland_regions_by_their_russian_names(text: str, place: str) -> None:
    (s,) = strikes(text, date(2025, 3, 11))
    assert (s["attacker"], s["places"]) == ("UA", [place])


def test_towns_named_as_districts_are_no_places() -> None:
    text = (
        "Ночью средства ПВО уничтожили 12 беспилотников над Московской областью; дроны "
        "сбивали в Раменском, Коломенском и Домодедовском округах."
    )
    (s,) = strikes(text, date(2024, 11, 10))
    assert s["places"] == ["Moscow Oblast"]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Утром беспилотники атаковали Москву, два человека обратились за медицинской помощью.",
            "injured",
            2,
        ),
        (
            "Киевский режим атаковал Москву восемью беспилотниками; все они сбиты или "
            "подавлены средствами РЭБ.",
            "drones_downed",
            8,
        ),
    ],
)
def test_the_wounded_who_sought_help_and_all_of_them_downed(
    text: str, field: str, value: int
) -> None:
    (s,) = strikes(text, date(2023, 5, 30))
    assert s[field] == value


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Днем ВСУ атаковали Клинцы, повреждена линия электропередачи.", "energy"),
        ("Ночью беспилотники атаковали Москву, повреждены две офисные башни.", "commercial"),
        ("Ракеты ATACMS ударили по воинской части в Брянской области.", "military"),
    ],
)
def test_power_lines_office_towers_and_military_units_are_targets(text: str, target: str) -> None:
    (s,) = strikes(text, date(2025, 6, 18))
    assert target in s["targets"]


def test_the_commander_in_chief_of_the_ukrainian_army_is_who_reports_not_who_attacks() -> None:
    text = (
        "Утром Россия выпустила по Украине 127 ракет и 109 ударных беспилотников, сообщил "
        "главком ВСУ Александр Сырский. Взрывы прогремели в Киеве и Луцке."
    )
    (s,) = strikes(text, date(2024, 8, 26))
    assert s["attacker"] == "RU"


def test_the_night_told_after_a_weeks_tally_is_a_strike_of_its_own() -> None:
    text = (
        "За неделю Россия выпустила по Украине более 1300 ударных дронов и почти 40 ракет, "
        "заявил Владимир Зеленский. Только этой ночью Харьков атаковали 15 беспилотников: "
        "повреждены жилые дома, ранены трое."
    )
    (s,) = strikes(text, date(2025, 6, 2))
    assert (s["attacker"], s["drones"], s["places"], s["injured"]) == (
        "RU",
        {"min": 15, "max": 15},
        ["Kharkiv"],
        3,
    )


def test_no_information_on_casualties_is_no_figure() -> None:
    (s,) = strikes("Ночью беспилотники атаковали Москву. Информации о пострадавших нет.")
    assert (s["killed"], s["injured"]) == (None, None)


def test_the_main_direction_of_the_strike_is_a_place_hit() -> None:
    text = (
        "В ночь на 4 июля Россия атаковала Украину 539 беспилотниками и 11 ракетами. "
        "Главным направлением удара стал Киев: погибли два человека, пострадали 23."
    )
    (s,) = strikes(text, date(2025, 7, 4))
    assert (s["places"], s["killed"], s["injured"]) == (["Kyiv"], 2, 23)


def test_the_mortally_wounded_are_killed_and_those_taken_to_hospital_injured() -> None:
    text = (
        "Утром 5 декабря киевский режим попытался ударить беспилотниками по аэродрому в "
        "Рязанской области; трое военнослужащих получили смертельные ранения, еще четверо "
        "доставлены в медучреждения."
    )
    (s,) = strikes(text, date(2022, 12, 6))
    assert (s["attacker"], s["killed"], s["injured"]) == ("UA", 3, 4)


def test_missiles_that_reached_their_targets_are_not_downed() -> None:
    from trucewatch.extract.slavic.gloss import gloss_text

    gloss = gloss_text("По Харьковщине выпустили 10 ракет, из них три достигли целей.", "ru")
    assert "hit their targets" in gloss.text


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Утром беспилотник попал во двор штаба флота в Севастополе. Сначала сообщалось о "
            "пяти раненых, затем их число выросло до шести; погибших не было.",
            "injured",
            6,
        ),
        (
            "Утром ракета попала в жилой дом в Днепре. Сначала сообщалось о пяти погибших, "
            "затем их число выросло до девяти.",
            "killed",
            9,
        ),
    ],
)
def test_their_number_is_the_number_of_the_victims_named_last(
    text: str, field: str, value: int
) -> None:
    (s,) = strikes(text, date(2022, 7, 31))
    assert s[field] == value
