"""Sweep the extractor for crashes: every labelled text cut and mutated, language given and not.

    PYTHONPATH=src .venv/bin/python bench/robust_sweep.py [--quick] [--cli] [--out DIR]

Each text of the shared corpus files (dev, A, B, C, and the study half of uk and ru: the
cross-validation protocol keeps extract_X.jsonl and the check halves unread) and of the own
passages under tests/fixtures/own and tests/fixtures/slavic is run through
``extract_any`` (and its JSON, with evidence) as:

- cut at every sentence end, both ways (the text up to it and the text after it);
- cut at every word boundary (every third one with --quick): the text up to it;
- mutated: numbers replaced (0, 1, a huge one, a decimal, a negative, other scripts'
  digits), words dropped, sentences of another language mixed in, apostrophes swapped
  (' ’ ʼ ` ′), spaces made NBSP, soft hyphens and zero-width spaces inside words, Latin and
  Cyrillic homoglyphs swapped, stress marks, emoji, fullwidth letters, very long (the text
  repeated), upper case;
- plus edge texts of no words: empty, spaces, digits only, punctuation only.

Every variant runs with the file's language given and with none (detected). Each exception
is grouped by its type and the frame it was raised in; the shortest text raising it is
kept. With --cli the variants (those the text policy admits) also run as one batch through
``extract_many`` and through ``trucewatch extract --jsonl`` in a subprocess, which must exit
0 with no traceback. The summary goes to stdout, the shortest texts to OUT/crashes.jsonl.
Exit 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
#: the held-out family and the check halves are never read (COMMON protocol)
FILES = ("extract_dev", "extract_A", "extract_B", "extract_C", "extract_uk", "extract_ru")
STUDY = 20

_SENTENCE_END = re.compile(r"(?<=[.!?…»\"”])\s+|\n+")
_WORD_GAP = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBERS = ("0", "1", "2", "999999999999", "1,000,000", "2.5", "-3", "½", "٣", "３", "1e9", "07")
_APOSTROPHES = ("'", "’", "ʼ", "`", "′")
#: Latin letters and the Cyrillic letters drawn the same
_HOMO = str.maketrans("aceopxyiACEHKMOPTXBі", "асеорхуіАСЕНКМОРТХВi")
_HOMO_BACK = str.maketrans("асеорхуАСЕНКМОРТХВ", "aceopxyACEHKMOPTXB")
_EMOJI = ("🚀", "💥", "🇺🇦", "⚡️", "👉🏻", "🔴")
_OTHER = {
    "en": "Russia launched 40 drones at Kyiv overnight.",
    "uk": "Вночі ворог атакував Харків 12 дронами, двоє людей поранені.",
    "ru": "Ночью над Брянской областью сбиты 15 беспилотников.",
}


def load(quick: bool, heldout: bool = False) -> list[tuple[str, str, str, date]]:
    """(file:id, lang, text, published) for every text the sweep may read (or, `heldout`,
    for the held-out ones: X and the uk/ru check halves)."""
    out: list[tuple[str, str, str, date]] = []
    paths = [CORPUS / f"{name}.jsonl" for name in FILES]
    if heldout:
        paths = [
            CORPUS / "extract_X.jsonl",
            CORPUS / "extract_uk.jsonl",
            CORPUS / "extract_ru.jsonl",
        ]
    else:
        paths += sorted((REPO / "tests" / "fixtures" / "own").glob("*.jsonl"))
        paths += sorted((REPO / "tests" / "fixtures" / "slavic").glob("*.jsonl"))
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        if path.stem in ("extract_uk", "extract_ru"):
            lines = lines[STUDY:] if heldout else lines[:STUDY]
        for line in lines:
            if not line.strip():
                continue
            obj = json.loads(line)
            lang = obj.get("lang") or (
                "uk" if "uk_" in path.stem else "ru" if "ru_" in path.stem else "en"
            )
            out.append(
                (
                    f"{path.stem}:{obj['id']}",
                    lang,
                    obj["text"],
                    date.fromisoformat(obj["published"]),
                )
            )
    if quick:
        out = out[::3]
    return out


def variants(text: str, lang: str, rng: random.Random, quick: bool) -> Iterator[tuple[str, str]]:
    """(label, text) for each cut and mutation of `text`."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    for k in ends:
        yield "sentence-prefix", text[:k]
        yield "sentence-suffix", text[k:]
    gaps = [m.start() for m in _WORD_GAP.finditer(text)]
    for k in gaps[:: 3 if quick else 1]:
        yield "word-prefix", text[:k]
    for k in gaps[:: 9 if quick else 3]:
        yield "word-suffix", text[k:]
    # mid-word cuts (a text cut by a byte limit)
    for k in range(7, len(text), 97 if quick else 31):
        yield "char-prefix", text[:k]
    for rep in _NUMBERS:
        yield f"numbers={rep}", _NUMBER.sub(rep, text)
    yield "numbers-glued", _NUMBER.sub(lambda m: m.group() + m.group(), text)
    words = text.split(" ")
    for _ in range(2 if quick else 6):
        keep = [w for w in words if rng.random() > 0.2]
        yield "words-dropped", " ".join(keep)
    for _ in range(1 if quick else 3):
        shuffled = words[:]
        rng.shuffle(shuffled)
        yield "words-shuffled", " ".join(shuffled)
    for other, sentence in _OTHER.items():
        if other != lang:
            yield f"mixed+{other}", text + " " + sentence
            yield f"{other}+mixed", sentence + " " + text
            half = len(words) // 2
            yield f"mixed-inside-{other}", " ".join([*words[:half], sentence, *words[half:]])
    for apo in _APOSTROPHES:
        yield f"apostrophe={apo!r}", re.sub(r"['’ʼ`′]", apo, text)
    yield "nbsp", text.replace(" ", "\u00a0")
    yield "narrow-nbsp", text.replace(" ", "\u202f")
    yield (
        "soft-hyphen",
        re.sub(r"(?<=\w\w)(?=\w\w)", lambda m: "\u00ad" if rng.random() < 0.15 else "", text),
    )
    yield (
        "zero-width",
        re.sub(r"(?<=\w)(?=\w)", lambda m: "\u200b" if rng.random() < 0.1 else "", text),
    )
    yield "homoglyph-to-cyrillic", text.translate(_HOMO)
    yield "homoglyph-to-latin", text.translate(_HOMO_BACK)
    yield "homoglyph-some", "".join(c.translate(_HOMO) if rng.random() < 0.2 else c for c in text)
    yield (
        "stress",
        re.sub(r"(?<=[аеиоуыэюяіїє])", lambda m: "\u0301" if rng.random() < 0.2 else "", text),
    )
    yield "emoji", " ".join(w + rng.choice(_EMOJI) if rng.random() < 0.2 else w for w in words)
    yield (
        "emoji-lines",
        "\n".join(rng.choice(_EMOJI) + " " + s for s in re.split(r"(?<=\.)\s+", text)),
    )
    yield (
        "fullwidth",
        "".join(
            chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and rng.random() < 0.3 else c for c in text
        ),
    )
    yield "upper", text.upper()
    yield "lower", text.lower()
    yield "no-punct", re.sub(r"[.,;:!?]", "", text)
    yield "crlf", text.replace("\n", "\r\n").replace(". ", ".\r\n")
    yield "tabs", text.replace(" ", "\t")
    yield "quotes", text.replace('"', "«").replace("«", "„", 1)
    yield "long", " ".join([text] * (8 if quick else 40))


