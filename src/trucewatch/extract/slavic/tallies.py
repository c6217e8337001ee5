"""The General Staff's tallies: the war's losses and the day's front, not strikes.

"Загальні бойові втрати противника з 24.02.22 по 03.06.25 орієнтовно склали: ... крилаті
ракети — 3 350 (+2), БпЛА — 38 700 (+112)": every line after the heading counts weapons since
the invasion began. The English rules see each line as a sentence of its own, where the
heading's "since" does not reach, so the tally is found here, over the source text, and the
gloss leaves its words unread.

"Минулої доби відбулося 186 бойових зіткнень ... залучив для ураження 2 430 дронів-камікадзе":
the day's summary of the whole front (its combat clashes, shellings, air strikes and drones)
adds up many attacks; its paragraph is a tally too. So are the parts of a count of a truce's
violations listed after a colon.
"""

from __future__ import annotations

import re

__all__ = ["tally_spans"]

#: "Загальні бойові втрати противника", "бойові втрати ворога", "Общие боевые потери противника".
_HEADING = re.compile(
    r"\b(?:бойов(?:і|их)\s+втрат\w*|боев(?:ые|ых)\s+потер\w*)\s+"
    r"(?:противника|ворога|врага|рф|росії|россии|окупантів|оккупантов)",
    re.I,
)
#: The tally runs to the end of its paragraph (a blank line) or of the text.
_PARAGRAPH_END = re.compile(r"\n\s*\n")
#: The day's front-wide summary counts combat clashes ("бойових зіткнень", "боевых
#: столкновений") over the day ("минулої доби", "за добу", "за сутки").
_CLASHES = re.compile(r"\b(?:бойов\w*\s+зіткнен\w*|боев\w*\s+столкновен\w*)", re.I)
_DAY = re.compile(r"\b(?:доб[аиу]|сутки|суток)\b", re.I)
#: A count of a truce's violations with its parts after a colon: "нарушила собственное
#: перемирие 734 раза: 63 штурма, 586 обстрелов позиций, 176 ударов FPV-дронов" (the parts
#: add up many attacks, none a strike of its own).
_VIOLATIONS_LISTED = re.compile(
    r"(?:наруш|поруш)\w*[^.!?\n:]{0,80}?\d[\d\s\u00a0]*\s*раз\w*"
    r"(?:,[^.!?\n:]{0,80})?\s*:",  # "..., заявил глава МИД Андрей Сибига:"
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def tally_spans(source: str) -> list[tuple[int, int]]:
    """Source spans of the tallies in a text: each losses heading to its paragraph's end, and
    each paragraph that sums up the day's combat clashes."""
    out: list[tuple[int, int]] = []
    for m in _HEADING.finditer(source):
        close = _PARAGRAPH_END.search(source, m.end())
        out.append((m.start(), close.start() if close is not None else len(source)))
    start = 0
    for end in (*(p.start() for p in _PARAGRAPH_END.finditer(source)), len(source)):
        paragraph = source[start:end]
        if _CLASHES.search(paragraph) and _DAY.search(paragraph):
            out.append((start, end))
        start = end
    for m in _VIOLATIONS_LISTED.finditer(source):
        close = _SENTENCE_END.search(source, m.end())
        out.append((m.end(), close.start() if close is not None else len(source)))
    return out
