"""Score the extractor on every labelled English family, one F1 per family and their spread.

    .venv/bin/python bench/extract_families.py [FAMILY ...]   # default: dev A B C X

Runs the extractor on ../shared/corpus/extract_<family>.jsonl, scores each with
../shared/tools/score_extract.py and prints per-family F1 (all slots, strikes, pledges),
the micro-averaged figure over all families (their gold and predictions concatenated) and the
spread (max - min) between families. Skips when ../shared is absent.
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
FAMILIES = ("dev", "A", "B", "C", "X")


def score(gold: Path, pred: Path) -> dict[str, float]:
    """The scorer's F1 figures for `pred` against `gold`: each slot ("strike.places") and the
    totals ("strikes", "pledges", "all")."""
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--by-slot"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) > 2 and "F1" in parts:
            figures[parts[0]] = float(parts[parts.index("F1") + 1])
    return figures


def main(argv: list[str]) -> int:
    """Extract, score and print the table."""
    if not SCORER.exists():
        print(f"skip: {SCORER} not found (../shared is absent)")
        return 0
    from trucewatch.extract import Extractor

    families = argv or list(FAMILIES)
    ex = Extractor()
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        all_gold, all_pred = Path(tmp, "all_gold.jsonl"), Path(tmp, "all_pred.jsonl")
        with all_gold.open("w") as ag, all_pred.open("w") as ap:
            for fam in families:
                gold = CORPUS / f"extract_{fam}.jsonl"
                lines = [ln for ln in gold.read_text(encoding="utf-8").splitlines() if ln]
                items = []
                for ln in lines:
                    obj = json.loads(ln)
                    items.append((obj["id"], obj["text"], date.fromisoformat(obj["published"])))
                    ag.write(ln + "\n")
                pred = Path(tmp, f"pred_{fam}.jsonl")
                with pred.open("w") as out:
                    for item_id, res in ex.extract_many(items):
                        line = json.dumps({"id": item_id, **res.to_contract()}) + "\n"
                        out.write(line)
                        ap.write(line)
                rows[fam] = score(gold, pred)
        overall = score(all_gold, all_pred)
    print(f"{'family':8} {'all':>6} {'strikes':>8} {'pledges':>8}")
    for fam, f in rows.items():
        print(f"{fam:8} {f['all']:6.3f} {f['strikes']:8.3f} {f['pledges']:8.3f}")
    print(
        f"{'overall':8} {overall['all']:6.3f} {overall['strikes']:8.3f} {overall['pledges']:8.3f}"
    )
    alls = [f["all"] for f in rows.values()]
    print(f"spread (max - min of 'all'): {max(alls) - min(alls):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
