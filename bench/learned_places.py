"""A learned second opinion on one decision: is a place the text names a place hit?

Each gazetteer mention of a place in an English text is a candidate; its features are the words
around it (by position and as a bag), the sentence's cue words, the place's kind and side, where
in the text it stands, and whether the rules report the place hit (anywhere, and from this
mention). A logistic model over them (trained by `bench/train_extract.py` from the gold labels
of the readable families, weights as JSON) gives each mention a probability; a place's is its
best mention's. Applying it is a dot product: no model library at run time.

Not wired into `Extractor`, so it lives here beside its training script, not in the package:
measured by leave-one-family-out and on the held-out family, it moves the decision itself a
little but the scored `places` slot not at all or down (bench/RESULTS.md, "Eleventh session,
learn"). Kept so the experiment can be re-run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from trucewatch.extract.components import PLACES_KEY, marks
from trucewatch.extract.lexicon import place_index
from trucewatch.extract.results import ExtractedStrike
from trucewatch.extract.tokens import DocTokens, doc_tokens

__all__ = [
    "Candidate",
    "PlaceModel",
    "adjust_places",
    "candidates",
    "mention_features",
    "place_key",
    "ruled_spans",
]

_REGION_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces"})
_BACK, _AHEAD = 8, 6
# Cue words of a sentence, by group: a feature says the group occurs in the mention's sentence.
CUES: dict[str, frozenset[str]] = {
    "weapon": frozenset(
        {"drone", "drones", "missile", "missiles", "shahed", "shaheds", "rocket", "rockets"}
        | {"bomb", "bombs", "shelling", "artillery", "uavs", "uav", "glide"}
    ),
    "hit": frozenset(
        {"hit", "struck", "attacked", "targeted", "shelled", "damaged", "destroyed", "strike"}
        | {"strikes", "attack", "attacks", "explosions", "blasts", "fire", "pounded"}
    ),
    "hurt": frozenset({"killed", "injured", "wounded", "dead", "died", "casualties", "hurt"}),
    "speech": frozenset({"said", "says", "told", "stated", "wrote", "according", "announced"}),
    "truce": frozenset(
        {"ceasefire", "truce", "moratorium", "pledge", "pledged", "agreed", "halt", "pause"}
        | {"talks", "negotiations", "summit", "proposal", "proposed"}
    ),
    "from": frozenset({"from", "launched", "fired"}),
    "downed": frozenset({"downed", "intercepted", "shot", "destroyed", "suppressed"}),
    "future": frozenset({"will", "would", "could", "threatened", "threat", "plans", "may"}),
    "past": frozenset({"earlier", "previous", "last", "since", "ago", "year", "months"}),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One mention of a place: its contract name and key (`place_key`), token span, features."""

    name: str
    key: str
    start: int
    end: int
    features: tuple[str, ...]


def place_key(name: str) -> str:
    """A place's name as the scorer compares it: a region and its city are one place to it
    ("Kharkiv Oblast" and "Kharkiv"), so to the model too."""
    return name.removesuffix(" Oblast").lower()


