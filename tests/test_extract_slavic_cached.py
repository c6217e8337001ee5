"""The Slavic reader's fast paths give what the plain ones give: the analyser's cached answers
(`slavic.morph`) are those pymorphy3 gives word by word; the gloss's tokens are its regex's."""

from __future__ import annotations

import pytest

from trucewatch.extract.slavic.gloss import _TOKEN, tokenize
from trucewatch.extract.slavic.morph import fold, morph

WORDS = {
    "uk": ["киян", "ракета", "наносила", "оголошене", "володимира", "дронів", "xyz", "б", ""],
    "ru": ["горожан", "наносила", "объявленное", "владимира", "ракеты", "беспилотник", "qq"],
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_cached_tags_answer_as_the_analyser(lang: str) -> None:
    m = morph(lang)
    for word in WORDS[lang]:
        parses = m._analyzer.parse(word)
        tag = parses[0].tag if parses else None
        for _ in range(2):  # asked again: from the cache
            assert m.animate(word) == (tag is not None and tag.POS == "NOUN" and "anim" in tag), (
                word
            )
            assert m.past(word) == (tag is not None and "past" in tag), word
            assert m.passive(word) == (tag is not None and "pssv" in tag), word
            assert m.first_name(word) == (tag is not None and "Name" in tag), word


@pytest.mark.parametrize(
    "text",
    [
        "Вночі 23 жовтня ворог атакував Х-101/Х-555 і 12 ударними БпЛА;  о 20:30 — вибух.",
        "  Ёлки, п’ятеро поранених\nв Харькове: 1 120 дронов, 12345678901234 рублей!",
        "",
    ],
)
def test_tokens_are_the_regex_matches_with_the_space_before(text: str) -> None:
    toks = tokenize(text)
    matches = list(_TOKEN.finditer(text))
    assert [(t.text, t.start, t.end, t.kind) for t in toks] == [
        (m.group(), m.start(), m.end(), m.lastgroup or "punct") for m in matches
    ]
    assert all(t.lower == fold(t.text) for t in toks)
    assert "".join(t.space + t.text for t in toks) == text[: toks[-1].end if toks else 0]
