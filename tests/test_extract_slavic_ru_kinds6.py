"""Russian strikes and truces by kinds of language (eleventh session, ru6): zero tolls with
words between, victims named as a couple, two-part towns inflected in both parts, a city beside a
district, implied breach claims, a mirror promise beside an offer, a weekday end after its
start (extract/slavic, lang "ru")."""

from __future__ import annotations

from datetime import date

from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.results import ExtractedPledge, ExtractedStrike
from trucewatch.extract.slavic.gloss import gloss_text


def read(text: str, day: date = date(2025, 6, 5)) -> list[ExtractedStrike]:
    return extract_any(text, day, "ru").strikes


def pledges(text: str, day: date = date(2025, 4, 19)) -> list[tuple[str, str]]:
    found: list[ExtractedPledge] = extract_any(text, day, "ru").pledges
    return sorted((p.party, p.status) for p in found)


def test_a_zero_toll_with_words_between_its_noun_and_net_is_zero() -> None:
    (s,) = read(
        "Ночью над Курском сбиты 12 украинских беспилотников. Пострадавших среди мирного "
        "населения, по предварительной информации, нет."
    )
    assert (s.killed, s.injured) == (0, 0)


def test_a_verb_or_a_figure_between_keeps_the_zero_toll_unread() -> None:
    told = gloss_text("Пострадавших, которых доставили в больницу, нет.", "ru").text
    assert "no injuries" not in told
    assert "no injuries" not in gloss_text("Пострадавших в 3 домах нет.", "ru").text
    assert "no casualties" in gloss_text("Жертв и пострадавших среди жителей нет.", "ru").text


def test_victims_named_by_relation_are_counted() -> None:
    (s,) = read("Днем управляемая авиабомба попала в частный дом в Сумах, погибли супруги.")
    assert s.killed == 2
    (s,) = read("Днем российский дрон атаковал Херсон, ранены пожилые супруги.")
    assert s.injured == 2


def test_a_plural_verb_with_other_people_or_a_count_is_left_to_other_rules() -> None:
    assert "people were killed" not in gloss_text("Погибли люди.", "ru").text
    assert "2 people were killed" not in gloss_text("Погибли двое мужчин.", "ru").text
    assert "2 people were killed" not in gloss_text("Погиб один из супругов.", "ru").text


def test_a_two_part_town_with_both_parts_inflected_is_its_place() -> None:
    (s,) = read(
        "В среду российские войска нанесли удары по Середине-Буде и Шостке, сообщили в Сумской ОВА."
    )
    assert {"Seredyna-Buda", "Shostka"} <= set(s.places)


def test_a_city_beside_a_district_in_the_singular_is_the_city() -> None:
    (s,) = read("Ночью над Брянском и Клинцовским районом уничтожены 15 украинских беспилотников.")
    assert "Bryansk" in s.places
    # a list of districts in the plural names districts only
    (s,) = read(
        "Ночью дроны сбивали в Раменском, Коломенском и Домодедовском округах, "
        "в Подольске поврежден жилой дом."
    )
    assert "Ramenskoye" not in s.places


def test_a_side_continuing_attacks_despite_a_truce_is_said_to_break_it() -> None:
    got = pledges(
        "В Минобороны заявили, что киевский режим продолжает обстрелы, несмотря на перемирие."
    )
    assert ("UA", "claimed_broken") in got
    got = pledges("Украина продолжает бить по энергетике, несмотря на мораторий.")
    assert ("UA", "claimed_broken") in got


def test_continuing_something_else_breaks_nothing() -> None:
    got = pledges("Украина продолжает переговоры, несмотря на мораторий.")
    assert ("UA", "claimed_broken") not in got


def test_a_mirror_promise_beside_an_offer_is_two_pledges() -> None:
    found = extract_any(
        "Объявленное Путиным пасхальное перемирие будет действовать с 18:00 субботы до полуночи "
        "понедельника. Зеленский ответил, что Украина будет действовать зеркально и предлагает "
        "продлить тишину на 30 дней.",
        date(2025, 4, 19),
        "ru",
    ).pledges
    ua = sorted((p.status, p.duration_days) for p in found if p.party == "UA")
    assert ua == [("agreed", None), ("proposed", 30)]
    mirror = next(p for p in found if p.party == "UA" and p.status == "agreed")
    assert (mirror.start, mirror.end) == (date(2025, 4, 19), date(2025, 4, 21))