def _sentence_of(dt: DocTokens, i: int) -> tuple[int, int]:
    lo, hi = 0, len(dt.sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        a, b = dt.sents[mid]
        if i < a:
            hi = mid - 1
        elif i >= b:
            lo = mid + 1
        else:
            return a, b
    return 0, len(dt.toks)


def mention_features(
    dt: DocTokens,
    start: int,
    end: int,
    kind: str,
    country: str,
    mentions: int,
    rule: bool,
    rule_here: bool = False,
) -> tuple[str, ...]:
    """The features of the place mention at tokens start..end of `dt`.

    `mentions`: how many times the text names this place; `rule`: whether the rules report
    the place hit in one of the text's strikes; `rule_here`: whether they read it from this
    mention (their evidence)."""
    low = dt.lower
    n = len(low)
    s_start, s_end = _sentence_of(dt, start)
    region = end < n and low[end] in _REGION_WORDS
    after = end + 1 if region else end
    feats = [f"kind={kind}", f"country={country}", f"region={region}"]
    for k in (1, 2, 3):
        j = start - k
        feats.append(f"p{k}={low[j] if j >= s_start else '<s>'}")
    for k in (1, 2):
        j = after + k - 1
        feats.append(f"n{k}={low[j] if j < s_end else '</s>'}")
    feats.extend(f"L={low[j]}" for j in range(max(s_start, start - _BACK), start))
    feats.extend(f"R={low[j]}" for j in range(after, min(s_end, after + _AHEAD)))
    sent = set(low[s_start:s_end])
    feats.extend(f"S={group}" for group, words in CUES.items() if not words.isdisjoint(sent))
    if any(dt.toks[j].like_num for j in range(max(s_start, start - 6), min(s_end, after + 6))):
        feats.append("num_near")
    quotes = sum(low[j] in ('"', "“", "”") for j in range(s_start, start))
    if quotes % 2:
        feats.append("quoted")
    feats.append("first_sent" if s_start == 0 else f"pos={min(3, 4 * start // max(1, n))}")
    feats.append(f"mentions={min(mentions, 3)}")
    if rule:
        feats.append("rule")
    if rule_here:
        feats.append("rule_here")
    return tuple(dict.fromkeys(feats))


def candidates(
    doc: Doc, ruled: Iterable[str] = (), spans: Iterable[tuple[int, int]] = ()
) -> list[Candidate]:
    """Every gazetteer mention of a place in `doc` (capitalised, resolvable), with features;
    `ruled`: the places the rules report hit; `spans`: the text they read them from."""
    dt = doc_tokens(doc)
    low = dt.lower
    idx = place_index()
    found: list[tuple[str, int, int, str, str]] = []
    for s in marks(doc, PLACES_KEY):
        if not s.text[:1].isupper():
            continue
        region = s.end < len(low) and low[s.end] in _REGION_WORDS
        ref = idx.lookup(s.text, region)
        if ref is None or ref.country == "--":
            continue
        found.append((ref.name, s.start, s.end, ref.kind, ref.country))
    counts: dict[str, int] = {}
    for name, *_ in found:
        counts[place_key(name)] = counts.get(place_key(name), 0) + 1
    hit = {place_key(p) for p in ruled}
    starts = sorted(a for a, _ in spans)
    out = []
    for name, a, b, kind, c in found:
        key = place_key(name)
        here = dt.toks[a].idx in starts
        feats = mention_features(dt, a, b, kind, c, counts[key], key in hit, here)
        out.append(Candidate(name, key, a, b, feats))
    return out


class PlaceModel:
    """A logistic model over string features: weights, an intercept, and two thresholds: below
    `threshold` a place the rules report is dropped, at or above `add_threshold` a place they
    miss is added."""

    def __init__(
        self,
        weights: dict[str, float],
        intercept: float,
        threshold: float = 0.5,
        add_threshold: float = 0.5,
    ) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.add_threshold = add_threshold

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceModel:
        """The model a training run wrote (`to_json`)."""
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["intercept"]),
            float(data["threshold"]),
            float(data["add_threshold"]),
        )

    def to_json(self) -> dict[str, Any]:
        """The model as JSON-ready values."""
        return {
            "add_threshold": self.add_threshold,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }

    def probability(self, features: Sequence[str]) -> float:
        """P(place hit) for one mention's features (each present feature counts 1)."""
        w = self.weights
        z = self.intercept + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def places(self, cands: Iterable[Candidate]) -> dict[str, float]:
        """Each named place's probability of being hit (by `place_key`): its best mention's."""
        out: dict[str, float] = {}
        for c in cands:
            p = self.probability(c.features)
            if p > out.get(c.key, -1.0):
                out[c.key] = p
        return out


def ruled_spans(strikes: Iterable[ExtractedStrike]) -> list[tuple[int, int]]:
    """Where the rules read the places of `strikes` (their evidence)."""
    return [sp for s in strikes for sp in s.evidence.get("places", [])]


def adjust_places(
    doc: Doc,
    strikes: list[ExtractedStrike],
    model: PlaceModel,
    add: bool = True,
) -> None:
    """Drop from `strikes` the places the model doubts (below its threshold); with `add`, put
    a place it believes hit and no strike lists into the text's strike when there is one.
    Places without a mention (the rules' "the capital") stay as the rules read them."""
    if not strikes:
        return
    ruled = {p for s in strikes for p in s.places}
    cands = candidates(doc, ruled, ruled_spans(strikes))
    probs = model.places(cands)
    cut = model.threshold
    for s in strikes:
        s.places = [p for p in s.places if probs.get(place_key(p), 1.0) >= cut]
    if add and len(strikes) == 1:
        have = {place_key(p) for p in ruled}
        named = {c.key: c.name for c in reversed(cands)}  # a key's first mention's name
        more = model.add_threshold
        strikes[0].places.extend(named[k] for k, q in probs.items() if q >= more and k not in have)
