"""The early skips that speed the English readers (`read_counts`, `ordinal_tolls`,
`weapons_named` pass over tokens no rule of theirs starts at) change no answer: each reads
every sentence of the own passages as it does with its skip turned off."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trucewatch.extract import counts, ordinals, weapons
from trucewatch.extract.pipeline import default_extractor
from trucewatch.extract.tokens import doc_tokens

OWN = Path(__file__).parent / "fixtures" / "own"
# Each word a count rule starts at, told once more
EXTRA = [
    "A man was killed and his wife was wounded; a woman died and her son was hurt.",
    "One person was killed and another wounded. Another two died in hospital.",
    "All of them were shot down, none of the missiles hit. Both drones were downed.",
    "The drone hit a house. Its debris injured a dozen people, their neighbours said.",
    "She became the 13th person to die; the twenty-first victim was a child.",
]


class _Every:
    """A set that holds every word: with it as the skip's set, no token is skipped."""

    def __contains__(self, item: object) -> bool:
        return True


def _sentences() -> list[list[Any]]:
    nlp = default_extractor().nlp
    out = []
    texts = list(EXTRA)
    for path in sorted(OWN.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    for text in texts:
        table = doc_tokens(nlp(text))
        out.extend(table.toks[a:b] for a, b in table.sents)
    return out


@pytest.fixture(scope="module")
def sentences() -> list[list[Any]]:
    got = _sentences()
    assert len(got) > 500
    return got


def _read(sentences: list[list[Any]]) -> list[Any]:
    out: list[Any] = []
    for toks in sentences:
        out.append(counts.read_counts(toks))
        out.append(counts.read_counts(toks, "drone"))
        out.append(ordinals.ordinal_tolls(toks))
        out.append(weapons.weapons_named(toks))
    return out


def test_the_skips_change_no_reading(
    sentences: list[list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _read(sentences)
    monkeypatch.setattr(counts, "_COUNT_START", _Every())
    monkeypatch.setattr(ordinals, "_COUNTED", _Every())
    monkeypatch.setattr(weapons, "_naming", lambda lex: _Every())
    slow = _read(sentences)
    assert fast == slow
    assert any(fast[0::4]) and any(fast[2::4]) and any(fast[3::4])


def test_every_weapon_word_is_read() -> None:
    lex = weapons.lexicon()
    naming = weapons._naming(lex)
    for cls in weapons.WEAPON_CLASSES:
        assert lex.weapon_classes[cls] <= naming
    assert lex.weapon_cues["rocket_nouns"] | lex.weapon_cues["bomb_nouns"] <= naming
    assert weapons.weapons_named(doc_tokens(default_extractor().nlp("Grad rockets")).toks) == [
        "artillery"
    ]