EDGE = (
    "",
    " ",
    "\n\n",
    "0",
    "12345",
    "1 2 3 4 5",
    "2026-01-02",
    "...",
    "—",
    "🚀",
    "ʼ",
    "’’",
    "\u00ad",
    "\u200b",
    "Д",
    "і",
    "a",
    "40",
    "40 дронів",
    "40 drones",
    "дронів 40",
    "N",
    "-",
    "- 5",
    "5 -",
    "—5",
    "5—",
    "+",
    "%",
    "5%",
    "$",
    "№ 5",
    "# 1",
    "( )",
    "(",
    ")",
    "«",
    "»",
    '"',
    "''",
    "of",
    "of them",
    "з них",
    "из них",
    "both",
    "обидва",
    "one of",
    "another",
    "a further",
    "ще",
    "ещё",
    "Kh-",
    "Х-101",
    "С-300",
    "Shahed-",
    "Шахед",
    "24/7",
    "1/2",
    "½",
    "10:",
    ":30",
    "at 02:",
    "on 3",
    "March",
    "березня 3",
)


def run_one(text: str, published: date, lang: str | None) -> BaseException | None:
    from trucewatch.extract.dispatch import extract_any

    try:
        json.dumps(extract_any(text, published, lang).to_json(evidence=True))
    except Exception as exc:
        return exc
    return None


