"""Hard and misleading English cases, on sentences of our own: anniversaries, days told by a
weekday's possessive, threats and plans, totals, corrections, headlines against bodies and
neighbouring states (issue 8; the passages in tests/fixtures/own/en_own_hard.jsonl)."""

from __future__ import annotations

from datetime import date

from trucewatch.extract import extract


def _strikes(text: str, published: date) -> list[dict[str, object]]:
    return list(extract(text, published).to_contract()["strikes"])


def test_an_anniversary_dates_the_attack_it_recalls_years_back() -> None:
    got = _strikes(
        "Two years ago today, a Russian missile hit a post office in Kupiansk, killing four.",
        date(2025, 6, 10),
    )
    assert [s["date"] for s in got] == ["2023-06-10"]
    got = _strikes(
        "A year ago on Sunday, Russian drones struck a power plant in Burshtyn.",
        date(2025, 3, 9),
    )
    assert [s["date"] for s in got] == ["2024-03-09"]


def test_a_days_possessive_naming_the_attack_dates_it_over_another_day_told() -> None:
    got = _strikes(
        "Kharkiv held funerals on Tuesday for the seven people killed in Saturday's Russian "
        "glide-bomb attack on the city.",
        date(2025, 6, 11),
    )
    assert [s["date"] for s in got] == ["2025-06-07"]
