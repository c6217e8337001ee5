"""The learned place decision: its features, its scorer (== scikit-learn's), its adjustment."""

from __future__ import annotations

import importlib
import json
import sys

import pytest
from spacy.tokens import Doc

from conftest import REPO, bench_module
from trucewatch.extract.pipeline import Extractor
from trucewatch.extract.results import ExtractedStrike
from trucewatch.extract.tokens import doc_tokens

NLP = Extractor().nlp
sys.path.insert(0, str(REPO / "bench"))  # as bench/train_extract.py imports it, one module
learned = importlib.import_module("learned_places")
PlaceModel = learned.PlaceModel
adjust_places = learned.adjust_places
candidates = learned.candidates
place_key = learned.place_key
ruled_spans = learned.ruled_spans


def _doc(text: str) -> Doc:
    return NLP(text)


def test_features_of_a_mention() -> None:
    doc = _doc("Russian drones struck Odesa overnight. The mayor of Lviv said nothing.")
    cands = candidates(doc, ruled={"Odesa"})
    by = {c.key: c for c in cands}
    assert set(by) == {"odesa", "lviv"}
    odesa = by["odesa"].features
    assert {"p1=struck", "p2=drones", "n1=overnight", "S=weapon", "S=hit", "rule"} <= set(odesa)
    assert {"first_sent", "mentions=1", "kind=settlement", "country=UA"} <= set(odesa)
    lviv = by["lviv"].features
    assert "rule" not in lviv and "first_sent" not in lviv
    assert {"p1=of", "p2=mayor", "n1=said", "S=speech"} <= set(lviv)
    assert len(set(odesa)) == len(odesa)  # each feature once: a weight counts once


def test_rule_here_marks_the_mention_the_rules_read() -> None:
    doc = _doc("Drones hit Sumy. Sumy's mayor spoke later.")
    first = doc_tokens(doc).toks[2].idx
    cands = candidates(doc, ruled={"Sumy"}, spans=[(first, first + 4)])
    assert ["rule_here" in c.features for c in cands] == [True, False]
    assert all("rule" in c.features and "mentions=2" in c.features for c in cands)
    s = ExtractedStrike(places=["Sumy"], evidence={"places": [(first, first + 4)]})
    assert ruled_spans([s]) == [(first, first + 4)]


def test_region_mention_and_key() -> None:
    doc = _doc("Drones hit the Kharkiv region and Kharkiv city.")
    cands = candidates(doc)
    assert [c.name for c in cands] == ["Kharkiv Oblast", "Kharkiv"]
    assert {c.key for c in cands} == {"kharkiv"} == {place_key("Kharkiv Oblast")}
    assert "region=True" in cands[0].features and "n1=and" in cands[0].features
    assert "mentions=2" in cands[1].features


def test_probability_matches_sklearn() -> None:
    pytest.importorskip("sklearn")
    train = bench_module("train_extract")
    texts = [
        "Russian drones struck Odesa overnight.",
        "The mayor of Lviv said the city was calm.",
        "Missiles launched from the Kursk region hit Kyiv and Dnipro.",
        "Speaking in Kyiv, the minister praised Odesa port workers.",
    ]
    rows = [c.features for t in texts for c in candidates(_doc(t), ruled={"Kyiv"})]
    labels = [1, 0, 0, 1, 1, 0, 0][: len(rows)]
    assert len(rows) == len(labels) and 0 < sum(labels) < len(labels)
    clf, vocab = train.fit_rows(rows, labels, 1.0)
    model = train.place_model_of(clf, vocab)
    want = clf.predict_proba(train.to_matrix(rows, vocab))[:, 1]
    for row, p in zip(rows, want, strict=True):
        assert model.probability(row) == pytest.approx(float(p), abs=1e-9)
    again = PlaceModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.probability(rows[0]) == pytest.approx(model.probability(rows[0]), abs=1e-12)


def test_to_matrix_is_binary_and_drops_unknown() -> None:
    train = bench_module("train_extract")
    x = train.to_matrix([("a", "b", "zzz"), ("b",)], {"a": 0, "b": 1})
    assert x.toarray().tolist() == [[1.0, 1.0], [0.0, 1.0]]


def test_adjust_drops_doubted_and_adds_believed() -> None:
    doc = _doc("Missiles launched from the Kursk region hit Kyiv.")
    # the rules' Kursk Oblast is doubted ("hit" after it), the capital kept; one strike
    doubt = PlaceModel({"rule": 10.0, "n1=hit": -20.0}, -5.0, 0.5, 0.85)
    s = ExtractedStrike(places=["Kursk Oblast", "Kyiv", "Kherson"])
    adjust_places(doc, [s], doubt)
    assert s.places == ["Kyiv", "Kherson"]  # Kherson has no mention: the rules' word stands
    believe = PlaceModel({"p1=hit": 20.0}, -5.0, 0.5, 0.85)
    one = ExtractedStrike(places=[])
    adjust_places(doc, [one], believe)
    assert one.places == ["Kyiv"]
    two = [ExtractedStrike(places=[]), ExtractedStrike(places=[])]
    adjust_places(doc, two, believe)
    assert two[0].places == [] and two[1].places == []  # which strike is not the model's to say
    unsure = PlaceModel({"p1=hit": 6.0}, -5.0, 0.5, 0.85)  # p = 0.73 < 0.85: not added
    alone = ExtractedStrike(places=[])
    adjust_places(doc, [alone], unsure)
    assert alone.places == []
