"""Which language a text is in: English, Ukrainian or Russian, from its letters and words."""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "detect_language"]

LANGUAGES = ("en", "uk", "ru")

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
# Letters only one of the two languages writes, and frequent words only one of them uses.
_UK_LETTERS = re.compile(r"[іїєґ]", re.I)
_RU_LETTERS = re.compile(r"[ыэъё]", re.I)
_UK_WORDS = re.compile(
    r"(?<!\w)(?:що|та|як|це|від|під|вночі|також|він|вона|було|були|й|його|її|із|зі)(?!\w)", re.I
)
# "и", "к" and "его" are not Ukrainian words (it writes "і"/"й", "до", "його")
_RU_WORDS = re.compile(
    r"(?<!\w)(?:что|это|как|от|под|ночью|также|он|она|было|были|и|к|его|ее)(?!\w)", re.I
)
#: A text is Cyrillic when this share of its letters is (English quotes a Russian word or two).
_CYRILLIC_SHARE = 0.3


def detect_language(text: str) -> str:
    """ "en", "uk" or "ru": Cyrillic against Latin letters, then the letters and words each uses."""
    sample = text[:4000]
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr == 0 or cyr < _CYRILLIC_SHARE * (cyr + lat):
        return "en"
    uk = 3 * len(_UK_LETTERS.findall(sample)) + 2 * len(_UK_WORDS.findall(sample))
    ru = 3 * len(_RU_LETTERS.findall(sample)) + 2 * len(_RU_WORDS.findall(sample))
    return "uk" if uk >= ru else "ru"
