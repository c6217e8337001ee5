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
