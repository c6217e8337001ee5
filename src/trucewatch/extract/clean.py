"""Typographic noise inside words, read past as a person reads past it.

A text copied from a web page or a chat may carry characters no one sees that split its words
for the rules: soft hyphens ("dro\u00adnes", from ``&shy;``), zero-width spaces and joiners,
stress marks ("беспило\u0301тников"), a letter written as a base and a combining mark ("и" and
a breve for "й"), and letters of the other alphabet drawn alike ("Харкiв" typed with a Latin
i, "drоnes" with a Cyrillic о). The rules read the text with these made plain, and every span
they report is moved back onto the text as given.
"""

from __future__ import annotations

import re
import unicodedata

from trucewatch.extract.results import Extraction

__all__ = ["plain_text", "restore"]

#: Invisible characters dropped: soft hyphen, zero-width space, joiners, word joiner, BOM.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_NOISE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff\u0300-\u036f\u0483-\u0489]")
#: Letters drawn alike in the two alphabets, Latin to Cyrillic and back.
_LATIN, _CYRILLIC = "aceopxyiACEHKMOPTXBI", "асеорхуіАСЕНКМОРТХВІ"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_MIXED = re.compile(r"(?=[^\W\d_]*[a-zA-Z])(?=[^\W\d_]*[а-яёіїєґА-ЯЁІЇЄҐ])[^\W\d_]+")
_IS_LATIN = re.compile(r"[a-zA-Z]")
_IS_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")


def plain_text(text: str) -> tuple[str, list[int] | None]:
    """`text` with its noise made plain, and where each of its characters stands in `text`
    (None when nothing changed: the text is read as given)."""
    if text.isascii():
        return text, None
    if _NOISE.search(text) is None and _MIXED.search(text) is None:
        return text, None
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c in _INVISIBLE:
            continue
        if unicodedata.combining(c):
            if chars:
                both = unicodedata.normalize("NFC", chars[-1] + c)
                if len(both) == 1:
                    chars[-1] = both  # "и" and a breve: "й"
            continue  # a stress mark: dropped
        chars.append(c)
        where.append(i)
    plain = _MIXED.sub(_one_alphabet, "".join(chars))
    return plain, where


def _one_alphabet(m: re.Match[str]) -> str:
    """A word of both alphabets in the one most of its letters are in (Cyrillic on a tie)."""
    word = m.group()
    latin = len(_IS_LATIN.findall(word))
    cyrillic = len(_IS_CYRILLIC.findall(word))
    return word.translate(_TO_LATIN if latin > cyrillic else _TO_CYRILLIC)


def restore(found: Extraction, text: str, where: list[int] | None) -> Extraction:
    """`found` (read from the plain text) with `text` as its text and its spans on `text`."""
    if where is None:
        return found
    size = len(where)

    def back(a: int, b: int) -> tuple[int, int]:
        start = where[a] if a < size else len(text)
        end = where[b - 1] + 1 if 0 < b <= size and b > a else start
        return start, end

    for item in (*found.strikes, *found.pledges):
        item.evidence = {k: [back(a, b) for a, b in v] for k, v in item.evidence.items()}
    found.text = text
    return found
