"""The analyser's cached answers (`slavic.morph`) are those pymorphy3 gives word by word."""

from __future__ import annotations

import pytest

from trucewatch.extract.slavic.morph import morph

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
