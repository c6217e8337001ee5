"""Tests for trucewatch.extract: hand-written cases for each hard case of the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import contract_pledges
from trucewatch.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extractor,
    extract,
    to_pledge_draft,
    to_strike,
)
from trucewatch.extract.numbers import Qty, parse_number, word_value
from trucewatch.model import Pledge, Strike

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "extract_dev.jsonl"
SCORER = SHARED / "tools" / "score_extract.py"
SEEDS = SHARED / "seeds"
PUB = date(2025, 4, 24)  # a Thursday

STRIKE_KEYS = {
    "attacker",
    "date",
    "drones",
    "missiles",
    "drones_downed",
    "missiles_downed",
    "killed",
    "injured",
    "places",
    "targets",
    "weapons",
}
PLEDGE_KEYS = {"party", "broker", "targets", "places", "duration_days", "start", "end", "status"}


def one(ex: Extractor, text: str, published: date = PUB) -> dict[str, Any]:
    strikes = ex.extract(text, published).to_contract()["strikes"]
    assert len(strikes) == 1, strikes
    result: dict[str, Any] = strikes[0]
    return result


def q(lo: int | None, hi: int | None) -> dict[str, int | None]:
    return {"min": lo, "max": hi}


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["nine"], 9),
        (["Eleven"], 11),
        (["twenty-one"], 21),
        (["2,935"], 2935),
        (["three", "hundred"], 300),
        (["1", "200"], 1),
    ],
)
def test_parse_number(words: list[str], value: int) -> None:
    parsed = parse_number(words)
    assert parsed is not None and parsed[0] == value


def test_word_value_rejects_words() -> None:
    assert word_value("drones") is None


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("Russia launched 574 drones at Ukraine overnight.", "drones", q(574, 574)),
        ("Russia launched between 350 and 500 drones overnight.", "drones", q(350, 500)),
        ("Russia launched 350 to 500 drones overnight.", "drones", q(350, 500)),
        ("Russia launched about 90 drones overnight.", "drones", q(90, 90)),
        ("Russia fired more than 40 missiles overnight.", "missiles", q(40, None)),
        ("Russia fired over 60 missiles overnight.", "missiles", q(60, None)),
        ("Russia sent at least 100 attack drones overnight.", "drones", q(100, None)),
        ("Up to 15 Shahed drones were launched at Odesa overnight.", "drones", q(None, 15)),
        ("Russia launched nearly 500 kamikaze drones overnight.", "drones", q(None, 500)),
        ("Russia fired almost 30 cruise missiles overnight.", "missiles", q(None, 30)),
        ("Russia launched nine Shahed drones at Sumy overnight.", "drones", q(9, 9)),
        ("Russia launched 1,200 drones over the week's worst night.", "drones", q(1200, 1200)),
    ],
)
def test_quantities(ex: Extractor, text: str, field: str, expected: dict[str, int | None]) -> None:
    assert one(ex, text)[field] == expected


def test_dozens_is_no_figure(ex: Extractor) -> None:
    res = ex.extract("Russia fired 12 missiles and dozens of drones at Kharkiv overnight.", PUB)
    strike = res.to_contract()["strikes"][0]
    assert strike["drones"] is None and strike["missiles"] == q(12, 12)


def test_missile_types_are_summed(ex: Extractor) -> None:
    text = (
        "Russia used 100 drones, 13 ballistic missiles, one Oreshnik missile and 22 Kalibr "
        "cruise missiles against Lviv overnight."
    )
    s = one(ex, text)
    assert s["missiles"] == q(36, 36) and s["drones"] == q(100, 100)


def test_breakdown_of_a_total_is_not_added(ex: Extractor) -> None:
    text = (
        "Russia fired 12 missiles at Kyiv overnight, four of them Kinzhal missiles, along with "
        "six Kalibr missiles and two Iskander-M missiles."
    )
    assert one(ex, text)["missiles"] == q(12, 12)


def test_glide_bombs_are_not_missiles(ex: Extractor) -> None:
    s = one(ex, "Two Russian guided aerial bombs hit a supermarket in Kharkiv on Thursday.")
    assert s["missiles"] is None and s["targets"] == ["commercial"]


@pytest.mark.parametrize(
    ("text", "drones", "downed"),
    [
        ("Air defences shot down 40 of the 52 Shahed drones Russia launched overnight.", 52, 40),
        ("Air force: 30 of 35 Russian drones downed overnight over Poltava.", 35, 30),
        (
            "Russia launched 80 drones overnight; 50 were shot down and 20 were jammed.",
            80,
            70,
        ),
    ],
)
def test_downed_counts(ex: Extractor, text: str, drones: int, downed: int) -> None:
    s = one(ex, text)
    assert s["drones"] == q(drones, drones) and s["drones_downed"] == downed


def test_missiles_downed(ex: Extractor) -> None:
    text = "Russia fired 20 missiles and 60 drones at Lviv overnight; 15 missiles were intercepted."
    s = one(ex, text)
    assert s["missiles_downed"] == 15 and s["drones_downed"] is None


# --- casualties ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "A Russian missile hit Dnipro on Thursday, killing nine civilians and injuring 30.",
            9,
            30,
        ),
        ("Eleven people, two of them children, were killed in Sumy on Thursday.", 11, None),
        ("Russian drones hit Odesa overnight; 12 people were wounded.", None, 12),
        ("A Russian missile struck Kharkiv on Thursday, but no one was hurt.", 0, 0),
    ],
)
def test_casualties(ex: Extractor, text: str, killed: int | None, injured: int | None) -> None:
    s = one(ex, text)
    assert (s["killed"], s["injured"]) == (killed, injured)


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Russia launched 50 drones at Kyiv overnight.", date(2025, 4, 24), "2025-04-23"),
        ("Russia launched 50 drones at Kyiv last night.", date(2025, 4, 24), "2025-04-23"),
        (
            "Russia launched 50 drones at Kyiv on Wednesday night.",
            date(2025, 4, 25),
            "2025-04-23",
        ),
        (
            "On the night of 20 to 21 August Russia launched 50 drones at Kyiv.",
            date(2025, 8, 22),
            "2025-08-20",
        ),
        (
            "Russia launched 50 drones at Kyiv overnight into Thursday.",
            date(2025, 4, 25),
            "2025-04-23",
        ),
        ("A Russian missile hit Sumy on Monday morning.", date(2025, 4, 24), "2025-04-21"),
        ("Russian drones hit Kharkiv this morning.", date(2025, 4, 24), "2025-04-24"),
    ],
)
def test_dates(ex: Extractor, text: str, published: date, expected: str) -> None:
    assert one(ex, text, published)["date"] == expected


def test_report_day_is_not_attack_day(ex: Extractor) -> None:
    text = "Russia launched 50 drones at Kyiv overnight, the air force said on Thursday."
    assert one(ex, text, date(2025, 4, 24))["date"] == "2025-04-23"


# --- attackers, places, targets ------------------------------------------------------------


def test_russian_mod_claim_is_a_ukrainian_attack(ex: Extractor) -> None:
    text = (
        "Russia's Defence Ministry said its air defences destroyed 44 Ukrainian drones overnight "
        "over the Bryansk and Kursk regions."
    )
    s = one(ex, text)
    assert s["attacker"] == "UA" and s["drones_downed"] == 44 and s["drones"] is None
    assert set(s["places"]) == {"Bryansk Oblast", "Kursk Oblast"}


def test_two_attacks_in_one_text(ex: Extractor) -> None:
    text = (
        "On the night of 3 to 4 March Russia launched 70 drones, 50 of which were shot down; "
        "the following night it sent 90, of which 60 were downed."
    )
    strikes = ex.extract(text, date(2025, 3, 6)).to_contract()["strikes"]
    assert [(s["date"], s["drones"]["min"], s["drones_downed"]) for s in strikes] == [
        ("2025-03-03", 70, 50),
        ("2025-03-04", 90, 60),
    ]


def test_two_attackers_same_night(ex: Extractor) -> None:
    text = (
        "Russia launched 120 Shahed drones at Ukraine overnight. Russia's defence ministry said "
        "its air defences had intercepted 30 Ukrainian drones over the Belgorod region."
    )
    strikes = ex.extract(text, PUB).to_contract()["strikes"]
    assert {s["attacker"] for s in strikes} == {"RU", "UA"}


def test_places_hit_versus_mentioned(ex: Extractor) -> None:
    text = (
        "Russian drones hit Zhytomyr overnight, damaging apartment blocks. Poland closed its "
        "airports in Lublin and Rzeszow as a precaution, and flights were restricted at Kazan."
    )
    s = one(ex, text)
    assert s["places"] == ["Zhytomyr"] and s["targets"] == ["residential"]


def test_place_outside_is_not_hit(ex: Extractor) -> None:
    s = one(ex, "A Russian missile struck the village of Pidhirne outside Odesa on Thursday.")
    assert "Odesa" not in s["places"]


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("a thermal power plant", "energy"),
        ("a grain elevator", "agriculture"),
        ("a children's hospital", "healthcare"),
        ("a school", "education"),
        ("the port infrastructure", "port"),
        ("a cathedral", "religious"),
        ("a crowded market", "market"),
    ],
)
def test_target_categories(ex: Extractor, phrase: str, category: str) -> None:
    s = one(ex, f"A Russian missile hit {phrase} in Mykolaiv on Thursday.")
    assert category in s["targets"]


def test_negated_target_is_not_a_target(ex: Extractor) -> None:
    text = (
        "Russia launched 40 drones overnight; no energy facilities were hit, "
        "but a factory was damaged."
    )
    assert one(ex, text)["targets"] == ["industrial"]


# --- not strikes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said Russia had launched more than 3,000 drones at Ukraine every month.",
        "Russia has fired 9,000 missiles at Ukraine since the start of the full-scale war.",
        "The Kremlin warned that Russia would strike Kyiv with 100 missiles if talks failed.",
        "Moscow threatened to launch 200 drones at Lviv.",
        "Russia says Ukraine attacked Putin's residence with 91 drones, an attack Kyiv denies "
        "ever took place and calls a lie.",
    ],
)
def test_not_strikes(ex: Extractor, text: str) -> None:
    assert ex.extract(text, PUB).to_contract()["strikes"] == []


# --- pledges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party", "status", "extra"),
    [
        (
            "Putin agreed to a 30-day pause in strikes on energy facilities after a call with "
            "Donald Trump.",
            "RU",
            "agreed",
            {"broker": "US", "targets": ["energy"], "duration_days": 30},
        ),
        (
            "Zelensky offered a full 30-day ceasefire starting from Easter.",
            "UA",
            "proposed",
            {"duration_days": 30, "broker": None},
        ),
        ("The Kremlin rejected the Christmas ceasefire.", "RU", "rejected", {}),
        (
            "Trump said Putin had kept his word on the week-long pause in strikes on Kyiv.",
            "RU",
            "claimed_kept",
            {"places": ["Kyiv"], "duration_days": 7},
        ),
        (
            "Zelensky said the Russian army had broken its own Easter truce.",
            "RU",
            "claimed_broken",
            {},
        ),
    ],
)
def test_pledge_status(
    ex: Extractor, text: str, party: str, status: str, extra: dict[str, Any]
) -> None:
    pledges = ex.extract(text, PUB).to_contract()["pledges"]
    assert len(pledges) == 1, pledges
    p = pledges[0]
    assert (p["party"], p["status"]) == (party, status)
    for key, value in extra.items():
        assert p[key] == value


def test_pledge_window(ex: Extractor) -> None:
    text = (
        "Putin ordered a ceasefire for 36 hours from noon on 6 January until midnight on 7 January."
    )
    p = ex.extract(text, date(2023, 1, 5)).to_contract()["pledges"][0]
    assert (p["start"], p["end"], p["duration_days"]) == ("2023-01-06", "2023-01-07", None)


# --- evidence, API and conversion ----------------------------------------------------------


def test_evidence_spans_point_at_the_text(ex: Extractor) -> None:
    text = "Russia launched 145 drones at Kyiv overnight, killing 12 people."
    s = ex.extract(text, PUB).strikes[0]
    assert [text[a:b] for a, b in s.evidence["drones"]] == ["145 drones"]
    assert any("12" in text[a:b] for a, b in s.evidence["killed"])
    assert any(text[a:b] == "Kyiv" for a, b in s.evidence["places"])
    assert any(text[a:b] == "overnight" for a, b in s.evidence["date"])
    assert "evidence" in s.to_json(evidence=True) and "evidence" not in s.to_contract()


def test_api_names_and_batch(ex: Extractor) -> None:
    assert (EXTRACTOR_NAME, EXTRACTOR_VERSION) == ("trucewatch.extract.rules", "1")
    items = [("a", "Russia launched 5 drones at Sumy overnight.", PUB), ("b", "Nothing.", PUB)]
    got = dict(ex.extract_many(items))
    assert len(got["a"].strikes) == 1 and got["b"].strikes == []
    assert extract("Russia launched 5 drones at Sumy overnight.", PUB).strikes[0].drones == Qty(
        5, 5
    )


def test_to_strike_and_pledge_draft(ex: Extractor) -> None:
    res = ex.extract(
        "Russia launched 50 drones at Kharkiv overnight. Putin agreed to a 30-day pause in "
        "strikes on energy facilities.",
        PUB,
    )
    strike = to_strike(res.strikes[0], "rep1", PUB)
    assert isinstance(strike, Strike)
    assert strike.start.hour == 18 and (strike.end - strike.start).total_seconds() == 15 * 3600
    assert "drones" in strike.weapons and strike.reports == ("rep1",)
    assert strike.places[0].name == "Kharkiv"
    pledge = to_pledge_draft(res.pledges[0], "rep1", PUB)
    assert isinstance(pledge, Pledge) and pledge.draft and pledge.id.startswith("draft-")
    assert pledge.readings[0].by == "RU"


def test_claimed_by_for_a_partys_claim(ex: Extractor) -> None:
    text = "Russia's defence ministry said air defences destroyed 20 Ukrainian drones overnight."
    strike = to_strike(ex.extract(text, PUB).strikes[0], "r", PUB)
    assert strike.attacker == "UA" and strike.claimed_by == "RU"


# --- strikes without figures, measures, past frames -----------------------------------------


def test_event_without_figures_is_a_strike(ex: Extractor) -> None:
    text = (
        "Moscow has resumed its strikes on Ukraine's power plants. "
        "A massive attack hit the country again, aimed at the grid."
    )
    s = one(ex, text)
    assert s["attacker"] == "RU" and s["date"] == "2025-04-23"
    assert s["targets"] == ["energy"] and s["drones"] is None and s["missiles"] is None


def test_daytime_event_without_figures_keeps_publication_day(ex: Extractor) -> None:
    text = "Russia has resumed its attacks on substations. A massive strike hit them this morning."
    assert one(ex, text)["date"] == "2025-04-24"


def test_generic_attack_talk_is_not_a_strike(ex: Extractor) -> None:
    text = "Analysts say attacks on energy infrastructure will go on all winter."
    assert ex.extract(text, PUB).strikes == []


def test_a_range_in_kilometres_is_not_a_missile_count(ex: Extractor) -> None:
    text = "Kyiv said it had extended the range of its Neptune missiles from 300 kilometres to 900."
    assert ex.extract(text, PUB).strikes == []


def test_past_month_frame_leaves_the_date_open(ex: Extractor) -> None:
    text = "In June, talks stalled. Soon after, Russian forces attacked Kharkiv with new drones."
    s = one(ex, text, date(2025, 12, 10))
    assert s["date"] is None and s["places"] == ["Kharkiv"] and s["attacker"] == "RU"


def test_compound_launch_adjective_keeps_the_missile_count(ex: Extractor) -> None:
    text = (
        "Russia fired 10 missiles overnight, four of them ballistic, along with five cruise "
        "missiles and one ground-launched Iskander-M missile."
    )
    assert one(ex, text)["missiles"] == q(10, 10)


def test_all_fired_then_intercepted_are_downed(ex: Extractor) -> None:
    text = "Russia's defence ministry said all three ATACMS fired at Kursk had been intercepted."
    s = one(ex, text)
    assert s["missiles"] == q(3, 3) and s["missiles_downed"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit houses in the port city of Odesa overnight.",
        "Drones hit houses in Odesa overnight as Moscow spoke of military operations.",
    ],
)
def test_descriptions_are_not_targets(ex: Extractor, text: str) -> None:
    assert one(ex, text)["targets"] == ["residential"]


# --- pledges: fate, scope, broker -----------------------------------------------------------


def pledges(ex: Extractor, text: str, published: date = PUB) -> list[dict[str, Any]]:
    return contract_pledges(ex, text, published)


def test_pledge_that_did_not_last_is_claimed_broken(ex: Extractor) -> None:
    text = (
        "The White House said Putin had pledged to refrain from attacking Odesa and other "
        "towns for a week. That pledge did not even last two days."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["broker"], p["places"]) == ("RU", "US", ["Odesa"])
    assert (p["duration_days"], p["status"]) == (7, "claimed_broken")


def test_fate_of_an_unnamed_agreement_updates_the_last_pledge(ex: Extractor) -> None:
    text = (
        "Moscow agreed to a 10-day pause in strikes on ports. "
        "The deal to spare the ports proved worthless within hours."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["targets"], p["status"]) == ("RU", ["port"], "claimed_broken")


def test_asked_in_the_first_person_names_the_broker(ex: Extractor) -> None:
    text = (
        "At the White House, Trump spoke about his call with Putin. "
        '"I asked him not to strike Kharkiv for five days, and he agreed."'
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["broker"], p["status"], p["duration_days"]) == ("RU", "US", "agreed", 5)


def test_restatement_without_scope_merges_into_the_pledge(ex: Extractor) -> None:
    text = (
        "Putin pledged to refrain from striking Lviv for a week. "
        "Trump said: I asked him not to shoot for a week, and he agreed."
    )
    (p,) = pledges(ex, text)
    assert p["places"] == ["Lviv"] and p["broker"] == "US"


def test_two_sides_in_one_sentence(ex: Extractor) -> None:
    text = "Russia refused to join a 20-day ceasefire, which Ukraine had accepted at once."
    got = {(p["party"], p["status"]) for p in pledges(ex, text)}
    assert got == {("RU", "rejected"), ("UA", "agreed")}


def test_pronoun_subject_resolves_to_the_last_side_named(ex: Extractor) -> None:
    text = "Putin has other aims. He rejected a 15-day truce proposed by Paris."
    (p,) = pledges(ex, text)
    assert (p["party"], p["status"]) == ("RU", "rejected")


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv and its allies agreed on how a possible ceasefire with Russia would be policed.",
        "Trump now wants first a final agreement, then a ceasefire, echoing Moscow.",
        "The plan sets out a response should Moscow violate such an agreement.",
    ],
)
def test_not_pledges(ex: Extractor, text: str) -> None:
    assert pledges(ex, text) == []


def test_a_brief_pause_takes_the_scope_named_just_before(ex: Extractor) -> None:
    text = (
        "There was talk of a suspension of attacks on the power grid. "
        "Washington said Moscow had adhered to a brief pause."
    )
    (p,) = pledges(ex, text)
    assert (p["party"], p["targets"], p["status"]) == ("RU", ["energy"], "claimed_kept")


# --- shared corpus -------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpus/extract_dev.jsonl is absent")
def test_dev_set_f1(ex: Extractor, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    items = [(r["id"], r["text"], date.fromisoformat(r["published"])) for r in rows]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for item_id, res in ex.extract_many(items):
            fh.write(json.dumps({"id": item_id, **res.to_contract()}) + "\n")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(DEV), str(pred)], capture_output=True, text=True
    )
    f1 = float(out.stdout.strip().splitlines()[-1].split()[-1])
    assert f1 >= 0.90, out.stdout


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is absent")
def test_seed_articles_extract(ex: Extractor) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    found = {"strikes": 0, "pledges": 0}
    for path in seeds:
        out = json.loads(
            json.dumps(ex.extract(path.read_text(encoding="utf-8"), PUB).to_contract())
        )
        assert set(out) == {"strikes", "pledges"}
        assert all(set(s) == STRIKE_KEYS for s in out["strikes"])
        assert all(set(p) == PLEDGE_KEYS for p in out["pledges"])
        found["strikes"] += len(out["strikes"])
        found["pledges"] += len(out["pledges"])
    # The key checks above hold for empty lists too; the seeds do describe attacks and pledges.
    assert found["strikes"] >= 4 and found["pledges"] >= 3, found


# What a careful annotator writes for the five seed articles, per the contract.
_SEED_PUBLISHED = {
    "000": date(2026, 2, 3),
    "001": date(2026, 2, 4),
    "002": date(2025, 12, 10),
    "003": date(2025, 12, 3),
    "004": date(2025, 8, 22),
}


def _seed(ex: Extractor, prefix: str) -> dict[str, Any]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    out: dict[str, Any] = ex.extract(
        path.read_text(encoding="utf-8"), _SEED_PUBLISHED[prefix]
    ).to_contract()
    return out


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is absent")
def test_seed_articles_sensible(ex: Extractor) -> None:
    # 000: a figureless mass attack on energy the night before; Putin's week-long pledge
    # on Kyiv, asked for by Trump, "did not even last".
    out = _seed(ex, "000")
    (s,) = out["strikes"]
    assert (s["attacker"], s["date"], s["targets"]) == ("RU", "2026-02-02", ["energy"])
    assert s["drones"] is None and s["missiles"] is None and s["places"] == []
    (p,) = out["pledges"]
    assert (p["party"], p["broker"], p["places"], p["targets"]) == ("RU", "US", ["Kyiv"], [])
    assert (p["duration_days"], p["status"]) == (7, "claimed_broken")
    # 001: "during the night" on 4 Feb; Odesa hit, Kyiv only mentioned; no port or military.
    out = _seed(ex, "001")
    (s,) = out["strikes"]
    assert (s["attacker"], s["date"]) == ("RU", "2026-02-03")
    assert s["drones"] == q(350, 500) and s["missiles"] == q(65, 65)
    assert s["places"] == ["Odesa"]
    assert set(s["targets"]) == {"energy", "residential", "market"}
    (p,) = out["pledges"]
    assert (p["party"], p["broker"], p["targets"], p["status"]) == (
        "RU",
        "US",
        ["energy"],
        "claimed_kept",
    )
    # 002: the Neptune range (200 km to 1,000) is no strike; the March drone attack on
    # Kyiv has no day; Putin refused the 30-day ceasefire Ukraine accepted.
    out = _seed(ex, "002")
    (s,) = out["strikes"]
    assert (s["attacker"], s["date"], s["places"], s["missiles"]) == ("RU", None, ["Kyiv"], None)
    got = {(p["party"], tuple(p["targets"]), p["status"]) for p in out["pledges"]}
    assert got == {("RU", (), "rejected"), ("UA", (), "agreed"), ("RU", ("energy",), "proposed")}
    # 003: commentary, no attack and no pledge.
    assert _seed(ex, "003") == {"strikes": [], "pledges": []}
    # 004: Wednesday night before a Friday story; "a final agreement, then a ceasefire" is
    # no pledge.
    out = _seed(ex, "004")
    (s,) = out["strikes"]
    assert (s["attacker"], s["date"], s["places"]) == ("RU", "2025-08-20", ["Lviv"])
    assert s["drones"] == q(574, 574) and s["missiles"] == q(40, 40)
    assert (s["killed"], s["injured"], s["targets"]) == (9, 19, ["industrial"])
    assert out["pledges"] == []


# --- any text ------------------------------------------------------------------------------

_VOCAB = (
    "Russia Ukraine launched 12 drones missiles over the Kyiv region overnight killing nine "
    "people , ; . of 3 to 40 more than up to ceasefire agreed rejected Putin Zelensky Sumy "
    "on Monday night 20 August shot down hit a hospital Oblast - ( ) 1,200 all"
)
_WORDS = st.sampled_from(_VOCAB.split(" "))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(_WORDS, max_size=60), noise=st.text(max_size=80), day=st.dates())
def test_any_text_gives_valid_result(
    ex: Extractor, words: list[str], noise: str, day: date
) -> None:
    res = ex.extract(" ".join(words) + noise, day)
    out = res.to_contract()
    json.dumps(out)
    for s in out["strikes"]:
        assert set(s) == STRIKE_KEYS
        assert s["attacker"] in (None, "RU", "UA")
        for key in ("drones", "missiles"):
            assert s[key] is None or set(s[key]) == {"min", "max"}
    for p in out["pledges"]:
        assert set(p) == PLEDGE_KEYS


def test_a_sides_military_source_names_the_reporter_not_the_attacker() -> None:
    text = (
        "A Ukrainian military source told reporters that the missile that hit a block of "
        "flats in Kyiv overnight was a ballistic one. Four people were killed."
    )
    (strike,) = extract(text, date(2025, 4, 25)).strikes
    assert strike.attacker != "UA"


def test_n_of_the_m_missiles_shot_down_are_downed_and_m_launched() -> None:
    text = (
        "Russia fired 40 missiles at Ukraine on Monday morning, killing 11 people in Kyiv. "
        "The attacks did not stop there. On Wednesday the air force said 15 of the 22 cruise "
        "missiles fired in a new wave had been shot down."
    )
    _first, second = extract(text, date(2025, 3, 13)).strikes
    assert second.missiles == Qty(22, 22)
    assert second.missiles_downed == 15


def test_a_wave_dated_only_by_its_report_takes_the_reports_day() -> None:
    text = (
        "Russia fired 40 missiles at Ukraine on Monday morning, killing 11 people in Kyiv. "
        "The attacks did not stop there. On Wednesday the air force said 15 of the 22 cruise "
        "missiles fired in a new wave had been shot down."
    )
    first, second = extract(text, date(2025, 3, 13)).strikes
    assert first.date == date(2025, 3, 10)
    assert second.date == date(2025, 3, 12)


def test_weekday_into_weekday_is_the_night_that_began_on_the_first() -> None:
    from trucewatch.extract.dates import find_dates

    (cue,) = find_dates("Sunday into Monday: 355 drones", date(2025, 5, 27))
    assert (cue.kind, cue.value) == ("night_weekdays", date(2025, 5, 25))


def test_a_date_before_the_calendars_first_day_is_no_date() -> None:
    from trucewatch.extract.dates import find_dates

    (cue,) = find_dates("overnight", date(1, 1, 1))
    assert (cue.kind, cue.value) == ("overnight", None)


def test_overnight_into_a_calendar_date_began_the_day_before() -> None:
    text = (
        "Officials said the missile that hit a school in Sumy overnight into 24 April killed four."
    )
    (strike,) = extract(text, date(2025, 4, 28)).strikes
    assert strike.date == date(2025, 4, 23)


def test_a_later_toll_rise_stays_with_the_attack_it_updates() -> None:
    text = (
        "A Russian missile hit a market in Kostiantynivka on 6 September, killing 16 people. "
        "The toll has since risen to 17 after a wounded man died in hospital on 11 September."
    )
    (strike,) = extract(text, date(2023, 9, 21)).strikes
    assert strike.killed == 17
    assert strike.date == date(2023, 9, 6)


def test_an_attack_its_blamed_side_denies_has_no_attacker() -> None:
    text = (
        "A missile struck the railway station in Kramatorsk on Friday morning, killing 50 "
        "people, Ukrainian officials said, blaming a Russian strike. Russia's defence ministry "
        "denied involvement and said the missile had been fired by a Ukrainian unit."
    )
    (strike,) = extract(text, date(2022, 4, 8)).strikes
    assert strike.attacker is None


def test_a_denial_by_the_other_side_leaves_the_attacker() -> None:
    text = (
        "Russian drones hit a power plant in the Lviv region overnight, the governor said. "
        "Ukraine's military denied involvement in a fire at a Russian depot the same night."
    )
    strikes = extract(text, date(2025, 7, 2)).strikes
    assert strikes[0].attacker == "RU"


def test_a_side_that_will_not_observe_a_truce_rejects_it() -> None:
    text = (
        "Moscow declared a 36-hour ceasefire for Orthodox Christmas. Kyiv said it will not "
        "observe the ceasefire, calling it a ploy."
    )
    pledges = extract(text, date(2023, 1, 6)).pledges
    assert ("UA", "rejected") in {(p.party, p.status) for p in pledges}


def test_support_for_an_initiative_named_before_is_an_agreement() -> None:
    text = (
        "The UN secretary-general called for a four-day humanitarian pause over Easter. "
        "Ukraine said it supported the initiative."
    )
    pledges = extract(text, date(2022, 4, 21)).pledges
    assert ("UA", "agreed") in {(p.party, p.status) for p in pledges}


def test_a_side_already_observing_a_truce_claims_to_keep_it() -> None:
    text = (
        "Russia is already observing the energy ceasefire, the Kremlin said on Tuesday, and "
        "sees no need for further guarantees."
    )
    pledges = extract(text, date(2025, 3, 25)).pledges
    assert ("RU", "claimed_kept") in {(p.party, p.status) for p in pledges}


@pytest.mark.parametrize(
    "text",
    [
        "Over the two summer months Russia sent some 9,400 attack drones and 410 missiles "
        "against Ukrainian cities, the defence minister said on Monday.",
        "Moscow fired 5,120 drones in March 2024, more than in any earlier month.",
        "Some 4,800 drones were launched at Ukraine, a record for a single month, officials said.",
    ],
)
def test_a_season_or_month_tally_is_not_a_strike(text: str) -> None:
    assert extract(text, date(2024, 9, 2)).strikes == []


def test_a_year_is_not_a_count() -> None:
    text = (
        "A Russian drone struck a tram depot in Kherson on Monday, injuring two. The attack "
        "came days after the first prisoner exchange since the autumn of 2023."
    )
    strikes = extract(text, date(2025, 6, 2)).strikes
    assert len(strikes) == 1
    assert strikes[0].drones is not None and strikes[0].drones.max == 1


def _pledged(text: str, published: date) -> set[tuple[str, str]]:
    return {(p.party, p.status) for p in extract(text, published).pledges}


def test_a_mirror_promise_copies_the_other_sides_pledge() -> None:
    text = (
        "Moscow announced a pause on strikes against energy facilities for ten days. Asked "
        "about it, Zelensky said that if the pause held, Ukraine would act in a mirror way."
    )
    pledges = extract(text, date(2025, 3, 3)).pledges
    ua = [p for p in pledges if p.party == "UA"]
    assert [(p.status, p.targets, p.duration_days) for p in ua] == [("agreed", ["energy"], 10)]


def test_a_mirror_promise_already_followed_is_claimed_kept() -> None:
    text = (
        "Russia said it would halt strikes on the power grid for a week. Kyiv will refrain "
        "from strikes in a mirror way, the president said, and today we did not strike."
    )
    assert ("UA", "claimed_kept") in _pledged(text, date(2026, 1, 30))


def test_both_sides_undertaking_is_two_agreements() -> None:
    text = (
        "Under the accord signed on Friday, the two sides undertook not to attack merchant "
        "ships in the Black Sea."
    )
    pledges = extract(text, date(2022, 7, 23)).pledges
    assert {(p.party, p.status) for p in pledges} == {("RU", "agreed"), ("UA", "agreed")}
    assert all(sorted(p.targets) == ["port", "transport"] for p in pledges)


def test_the_agreement_of_both_parties_to_a_local_truce_at_the_nuclear_plant() -> None:
    text = (
        "The IAEA has obtained the agreement of both Russia and Ukraine to a local ceasefire "
        "around the Zaporizhzhia nuclear power plant so that engineers can mend a power line."
    )
    pledges = extract(text, date(2025, 11, 8)).pledges
    assert {(p.party, p.status, p.broker) for p in pledges} == {
        ("RU", "agreed", "IAEA"),
        ("UA", "agreed", "IAEA"),
    }
    assert all(p.places == ["Zaporizhzhia Nuclear Power Plant"] for p in pledges)


def test_a_pledge_takes_its_length_from_another_mention_of_the_same_scope() -> None:
    text = (
        "The Kremlin said Russia had agreed to a 45-day halt to attacks on energy "
        "infrastructure after a call with Donald Trump.\n\n"
        "Ukraine's ministers said their country accepted the halt to strikes on energy facilities."
    )
    ua = [p for p in extract(text, date(2025, 3, 19)).pledges if p.party == "UA"]
    assert [(p.status, p.duration_days, p.broker) for p in ua] == [("agreed", 45, "US")]


def _counts(text: str) -> list[dict[str, Any]]:
    keys = ("drones", "missiles", "drones_downed", "missiles_downed")
    out = []
    for s in extract(text, date(2025, 5, 6)).strikes:
        c = s.to_contract()
        out.append({k: c[k] for k in keys})
    return out


def test_a_downed_total_broken_down_after_a_dash_is_not_added_to_its_parts() -> None:
    text = (
        "Overnight Russia sent 70 missiles and 40 drones at Ukraine. Air defences destroyed "
        "95 targets - 61 cruise missiles and 34 Shaheds."
    )
    (c,) = _counts(text)
    assert (c["missiles_downed"], c["drones_downed"]) == (61, 34)


def test_a_bare_number_before_shot_down_is_downed_not_launched() -> None:
    text = "Overnight Russia launched 130 attack drones: 88 shot down, 30 lost locationally."
    (c,) = _counts(text)
    assert c["drones"] == {"min": 130, "max": 130}
    assert c["drones_downed"] == 118


def test_another_figure_lost_locationally_adds_to_the_downed() -> None:
    text = (
        "Overnight Russia attacked with 80 drones of the Shahed type. By 08:00, 51 drones "
        "had been shot down. Another 22 decoy drones were lost locationally."
    )
    (c,) = _counts(text)
    assert c["drones_downed"] == 73


def test_a_verb_in_the_next_sentence_gives_no_role_to_a_count() -> None:
    # lowercase after the full stop, as a gloss or a careless feed writes it: one sentence
    text = "overnight Russia attacked with 64 drones. by morning air defences shot down 50."
    (c,) = _counts(text)
    assert c["drones"] == {"min": 64, "max": 64}
    assert c["drones_downed"] == 50


def test_a_count_of_missile_strikes_is_not_a_count_of_missiles() -> None:
    text = (
        "Over the past day Russian forces carried out 3 missile and 41 air strikes on "
        "front-line towns, the general staff said."
    )
    assert extract(text, date(2024, 4, 12)).strikes == []


def test_a_pledges_targets_are_those_named_with_it_not_the_attacks_around_it() -> None:
    text = (
        "Hours after drones hit a hospital, a school and a railway depot, Kyiv said it "
        "would accept a pause on strikes against energy infrastructure if Moscow did the same."
    )
    pledges = extract(text, date(2025, 3, 19)).pledges
    assert [(p.party, p.targets) for p in pledges] == [("UA", ["energy"])]


def test_a_length_far_from_the_pledge_noun_is_not_the_pledges() -> None:
    text = (
        "Russia has agreed to a local ceasefire around the Zaporizhzhia nuclear power plant so "
        "that engineers can carry out repairs that will take about ten days, the IAEA said."
    )
    (pledge,) = extract(text, date(2025, 10, 18)).pledges
    assert (pledge.party, pledge.status, pledge.duration_days) == ("RU", "agreed", None)


def test_one_attack_told_over_three_sentences_is_one_strike() -> None:
    text = (
        "Russian missiles struck an apartment block in Poltava overnight into Tuesday, killing "
        "six people. Rescuers worked at the site for two days. The mayor, who visited the block "
        "on Thursday, said Russia had fired four missiles and 20 drones that night."
    )
    (s,) = extract(text, date(2025, 3, 13)).strikes
    assert (s.attacker, s.date, s.killed, s.places) == ("RU", date(2025, 3, 10), 6, ["Poltava"])
    assert (s.drones, s.missiles) == (Qty(20, 20), Qty(4, 4))
    # the evidence of the folded sentence is kept
    (start, end) = s.evidence["drones"][0]
    assert text[start:end].startswith("20") and start > text.index("The mayor")


def test_two_nights_in_one_text_stay_two_strikes_even_when_the_second_points_back() -> None:
    text = (
        "Russia launched 64 drones at Kharkiv overnight into Tuesday, damaging homes. The attack "
        "resumed on the night into Thursday, when 80 drones and two missiles hit the city."
    )
    strikes = extract(text, date(2025, 3, 13)).strikes
    assert [(s.date, s.drones) for s in strikes] == [
        (date(2025, 3, 10), Qty(64, 64)),
        (date(2025, 3, 12), Qty(80, 80)),
    ]


def test_a_later_toll_rise_joins_its_attack() -> None:
    text = (
        "Russia launched 150 drones and six missiles at Odesa overnight into Wednesday, the air "
        "force said. By Saturday the death toll had reached 14, three of them children, and 40 "
        "people had been wounded."
    )
    (s,) = extract(text, date(2025, 3, 15)).strikes
    assert (s.date, s.missiles, s.killed, s.injured) == (date(2025, 3, 11), Qty(6, 6), 14, 40)


def test_last_nights_strike_in_a_later_update_is_the_same_strike() -> None:
    text = (
        "Friday, 22:00 - Russian ballistic missiles hit a port facility near Izmail; five people "
        "were killed. Saturday, 09:00 - Emergency service: seven people were killed and 19 "
        "injured in last night's missile strike on the port."
    )
    (s,) = extract(text, date(2025, 3, 15)).strikes
    assert (s.places, s.killed, s.injured) == (["Izmail"], 7, 19)


def test_an_earlier_attack_named_after_this_one_stays_its_own() -> None:
    text = (
        "On Saturday a drone hit the fleet headquarters in Sevastopol, the governor said. This "
        "attack on the headquarters is the second in three weeks: on the morning of 31 July a "
        "drone fell in its yard and injured six staff."
    )
    strikes = extract(text, date(2022, 8, 20)).strikes
    assert [s.date for s in strikes] == [date(2022, 8, 20), date(2022, 7, 31)]


def test_the_missiles_already_counted_are_the_same_strike() -> None:
    text = (
        "Russia's defence ministry broke its silence on Monday to claim the strike on Sumy, "
        "saying two Iskander missiles had hit a meeting of commanders. Ukrainian officials say "
        "the two missiles, which struck the city centre at about 10:15 on Sunday morning, killed "
        "34 civilians and wounded 117."
    )
    (s,) = extract(text, date(2025, 4, 15)).strikes
    assert (s.missiles, s.places, s.killed, s.injured) == (Qty(2, 2), ["Sumy"], 34, 117)


def test_as_a_result_of_opens_a_phrase_not_a_clause_cut_at_its_comma() -> None:
    text = (
        "Russia launched 96 drones at Ukraine overnight. As a result of the attack homes were "
        "damaged in Kharkiv, Dnipro and Cherkasy."
    )
    (s,) = extract(text, date(2025, 4, 21)).strikes
    assert s.places == ["Kharkiv", "Dnipro", "Cherkasy"]


def test_a_casualty_verb_before_the_next_number_is_that_numbers() -> None:
    text = "Russian forces shelled Kherson. The death toll rose to 23, injured 46 people."
    (s,) = extract(text, date(2023, 5, 5)).strikes
    assert (s.killed, s.injured) == (23, 46)


@pytest.mark.parametrize(
    ("text", "drones", "missiles"),
    [("Shahed 2", 2, None), ("drones 2", 2, None), ("Missiles: 2", None, 2)],
)
def test_a_count_ending_the_text_after_its_weapon_is_read(
    text: str, drones: int | None, missiles: int | None
) -> None:
    """A number that ends the text has no noun after it (the property suite found an index
    error there): it is the bare count of the weapon named before it."""
    (s,) = extract(text, date(2025, 5, 8)).strikes
    assert (s.drones and s.drones.max, s.missiles and s.missiles.max) == (drones, missiles)
