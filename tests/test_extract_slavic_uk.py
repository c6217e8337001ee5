"""Ukrainian texts in the genres the Ukrainian sources write: rules of the language."""

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
    assert '"a Zircon"' in gloss_text(text, "uk", DAY).text
    (strike,) = extract_any(text, DAY, "uk").strikes
    assert strike.missiles is not None and (strike.missiles.min, strike.missiles.max) == (12, 12)


def test_a_singular_weapon_outside_a_counted_list_gets_no_article() -> None:
    text = "Ворог атакував місто ракетою «Іскандер-М», поранено трьох людей."
    assert '"a Iskander-M"' not in gloss_text(text, "uk", DAY).text
