"""A strike's targets are what it hit, not what the text names beside it: buildings beside
the blast, where the hurt were taken, titles, another attack's target, the armed forces as a
body, an arsenal as a stock, a site named again; and a headline's weapon is the attack's."""

from __future__ import annotations

from datetime import date

import pytest

from trucewatch.extract import extract

PUB = date(2025, 5, 12)


def _targets(text: str) -> list[list[str]]:
    return [sorted(s.targets) for s in extract(text, PUB).strikes]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "A Russian missile landed beside a supermarket in Kherson on Sunday, injuring two "
            "people.",
            [],
        ),
        (
            "A Russian guided bomb fell next to a school in Kupiansk on Sunday, wounding a man.",
            [],
        ),
        (
            "A Russian drone hit a house in Kherson on Sunday, and the two injured were taken to "
            "the city's hospitals.",
            ["residential"],
        ),
        (
            "A Russian missile hit the centre of Sumy on Sunday morning as people were heading to "
            "church, killing five.",
            [],
        ),
        (
            "Russian drones damaged a house in Kharkiv on Sunday, said the head of the regional "
            "administration.",
            ["residential"],
        ),
        (
            "Russian drones hit a substation in Odesa on Sunday, in retaliation for Friday's "
            "attack on the Kerch bridge, Moscow said.",
            ["energy"],
        ),
        (
            "Russia struck energy facilities in Odesa used by the Ukrainian military, its defence "
            "ministry said on Sunday.",
            ["energy"],
        ),
        (
            "Russian drones hit a house in Dnipro on Sunday, injuring two workers of an energy "
            "company.",
            ["residential"],
        ),
        (
            "Ukrainian drones set fire to the oil refinery in Syzran on Sunday; two drones "
            "crashed into the plant, the governor said.",
            ["energy"],
        ),
    ],
)
def test_only_what_was_hit_is_a_target(text: str, targets: list[str]) -> None:
    (got,) = _targets(text)
    assert got == targets


def test_an_arsenal_as_a_stock_is_no_target() -> None:
    text = "Explainer: the glide bomb in Russia's arsenal\nA Russian glide bomb hit Sumy on Sunday."
    assert _targets(text) == [[]]


def test_a_headlines_weapon_is_the_first_attacks_weapon() -> None:
    text = (
        "Kharkiv glide-bomb attack - live\n"
        "14:05 Explosions in Kharkiv. The governor says a house was hit and three people hurt."
    )
    (strike,) = extract(text, PUB).strikes
    assert "glide_bombs" in strike.weapons
