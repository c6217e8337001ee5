"""Russian pledges: Kremlin and foreign-ministry phrasings (extract/slavic, lang "ru")."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract.dispatch import extract_any
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
