"""Train and cross-validate the learned place decision (`learned_places.py` beside it).

    .venv/bin/python bench/train_extract.py            # LOFO table, X end to end, no file written
    .venv/bin/python bench/train_extract.py --grid     # the grid the settings were chosen by
    .venv/bin/python bench/train_extract.py --write PATH  # also write the weights (JSON)

The decision: is a place the text names among the places its strikes hit? Candidates are the
gazetteer mentions of places in a passage; a mention's label is whether its place is among the
gold strikes' places of that passage (by the scorer's name normalisation). Features: see
`learned_places.mention_features`. Two logistic models (scikit-learn, a `bench` extra): "model" from
the words alone, "combo" with the rules' own decision as two more ("rule": they report the place
hit; "rule_here": from this mention).

Families: the readable English files (../shared/corpus/extract_{dev,A,B,C}.jsonl and each
tests/fixtures/own/en_*.jsonl). Leave-one-family-out: for each family, train on the others and
compare on it (a) place-level F1 (over passage and place pairs) of rules, model and combo and
(b) the end-to-end `places` slot F1 of the scorer with the rules' strikes as they are and with the
places the combo keeps (filter only, and filter + add). Then train on every readable family
and score X end to end (by slot, no errors shown: X is scored, never read).
Needs ../shared; deterministic (liblinear, fixed order).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_families import score  # a sibling script: the one home of the scorer's figures
from learned_places import PlaceModel, adjust_places, candidates, ruled_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_extract.py"
OWN = ROOT / "tests" / "fixtures" / "own"
SHARED_FAMILIES = ("dev", "A", "B", "C")
# Chosen by the leave-one-family-out grid (`--grid`: best mean of all slots), never on X.
C_REG = 0.5  # inverse L2 strength
DROP_BELOW, ADD_FROM = 0.5, 0.5


class Passage(NamedTuple):
    """One labelled passage, read by the rules: its doc, strikes and candidate mentions."""

    family: str
    obj: dict[str, Any]
    doc: Any
    strikes: list[Any]
    pledges: list[Any]
    cands: list[Any]
    labels: list[int]
    gold_places: set[str]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def family_files() -> dict[str, Path]:
    """The readable English families, by name."""
    files = {f: CORPUS / f"extract_{f}.jsonl" for f in SHARED_FAMILIES}
    for p in sorted(OWN.glob("en_*.jsonl")):
        files[p.stem] = p
    return files


def read_passages(family: str, path: Path, ex: Any, norm: Any) -> list[Passage]:
    """Each passage of `path` read by the rules, its candidates labelled from its gold."""

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj.get("lang", "en") != "en":
            continue
        doc = ex.nlp(ex.prepare(obj["text"]))
        res = ex.extract(obj["text"], date.fromisoformat(obj["published"]))
        strikes = res.strikes
        ruled = {p for s in strikes for p in s.places}
        cands = candidates(doc, ruled, ruled_spans(strikes))
        gold = {norm(p) for s in obj.get("strikes", []) for p in s.get("places", [])}
        labels = [int(norm(c.key) in gold) for c in cands]
        out.append(Passage(family, obj, doc, strikes, res.pledges, cands, labels, gold))
    return out


def fit(passages: list[Passage], with_rule: bool, c_reg: float = C_REG) -> Any:
    """A `PlaceModel` trained on every candidate of `passages`."""
    rows = [_feats(c, with_rule) for p in passages for c in p.cands]
    labels = [lab for p in passages for lab in p.labels]
    clf, vocab = fit_rows(rows, labels, c_reg)
    return place_model_of(clf, vocab)


def fit_rows(rows: list[tuple[str, ...]], labels: list[int], c_reg: float = C_REG) -> Any:
    """A scikit-learn logistic regression fitted on string-feature rows, and its vocabulary."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    vocab = {f: i for i, f in enumerate(sorted({f for r in rows for f in r}))}
    clf = LogisticRegression(C=c_reg, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(to_matrix(rows, vocab), np.array(labels))
    return clf, vocab


def place_model_of(clf: Any, vocab: dict[str, int]) -> Any:
    """The fitted regression as a `PlaceModel`: its non-zero weights by feature name."""

    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: float(w) for f, w in zip(names, clf.coef_[0], strict=True) if w != 0.0}
    return PlaceModel(weights, float(clf.intercept_[0]), DROP_BELOW, ADD_FROM)


