"""Pledge reading (issue 8): who is a party, and what a status word means, on hand-made text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import contract_pledges
from trucewatch.extract import Extractor

PUB = date(2025, 4, 24)


def pledges(ex: Extractor, text: str, published: date = PUB) -> list[dict[str, Any]]:
    return contract_pledges(ex, text, published)


@pytest.mark.parametrize(
    "text",
    [
        # a wire dateline names where the story was filed
        "ISTANBUL - Russia agreed to a three-day truce on Saturday.",
        "BUDAPEST/KYIV, May 8 - Russia agreed to a three-day truce on Saturday.",
        # a side named as a location is a venue, not a broker
        "At talks in Istanbul, Russia agreed to a three-day truce.",
    ],
)
def test_places_that_name_no_actor_are_not_brokers(ex: Extractor, text: str) -> None:
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"]) == ("RU", "agreed", None)


def test_a_ceasefire_in_ukraine_does_not_make_ukraine_its_party(ex: Extractor) -> None:
    text = (
        "Orban said his proposal for a Christmas ceasefire in Ukraine had been accepted by Moscow."
    )
    got = {p["party"] for p in pledges(ex, text)}
    assert "UA" not in got


def test_a_broker_named_as_such_outranks_the_venue(ex: Extractor) -> None:
    text = (
        "Meeting in Istanbul, Russia and Ukraine signed a UN-brokered deal on Friday and both "
        "sides agreed not to attack merchant ships in the Black Sea."
    )
    got = pledges(ex, text, date(2022, 7, 23))
    assert {p["party"] for p in got} == {"RU", "UA"}
    assert {p["broker"] for p in got} == {"UN"}


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops have been observing the ceasefire since noon, the ministry said.",
        "The Russian army is strictly observing the truce, the ministry said.",
        "Russia, the ministry said, was sticking to the 30-day pause on energy strikes.",
    ],
)
def test_a_side_said_to_be_observing_a_pledge_claims_to_keep_it(ex: Extractor, text: str) -> None:
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("RU", "claimed_kept")


def test_a_withdrawal_of_troops_is_not_a_withdrawal_from_the_pledge(ex: Extractor) -> None:
    text = "A 30-day ceasefire requires Kyiv to begin a withdrawal of its forces, Russia offered."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("RU", "proposed")


def test_refusing_to_join_a_truce_named_before_is_a_rejection(ex: Extractor) -> None:
    text = "Putin ordered a 36-hour Christmas truce; Kyiv refused to join it."
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed"), ("UA", "rejected")}


def test_a_verb_reporting_what_follows_that_gives_no_status(ex: Extractor) -> None:
    text = "The Kremlin declared that the Black Sea grain deal had ceased to be valid."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("RU", "rejected")


def test_a_length_given_to_the_pledge_named_before_keeps_its_scope(ex: Extractor) -> None:
    text = (
        "The Black Sea Grain Initiative has been rolled over. Ukraine's minister wrote that "
        "the initiative had been extended for 120 days."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["duration_days"]) == ("UA", "agreed", 120)
    assert (sorted(p["targets"]), p["places"]) == (["port", "transport"], ["Black Sea"])


def test_a_length_agreed_to_without_a_pledge_noun_restates_the_pledge(ex: Extractor) -> None:
    text = (
        "The Black Sea grain deal was rolled over on Saturday. "
        "Russia says it agreed to 60 days only."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["duration_days"]) == ("RU", "agreed", 60)
    assert p["places"] == ["Black Sea"]


def test_a_sea_is_the_pledges_place_beside_an_attack_told(ex: Extractor) -> None:
    text = (
        "Russian drones struck Mykolaiv hours after Russia and Ukraine each agreed to ensure "
        "safe navigation in the Black Sea."
    )
    got = pledges(ex, text)
    assert got and all(p["places"] == ["Black Sea"] for p in got)


def test_a_pledge_that_held_is_kept_by_its_owner_not_by_the_side_named_nearest(
    ex: Extractor,
) -> None:
    text = (
        "No energy sites were hit, as the week-long pause on strikes against energy "
        "infrastructure - which Kyiv says took effect at midnight, after Donald Trump asked "
        "Vladimir Putin to hold fire - continued to hold."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"]) == ("RU", "claimed_kept", "US")


def test_a_ceasefire_taking_effect_is_no_pledge_of_the_side_named_beside_it(
    ex: Extractor,
) -> None:
    text = "Ukrainian forces fired six shells at Donetsk at the moment the ceasefire took effect."
    assert [p for p in pledges(ex, text) if p["party"] == "UA"] == []


def test_turning_a_plan_down_is_a_rejection(ex: Extractor) -> None:
    text = (
        "Russia's defence ministry said its forces would cease fire around Kharkiv on Monday. "
        "Kyiv turned the plan down."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed"), ("UA", "rejected")}


def test_a_pledge_named_before_with_a_number_is_pointed_back_to(ex: Extractor) -> None:
    text = (
        "Grossi set out five principles for a ceasefire around the Zaporizhzhia nuclear power "
        "plant. Russia is already observing the five principles, Nebenzia said."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"]) == ("RU", "claimed_kept", "IAEA")
    assert p["places"] == ["Zaporizhzhia Nuclear Power Plant"]


def test_a_sides_offer_named_by_its_possessive_points_back(ex: Extractor) -> None:
    text = (
        "Putin declared an Easter truce on Saturday. "
        "Moscow has still not answered Ukraine's offer to extend the silence to 30 days."
    )
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert ("UA", "proposed", 30) in got


def test_a_text_that_opens_with_the_pledges_fate_gives_it_to_the_pledge_told_after(
    ex: Extractor,
) -> None:
    text = (
        "A promised pause in the fighting around Mariupol fell apart within hours on Saturday. "
        "Russia's defence ministry had announced a regime of silence from 10:00 so that "
        "civilians could leave the city."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("RU", "claimed_broken")


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "Putin ordered the military to stop striking Ukraine's energy facilities for 30 days.",
            ["energy"],
        ),
        ("Putin declared a truce for Orthodox Christmas after an appeal from the church.", []),
        (
            "Zelensky said a ceasefire limited to energy infrastructure would be acceptable.",
            ["energy"],
        ),
    ],
)
def test_a_pledge_covers_the_targets_it_spares_from_attack(
    ex: Extractor, text: str, targets: list[str]
) -> None:
    (p,) = pledges(ex, text)
    assert p["targets"] == targets


def test_an_accusation_after_a_sides_own_commitment_is_kept_beside_it(ex: Extractor) -> None:
    text = (
        "Zelensky said Ukraine would support a pause on strikes against energy infrastructure. "
        "Russia's defence ministry accused Kyiv of trying to wreck the arrangement."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("UA", "agreed"), ("UA", "claimed_broken")}


def test_a_halt_on_or_in_strikes_is_a_pledge_noun(ex: Extractor) -> None:
    (p,) = pledges(ex, "Moscow agreed to a 30-day halt in attacks on Odesa's port.")
    assert (p["party"], p["status"], p["targets"], p["duration_days"]) == (
        "RU",
        "agreed",
        ["port"],
        30,
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Russia and Ukraine agreed to a 30-day halt on strikes on energy infrastructure, "
            "the White House said.",
            "agreed",
        ),
        (
            "Ukraine and Russia each accused the other of violating the Easter truce.",
            "claimed_broken",
        ),
    ],
)
def test_two_sides_as_one_subject_both_commit_or_both_are_accused(
    ex: Extractor, text: str, status: str
) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", status), ("UA", status)}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv denied that it had agreed to any pause in strikes.",
        "Russia has not accepted the 30-day ceasefire.",
        "Moscow agreed to discuss a ceasefire at the next round of talks.",
    ],
)
def test_a_commitment_said_not_to_exist_is_no_pledge(ex: Extractor, text: str) -> None:
    assert pledges(ex, text) == []


def test_a_refusal_to_stop_is_a_rejection(ex: Extractor) -> None:
    text = "Ukraine said it would not stop striking Russian refineries while Moscow kept bombing."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("UA", "rejected")


def test_a_pledge_said_broken_later_in_its_clause_is_claimed_broken(ex: Extractor) -> None:
    text = "The 72-hour truce Russia declared for Victory Day was broken within hours, Kyiv said."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["duration_days"]) == ("RU", "claimed_broken", 3)


@pytest.mark.parametrize(
    "text",
    [
        "After talks with Witkoff in Moscow, Putin agreed to halt strikes on Kyiv for a week.",
        "In Odesa on Saturday, Putin agreed to halt strikes on Kyiv for a week.",
    ],
)
def test_the_place_where_a_pledge_was_spoken_of_is_not_covered(ex: Extractor, text: str) -> None:
    (p,) = pledges(ex, text)
    assert (p["party"], p["places"], p["duration_days"]) == ("RU", ["Kyiv"], 7)


def test_a_distance_in_days_is_not_a_pledges_length(ex: Extractor) -> None:
    text = "Russia said it was resuming its part in the grain deal, four days after walking out."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["duration_days"]) == ("RU", "agreed", None)


def test_such_a_truce_points_back_to_the_pledge_spoken_of(ex: Extractor) -> None:
    text = (
        "Kyiv said it was ready for a full ceasefire of at least 30 days. "
        '"Why wait?" the minister asked. Reporters pressed him. He did not answer. '
        "Peskov said it was difficult to agree to such a long truce."
    )
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert ("RU", "rejected", 30) in got


def test_a_pledge_on_such_strikes_covers_the_kinds_just_attacked(ex: Extractor) -> None:
    text = (
        "Russia's defence ministry accused Ukraine of attacking Russian energy facilities twice "
        "within a day in spite of the US-brokered moratorium on such strikes."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["targets"]) == ("UA", "claimed_broken", ["energy"])


def test_a_word_past_a_comma_after_the_pledge_noun_is_not_its_target(ex: Extractor) -> None:
    text = "Zelensky refused to take part in the three-day pause, calling it theatre."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["targets"]) == ("UA", "rejected", [])


def test_a_place_a_side_fired_at_is_not_covered_by_the_pledge_beside_it(ex: Extractor) -> None:
    text = (
        "The ministry said Ukrainian forces fired six shells at Donetsk at the moment the "
        "ceasefire Putin had ordered took effect."
    )
    got = pledges(ex, text)
    assert got and all(p["places"] == [] for p in got)


def test_a_side_answering_the_pledge_its_sentence_named_commits(ex: Extractor) -> None:
    text = (
        "The United States proposed that both sides return to an energy ceasefire, "
        "and Kyiv has agreed, Zelensky told reporters."
    )
    got = {(p["party"], p["status"], p["broker"]) for p in pledges(ex, text)}
    assert ("UA", "agreed", "US") in got


def test_he_after_x_told_y_is_the_teller(ex: Extractor) -> None:
    text = (
        "Zelensky recalled that on Tuesday Vladimir Putin told Donald Trump he "
        "would stop striking Ukraine's energy system."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed")}


def test_ready_to_refrain_is_an_offer(ex: Extractor) -> None:
    (p,) = pledges(ex, "Ukraine is ready to refrain from strikes on energy facilities.")
    assert (p["party"], p["status"], p["targets"]) == ("UA", "proposed", ["energy"])


def test_a_side_that_says_it_did_not_strike_claims_to_keep_its_pledge(ex: Extractor) -> None:
    text = (
        '"Ukraine is ready to refrain from strikes on energy, and today we did not strike '
        'Russian energy facilities," Zelensky said.'
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("UA", "claimed_kept")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Moscow agreed to a one-week pause on strikes on Kyiv.", 7),
        ("Ukraine offered a two-week halt to attacks on energy sites.", 14),
        ("Moscow agreed to a pause on strikes on Kyiv, two weeks after the talks.", None),
    ],
)
def test_a_length_in_weeks_is_counted_in_days(ex: Extractor, text: str, days: int | None) -> None:
    (p,) = pledges(ex, text)
    assert p["duration_days"] == days


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        ("Russia said its troops had fully complied with the ceasefire.", "RU", "claimed_kept"),
        ("Kyiv said the Russian army ignored its own ceasefire.", "RU", "claimed_broken"),
        (
            "Russian forces kept shelling Ukrainian positions despite the truce, officials said.",
            "RU",
            "claimed_broken",
        ),
        (
            "Moscow said Ukraine had attacked energy facilities in violation of the moratorium.",
            "UA",
            "claimed_broken",
        ),
    ],
)
def test_claims_that_a_pledge_was_kept_or_broken(
    ex: Extractor, text: str, party: str, status: str
) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert (party, status) in got


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Russian drones struck Mykolaiv overnight, hours after Russia and Ukraine each agreed "
            "to ensure safe navigation in the Black Sea.",
            "agreed",
        ),
        (
            "Kyiv said Russian drones struck Mykolaiv overnight, hours after Russia and Ukraine "
            "each agreed to ensure safe navigation in the Black Sea.",
            "claimed_broken",
        ),
    ],
)
def test_an_attack_told_beside_a_pledge_is_a_claim_only_in_someones_words(
    ex: Extractor, text: str, status: str
) -> None:
    got = {p["status"] for p in pledges(ex, text) if p["party"] == "RU"}
    assert got == {status}


@pytest.mark.parametrize(
    "text",
    [
        "Local officials said Russian troops were not respecting the truce around Kherson.",
        "Kyiv said Moscow had not honoured the Easter ceasefire at any point on Sunday.",
        "Officials in Zaporizhzhia said the Russian truce existed only on paper.",
    ],
)
def test_keeping_denied_or_judged_hollow_is_a_claim_of_breach(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert ("RU", "claimed_broken") in got


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled Kharkiv overnight, the mayor said, only hours after Moscow "
        "announced it would halt attacks on the city.",
        "Russia struck the port of Izmail less than a day after it signed a deal to stop attacks "
        "on merchant shipping, Kyiv said.",
        "Zelensky said drones had hit power plants just hours after Putin told Trump he would "
        "stop striking energy facilities.",
    ],
)
def test_an_attack_told_as_following_a_pledge_claims_its_breach(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken")}


@pytest.mark.parametrize(
    "text",
    [
        # an attack after the pledge's end, or before its start, breaks nothing
        "Russian forces shelled Kharkiv hours after the truce Moscow had declared expired.",
        "Russian forces shelled Kharkiv hours after Moscow announced a truce from midnight on "
        "Thursday.",
    ],
)
def test_an_attack_outside_the_pledges_time_is_no_breach(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert ("RU", "claimed_broken") not in got


def test_two_sides_signing_a_deal_before_one_attacks(ex: Extractor) -> None:
    text = (
        "Officials said Russia fired missiles at the port of Odesa a day after Moscow and Kyiv "
        "signed a UN-brokered deal not to attack merchant ships in the Black Sea."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text, date(2022, 7, 24))}
    assert got == {("RU", "claimed_broken"), ("UA", "agreed")}


def test_the_offer_spoken_of_again_is_no_new_offer(ex: Extractor) -> None:
    text = (
        "Putin offered a ceasefire on Friday if Kyiv gave up four regions. Zelensky called it an "
        "ultimatum. A NATO official said the offer was not made in good faith."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "proposed"), ("UA", "rejected")}


@pytest.mark.parametrize(
    "text",
    [
        "Washington proposed to both sides a return to the pause on energy strikes.",
        "America proposed to both sides to support again a pause on energy strikes.",
        "A new truce was proposed at the talks, to be supported by both sides.",
    ],
)
def test_an_outsiders_proposal_to_both_sides_is_not_theirs(ex: Extractor, text: str) -> None:
    assert pledges(ex, text) == []


def test_peace_not_a_ceasefire_is_a_refusal(ex: Extractor) -> None:
    text = (
        "Zelensky offered a halt to strikes on power plants. The Kremlin replied that it wanted "
        "peace, not a ceasefire."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("UA", "proposed"), ("RU", "rejected")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the side that owns the truce named before it is not the subject of the verb after it
        (
            "Ukraine has not agreed to the Russian truce and will not observe it, Sybiha said.",
            {("UA", "rejected")},
        ),
        # what became of a pledge is its owner's: "the Russian truce had been broken"
        (
            "Ukraine said the Russian truce had been broken within hours.",
            {("RU", "claimed_broken")},
        ),
        # the owner named by an adjective: "the Russian truce had largely held"
        (
            "Kyiv said the Russian truce had largely held along the front overnight.",
            {("RU", "claimed_kept")},
        ),
    ],
)
def test_the_side_a_pledge_belongs_to(ex: Extractor, text: str, want: set[tuple[str, str]]) -> None:
    assert {(p["party"], p["status"]) for p in pledges(ex, text)} == want


def test_words_a_correction_withdraws_are_no_pledge(ex: Extractor) -> None:
    text = (
        "Correction: a previous version of this article said Russia had agreed to a 30-day "
        "ceasefire. Russia agreed to a three-day truce."
    )
    got = [(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)]
    assert got == [("RU", "agreed", 3)]


def test_a_claim_on_the_pledge_in_the_same_sentence(ex: Extractor) -> None:
    text = (
        "Moscow said its troops had kept to the Easter truce, while Kyiv said Russia had "
        "violated it hundreds of times."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken")}


def test_a_halt_told_as_done_is_a_pledge(ex: Extractor) -> None:
    text = "Zelensky said Moscow had halted strikes on power plants for a week at Trump's request."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"], p["targets"], p["duration_days"]) == (
        "RU",
        "agreed",
        "US",
        ["energy"],
        7,
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a withdrawal of troops named as a condition is not a withdrawal from a pledge
        (
            "Putin said Russia would be ready for a ceasefire once Ukraine withdrew from four "
            "regions.",
            {("RU", "proposed", None)},
        ),
        # what a document sets out is offered by the side that hands it over
        (
            "The plan Moscow handed to the Ukrainian side sets out a 60-day ceasefire.",
            {("RU", "proposed", 60)},
        ),
        # a range of days is no length
        (
            "Russia's memorandum also provides for a truce of two or three days to collect the "
            "dead.",
            {("RU", "proposed", None)},
        ),
        (
            "Russia did not hold its fire during the truce, Kyiv said.",
            {("RU", "claimed_broken", None)},
        ),
    ],
)
def test_offers_in_documents_and_conditions(
    ex: Extractor, text: str, want: set[tuple[str, str, int | None]]
) -> None:
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == want


def test_a_promise_not_to_strike_on_a_condition(ex: Extractor) -> None:
    text = (
        "Ukraine says it will not strike Russian refineries as long as Russia refrains from "
        "hitting Ukrainian power plants."
    )
    got = {(p["party"], p["status"], tuple(p["targets"])) for p in pledges(ex, text)}
    assert got == {("UA", "agreed", ("energy",))}


def test_the_safety_of_shipping_is_the_black_sea_pledge(ex: Extractor) -> None:
    text = "Erdogan said both sides had agreed to guarantee the safety of merchant shipping."
    got = {(p["party"], p["status"], p["broker"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed", "TR"), ("UA", "agreed", "TR")}


def test_the_extension_announced_by_a_broker(ex: Extractor) -> None:
    text = (
        "Erdogan announced the extension of the grain deal on Saturday. Kyiv said it had been "
        "extended for 120 days."
    )
    got = {(p["party"], p["status"], p["broker"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("UA", "agreed", "TR", 120)}


def test_no_attack_of_any_kind_on_a_plant_is_a_pledge(ex: Extractor) -> None:
    text = (
        "Grossi asked that there be no attack of any kind on the Zaporizhzhia nuclear power "
        "plant. Russia said it was already observing the principles."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"], p["places"]) == (
        "RU",
        "claimed_kept",
        "IAEA",
        ["Zaporizhzhia Nuclear Power Plant"],
    )


def test_it_collapsed_is_the_fate_of_every_pledge_just_named(ex: Extractor) -> None:
    text = "Moscow and Kyiv agreed a local truce around Sumy, but it collapsed within hours."
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken"), ("UA", "claimed_broken")}


def test_a_hypothetical_with_were_is_no_pledge(ex: Extractor) -> None:
    text = "Were Moscow to accept a full ceasefire, Kyiv would follow within hours, an aide said."
    assert pledges(ex, text) == []


def test_what_a_breach_hit_is_not_the_pledges_scope(ex: Extractor) -> None:
    text = (
        "Moscow said Kyiv had breached the pause on energy strikes by attacking a market in "
        "Belgorod."
    )
    got = [(p["party"], p["status"], p["targets"], p["places"]) for p in pledges(ex, text)]
    assert got == [("UA", "claimed_broken", ["energy"], [])]


def test_quitting_the_pledge_named_before(ex: Extractor) -> None:
    text = "The UN brokered the grain initiative in 2022; Russia quit it a year later."
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "rejected")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the refused pledge is its owner's: an offer is proposed, a truce declared
        (
            "Kyiv dismissed Vladimir Putin's offer of a three-day ceasefire on Monday.",
            {("UA", "rejected"), ("RU", "proposed")},
        ),
        (
            "Moscow rejected Ukraine's Christmas truce on Tuesday.",
            {("RU", "rejected"), ("UA", "agreed")},
        ),
        # told elsewhere in its own words, the owner's pledge is read from those
        (
            "Putin declared a three-day truce. Kyiv dismissed Russia's truce as theatre.",
            {("RU", "agreed"), ("UA", "rejected")},
        ),
    ],
)
def test_a_refusal_names_the_other_sides_pledge(
    ex: Extractor, text: str, want: set[tuple[str, str]]
) -> None:
    assert {(p["party"], p["status"]) for p in pledges(ex, text)} == want


def test_a_guaranteed_peace_is_no_guarantee(ex: Extractor) -> None:
    text = (
        "Zelensky offered a halt to strikes on power plants. Peskov said Moscow wanted a "
        "stable, guaranteed and lasting peace, not a ceasefire."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("UA", "proposed"), ("RU", "rejected")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a headline's present tense, above its story
        (
            "Kremlin rejects Kyiv's call for a 30-day truce\nPeskov told reporters on Friday "
            "that Moscow saw no reason to answer.",
            {("RU", "rejected"), ("UA", "proposed")},
        ),
        ("Kyiv says Russia violates its own Easter truce\n", {("RU", "claimed_broken")}),
        ("Russia declares three-day Victory Day truce\n", {("RU", "agreed")}),
        (
            "Russia's Easter truce largely holds, Ukrainian officials say\n",
            {("RU", "claimed_kept")},
        ),
    ],
)
def test_headlines_in_the_present_tense(
    ex: Extractor, text: str, want: set[tuple[str, str]]
) -> None:
    assert {(p["party"], p["status"]) for p in pledges(ex, text)} == want


def test_two_sides_that_would_stop_under_a_deal_of_others(ex: Extractor) -> None:
    text = (
        "Putin and Trump agreed in a call that Russia and Ukraine would stop striking each "
        "other's power plants for 30 days."
    )
    got = {(p["party"], p["status"], p["broker"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed", "US"), ("UA", "agreed", "US")}


def test_the_demand_by_a_side_that_is_refused(ex: Extractor) -> None:
    text = "Moscow dismissed the demand by Kyiv for an unconditional 30-day ceasefire."
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("RU", "rejected", 30), ("UA", "proposed", 30)}


def test_who_says_a_truce_was_broken_is_not_its_side(ex: Extractor) -> None:
    text = (
        "Putin declared a three-day truce from 8 May. On Thursday Ukraine said the truce had "
        "been broken within hours."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the agent of a passive cue is the side that acts
        (
            "The 30-day ceasefire offered in Jeddah was accepted by Kyiv but not by Moscow.",
            {("UA", "agreed"), ("RU", "rejected")},
        ),
        (
            "The Kremlin said the energy pause had been respected by Russian forces.",
            {("RU", "claimed_kept")},
        ),
        # a simple past of keeping
        (
            "Russia observed a 72-hour pause on strikes against Kyiv, the mayor said.",
            {("RU", "claimed_kept")},
        ),
        # a proposal the other side ignored
        (
            "Zelensky proposed a truce in the skies, which Moscow ignored.",
            {("UA", "proposed"), ("RU", "rejected")},
        ),
    ],
)
def test_agents_and_simple_pasts(ex: Extractor, text: str, want: set[tuple[str, str]]) -> None:
    assert {(p["party"], p["status"]) for p in pledges(ex, text)} == want


def test_an_attack_claimed_in_the_pledges_sentence_breaks_it(ex: Extractor) -> None:
    text = (
        "Putin agreed to halt attacks on power plants for 30 days, but Zelensky said Russian "
        "drones hit a substation in Sumy that night."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken")}


def test_a_side_that_refused_a_truce_does_not_break_it_by_firing(ex: Extractor) -> None:
    text = (
        "Putin ordered a 36-hour truce; Kyiv refused to join it. Russian officials said "
        "Ukrainian troops fired on Donetsk once the truce began."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed"), ("UA", "rejected")}


def test_a_side_answering_the_pledge_its_sentence_named(ex: Extractor) -> None:
    text = (
        "Orban floated a Christmas ceasefire on Tuesday. He put the idea to Putin on Wednesday, "
        "and the Kremlin said a day later that Russia fully supported his efforts."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed")}


def test_the_truce_holding_is_the_last_pledges(ex: Extractor) -> None:
    text = (
        "Putin declared a three-day truce from 8 May. On Thursday the truce was largely "
        "holding, Ukraine's military said."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_kept")}


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Russia said it would halt all hostilities near the plant on May 5, 6 and 7.", 3),
        ("Russia declared a truce on 8, 9 and 10 May.", 3),
        # a span between two days is not a list of them
        ("Russia declared a truce between May 8 and 10.", None),
    ],
)
def test_days_named_one_by_one_are_the_length(ex: Extractor, text: str, days: int | None) -> None:
    (p,) = pledges(ex, text, date(2025, 5, 4))
    assert p["duration_days"] == days


@pytest.mark.parametrize(
    "text",
    [
        # a breach told in the past simple, the pledge as its object
        "Moscow declared a two-day truce for the holiday. Kyiv says Russia broke the truce "
        "within an hour.",
        # the infinitive: "to break the halt"
        "Russia agreed to a week-long halt on strikes against power plants. Officials said "
        "Moscow then chose the first frost to break the halt.",
    ],
)
def test_a_breach_in_the_past_simple_or_infinitive(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken")}


def test_a_fire_that_broke_out_is_no_breach(ex: Extractor) -> None:
    text = "Russia agreed to a three-day truce. A fire broke out at a depot in the night."
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed")}


def test_a_refusal_of_the_pledge_by_pronoun(ex: Extractor) -> None:
    text = (
        "Washington put a 20-day ceasefire to both armies. Kyiv took it at once. Moscow refused it."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert ("RU", "rejected") in got


@pytest.mark.parametrize(
    "text",
    [
        "Moscow said Kyiv had broken the energy moratorium 40 times. Kyiv rejected the Russian "
        "tally as invented.",
        "Moscow said Kyiv had broken the energy moratorium 40 times. Kyiv dismissed the list "
        "as fake.",
    ],
)
def test_denying_a_charge_is_no_refusal(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("UA", "claimed_broken")}


def test_a_dateline_with_its_country_names_no_broker(ex: Extractor) -> None:
    text = "DOHA, Qatar - Ukraine agreed to a 20-day truce proposed by the United States."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"], p["broker"]) == ("UA", "agreed", "US")


def test_a_plan_whose_ceasefire_starts_as_soon_as_both_accept(ex: Extractor) -> None:
    text = "Under the draft, a truce would begin as soon as both sides accepted the text."
    assert pledges(ex, text) == []


def test_a_truce_that_could_be_agreed_is_none(ex: Extractor) -> None:
    text = "Putin offered talks in Vienna. A new truce could be agreed there, he said."
    assert all(p["status"] != "agreed" for p in pledges(ex, text))


def test_a_window_of_reporting_is_no_length(ex: Extractor) -> None:
    text = "Moscow said Kyiv had breached the energy moratorium 12 times over the past 24 hours."
    got = pledges(ex, text)
    assert got and all(p["duration_days"] is None for p in got)


def test_continuing_to_observe_is_a_claim_of_keeping(ex: Extractor) -> None:
    text = (
        "Russian units continue to strictly observe the two-day holiday truce, the Russian "
        "ministry said on Sunday."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_kept")}


def test_welcoming_a_proposal_backs_it(ex: Extractor) -> None:
    text = (
        "Austria's chancellor floated a truce for the new year. Kyiv welcomed the idea; "
        "Moscow turned it down."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("UA", "agreed"), ("RU", "rejected")}


@pytest.mark.parametrize("word", ["prepared", "willing"])
def test_prepared_to_stop_is_an_offer(ex: Extractor, word: str) -> None:
    text = f"Kyiv said it was {word} to stop hitting Russian refineries if Moscow spared its grid."
    got = {(p["party"], p["status"], tuple(p["targets"])) for p in pledges(ex, text)}
    assert ("UA", "proposed", ("energy",)) in got


def test_a_halt_told_by_its_verb(ex: Extractor) -> None:
    text = (
        "Moscow offered to stop fighting for a day near Bakhmut so that both sides could "
        "bury the dead."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "proposed")}


def test_a_side_that_cannot_afford_to_stop_fighting_pledges_nothing(ex: Extractor) -> None:
    text = "Analysts say Moscow cannot win the war but cannot afford to stop fighting either."
    assert pledges(ex, text) == []


def test_mirror_steps_are_a_mirror_promise(ex: Extractor) -> None:
    text = (
        "The Kremlin declared a one-day truce for the holiday. Kyiv said it would take mirror "
        "steps."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed"), ("UA", "agreed")}


def test_a_window_cut_near_the_pledge_noun_is_still_a_window(ex: Extractor) -> None:
    # the words read for the length start inside "24": "the past" before it still counts
    text = (
        "Kyiv's forces struck the grid nine times over the past 24 hours in breach of the "
        "moratorium, the Russian ministry said."
    )
    got = pledges(ex, text)
    assert got and all(p["duration_days"] is None for p in got)


def test_a_promise_made_before_the_story_is_a_commitment(ex: Extractor) -> None:
    # "had promised to stop": made and in force, not an offer; its fate raises it
    text = (
        "At Britain's request, Moscow had promised to stop attacking Odesa for three days. "
        "That promise was broken on the first night."
    )
    got = {(p["party"], p["status"], p["broker"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_broken", "GB")}


def test_a_sides_short_answer_in_the_next_sentence(ex: Extractor) -> None:
    text = (
        "The United States asked both sides to return to a ceasefire on ports. "
        "Kyiv accepted it within the hour; Moscow had not replied by evening."
    )
    got = {(p["party"], p["status"], p["broker"], tuple(p["targets"])) for p in pledges(ex, text)}
    assert got == {("UA", "agreed", "US", ("port",))}


@pytest.mark.parametrize(
    "text",
    [
        "Moscow's two-day holiday truce has formally begun, state television said.",
        "Hours before the Kremlin's two-day holiday truce was due to begin, Kyiv kept silent.",
    ],
)
def test_a_pledges_start_told_as_its_own_act(ex: Extractor, text: str) -> None:
    got = {(p["party"], p["status"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("RU", "agreed", 2)}


def test_not_saying_when_a_pause_had_begun_tells_no_start(ex: Extractor) -> None:
    text = (
        "Kyiv asked for a pause on strikes against ports. The Kremlin would not say whether "
        "the pause applied to ports only, or when it had begun."
    )
    assert all(p["status"] != "agreed" for p in pledges(ex, text))


def test_a_truce_being_observed_both_ways_is_kept_by_both(ex: Extractor) -> None:
    text = (
        "Kyiv said the pause on strikes against ports that Washington had asked both sides "
        "for was being observed both ways."
    )
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "claimed_kept"), ("UA", "claimed_kept")}


def test_an_offer_only_weighed_is_none(ex: Extractor) -> None:
    text = "The Kremlin is weighing whether to offer a truce at sea, a newspaper reported."
    assert pledges(ex, text) == []


def test_an_adverb_between_would_and_stop(ex: Extractor) -> None:
    text = (
        "Kyiv signed up to the halt on strikes against ports that Moscow had accepted. "
        "The two sides would now stop striking each other's ports for 20 days."
    )
    got = {(p["party"], p["duration_days"]) for p in pledges(ex, text)}
    assert got == {("UA", 20), ("RU", 20)}


def test_a_side_that_may_not_use_merchant_ships_is_no_grain_deal(ex: Extractor) -> None:
    text = (
        "Washington said Russia and Ukraine had both agreed to ensure safe navigation, to stop "
        "using force in the Black Sea and not to use merchant ships for military ends."
    )
    got = pledges(ex, text, date(2025, 3, 26))
    assert {p["party"] for p in got} == {"RU", "UA"}
    assert all(p["targets"] == [] and p["places"] == ["Black Sea"] for p in got)
