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


def plain_spaces(text: str) -> str:
    """`text` with its typographic spaces as " " and the spaces grouping a number's thousands
    as ","; the same length, so offsets into it are offsets into `text`."""
    if not any(c in text for c in _ODD):
        return text
    text = _GROUPED.sub(lambda m: _GROUP_SPACE.sub(",", m.group()), text)
    return text.translate(_TO_SPACE)
