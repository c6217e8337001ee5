"""Pledge reading by kinds of phrasing (issue 8, en_own_pledges_3): pledges told inside strike
reports, mirror offers, lengths told apart from the pledge word. Own sentences, one kind each."""

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


def test_would_order_a_halt_is_a_commitment(ex: Extractor) -> None:
    text = "Putin told the French president he would order a ten-day halt to strikes on ports."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["targets"], p["duration_days"]) == (
        "RU",
        "agreed",
        ["port"],
        10,
    )


def test_put_forward_is_an_offer(ex: Extractor) -> None:
    text = "Kyiv put forward a two-week truce along the whole front on Monday."
    assert told(ex, text) == {("UA", "proposed")}


def test_said_yes_and_said_no_answer_a_proposal(ex: Extractor) -> None:
    text = "Washington proposed a pause on energy strikes; Kyiv said yes while Moscow said nothing."
    assert told(ex, text) == {("UA", "agreed")}


def test_said_no_followed_by_a_noun_is_no_refusal(ex: Extractor) -> None:
    text = (
        "Russia's week-long halt on energy strikes went on. Grid officials in Kyiv said no "
        "energy facilities were hit overnight as the halt continued to hold."
    )
    assert ("RU", "rejected") not in told(ex, text)


def test_never_signed_up_to_is_a_refusal(ex: Extractor) -> None:
    text = "Moscow declared a two-day truce. Kyiv never signed up to the two-day truce."
    assert ("UA", "rejected") in told(ex, text)


def test_declined_to_say_is_no_refusal(ex: Extractor) -> None:
    text = (
        "The Kremlin confirmed that Russia had agreed to halt strikes on Odesa for a week. "
        "Its spokesman declined to say when the halt had begun."
    )
    assert told(ex, text) == {("RU", "agreed")}


def test_breaking_its_promise_is_a_breach_claim(ex: Extractor) -> None:
    text = "Kyiv said Moscow was breaking its promise not to hit power plants."
    got = pledges(ex, text)
    assert [(p["party"], p["status"], p["targets"]) for p in got] == [
        ("RU", "claimed_broken", ["energy"])
    ]


def test_a_truce_that_existed_only_on_paper_was_broken(ex: Extractor) -> None:
    text = "The holiday truce Moscow ordered for Sunday existed only on paper, officials said."
    assert told(ex, text) == {("RU", "claimed_broken")}


def test_fighting_that_never_let_up_told_by_a_side_is_a_breach_of_the_owners_truce(
    ex: Extractor,
) -> None:
    text = (
        "The three-day truce Russia declared for the holiday halted the drone raids, though "
        "Kyiv says the shelling never let up."
    )
    assert told(ex, text) == {("RU", "claimed_broken")}


def test_whether_it_would_agree_commits_nothing(ex: Extractor) -> None:
    text = (
        "Kyiv offered a halt to strikes on refineries. Moscow has not said whether it would "
        "agree to such a halt."
    )
    assert told(ex, text) == {("UA", "proposed")}


def test_accused_ukrainian_troops_of_wrecking_a_moratorium(ex: Extractor) -> None:
    text = (
        "Russia's army accused Ukrainian troops of wrecking the energy moratorium by shelling "
        "a substation."
    )
    assert ("UA", "claimed_broken") in told(ex, text)


def test_bombs_dropped_beside_a_breach_claim_are_no_place_of_the_pledge(ex: Extractor) -> None:
    text = (
        "Moscow declared a three-day truce. Kyiv said Russian troops had violated the truce and "
        "that Russian aircraft had dropped glide bombs on the Kharkiv region."
    )
    got = [p for p in pledges(ex, text) if p["status"] == "claimed_broken"]
    assert got and all(p["places"] == [] for p in got)


def test_a_possessive_before_a_pronoun_subject_is_not_the_offerer(ex: Extractor) -> None:
    text = (
        "Zelensky said the raid was Moscow's reply to the pause on strikes against power "
        "plants he had put forward on Monday."
    )
    assert told(ex, text) == {("UA", "proposed")}


def test_a_list_of_truces_by_one_side_gives_one_pledge_each(ex: Extractor) -> None:
    text = (
        "Kyiv proposed a truce in the air, with no strikes on power plants, and a truce at sea "
        "in the Black Sea."
    )
    got = sorted((p["party"], p["status"], p["targets"], p["places"]) for p in pledges(ex, text))
    assert got == [
        ("UA", "proposed", [], ["Black Sea"]),
        ("UA", "proposed", ["energy"], []),
    ]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Moscow declared a truce from 00:00 on May 8 to 00:00 on May 11.", 3),
        ("Moscow declared a truce from midnight on 1 June until midnight on 3 June.", 2),
        ("Moscow declared a truce from 18:00 on 19 April to midnight on 20 April.", None),
        ("Moscow declared a truce for 8 to 10 May.", 3),
        ("Moscow declared a truce from 5 to 7 May along the corridor.", 3),
    ],
)
def test_a_length_from_the_window_of_days(ex: Extractor, text: str, days: int | None) -> None:
    (p,) = pledges(ex, text, date(2025, 4, 28))
    assert (p["party"], p["duration_days"]) == ("RU", days)


def test_the_night_of_two_dates_is_no_length(ex: Extractor) -> None:
    text = "Russia's truce was broken on the night of 20 to 21 August, Kyiv said."
    assert all(p["duration_days"] is None for p in pledges(ex, text, date(2025, 8, 22)))


