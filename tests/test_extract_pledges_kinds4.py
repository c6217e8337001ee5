"""Pledge reading by kinds of phrasing (issue 8, en_own_pledges_4): refusals by idiom, mirror
and mutual phrasings, conditional offers, questions, headlines withdrawn by a correction. Own
sentences, one kind each."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import sides_told
from trucewatch.extract import Extractor

PUB = date(2025, 5, 8)


def told(ex: Extractor, text: str, published: date = PUB) -> set[tuple[str, str]]:
    return sides_told(ex, text, published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the refuser after a copular idiom, or its teller
        (
            "A 30-day halt along the whole front was a non-starter for the Kremlin.",
            {("RU", "rejected")},
        ),
        (
            "Russia's offer of a two-day truce for the dead is a non-starter, Zelensky said.",
            {("RU", "proposed"), ("UA", "rejected")},
        ),
        (
            "Berlin's call for a holiday ceasefire ran into a wall in Moscow on Tuesday.",
            {("RU", "rejected")},
        ),
        ("Kyiv declared Putin's 36-hour Christmas ceasefire dead on arrival.", None),
        (
            "Moscow rebuffed Kyiv's offer of a 30-day ceasefire.",
            {("RU", "rejected"), ("UA", "proposed")},
        ),
        ("Russia pulled the plug on the grain deal on Monday.", {("RU", "rejected")}),
    ],
)
def test_refusals_by_idiom(ex: Extractor, text: str, expected: set[tuple[str, str]] | None) -> None:
    got = told(ex, text)
    if expected is None:
        assert ("UA", "rejected") in got and ("UA", "agreed") not in got
    else:
        assert got == expected


def test_a_question_states_no_pledge(ex: Extractor) -> None:
    assert told(ex, "Did Putin accept the wider ceasefire that Washington wanted?") == set()


def test_do_likewise_mirrors_the_pledge_just_made(ex: Extractor) -> None:
    text = (
        "Putin said Russian forces would hold off hitting Ukraine's energy facilities for 30 "
        "days. A day later Zelensky said Ukraine would do likewise."
    )
    assert told(ex, text) == {("RU", "agreed"), ("UA", "agreed")}


def test_a_commitment_on_the_other_sides_terms_is_an_offer(ex: Extractor) -> None:
    text = "Putin said Russia would order a ceasefire at once if Ukraine left the Donetsk region."
    assert told(ex, text) == {("RU", "proposed")}


def test_a_reciprocal_condition_still_commits(ex: Extractor) -> None:
    text = (
        "The Kremlin said Russia would observe an Easter truce from Saturday. Zelensky said "
        "Ukraine would hold its fire for as long as Russian troops held theirs."
    )
    assert ("UA", "agreed") in told(ex, text)


def test_nothing_was_agreed_and_might_offer_are_no_pledges(ex: Extractor) -> None:
    text = (
        "A ceasefire was discussed at length in Abu Dhabi, but nothing was agreed. Reports say "
        "the Kremlin might offer an air truce."
    )
    assert told(ex, text) == set()


def test_a_correction_withdraws_the_headline(ex: Extractor) -> None:
    text = (
        "Russia agrees to 30-day ceasefire\n\nCorrection: an earlier version of this story said "
        "Russia had agreed to a full 30-day ceasefire. Putin agreed only to stop striking "
        "Ukraine's energy infrastructure for 30 days."
    )
    assert told(ex, text) == {("RU", "agreed")}


def test_a_charge_through_a_relative_clause(ex: Extractor) -> None:
    text = (
        "Putin declared an Easter truce. Moscow accused Ukraine, which had promised to mirror "
        "the pause, of more than 4,900 violations."
    )
    assert ("UA", "claimed_broken") in told(ex, text)
