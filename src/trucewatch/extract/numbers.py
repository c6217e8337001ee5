"""Numbers and quantity ranges in English news text: digits, number words, bounds, ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_DIGITS",
    "Qty",
    "bound_kind",
    "hyphen_range",
    "make_qty",
    "parse_number",
    "word_value",
]

#: A run of more digits than this is no count (a count beyond the ledger's range, 20 digits or
#: so, is still read, and refused when recorded); Python will not read a few thousand digits.
MAX_DIGITS = 100

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
ORDINAL_WORDS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "last": 0}

# Words before a number that bound it from below, from above, or approximate it.
LOWER_BOUND = (
    "more than",
    "over",
    "at least",
    "upwards of",
    "in excess of",
    "no fewer than",
    "no less than",
    "more then",
)
UPPER_BOUND = ("up to", "nearly", "almost", "fewer than", "less than", "as many as", "under")
APPROX = ("about", "around", "approximately", "some", "roughly", "an estimated", "circa", "approx.")

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+$|^\d+$")
_HYPHEN_RANGE = re.compile(r"^(\d[\d,]*)[-\u2013](\d[\d,]*)$")
_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)?$")


@dataclass(frozen=True, slots=True)
class Qty:
    """A count as a range; an open end is None ("more than 200" -> Qty(200, None))."""

    min: int | None
    max: int | None

    @property
    def exact(self) -> int | None:
        """The single value when the range is closed and degenerate."""
        return self.min if self.min is not None and self.min == self.max else None

    @property
    def as_int(self) -> int | None:
        """An integer reading: exact value or lower bound ("over 50" -> 50), else None."""
        return self.min

    def __add__(self, other: Qty) -> Qty:
        lo = None if self.min is None or other.min is None else self.min + other.min
        hi = None if self.max is None or other.max is None else self.max + other.max
        return Qty(lo, hi)


def word_value(word: str) -> int | None:
    """The value of one number word or digit string ("nine" -> 9, "2,935" -> 2935)."""
    w = word.lower().strip()
    if not w:
        return None
    if w[0].isdigit():
        digits = re.sub(r"[,\u202f\u00a0 ]", "", w)
        if _DIGITS.match(w) and len(digits) <= MAX_DIGITS:
            return int(digits)
        return None
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if "-" in w and _WORD.match(w):
        a, b = w.split("-", 1)
        if a in TENS and b in UNITS and UNITS[b] < 10:
            return TENS[a] + UNITS[b]
    return None


def is_number_word(word: str) -> bool:
    """Whether a token is a number (digits or words, scale words included)."""
    return word_value(word) is not None or word.lower() in SCALES


def parse_number(words: list[str]) -> tuple[int, int] | None:
    """Parse a run of number tokens; returns (value, tokens used) or None.

    Handles "three hundred", "1,200", "2 thousand", "twenty-one", "one hundred and five".
    """
    total = 0
    current: int | None = None
    used = 0
    i = 0
    scaled = False  # the last word was "hundred" (or "hundred and"): tens and units may follow
    while i < len(words):
        w = words[i].lower()
        v = word_value(w)
        if v is not None:
            if current is not None and scaled and v < 100 and not w[0].isdigit():
                current += v  # "one hundred and eighty", "two hundred forty-five"
            elif current is not None and current >= 20 and v < 10 and current % 10 == 0:
                current += v
            elif current is not None:
                break
            else:
                current = v
            scaled = False
            used = i + 1
        elif w in SCALES and current is not None:
            current *= SCALES[w]
            scaled = SCALES[w] == 100
            if SCALES[w] >= 1000:
                total += current
                current = None
            used = i + 1
        elif w == "and" and current is not None and current >= 100 and i + 1 < len(words):
            nxt = word_value(words[i + 1])
            if nxt is None or nxt >= 100:
                break
        else:
            break
        i += 1
    if used == 0:
        return None
    return total + (current or 0), used


def hyphen_range(word: str) -> tuple[int, int] | None:
    """A range written as one token: "350-500"."""
    m = _HYPHEN_RANGE.match(word)
    if not m:
        return None
    a, b = word_value(m.group(1)), word_value(m.group(2))
    if a is None or b is None or a > b:
        return None
    return a, b


def bound_kind(before: list[str]) -> str | None:
    """Classify the words just before a number: "min", "max", "approx" or None."""
    text = " ".join(w.lower() for w in before)
    for phrase in LOWER_BOUND:
        if text.endswith(phrase):
            return "min"
    for phrase in UPPER_BOUND:
        if text.endswith(phrase):
            return "max"
    for phrase in APPROX:
        if text.endswith(phrase):
            return "approx"
    return None


def make_qty(value: int, bound: str | None) -> Qty:
    """A quantity from a value and the bound that precedes it."""
    if bound == "min":
        return Qty(value, None)
    if bound == "max":
        return Qty(None, value)
    return Qty(value, value)
