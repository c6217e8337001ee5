"""Tolls told by an ordinal: "became the 13th person to die", "the seventh victim of the strike"."""

from __future__ import annotations

import re

from trucewatch.extract.counts import Count
from trucewatch.extract.numbers import TENS, Qty
from trucewatch.extract.tokens import Tok

__all__ = ["ORDINALS", "ordinal_tolls", "ordinal_value"]

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENTHS = {word[:-1] + "ieth": n for word, n in TENS.items()}  # "twentieth", "thirtieth"
ORDINALS: dict[str, int] = {**_UNITS, **_TEENS, **_TENTHS}
for _tens, _n in TENS.items():
    for _unit, _u in _UNITS.items():
        ORDINALS[f"{_tens}-{_unit}"] = _n + _u  # "twenty-third"

_DIGIT_ORDINAL = re.compile(r"^(\d{1,4})(?:st|nd|rd|th)$")
# The person counted: "the 13th person to die", "the seventh victim", "the third death".
_VICTIM = frozenset({"victim", "death", "fatality"})
_PERSON = frozenset({"person", "man", "woman", "child", "civilian", "resident"})
_DIED = frozenset({"die", "be"})  # "to die", "to be killed"
_COUNTED = _VICTIM | _PERSON  # the word after the ordinal is one of these, or no toll


def ordinal_value(word: str) -> int | None:
    """The number an ordinal names ("13th", "twenty-third"), or None."""
    w = word.lower()
    m = _DIGIT_ORDINAL.match(w)
    if m:
        return int(m.group(1))
    return ORDINALS.get(w)


def ordinal_tolls(toks: list[Tok]) -> list[Count]:
    """Tolls told as the rank of the last victim: "Amelina became the 13th person to die as a
    result of the strike" (13 killed). Not "the third attack", nor "a second drone"."""
    out: list[Count] = []
    for i in range(1, len(toks) - 1):
        if toks[i + 1].lower_ not in _COUNTED:
            continue  # no toll whatever the ordinal (read below only after one of these)
        n, first = ordinal_value(toks[i].text), i
        if n is not None and n < 10 and i >= 3 and toks[i - 1].text == "-":
            tens = TENS.get(toks[i - 2].lower_)
            if tens is not None:
                n, first = tens + n, i - 2  # "the twenty-first victim" read in three tokens
        if n is None or n < 2 or toks[first - 1].lower_ != "the":
            continue  # "the first victim" tells no toll
        nxt = toks[i + 1].lower_
        died = nxt in _PERSON and i + 3 < len(toks) and toks[i + 2].lower_ == "to"
        died = died and toks[i + 3].lower_ in _DIED
        killed = nxt in _PERSON and i + 2 < len(toks) and toks[i + 2].lower_ in ("killed", "dead")
        if nxt in _VICTIM or died or killed:
            a, b = toks[first], toks[i]
            out.append(Count("killed", "value", Qty(n, n), (a.idx, b.idx + len(b))))
    return out
