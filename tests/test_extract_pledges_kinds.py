"""Pledge reading by kinds of phrasing (issue 8, en_own_pledges_2): own sentences, one kind each."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import contract_pledges, sides_told
from trucewatch.extract import Extractor

PUB = date(2025, 5, 2)


def pledges(ex: Extractor, text: str, published: date = PUB) -> list[dict[str, Any]]:
    return contract_pledges(ex, text, published)


def told(ex: Extractor, text: str, published: date = PUB) -> set[tuple[str, str]]:
    return sides_told(ex, text, published)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Kyiv will not agree to a two-day pause unless Moscow first pulls back its guns.", "UA"),
        (
            "The Kremlin said Russia would not go back to the grain deal unless paid.",
            "RU",
        ),
        ("Moscow won't accept a truce at sea unless the sanctions on its banks are lifted.", "RU"),
    ],
)
def test_a_refusal_told_as_a_condition_is_a_refusal(ex: Extractor, text: str, party: str) -> None:
    assert told(ex, text) == {(party, "rejected")}


def test_took_on_a_commitment_to_hold_off_strikes(ex: Extractor) -> None:
    text = "Moscow took on a narrow commitment: to hold off strikes on power plants for ten days."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["targets"], p["duration_days"]) == (
        "RU",
        "agreed",
        ["energy"],
        10,
    )


def test_ready_to_hold_off_is_an_offer(ex: Extractor) -> None:
    text = "Kyiv said it was ready to hold off its drone strikes on refineries for a week."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["targets"], p["duration_days"]) == (
        "UA",
        "proposed",
        ["energy"],
        7,
    )


def test_pressed_for_is_an_offer(ex: Extractor) -> None:
    text = "At the table Ukraine's team pressed for a 20-day truce along the whole front."
    assert told(ex, text) == {("UA", "proposed")}


def test_a_grain_arrangement_and_its_end_in_force(ex: Extractor) -> None:
    text = (
        "Russia said the Black Sea grain arrangement had ceased to be in force on Monday, and a "
        "deal allowing Ukraine to ship grain would not be renewed."
    )
    got = pledges(ex, text, date(2023, 7, 18))
    assert {(p["party"], p["status"]) for p in got} == {("RU", "rejected")}
    assert got[0]["targets"] == ["transport", "port"] and got[0]["places"] == ["Black Sea"]


def test_a_length_that_can_be_rolled_over_is_no_extension(ex: Extractor) -> None:
    text = (
        "Ukraine's ports may reopen. Under the pact, which can be rolled over, both sides "
        "undertook not to attack grain ships."
    )
    assert told(ex, text, date(2022, 7, 23)) == {("RU", "agreed"), ("UA", "agreed")}


def test_no_truce_was_announced(ex: Extractor) -> None:
    text = "Ukraine's and Russia's envoys met for six hours. No truce was announced."
    assert pledges(ex, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The pause ran out, and Russia and Ukraine accused each other of violating it.",
        "Russia and Ukraine traded accusations over the weekend pause they had both declared.",
    ],
)
def test_two_sides_accusing_each_other_as_one_subject(ex: Extractor, text: str) -> None:
    got = told(ex, text)
    assert ("RU", "claimed_broken") in got and ("UA", "claimed_broken") in got


def test_a_side_that_refused_a_truce_is_not_charged_with_breaking_it(ex: Extractor) -> None:
    text = (
        "Moscow declared a two-day truce for the holiday. Kyiv refused to take part in it. "
        "Russia's army accused Ukraine of breaking the truce within an hour."
    )
    assert told(ex, text) == {("RU", "agreed"), ("UA", "rejected")}


def test_an_outsiders_welcome_names_no_broker(ex: Extractor) -> None:
    text = (
        "Moscow declared a two-day truce for the holiday. The Hungarian prime minister Orban, "
        "who had phoned Putin on Monday, welcomed the truce."
    )
    got = pledges(ex, text)
    assert [(p["party"], p["status"], p["broker"]) for p in got] == [("RU", "agreed", None)]


def test_neither_side_struck_is_kept_by_both(ex: Extractor) -> None:
    text = "Officials said neither side had struck power stations on the first night of the pause."
    assert told(ex, text) == {("RU", "claimed_kept"), ("UA", "claimed_kept")}


def test_both_alone_as_the_subject_of_a_second_clause(ex: Extractor) -> None:
    text = (
        "Russia and Ukraine had each agreed to stop strikes on ports, and both had agreed to a "
        "truce on the Sea of Azov."
    )
    got = told(ex, text)
    assert got == {("RU", "agreed"), ("UA", "agreed")}
    assert len(pledges(ex, text)) == 4


def test_support_in_principle_is_no_agreement(ex: Extractor) -> None:
    text = (
        "Putin said Russia supported a truce in principle, but that Moscow would not agree to "
        "a pause unless Kyiv disarmed."
    )
    assert told(ex, text) == {("RU", "rejected")}


def test_asking_whether_a_truce_holds_is_no_claim(ex: Extractor) -> None:
    text = "Russia declared a truce for Sunday. It was unclear whether the truce was holding."
    assert told(ex, text) == {("RU", "agreed")}


@pytest.mark.parametrize(
    ("text", "broker"),
    [
        (
            "Turkey hosted a signing presided over by the UN, where Russia agreed to the truce.",
            "UN",
        ),
        ("Turkey said Russia agreed to the three-day pause that Washington had brokered.", "US"),
    ],
)
def test_brokers_by_presiding_or_by_a_relative_clause(
    ex: Extractor, text: str, broker: str
) -> None:
    (p,) = pledges(ex, text)
    assert (p["party"], p["broker"]) == ("RU", broker)


def test_a_claim_of_keeping_told_as_strikes_not_carried_out(ex: Extractor) -> None:
    text = (
        "Russia's army said it has not carried out strikes on power plants since the order, "
        "while Ukraine does not intend to honour the moratorium."
    )
    got = told(ex, text)
    assert ("RU", "claimed_kept") in got and ("UA", "claimed_broken") in got


def test_a_demilitarised_zone_around_a_plant(ex: Extractor) -> None:
    text = (
        "The UN asked for the area around the Zaporizhzhia nuclear power plant to be "
        "demilitarised, and Moscow rejected it."
    )
    got = pledges(ex, text, date(2022, 8, 20))
    assert [(p["party"], p["status"]) for p in got] == [("RU", "rejected")]
    assert got[0]["places"] == ["Zaporizhzhia Nuclear Power Plant"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv said the Black Sea arrangement took effect at once and that it would honour it.",
        "Kyiv said the Sea of Azov truce took effect at once and that it would honour it.",
    ],
)
def test_a_sea_named_before_the_pledge_noun_is_its_place(ex: Extractor, text: str) -> None:
    got = pledges(ex, text, date(2025, 3, 27))
    assert [p["party"] for p in got] == ["UA"]
    assert got[0]["places"] in (["Black Sea"], ["Sea of Azov"])


def test_despite_the_truce_the_side_named_next_is_charged(ex: Extractor) -> None:
    text = (
        "Moscow's troops are strictly observing the two-day truce. Despite the truce, Ukrainian "
        "units shelled our positions 300 times, the ministry said."
    )
    got = told(ex, text)
    assert ("RU", "claimed_kept") in got and ("RU", "claimed_broken") not in got
    assert ("UA", "claimed_broken") in got


def test_an_outsiders_general_appeal_beside_a_welcome_names_no_broker(ex: Extractor) -> None:
    text = (
        "Moscow declared a two-day truce for the holiday. The Pope welcomed the truce and urged "
        "a lasting peace. Kyiv refused to take part in the truce."
    )
    got = pledges(ex, text)
    assert [(p["party"], p["broker"]) for p in got] == [("RU", None), ("UA", None)]


def test_what_neither_side_struck_is_the_pledges_scope(ex: Extractor) -> None:
    text = "Neither side had struck the other's power stations in the first night of the pause."
    got = pledges(ex, text)
    assert {p["party"] for p in got} == {"RU", "UA"}
    assert all(p["targets"] == ["energy"] for p in got)


@pytest.mark.parametrize(
    "text",
    [
        "Putin said Russia would return to the grain deal only once its own exports were freed.",
        "Moscow would be ready to consider reviving the grain deal as soon as it is paid.",
    ],
)
def test_a_return_put_off_until_a_condition_is_met_is_a_refusal(ex: Extractor, text: str) -> None:
    assert told(ex, text, date(2023, 9, 5)) == {("RU", "rejected")}


def test_fighting_told_as_going_on_through_a_truce_is_a_breach_claim(ex: Extractor) -> None:
    text = (
        "Moscow declared a two-day truce for the holiday. Kyiv said Russian troops kept using "
        "artillery through the truce."
    )
    assert ("RU", "claimed_broken") in told(ex, text)


def test_refusing_one_truce_does_not_clear_a_side_of_breaking_its_own(ex: Extractor) -> None:
    text = (
        "Moscow declared a two-day truce for the holiday. The Kremlin rejected a 30-day truce. "
        "Kyiv said Russian troops shelled its towns during the two-day truce."
    )
    got = told(ex, text)
    assert ("RU", "claimed_broken") in got and ("RU", "rejected") in got
