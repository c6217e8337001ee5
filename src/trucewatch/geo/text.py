"""Text forms of place names: lookup keys, the Ukrainian national romanisation, suffixes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "APOSTROPHES",
    "is_cyrillic",
    "is_latin_name",
    "key",
    "split_suffix",
    "transliterate",
]

APOSTROPHES = "'’ʼ`´‘ʹ"
_APOSTROPHE_TABLE = str.maketrans({c: None for c in APOSTROPHES})
_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(r"\s*[-‐‑–—]\s*")

# Cabinet of Ministers of Ukraine resolution No. 55 of 27 January 2010.
# Letters with two spellings: the first at the start of a word, the second elsewhere.
_INITIAL_ONLY = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e", "ё": "yo",
}  # fmt: skip

# Words that end a name and say what kind of unit it is: "Odesa oblast", "Kursk region".
_UNIT_WORDS = (
    "oblast", "oblasts", "oblas", "oblast'", "obl", "region", "province", "provinces", "regions",
    "krai", "kray", "territory", "область", "обл", "області", "регіон", "край", "oblysti",
)  # fmt: skip
_SUFFIX = re.compile(
    r"^(?P<stem>.+?)[\s,]+(?P<unit>" + "|".join(re.escape(w) for w in _UNIT_WORDS) + r")\.?$"
)


def _strip_latin_marks(text: str) -> str:
    """Drop accents from Latin letters only, so Cyrillic й and ї keep their marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """Lookup key: casefolded, no accents on Latin letters, no apostrophes, hyphens as spaces."""
    text = _strip_latin_marks(unicodedata.normalize("NFKC", name)).casefold()
    text = text.translate(_APOSTROPHE_TABLE).replace("ё", "е")
    text = _HYPHENS.sub(" ", text)
    return _SPACES.sub(" ", text).strip(' .,;:()"')


def split_suffix(k: str) -> tuple[str, str] | None:
    """Split a key such as "odesa oblast" into ("odesa", "oblast"); None without a unit word."""
    match = _SUFFIX.match(k)
    if match is None:
        return None
    return match.group("stem").strip(" ,"), match.group("unit")


def _word_start(text: str, index: int) -> bool:
    """Whether the letter at index opens a word (apostrophes do not split words)."""
    if index == 0:
        return True
    previous = text[index - 1]
    return not (previous.isalpha() or previous in APOSTROPHES)


def _cased(latin: str, source: str, text: str, index: int) -> str:
    """Give the romanised letters the case of the Cyrillic letter they replace."""
    if not source.isupper() or not latin:
        return latin
    neighbours = text[index + 1 : index + 2] or text[index - 1 : index]
    if neighbours.isalpha() and neighbours.isupper() and len(text) > 1:
        return latin.upper()
    return latin.capitalize()


@lru_cache(maxsize=100_000)
def transliterate(text: str) -> str:
    """Romanise Ukrainian by the national system of 2010: "Білогородка" -> "Bilohorodka"."""
    out: list[str] = []
    lower = text.lower()
    for index, ch in enumerate(text):
        low = lower[index]
        if low in APOSTROPHES:
            continue
        if low == "г" and index > 0 and lower[index - 1] == "з":
            latin = "gh"
        elif low in _INITIAL_ONLY:
            initial, medial = _INITIAL_ONLY[low]
            latin = initial if _word_start(text, index) else medial
        elif low in _LETTERS:
            latin = _LETTERS[low]
        else:
            out.append(ch)
            continue
        out.append(_cased(latin, ch, text, index) if ch != low else latin)
    return "".join(out)


def is_cyrillic(text: str) -> bool:
    """Whether every letter of the text is Cyrillic."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("CYRILLIC" in unicodedata.name(c, "") for c in letters)


def is_latin_name(text: str) -> bool:
    """Whether text looks like a Latin-script proper name ("Kiev", not "kiyebha" or "IEV")."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not text[:1].isupper() or text.isupper():
        return False
    if any("LATIN" not in unicodedata.name(c, "") for c in letters):
        return False
    return all(c.isalpha() or c in " -" or c in APOSTROPHES for c in text)