def test_a_weekday_end_after_its_start_is_the_next_such_day() -> None:
    found = extract_any(
        "Перемирие будет действовать с 18:00 субботы до полуночи понедельника, сообщили в Кремле.",
        date(2025, 4, 19),
        "ru",
    ).pledges
    ru = next(p for p in found if p.party == "RU")
    assert (ru.start, ru.end) == (date(2025, 4, 19), date(2025, 4, 21))


def test_a_named_missile_of_two_words_alone_is_one_missile() -> None:
    (s,) = read("Днем в Сумах прогремел взрыв. Баллистическая ракета «Искандер-М» попала в дом.")
    assert s.missiles is not None and (s.missiles.min, s.missiles.max) == (1, 1)


def test_one_missile_in_the_instrumental_after_a_count_of_drones_is_one_missile() -> None:
    (s,) = read(
        "В ночь на пятницу Россия атаковала Украину 111 ударными дронами и баллистической "
        "ракетой «Искандер-М», сообщили Воздушные силы."
    )
    assert s.attacker == "RU"
    assert s.drones is not None and s.drones.min == 111
    assert s.missiles is not None and s.missiles.min == 1


def test_a_compound_drone_as_the_subject_is_one_drone() -> None:
    (s,) = read("Утром в Рыльске украинский FPV-дрон атаковал рейсовый автобус.")
    assert s.drones is not None and (s.drones.min, s.drones.max) == (1, 1)
    # the means ("с помощью FPV-дрона") is no count
    assert "drone " not in gloss_text("атаковали Шебекино с помощью FPV-дрона", "ru").text + " "


def test_a_pause_told_before_an_attack_does_not_hide_it() -> None:
    (s,) = read(
        "Песков подтвердил, что пауза в ударах по Киеву продлится до 1 февраля. Между тем "
        "ночью Россия атаковала Украину 90 дронами, сообщили Воздушные силы; 25 дронов "
        "поразили 10 объектов.",
        date(2026, 1, 30),
    )
    assert s.attacker == "RU"
    assert s.drones is not None and s.drones.min == 90


def test_the_parts_of_a_count_of_violations_after_a_colon_are_no_strike() -> None:
    found = read(
        "Россия за 12 часов нарушила перемирие 734 раза, заявил Сибига: 63 штурма, 586 "
        "обстрелов позиций и 176 ударов FPV-дронов.",
        date(2025, 5, 8),
    )
    assert all(s.drones is None for s in found)


def test_a_truce_dismissed_as_the_enemys_respite_is_refused() -> None:
    got = pledges(
        "Помощник президента России Юрий Ушаков заявил, что 30-дневное прекращение огня "
        "будет лишь временной передышкой для украинских военных.",
        date(2025, 3, 13),
    )
    assert ("RU", "rejected") in got


def test_a_toll_that_reached_a_figure_is_the_toll() -> None:
    (s,) = read(
        "Ночью российская ракета попала в жилой дом в Киеве. Число погибших достигло 23.",
        date(2025, 8, 28),
    )
    assert s.killed == 23


def test_a_ukrainian_town_by_its_russian_name_after_a_preposition_is_its_place() -> None:
    (s,) = read("В среду российская авиабомба попала в частный дом в Белополье.")
    assert "Bilopillia" in s.places
    assert "Bilopillia" not in gloss_text("Белополье", "ru").text  # no preposition: unread


def test_a_mirror_takes_the_window_of_the_pledge_told_first() -> None:
    found = extract_any(
        "Путин объявил перемирие с 16:00 11 апреля до конца дня 12 апреля. Министру обороны "
        "поручено прекратить боевые действия. Украина будет действовать зеркально.",
        date(2026, 4, 11),
        "ru",
    ).pledges
    ua = next(p for p in found if p.party == "UA")
    assert (ua.status, ua.start, ua.end) == ("agreed", date(2026, 4, 11), date(2026, 4, 12))