def to_matrix(rows: list[tuple[str, ...]], vocab: dict[str, int]) -> Any:
    """Rows of string features as a binary sparse matrix over `vocab` (unknown ones dropped)."""
    from scipy.sparse import csr_matrix

    data, ind, ptr = [], [], [0]
    for r in rows:
        cols = sorted({vocab[f] for f in r if f in vocab})
        ind.extend(cols)
        data.extend([1.0] * len(cols))
        ptr.append(len(ind))
    return csr_matrix((data, ind, ptr), shape=(len(rows), len(vocab)))


_RULE_FEATURES = frozenset({"rule", "rule_here"})


def _feats(c: Any, with_rule: bool) -> tuple[str, ...]:
    if with_rule:
        return tuple(c.features)
    return tuple(f for f in c.features if f not in _RULE_FEATURES)


def place_level(passages: list[Passage], model: Any | None, with_rule: bool) -> list[int]:
    """tp, fp, fn over (passage, place) pairs: the rules' (model None) or a model's."""
    tp = fp = fn = 0
    for p in passages:
        gold_named = {c.key for c, lab in zip(p.cands, p.labels, strict=True) if lab}
        if model is None:
            said = {c.key for c in p.cands if "rule" in c.features}
        else:
            probs: dict[str, float] = {}
            for c in p.cands:
                q = model.probability(_feats(c, with_rule))
                probs[c.key] = max(q, probs.get(c.key, 0.0))
            said = {n for n, q in probs.items() if q >= model.threshold}
        named = {c.key for c in p.cands}
        tp += len(said & gold_named)
        fp += len(said - gold_named)
        fn += len((named - said) & gold_named)
    return [tp, fp, fn]


def f1(t: list[int]) -> float:
    """F1 from tp, fp, fn."""
    tp, fp, fn = t
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def places_slot(passages: list[Passage], model: Any | None, add: bool) -> dict[str, float]:
    """The scorer's figures (by slot) for `passages` with strikes as the rules read them or
    with their places adjusted by `model`."""

    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl")
        with gold.open("w") as g, pred.open("w") as out:
            for p in passages:
                g.write(json.dumps(p.obj) + "\n")
                strikes = copy.deepcopy(p.strikes)
                if model is not None:
                    adjust_places(p.doc, strikes, model, add=add)
                pledges = [q.to_contract() for q in p.pledges]
                row = {"id": p.obj["id"], "strikes": [s.to_contract() for s in strikes]}
                out.write(json.dumps({**row, "pledges": pledges}) + "\n")
        return score(gold, pred)


def changes(passages: list[Passage], model: Any) -> tuple[int, int]:
    """How many (strike, place) entries `model` drops from and adds to the rules' strikes."""

    dropped = added = 0
    for p in passages:
        strikes = copy.deepcopy(p.strikes)
        before = [set(s.places) for s in strikes]
        adjust_places(p.doc, strikes, model, add=True)
        for b, s in zip(before, strikes, strict=True):
            dropped += len(b - set(s.places))
            added += len(set(s.places) - b)
    return dropped, added


