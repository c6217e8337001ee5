"""Our own passages (tests/fixtures/own, tests/fixtures/slavic), scored by contract v2 with an
in-repo scorer.

The passages were written and labelled by us from sourced facts, before the extractor was run
on them, so the rules were not written from their wording. Each file keeps a floor just under
the F1 the extractor reached when its rules last changed: a guard that later rules do not undo
what these passages measure. The scorer here reads the contract as ../shared/tools/score_extract.py
does (greedy alignment per text, micro-averaged precision and recall over every slot) and needs
nothing outside the repository; where ../shared is present, a test holds the two to the same
figures on every file.

To add a file: put it under tests/fixtures/ and give it one line in FLOORS.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED, needs_shared
from trucewatch.extract.dispatch import extract_any
from trucewatch.extract.results import (
    PLEDGE_FIELDS,
    PLEDGE_SETS,
    STRIKE_FIELDS,
    STRIKE_SETS,
    ExtractedPledge,
    ExtractedStrike,
)

FIXTURES = Path(__file__).parent / "fixtures"
SCORER = SHARED / "tools" / "score_extract.py"

# file (under tests/fixtures) -> {figure: floor}; figures are "all", "strikes", "pledges".
# Each floor is the F1 reached when the rules last changed, less 0.02 (blind -> after in the note).
FLOORS: dict[str, dict[str, float]] = {
    # pledges with brokers, lengths, places and refusals
    "own/en_own_pledges.jsonl": {"all": 0.82, "pledges": 0.804},
    # pledges by kinds of phrasing (refusals told as conditions, "hold off strikes", brokers
    # by person or city, mutual charges, endorsers): 0.665 blind (pledges 0.631), 0.874 after;
    # 0.881 (pledges 0.883) after the ninth session's mirror offers
    "own/en_own_pledges_2.jsonl": {"all": 0.861, "pledges": 0.863},
    # pledges inside strike reports (mirror offers, two pledges of one side in a clause, lengths
    # told apart from the pledge word, brokers by person or city, claims told after the fact):
    # 0.776 blind (pledges 0.670), 0.905 after (pledges 0.916)
    "own/en_own_pledges_3.jsonl": {"all": 0.885, "pledges": 0.896},
    # writing styles (ST/LV/AN/OF/UN/FC/HL): state media, live blogs, analysts' prose,
    # officials' posts paraphrased, monitoring missions, fact-checks, headlines with bodies:
    # blind 0.834 (strikes 0.854, pledges 0.772) -> after 0.932 (0.948, 0.886)
    # (tenth session, en-styles)
    "own/en_own_styles.jsonl": {"all": 0.912, "strikes": 0.928, "pledges": 0.866},
    # hard pledge kinds (PS01-PS30): refusals by idiom, Q&A explainers, conditional offers,
    # deals read for both sides, two pledges in a clause, brokers by person or city, headline
    # vs correction, truces told after the fact, claims kept or broken:
    # blind 0.722 (pledges 0.680) -> 0.955 (pledges 0.974) (tenth session, en-pledges4)
    "own/en_own_pledges_4.jsonl": {"all": 0.935, "pledges": 0.954},
    # strikes by kinds of language (SW01-SW30): tolls over two places, weapons told later,
    # "the city" after a dateline, villages near a town, governors' titles, neighbouring
    # states, a side's own claim, disputed attackers, weekly totals beside a night's count:
    # blind 0.846 -> 0.857 (tenth session, en-strikes4)
    "own/en_own_strikes_3.jsonl": {"all": 0.837, "strikes": 0.837},
    # totals over weeks, threats, midnight arithmetic, corrections: 0.875 blind, 0.898 after
    "own/en_own_strikes.jsonl": {"all": 0.878, "strikes": 0.878},
    # casualty tolls: 0.906 blind, 0.936 after; counts session (issue 8): 0.954
    "own/en_own_tolls.jsonl": {"all": 0.934, "strikes": 0.934},
    # casualty tolls, second set (TT01-TT30): tolls place by place with the verb left out or
    # the place after the figure, wounds and concussion, people one by one, hospitals' and
    # rescuers' figures, corrections, "since <day>, when", a fact-check's false figure:
    # blind 0.918 -> 0.982 (eleventh session, en-tolls2)
    "own/en_own_tolls_2.jsonl": {"all": 0.962, "strikes": 0.962},
    # counts and tolls (corrections, tolls city by city, people by role, ages, ranges, model
    # numbers, totals): 0.890 blind, 0.950 after
    "own/en_own_counts.jsonl": {"all": 0.93, "strikes": 0.93},
    # hard and misleading cases (issue 8): 0.932 blind, 0.958 after (strikes 0.960); its
    # eight pledges are too few to hold a floor of their own
    "own/en_own_hard.jsonl": {"all": 0.938, "strikes": 0.94},
    # how attacks are cut into strikes: tolls that rise paragraphs later, live blogs of one
    # night, two waves in a day, launch sites, reporters, region lists, neighbouring states
    # (SG01-SG30): 0.864 blind, 0.951 after (strikes 0.958)
    "own/en_own_strikes_2.jsonl": {"all": 0.931, "strikes": 0.938},
    # hard cases, second set (HB01-HB30): ordinal tolls, tolls days later, earlier figures,
    # datelines, neighbouring states, totals, two nights, reported speech: blind 0.887 -> 0.982
    "own/en_own_hard_2.jsonl": {"all": 0.962, "strikes": 0.962},
    # hard cases, third set (HC01-HC30): neighbouring states' debris and damage (Poland,
    # Moldova, Romania, Belarus, Hungary), Russian and Ukrainian strikes in one text, midnight
    # and publication-day arithmetic, tolls that reach or climb, threats, hypothetical and
    # background truces, offers no one answered, brokers by person, place-limited truces,
    # claims kept or broken: blind 0.860 (0.869 with three "more than" labels fixed; pledges
    # 0.784) -> 0.954 (strikes 0.952, pledges 0.962) (eleventh session, en-hard3)
    "own/en_own_hard_3.jsonl": {"all": 0.934, "strikes": 0.931, "pledges": 0.941},
    # local attacks (LB01-LB30): glide bombs, shelling, FPV drones on buses and cars, daytime
    # ballistic strikes on one city, daily regional summaries by village and community,
    # Ukrainian strikes on Russia and occupied towns, disputed attackers: 0.866 blind, 0.910 after
    # (0.879 from the en-local rules alone, the rest from other helpers' landings the same hour)
    "own/en_own_local.jsonl": {"all": 0.89, "strikes": 0.89},
    # local attacks, second set (LC01-LC30): governors' and occupation officials' posts, FPV
    # drones on buses and cars, guided bombs, cluster munitions, trains, daytime Iskanders,
    # weekly tallies by community, attacks each side lays at the other's door:
    # blind 0.937 -> after 0.966 (eleventh session, en-local2)
    "own/en_own_local_2.jsonl": {"all": 0.946, "strikes": 0.946},
    # pledges with brokers and lengths, totals beside a night's count, Air Force posts with
    # missiles by type, administrations, energy companies: 0.837 blind, 0.857 after the
    # seventh session, 0.879 after the eighth, 0.899 after the ninth (uk4)
    "slavic/uk_own_passages.jsonl": {"all": 0.879},
    # Air Force posts of real nights, administrations, energy companies, General Staff totals,
    # media, Zelensky and his office on truces: 0.859 blind, 0.918 after (eighth session),
    # 0.928 after the ninth (uk4)
    "slavic/uk_own_passages_2.jsonl": {"all": 0.908},
    # Air Force nights 2022-2025, OVA day and night posts (hromadas, streets, tolls in words),
    # energy companies, General Staff tallies, media tolls (ninth session, uk4):
    # blind 0.880 -> after 0.950
    "slavic/uk_own_passages_3.jsonl": {"all": 0.93},
    # Air Force nights 2025-2026 (one missile in words), OVA posts with the object after the
    # verb and its weapons, hromadas, raions, counts of settlements, a city named a sentence
    # before, energy companies with no place or count, General Staff totals beside a night,
    # media tolls in words and rising later, a Ukrainian strike on a refinery:
    # blind 0.893 -> after 0.968 (tenth session, uk5)
    "slavic/uk_own_passages_4.jsonl": {"all": 0.948},
    # Air Force nights of 2026 (a main direction, a launch area at sea, a daytime wave), media
    # tolls told before their attack ("Нагадаємо"), victims by relation or job, zero tolls with
    # an aside, villages in the locative, OVA lists of places under fire; Zelensky, Sybiha,
    # Yermak, the MFA and the Office on truces: offers accepted, obligations, mirror promises,
    # implied breaches, refusals (eleventh session, uk6): blind 0.795 (strikes 0.882, pledges
    # 0.583) -> after 0.928 (strikes 0.967, pledges 0.835)
    "slavic/uk_own_passages_5.jsonl": {"all": 0.908, "strikes": 0.947, "pledges": 0.815},
    # Kremlin, MFA and MoD statements on truces, claims and denials, strike reports: 0.871
    "slavic/ru_own_passages.jsonl": {"all": 0.865},
    # media tolls apart from the launch, MoD nightly totals, governors' posts, brokers a
    # sentence later, date-range truces: 0.854 blind, 0.891 after
    "slavic/ru_own_passages_2.jsonl": {"all": 0.90},
    # MoD lists and repelled raids, governors' posts (Russian towns in oblique cases), media
    # tolls with one named victim, Kremlin truces and denials: 0.845 blind, 0.912 after (eighth
    # session; ru own files 1 and 2 then 0.885 and 0.922)
    "slavic/ru_own_passages_3.jsonl": {"all": 0.89},
    # object-first word order ("Одессу ночью атаковали"), the weapon before the place, towns
    # of the Moscow region by their Russian names, MoD lists and place-less claims, Sobyanin,
    # Russian-language reports of Russian strikes (ninth session, ru4): blind 0.896 -> 0.961
    "slavic/ru_own_passages_4.jsonl": {"all": 0.94},
    # the MoD's own placeless claims, towns listed as the subject, victims of an earlier attack,
    # risen tolls told before their attack, okrugs named after their towns, border villages,
    # Russian-language reports of Russian strikes, 2022-2025 (tenth session, ru5):
    # blind 0.855 -> after 0.948
    "slavic/ru_own_passages_5.jsonl": {"all": 0.928},
    # zero tolls with words between, victims named as a couple, Ukrainian towns by their
    # Russian names, a city beside a district, implied breach claims ("продолжает обстрелы,
    # несмотря на перемирие"), a mirror promise beside an offer, a weekday end after its
    # start, named missiles and drones alone, a pause told before an attack, violations
    # listed after a colon, a truce dismissed as a respite; strike posts and media (15),
    # truce statements with strikes inside (15) (eleventh session, ru6): blind 0.862
    # (strikes 0.874, pledges 0.829) -> after 0.923 (0.919 with uk6's rules beside them)
    "slavic/ru_own_passages_6.jsonl": {"all": 0.899},
    # Ukrainian and Russian pledges (15 + 15): mirror offers, lengths, breach claims, brokers,
    # refusals, seas and ports (ninth session, slavic-pledges): 0.705 blind, 0.891 after
    "slavic/uk_ru_own_pledges.jsonl": {"all": 0.871},
    # Ukrainian and Russian pledges, second set (15 + 15): two pledges under one verb, targets
    # after a colon, the window a sentence before, headline and body, moratoria with their scope
    # a sentence away, place adjectives, dismissals, violations laid on the side last attacking,
    # lengths of a second pledge in one sentence, a headline's offer the body tells as agreed
    # (tenth session, slavic-pledges2): blind 0.819 (pledges 0.829) -> after 0.926 (pledges 0.949)
    "slavic/uk_ru_own_pledges_2.jsonl": {"all": 0.906, "pledges": 0.929},
}

# Every field is scored but a pledge's start and end (the contract's "Scoring" section).
STRIKE_SCALARS = tuple(f for f in STRIKE_FIELDS if f not in STRIKE_SETS)
PLEDGE_SCALARS = tuple(f for f in PLEDGE_FIELDS if f not in (*PLEDGE_SETS, "start", "end"))
# Spellings the contract treats as one place (old transliterations), as the shared scorer has them.
_OLD = {
    "kiev": "kyiv",
    "odessa": "odesa",
    "kharkov": "kharkiv",
    "lvov": "lviv",
    "dnipropetrovsk": "dnipro",
    "zaporozhye": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "zaporizhzhya": "zaporizhzhia",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "chernigov": "chernihiv",
    "rovno": "rivne",
    "kupyansk": "kupiansk",
    "kryvyy rih": "kryvyi rih",
    "krivoy rog": "kryvyi rih",
    "izmayil": "izmail",
    "vinnitsa": "vinnytsia",
    "vinnytsya": "vinnytsia",
    "zhitomir": "zhytomyr",
    "khmelnitsky": "khmelnytskyi",
    "khmelnytskyy": "khmelnytskyi",
    "cherkassy": "cherkasy",
    "kirovograd": "kropyvnytskyi",
    "kirovohrad": "kropyvnytskyi",
}
_SUFFIX = re.compile(r"\s+(?:oblast|region|province|city|raion|district|hromada)$")

Obj = dict[str, Any]


def _place(name: str) -> str:
    n = " ".join(str(name).lower().replace("’", "'").split())
    n = re.sub(r"^(?:the )?city of ", "", _SUFFIX.sub("", n))
    return _OLD.get(n, n)


def _items(slot: str, values: list[Any] | None) -> set[str]:
    if slot == "places":
        return {_place(v) for v in values or []}
    return {str(v).strip().lower() for v in values or []}


def _range(v: Any) -> tuple[Any, Any] | None:
    """A quantity as (min, max): a bare number is both ends."""
    if v is None:
        return None
    if isinstance(v, dict):
        return v.get("min"), v.get("max")
    if isinstance(v, int | float):
        return int(v), int(v)
    return "?", str(v)


def _equal(slot: str, gold: Any, pred: Any) -> bool:
    if slot == "date":
        try:
            days = date.fromisoformat(str(gold)[:10]) - date.fromisoformat(str(pred)[:10])
            return abs(days.days) <= 1
        except (TypeError, ValueError):
            return False
    if slot in ("drones", "missiles"):
        return _range(gold) == _range(pred)
    if isinstance(gold, str) and isinstance(pred, str):
        return gold.strip().lower() == pred.strip().lower()
    return bool(gold == pred)


def _strike_fit(g: Obj, p: Obj) -> float:
    fit = 2.0 if g.get("date") and p.get("date") and _equal("date", g["date"], p["date"]) else 0.0
    fit += len(_items("places", g.get("places")) & _items("places", p.get("places")))
    for slot in ("drones", "missiles", "killed", "injured", "drones_downed", "missiles_downed"):
        if g.get(slot) is not None and _equal(slot, g[slot], p.get(slot)):
            fit += 1.5
    if g.get("attacker") and g.get("attacker") == p.get("attacker"):
        fit += 0.5
    return fit


def _pledge_fit(g: Obj, p: Obj) -> float:
    fit = sum(1.0 for s in PLEDGE_SCALARS if g.get(s) is not None and _equal(s, g[s], p.get(s)))
    return fit + len(_items("places", g.get("places")) & _items("places", p.get("places")))


@dataclass
class Tally:
    """True and false positives and false negatives, with their F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_objects(
    gold: list[Obj],
    pred: list[Obj],
    scalars: tuple[str, ...],
    sets: tuple[str, ...],
    fit: Callable[[Obj, Obj], float],
) -> Tally:
    """Align `pred` to `gold` greedily by `fit`, then count every slot."""
    t = Tally()
    ranked = sorted(
        ((fit(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for f, i, j in ranked:
        if f > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    for i, j in pairs:
        g, p = gold[i], pred[j]
        for s in scalars:
            gv, pv = g.get(s), p.get(s)
            if gv is not None and pv is not None and _equal(s, gv, pv):
                t.tp += 1
                continue
            t.fp += pv is not None
            t.fn += gv is not None
        for s in sets:
            gs, ps = _items(s, g.get(s)), _items(s, p.get(s))
            t.tp, t.fp, t.fn = t.tp + len(gs & ps), t.fp + len(ps - gs), t.fn + len(gs - ps)
    for i in set(range(len(gold))) - used_g:
        t.fn += sum(gold[i].get(s) is not None for s in scalars)
        t.fn += sum(len(_items(s, gold[i].get(s))) for s in sets)
    for j in set(range(len(pred))) - used_p:
        t.fp += sum(pred[j].get(s) is not None for s in scalars)
        t.fp += sum(len(_items(s, pred[j].get(s))) for s in sets)
    return t


def score(gold: list[Obj], pred: dict[str, Obj]) -> dict[str, float]:
    """F1 for strikes, pledges and all slots of `pred` (by id) against the `gold` rows."""
    weapons = any("weapons" in s for g in gold for s in g.get("strikes", []))
    strike_sets = ("places", "targets", *(("weapons",) if weapons else ()))
    strikes, pledges = Tally(), Tally()
    for g in gold:
        p = pred.get(str(g["id"]), {})
        strikes.add(
            score_objects(
                g.get("strikes", []), p.get("strikes", []), STRIKE_SCALARS, strike_sets, _strike_fit
            )
        )
        pledges.add(
            score_objects(
                g.get("pledges", []), p.get("pledges", []), PLEDGE_SCALARS, PLEDGE_SETS, _pledge_fit
            )
        )
    every = Tally()
    every.add(strikes)
    every.add(pledges)
    return {"strikes": strikes.f1(), "pledges": pledges.f1(), "all": every.f1()}


def _rows(name: str) -> list[Obj]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@functools.cache
def predictions(name: str) -> dict[str, Obj]:
    """The extractor's contract objects for each passage of `name`, by id (language detected)."""
    return {
        str(g["id"]): extract_any(g["text"], date.fromisoformat(g["published"])).to_contract()
        for g in _rows(name)
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_our_own_passages_keep_their_score(name: str) -> None:
    got = score(_rows(name), predictions(name))
    for figure, floor in FLOORS[name].items():
        assert got[figure] >= floor, (name, figure, round(got[figure], 3))


@needs_shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_in_repo_scorer_agrees_with_the_shared_one(tmp_path: Path, name: str) -> None:
    pred = tmp_path / "pred.jsonl"
    lines = (json.dumps({"id": k, **v}, ensure_ascii=False) for k, v in predictions(name).items())
    pred.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(FIXTURES / name), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shared = {x.split()[0]: x.split()[-1] for x in out.splitlines() if " F1 " in x}
    mine = score(_rows(name), predictions(name))
    assert {k: f"{v:.3f}" for k, v in mine.items()} == shared


def test_the_scorer_reads_the_fields_the_extractor_writes() -> None:
    strike = ExtractedStrike().to_contract()
    pledge = ExtractedPledge(party="RU", status="agreed").to_contract()
    assert (tuple(strike), tuple(pledge)) == (STRIKE_FIELDS, PLEDGE_FIELDS)
    assert len(STRIKE_SCALARS) == 8
    assert set(PLEDGE_SCALARS) == {"party", "broker", "duration_days", "status"}
    assert all(isinstance(strike[s], list) for s in STRIKE_SETS)
    assert all(isinstance(pledge[s], list) for s in PLEDGE_SETS)


def test_the_scorer_counts_slots_as_the_contract_says() -> None:
    """A made-up gold and prediction whose counts are worked out by hand."""
    gold = [
        {
            "id": "t",
            "strikes": [
                {"attacker": "RU", "date": "2025-03-18", "drones": {"min": 5, "max": 5}}
                | {"places": ["Kyiv Oblast"], "targets": ["energy"]}
            ],
            "pledges": [{"party": "RU", "broker": "US", "status": "agreed", "places": []}],
        }
    ]
    pred = {
        "t": {
            "strikes": [
                {"attacker": "RU", "date": "2025-03-19", "drones": {"min": 5, "max": 6}}
                | {"places": ["Kiev"], "targets": ["energy", "port"]}
            ],
            "pledges": [
                {"party": "RU", "broker": None, "status": "agreed", "places": []},
                {"party": "UA", "broker": None, "status": "rejected", "places": []},
            ],
        }
    }
    got = score(gold, pred)
    # strikes: attacker, date (within a day), place (old spelling), energy true; drones
    # wrong (fp + fn); port false -> tp 4, fp 2, fn 1
    assert got["strikes"] == pytest.approx(2 * 4 / (2 * 4 + 2 + 1))
    # pledges: party, status true; broker missed; the UA pledge spurious -> tp 2, fp 2, fn 1
    assert got["pledges"] == pytest.approx(2 * 2 / (2 * 2 + 2 + 1))
    assert got["all"] == pytest.approx(2 * 6 / (2 * 6 + 4 + 2))
