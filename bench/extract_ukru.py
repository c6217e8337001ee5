"""Score the extractor on the Ukrainian and Russian labelled files: halves and genres.

    .venv/bin/python bench/extract_ukru.py [--errors study|check|all] [--lang uk|ru]

Protocol (fixed in issue 14's first session, kept so figures compare): each file, in file
order, is split into a study half (first 20 passages) and a check half (last 20); rules and
lexicon are built from the study half's errors only, and the check half measures them. The
language is not given (detected per text, as the held-out set is run). Each passage is also
given a genre (the kind of source it imitates, read from its header), and F1 is printed per
genre, so the spread across genres shows whether a change holds beyond the genres studied.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_extract.py"
STUDY = 20

#: The genre of each labelled passage: the kind of source its text imitates.
GENRES: dict[str, tuple[str, ...]] = {
    "airforce": ("U009", "U015", "U026", "U046"),
    "admin": (
        "U007", "U010", "U013", "U017", "U021", "U028", "U030", "U031", "U041",
    ),
    "energy": ("U011", "U032", "U035", "U038", "U045", "U048"),
    "totals": ("U012", "U025", "U036"),
    "media": (
        "U004", "U014", "U016", "U022", "U027", "U034", "U039", "U040", "U042",
        "R020", "R022", "R023", "R024", "R025", "R026", "R027", "R028", "R029", "R032",
        "R034",
    ),
    "pledges": (
        "U006", "U019", "U023", "U024", "U029", "U037", "U043", "U047", "U049",
        "R031", "R035", "R036", "R039", "R040", "R041", "R042", "R043", "R045", "R046",
        "R047", "R048", "R049", "R050",
    ),
    "mod_gov": (
        "R001", "R002", "R003", "R004", "R005", "R006", "R008", "R009", "R010", "R011",
        "R012", "R014", "R015", "R016", "R018",
    ),
}  # fmt: skip
GENRE_OF = {pid: genre for genre, ids in GENRES.items() for pid in ids}


def _score(gold: list[str], pred: list[str], tmp: Path, errors: bool = False) -> dict[str, float]:
    g, p = tmp / "g.jsonl", tmp / "p.jsonl"
    g.write_text("".join(x + "\n" for x in gold), encoding="utf-8")
    p.write_text("".join(x + "\n" for x in pred), encoding="utf-8")
    args = [sys.executable, str(SCORER), str(g), str(p), "--by-slot"]
    if errors:
        args.append("--show-errors")
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    if errors:
        print(out)
    figures: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("strikes", "pledges", "all") and "F1" in parts:
            figures[parts[0]] = float(parts[parts.index("F1") + 1])
        if parts and parts[0] == "F1":
            figures.setdefault("all", float(parts[1]))
    return figures


def main(argv: list[str]) -> int:
    """Extract, score and print the tables."""
    if not SCORER.exists():
        print(f"skip: {SCORER} not found (../shared is absent)")
        return 0
    from trucewatch.extract.dispatch import MultiExtractor

    show = argv[argv.index("--errors") + 1] if "--errors" in argv else ""
    langs = [argv[argv.index("--lang") + 1]] if "--lang" in argv else ["uk", "ru"]
    ex = MultiExtractor()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for lang in langs:
            lines = [
                x for x in (CORPUS / f"extract_{lang}.jsonl").read_text("utf-8").splitlines() if x
            ]
            rows = [json.loads(x) for x in lines]
            items = [(r["id"], r["text"], date.fromisoformat(r["published"]), None) for r in rows]
            preds = {i: json.dumps({"id": i, **e.to_contract()}) for i, e in ex.extract_many(items)}
            parts = {
                "study": range(STUDY),
                "check": range(STUDY, len(rows)),
                "all": range(len(rows)),
            }
            print(f"== {lang}: {'part':8} {'all':>6} {'strikes':>8} {'pledges':>8}  n")
            for part, idx in parts.items():
                gold = [lines[k] for k in idx]
                f = _score(gold, [preds[rows[k]["id"]] for k in idx], tmp, errors=(show == part))
                print(
                    f"   {part:14} {f.get('all', 0):6.3f} {f.get('strikes', 0):8.3f}"
                    f" {f.get('pledges', 0):8.3f}  {len(gold)}"
                )
            for genre in GENRES:
                for part, idx in parts.items():
                    if part == "study":
                        continue
                    ks = [k for k in idx if GENRE_OF.get(rows[k]["id"]) == genre]
                    if not ks:
                        continue
                    f = _score([lines[k] for k in ks], [preds[rows[k]["id"]] for k in ks], tmp)
                    print(
                        f"   {genre + '/' + part:14} {f.get('all', 0):6.3f}"
                        f" {f.get('strikes', 0):8.3f} {f.get('pledges', 0):8.3f}  {len(ks)}"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