def grid(fams: dict[str, list[Passage]]) -> None:
    """Mean over held-out families of the places slot and of all slots, for each inverse
    regularisation strength and pair of thresholds (drop below, add at or above)."""
    for c_reg in (0.1, 0.5, 2.0):
        models = {
            held: fit([p for f, ps in fams.items() if f != held for p in ps], True, c_reg)
            for held in fams
        }
        for drop in (0.35, 0.5):
            for more in (0.5, 0.7, 0.85, 1.01):  # 1.01: never add
                places = total = 0.0
                for held, test in fams.items():
                    m = models[held]
                    m.threshold, m.add_threshold = drop, more
                    got = places_slot(test, m, more <= 1.0)
                    places += got["strike.places"]
                    total += got["all"]
                k = len(fams)
                print(
                    f"C {c_reg:4} drop<{drop:4} add>={more:4}: "
                    f"places {places / k:.4f} all {total / k:.4f}"
                )


def main(argv: list[str]) -> int:
    """Cross-validate, score X, and with --write save the weights trained on every family."""
    if not SCORER.exists():
        print(f"skip: {SCORER} not found (../shared is absent)")
        return 0
    from trucewatch.extract.pipeline import Extractor

    norm = _scorer().norm_place
    ex = Extractor()
    fams = {f: read_passages(f, path, ex, norm) for f, path in family_files().items()}
    if "--grid" in argv:
        grid(fams)
        return 0
    print(
        f"{'family':22} {'n':>4} | place F1: {'rules':>6} {'model':>6} {'combo':>6} | "
        f"places slot: {'rules':>6} {'filter':>6} {'+add':>6} | all: {'rules':>6} {'combo':>6}"
    )
    sums = [0.0] * 8
    for held, test in fams.items():
        train = [p for f, ps in fams.items() if f != held for p in ps]
        m_words, m_combo = fit(train, False), fit(train, True)
        pl = [
            f1(place_level(test, None, True)),
            f1(place_level(test, m_words, False)),
            f1(place_level(test, m_combo, True)),
        ]
        base = places_slot(test, None, False)
        filt = places_slot(test, m_combo, False)
        both = places_slot(test, m_combo, True)
        row = [
            *pl,
            base["strike.places"],
            filt["strike.places"],
            both["strike.places"],
            base["all"],
            both["all"],
        ]
        sums = [a + b for a, b in zip(sums, row, strict=True)]
        n = sum(len(p.cands) for p in test)
        print(
            f"{held:22} {n:4} | {'':9} {row[0]:6.3f} {row[1]:6.3f} {row[2]:6.3f} | "
            f"{'':12} {row[3]:6.3f} {row[4]:6.3f} {row[5]:6.3f} | {'':4} {row[6]:6.3f} "
            f"{row[7]:6.3f}"
        )
    k = len(fams)
    mean = [s / k for s in sums]
    print(
        f"{'mean':22} {'':4} | {'':9} {mean[0]:6.3f} {mean[1]:6.3f} {mean[2]:6.3f} | "
        f"{'':12} {mean[3]:6.3f} {mean[4]:6.3f} {mean[5]:6.3f} | {'':4} {mean[6]:6.3f} "
        f"{mean[7]:6.3f}"
    )
    every = [p for ps in fams.values() for p in ps]
    final, words = fit(every, True), fit(every, False)
    x_path = CORPUS / "extract_X.jsonl"
    if x_path.exists():  # scored, never read: only figures are printed
        xs = read_passages("X", x_path, ex, norm)
        print(
            f"X place F1 (candidate names): rules {f1(place_level(xs, None, True)):.3f} "
            f"model {f1(place_level(xs, words, False)):.3f} "
            f"combo {f1(place_level(xs, final, True)):.3f}"
        )
        print(f"X places the combo changes end to end (dropped, added): {changes(xs, final)}")
        for label, model, add in (
            ("rules", None, False),
            ("filter", final, False),
            ("filter+add", final, True),
        ):
            f = places_slot(xs, model, add)
            print(
                f"X {label:10} places {f['strike.places']:.3f} strikes {f['strikes']:.3f} "
                f"all {f['all']:.3f}"
            )
    if "--write" in argv:
        out = Path(argv[argv.index("--write") + 1])
        out.write_text(json.dumps(final.to_json(), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {out} ({len(final.weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
