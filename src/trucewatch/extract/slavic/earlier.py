"""Victims of an earlier attack told beside a new one: their attack is not the new one.

"В больнице скончался мужчина, раненный при атаке на Раменское неделей ранее": the man
belongs to the earlier attack, whose place and date the participle's phrase names. The
English rules would read that place and date into the strike told around it, so the gloss
writes the whole phrase as "of wounds from an earlier attack" (which they read as no place and
no date), found here over the source text.
"""

from __future__ import annotations

import re

__all__ = ["earlier_wounds"]

_MONTHS = r"(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
#: "скончался ..., раненный при атаке на X 10 июня": a death, then the wound's attack with a
#: date or a word for earlier ("ранее", "накануне", "на прошлой неделе").
_EARLIER = re.compile(
    r"\b(?:скончал\w*|умер(?:ла|ли)?)\b[^.!?;\n]{0,80}?"
    r"(?P<wound>\b(?:раненн?\w*|пострадавш\w*|получивш\w+\s+ранени\w*|травмированн\w*)\s+"
    r"(?:при|во\s+время|в\s+результате|в\s+ходе)\s+"
    r"[^.!?;\n]*?(?:\b\d{1,2}\s+" + _MONTHS + r"|\bранее\b|\bнакануне\b|\bпрошл\w+\s+недел\w*)"
    r"[^.!?;\n]*)",
    re.I,
)


def earlier_wounds(source: str) -> list[tuple[int, int]]:
    """Source spans of the phrases that tell an earlier attack a victim was wounded in."""
    return [m.span("wound") for m in _EARLIER.finditer(source)]