def where(exc: BaseException) -> str:
    """The innermost trucewatch frame the exception passed through (its raise site)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "trucewatch" in f.filename]
    f = (ours or frames)[-1]
    return f"{type(exc).__name__} at {Path(f.filename).name}:{f.lineno} ({f.name})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="a third of the texts and cuts")
    ap.add_argument("--stop-first", action="store_true", help="stop at the first crash")
    ap.add_argument("--all-texts", action="store_true", help="with --quick: every text")
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="run the held-out texts (X, the uk/ru check halves) instead, printing only how "
        "many runs crashed: never their texts nor where (the protocol keeps them unread)",
    )
    ap.add_argument("--cli", action="store_true", help="also run the batch and the CLI")
    ap.add_argument("--only", help="only texts whose file:id this pattern finds")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "robust_sweep")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from trucewatch._inputs import text_problem

    rng = random.Random(20261203)
    texts = load(args.quick and not args.all_texts, heldout=args.heldout)
    if args.only:
        texts = [t for t in texts if re.search(args.only, t[0])]
    crashes: dict[str, tuple[str, str, str | None, str, int]] = {}
    runs = 0
    batch: list[dict[str, str]] = []
    started = time.monotonic()

    def record(exc: BaseException, ident: str, label: str, text: str, lang: str | None) -> None:
        key = where(exc)
        old = crashes.get(key)
        n = old[4] + 1 if old else 1
        if old is None or len(text) < len(old[2]):
            crashes[key] = (ident, label, text, lang, n)  # type: ignore[assignment]
        else:
            crashes[key] = (*old[:4], n)  # type: ignore[assignment]

    for text in EDGE:
        for lang in (None, "en", "uk", "ru"):
            runs += 1
            exc = run_one(text, date(2026, 1, 2), lang)
            if exc is not None:
                record(exc, "edge", "edge", text, lang)
    for n, (ident, lang, text, published) in enumerate(texts, start=1):
        if args.stop_first and crashes:
            break
        for label, variant in variants(text, lang, rng, args.quick):
            for given in (lang, None):
                runs += 1
                exc = run_one(variant, published, given)
                if exc is not None:
                    record(exc, ident, label, variant, given)
            if args.stop_first and crashes:
                break
            if args.cli and text_problem(variant) is None and rng.random() < 0.1:
                batch.append(
                    {"id": f"{ident}/{label}", "published": str(published), "text": variant}
                )
        if n % 20 == 0:
            print(
                f"  {n}/{len(texts)} texts, {runs} runs, {len(crashes)} kinds, "
                f"{time.monotonic() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    if args.heldout:
        failed = sum(c[4] for c in crashes.values())
        print(f"held-out: {runs} runs over {len(texts)} texts: {failed} crashed")
        for key, (_ident, label, _text, lang, count) in sorted(crashes.items()):
            print(f"  {count:5d}  {key}  ({label}, lang={lang})")  # where in the code only
        return 1 if failed else 0
    status = 0
    with (args.out / "crashes.jsonl").open("w", encoding="utf-8") as out:
        for key, (ident, label, text, lang, count) in sorted(crashes.items()):
            out.write(
                json.dumps(
                    {
                        "where": key,
                        "count": count,
                        "from": ident,
                        "variant": label,
                        "lang": lang,
                        "text": text,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(
        f"{runs} runs over {len(texts)} texts in {time.monotonic() - started:.0f} s: "
        f"{len(crashes)} kinds of crash"
    )
    for key, (ident, label, _text, lang, count) in sorted(crashes.items()):
        print(f"  {count:5d}  {key}  (shortest: {ident} {label} lang={lang})")
    if crashes:
        status = 1
    if args.cli and batch:
        status |= _batch_and_cli(batch, args.out)
    return status


def _batch_and_cli(batch: list[dict[str, str]], out: Path) -> int:
    from trucewatch.api import Trucewatch

    items = [(b["id"], b["text"], date.fromisoformat(b["published"])) for b in batch]
    try:
        done = list(Trucewatch.extract_many(items))
        assert len(done) == len(items)
        print(f"batch: {len(items)} texts through extract_many, no crash")
        status = 0
    except Exception:
        print("batch: extract_many crashed:\n" + traceback.format_exc())
        status = 1
    path = out / "batch.jsonl"
    path.write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in batch), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "trucewatch", "extract", "--jsonl", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stdout.count("\n")
    ok = proc.returncode == 0 and "Traceback" not in proc.stderr and lines == len(batch)
    print(
        f"cli: extract --jsonl over {len(batch)} lines: exit {proc.returncode}, "
        f"{lines} lines out{'' if ok else ' -- FAILED: ' + proc.stderr[-2000:]}"
    )
    return status | (0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main())
