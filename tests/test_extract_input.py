"""Text as people write it: typographic spaces, apostrophes, ranges, digit runs, long texts."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import Extractor, Qty
from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.pipeline import build_nlp
from trucewatch.extract.slavic import SlavicExtractor
from trucewatch.extract.spaces import plain_spaces

DAY = date(2025, 9, 18)


@pytest.mark.parametrize(
    ("text", "drones"),
    [
        ("Russia launched 60\u00a0drones at Sumy.", 60),
        ("Russia launched 2\u00a0300 drones at Sumy over the week.", 2300),
        ("Russia launched 2\u202f300\u202fdrones at Sumy over the week.", 2300),
        ("Russia launched 2\u2009300\u2009drones at Sumy over the week.", 2300),
    ],
)
def test_typographic_spaces_read_as_spaces_and_group_thousands(text: str, drones: int) -> None:
    found = extract_any(text, DAY)
    (strike,) = found.strikes
    assert strike.drones == Qty(drones, drones)
    assert found.text == text  # the result quotes the text as given
    (a, b), *_ = strike.evidence["drones"]
    assert text[a:b].endswith("drones")


def test_plain_spaces_keeps_every_offset() -> None:
    text = "On\u00a03 May, 1\u00a0200\u2009drones; 20\u00a0000 in 2025\u00a0300"
    plain = plain_spaces(text)
    assert len(plain) == len(text)
    assert plain == "On 3 May, 1,200 drones; 20,000 in 2025 300"


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "\u2032"])
def test_every_ukrainian_apostrophe_reads_alike(apostrophe: str) -> None:
    text = f"Уночі росіяни атакували Суми дронами, поранено дев{apostrophe}ятеро людей."
    (strike,) = extract_any(text, DAY).strikes
    assert strike.injured == 9


def test_language_detection_reads_words_by_the_same_fold() -> None:
    from trucewatch.extract.lang import _words

    assert _words("П\u2032ять об`єктів, дев\u02bcять сіл") == [
        "п'ять",
        "об'єктів",
        "дев'ять",
        "сіл",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Уночі ворог атакував Суми, запустивши від 120 до 150 дронів.",
        "Ночью противник атаковал Сумы, выпустив от 120 до 150 беспилотников.",
    ],
)
def test_a_range_from_to_is_a_count_between(text: str) -> None:
    (strike,) = extract_any(text, DAY).strikes
    assert strike.drones == Qty(120, 150)


def test_a_change_from_to_and_a_span_of_days_are_no_range() -> None:
    rose = extract_any("Кількість дронів зросла від 120 до 150 за тиждень.", DAY)
    assert all(s.drones is None for s in rose.strikes)
    days = extract_any("Ворог атакував Суми від 5 до 7 вересня.", DAY)
    assert all(s.drones is None for s in days.strikes)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Overnight Russia launched " + "7" * 5000 + " drones at Sumy.", "en"),
        ("Уночі ворог запустив " + "7" * 400 + " дронів по Сумах.", "uk"),
        ("Ночью противник запустил " + "7" * 400 + " беспилотников по Сумам.", "ru"),
        ("Уночі ворог атакував Суми в ніч з " + "7" * 5000 + " на 18 вересня.", "uk"),
    ],
)
def test_a_run_of_digits_is_no_count(text: str, lang: str) -> None:
    found = extract_any(text, DAY, lang)
    assert all(s.drones is None for s in found.strikes)


def test_a_text_longer_than_spacys_default_is_read_whole() -> None:
    """spaCy refuses texts over its max_length (E088); the texts we are given are already held
    to our own limit, and a Ukrainian gloss may be longer than its text."""
    nlp = build_nlp()
    nlp.max_length = 200
    english = Extractor(nlp)
    text = "Nothing happened. " * 20 + "Overnight Russia launched 60 drones at Sumy."
    (strike,) = english.extract(text, DAY).strikes
    assert strike.drones == Qty(60, 60)
    ((_, many),) = list(english.extract_many([("a", text * 2, DAY)]))
    assert many.strikes[0].drones == Qty(60, 60)
    nlp.max_length = 60
    uk = "Уночі ЗСУ збили 40 дронів над Сумами."  # its gloss is longer than 60 characters
    (strike,) = SlavicExtractor(english).extract(uk, DAY, "uk").strikes
    assert strike.drones_downed == 40


@pytest.mark.parametrize(
    ("text", "drones"),
    [
        ("Russia launched 1 200 drones at Kharkiv overnight.", Qty(1200, 1200)),
        ("Russia launched from 350 to 500 drones at Kharkiv overnight.", Qty(350, 500)),
    ],
)
def test_thousands_grouped_by_a_plain_space_and_ranges_from_to_are_read(
    text: str, drones: Qty
) -> None:
    (strike,) = extract_any(text, DAY).strikes
    assert strike.drones == drones


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("On March 3 120 drones hit Kharkiv.", "On March 3 120 drones hit Kharkiv."),
        ("A Kh-59 100 km away; at 02:30 120 drones", "A Kh-59 100 km away; at 02:30 120 drones"),
        ("12 345 678 people, 1 200.5 km", "12,345,678 people, 1 200.5 km"),
        ("call 0 800 21 77 10 or 1 500 300 20", "call 0 800 21 77 10 or 1 500 300 20"),
    ],
)
def test_a_plain_space_groups_thousands_only_where_no_day_code_or_time_comes_first(
    text: str, plain: str
) -> None:
    assert plain_spaces(text) == plain


def test_a_change_from_one_figure_to_another_is_no_range() -> None:
    text = "Russian missiles hit Kyiv overnight, and the number of drones rose from 20 to 35."
    (strike,) = extract_any(text, DAY).strikes
    assert strike.drones != Qty(20, 35)


def test_the_first_day_of_a_span_of_days_is_no_count() -> None:
    text = (
        "Russia resumed its drone attacks on Kyiv early on Sunday, after the truce it had "
        "declared for 8-10 May."
    )
    assert all(s.drones is None for s in extract_any(text, date(2025, 5, 12)).strikes)