def test_a_length_beside_a_later_pledge_noun(ex: Extractor) -> None:
    text = (
        '"Moscow refuses a ceasefire," Zelensky said, recalling that Kyiv had accepted '
        "Washington's offer of an unconditional 20-day ceasefire."
    )
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("RU", "rejected", 20), ("UA", "agreed", 20)}


def test_a_length_closing_the_clause(ex: Extractor) -> None:
    text = (
        "Kyiv proposed that both armies refrain from striking power plants with long-range "
        "drones and missiles for at least 45 days."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["duration_days"]) == ("UA", "proposed", 45)


def test_doing_the_same_as_a_pledge_already_made_joins_it(ex: Extractor) -> None:
    text = (
        "Putin told Trump he would order a 30-day halt to strikes on power plants. Zelensky "
        "said Ukraine was ready to stop strikes on Russian energy sites if Moscow did the same."
    )
    got = {(p["party"], p["status"], p["broker"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed", "US", 30), ("UA", "agreed", "US", 30)}


def test_doing_the_same_with_no_pledge_of_that_scope_is_an_offer(ex: Extractor) -> None:
    text = (
        "Putin agreed not to strike Kyiv for a week. Zelensky said Ukraine was ready to stop "
        "strikes on Russian energy sites if Moscow did the same."
    )
    got = {(p["party"], p["status"], tuple(p["targets"])) for p in pledges(ex, text)}
    assert ("UA", "proposed", ("energy",)) in got


def test_the_verb_after_a_relative_clause_is_the_same_sides(ex: Extractor) -> None:
    text = (
        "Moscow offered a two-day truce to collect the dead. Kyiv, which wants a truce of at "
        "least 30 days, turned the offer down."
    )
    got = told(ex, text)
    assert ("UA", "proposed") in got and ("UA", "rejected") in got


def test_agreed_to_both_takes_each_pledge_just_named(ex: Extractor) -> None:
    text = (
        "Moscow agreed to a truce at sea in the Black Sea and to a halt on strikes on power "
        "plants for 30 days. Ukraine's defence minister said Kyiv had agreed to both."
    )
    got = {(p["party"], tuple(p["targets"]), tuple(p["places"])) for p in pledges(ex, text)}
    assert ("UA", (), ("Black Sea",)) in got and ("UA", ("energy",), ()) in got


def test_a_length_told_beside_one_part_of_a_split_scope_is_that_parts(ex: Extractor) -> None:
    text = (
        "Moscow agreed to ensure safe navigation in the Black Sea and to ban strikes on power "
        "plants for 30 days."
    )
    got = {(tuple(p["targets"]), tuple(p["places"]), p["duration_days"]) for p in pledges(ex, text)}
    assert got == {((), ("Black Sea",), None), (("energy",), (), 30)}


def test_a_charge_in_a_clause_before_the_pledge_pointed_back_to(ex: Extractor) -> None:
    text = (
        "Russia declared a holiday truce and Kyiv said it would mirror it. Russia's army says "
        "Ukrainian forces attacked its positions 300 times, and that its own troops kept to "
        "the truce."
    )
    assert ("UA", "claimed_broken") in told(ex, text)


def test_attacks_told_after_an_accusation_are_that_charge(ex: Extractor) -> None:
    text = (
        "Zelensky said Ukraine would support a pause on strikes against energy sites. Russia's "
        "army accused Kyiv of trying to wreck the pause, saying Ukrainian drones had attacked "
        "an oil depot."
    )
    got = [(p["party"], p["status"]) for p in pledges(ex, text)]
    assert sorted(got) == [("UA", "agreed"), ("UA", "claimed_broken")]


def test_adding_that_after_a_condition_is_a_statement_of_its_own(ex: Extractor) -> None:
    text = (
        "Sybiha wrote that if Moscow wanted peace it should stop firing at once, adding that "
        "Ukraine was ready for a ceasefire of at least 30 days."
    )
    assert {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)} == {
        ("UA", "proposed", 30)
    }


def test_a_call_for_the_war_to_stop_along_the_line(ex: Extractor) -> None:
    text = "Zelensky backed Trump's call for the war to stop along the current front line."
    assert {(p["party"], p["status"], p["broker"]) for p in pledges(ex, text)} == {
        ("UA", "agreed", "US")
    }


def test_fire_held_around_a_site_names_no_target_kind(ex: Extractor) -> None:
    text = (
        "Both sides agreed to hold fire around the steel plant in Mariupol while the buses "
        "were loaded."
    )
    got = pledges(ex, text, date(2022, 5, 1))
    assert {p["party"] for p in got} == {"RU", "UA"} and all(p["targets"] == [] for p in got)


def test_a_side_told_as_going_on_striking_after_a_pledge_is_charged(ex: Extractor) -> None:
    text = (
        "Both sides had agreed to a moratorium on strikes against energy sites. Moscow blamed "
        "Kyiv for a fire at a gas station. Kyiv said Russia had kept striking Ukrainian power "
        "lines regardless, including in the Kherson region."
    )
    got = [p for p in pledges(ex, text) if p["party"] == "RU"]
    assert [(p["status"], p["targets"], p["places"]) for p in got] == [
        ("claimed_broken", ["energy"], [])
    ]
