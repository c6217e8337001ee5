"""Who a clause lays an attack at the door of, when sides argue over it.

A report of a disputed attack tells more than one side as its author: one side blames the
other ("Pushilin said, blaming Ukrainian artillery"), the side blamed denies it and blames back
("denied that they had fired on the city and said Russia was responsible"), a side is said to
have staged it ("the Russians had staged the attack themselves"), or an investigation names a
stray weapon of the side first blamed's victim ("most likely a stray Ukrainian air-defence
missile"). Each such clause names a side; when one attack collects two, the text leaves its
attacker open.
"""

from __future__ import annotations

import re

__all__ = ["offers_cause", "sides_told"]

_RU = r"russia|russians?|russia's|russia’s|moscow|moscow's"
_UA = r"ukraine|ukrainians?|ukraine's|ukraine’s|kyiv|kyiv's|kiev"
_SIDE = rf"(?P<side>{_RU}|{_UA})"
_BY = r"(?:[\w-]+\s+){0,2}?"  # "Ukrainian forces", "the Ukrainian army", "Kyiv's troops"

# Blame and accusation: "blaming Ukrainian artillery", "blamed Kyiv for the attack",
# "accused Ukraine of shelling", "said Russia was responsible", "Russia was to blame".
_BLAMES = (
    re.compile(rf"\bblam(?:e|ed|es|ing)\s+(?:the\s+)?{_SIDE}\b", re.I),
    # accused of the attack, not of a pretext: "accused Moscow of using a false pretext"
    re.compile(
        rf"\baccus(?:e|ed|es|ing)\s+(?:the\s+)?{_SIDE}\s+{_BY}of\s+"
        r"(?:shelling|attacking|striking|firing|launching|hitting|bombing|targeting)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:said|says|saying|insisted|added)\s+(?:that\s+)?(?:the\s+)?{_SIDE}\s+{_BY}"
        r"(?:was|were|is|are)\s+(?:responsible|to\s+blame|behind\s+(?:it|the))\b",
        re.I,
    ),
)
# A side that denies the attack lays it, by denying, at its own door (and the text at odds):
# "Russia's defence ministry denied it had fired", "a Ukrainian spokesman rejected the
# accusation" (not "rejected the claim", which may be any claim: a target's, a toll's).
_DENIES = re.compile(
    rf"\b{_SIDE}\b[^.;]{{0,60}}?\b(?:den(?:y|ies|ied|ying)\s+(?:that\s+)?"
    r"(?:it|they|its\s+(?:forces|troops|army)|any\s+involvement|responsibility|firing|"
    r"shelling|having|the\s+(?:accusation|charge))|"
    r"rejected\s+the\s+(?:accusation|charge)s?)\b",
    re.I,
)
# A false flag: "the Russians had staged the attack themselves to blame Kyiv".
_STAGED = re.compile(rf"\b{_SIDE}\s+(?:had\s+|have\s+|has\s+)?staged\b", re.I)
# A weapon gone astray, or a cause offered as possible: "a stray Ukrainian air-defence
# missile", "a Russian glide bomb or air-defence missile could have caused the blast".
_STRAY = (
    re.compile(rf"\b(?:stray|errant|misfired|malfunctioning)\s+{_SIDE}\b", re.I),
    re.compile(
        rf"\b{_SIDE}\s+[^.;]{{0,50}}?\b(?:could|may|might)\s+have\s+"
        r"(?:caused|been\s+(?:behind|responsible))\b",
        re.I,
    ),
)
_ALL = (*_BLAMES, _DENIES, _STAGED, *_STRAY)


def _side(word: str) -> str:
    return "RU" if word.lower().startswith(("russ", "moscow")) else "UA"


def sides_told(text: str) -> set[str]:
    """The sides a clause lays the attack at the door of ("RU", "UA"): blamed, accused,
    denying, staging, or named by a stray weapon or a possible cause."""
    out: set[str] = set()
    for pat in _ALL:
        for m in pat.finditer(text):
            out.add(_side(m.group("side")))
    return out


def offers_cause(text: str) -> bool:
    """A clause naming a weapon gone astray or a possible cause, not an attack told."""
    return any(pat.search(text) for pat in _STRAY)
