"""Typographic spaces read as plain ones, keeping every character where it was."""

from __future__ import annotations

import re

__all__ = ["plain_spaces"]

# No-break, figure, thin, narrow no-break and the other fixed-width spaces: the tokenizer
# splits only at " ", so "40\u00a0drones" was one number and a token of its own.
_ODD = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
_TO_SPACE = str.maketrans(dict.fromkeys(_ODD, " "))
# Thousands grouped by such a space ("1\u00a0200", "38\u202f700"): one number, as "1,200".
_GROUPED = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{_ODD}]\d{{3}})+(?!\d)")
_GROUP_SPACE = re.compile(rf"[{_ODD}]")
# Thousands grouped by a plain space ("1 200 drones"), not after a code or a time ("Kh-59 100",
# "at 02:30 120"), nor a run of figures going on (a decimal "1 200.5", a phone number
# "0 800 21 77 10": a number opens with no 0).
_PLAIN_GROUPED = re.compile(r"(?<![\w.,:/-])[1-9]\d{0,2}(?: \d{3})+(?!\d|[.,]\d| \d)")
# ... nor a day after its month ("March 3 120 drones" is 3 March and 120 drones).
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I
)


def plain_spaces(text: str) -> str:
    """`text` with its typographic spaces as " " and the spaces grouping a number's thousands
    as ","; the same length, so offsets into it are offsets into `text`."""
    text = _PLAIN_GROUPED.sub(lambda m: _plain_group(text, m), text)
    if not any(c in text for c in _ODD):
        return text
    text = _GROUPED.sub(lambda m: _GROUP_SPACE.sub(",", m.group()), text)
    return text.translate(_TO_SPACE)


def _plain_group(text: str, m: re.Match[str]) -> str:
    if _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return m.group()
    return m.group().replace(" ", ",")
