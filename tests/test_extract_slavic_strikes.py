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
