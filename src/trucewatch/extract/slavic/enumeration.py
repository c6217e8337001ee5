"""Weapons listed after a count ("71 ракетою: 32 балістичними ..., 28 крилатими ...") in the gloss.

A total followed by a colon and its parts is the total: the parts break it down, whether or
not they add up to it ("28 крилатими ракетами Х-101 та Іскандер-К" is one item of two types,
not 28 and one more). English writes such a breakdown "N of them", which its rules read as
part of the total before it ("71 missiles: 32 of them ballistic missiles ..."); a weapon
listed with no number of its own ("«Кинджал», чотири «Іскандер-М»") is left uncounted. Parts
with no stated total before them are not touched, and add up.
"""

from __future__ import annotations

import re
from collections import deque
from functools import lru_cache

from trucewatch.extract.lexicon import lexicon

__all__ = ["Enumeration"]

_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
#: Pieces that end an enumeration, and those that open its next item.
_ENDS = frozenset({".", "!", "?"})
_ITEM_OPENERS = frozenset({",", "and", ";", "-"})
#: What English writes after a part of a total, and the source's own words for it ("з них").
_PART = " of them"
_PARTITIVES = ("of them", "of which")
#: Words of harm that open a clause, never an item of a list of weapons.
_HARM = frozenset({"damaged", "injured", "killed", "wounded", "hit"})


@lru_cache(maxsize=1)
def _weapon_words() -> frozenset[str]:
    """Words that name a launched weapon (missiles and drones) in the English lexicon."""
    classes = lexicon().weapon_classes
    return frozenset(classes["missiles"] | classes["drones"])


@lru_cache(maxsize=8192)
def _weapon(english: str) -> bool:
    """The piece names a launched weapon (asked of every piece: the same glosses again)."""
    words = english.lower().replace("/", " ").split()
    return any(w in _weapon_words() for w in words)


class Enumeration:
    """Follows the gloss piece by piece; `piece` returns the English to write for each."""

    def __init__(self, role_verbs: frozenset[str] = frozenset()) -> None:
        self.role_verbs = role_verbs  # "shot down", "launched": "N of them were shot down"
        self.recent: deque[str] = deque(maxlen=4)
        self.listing = False  # inside a list opened by "N <weapons>:"
        self.item_open = False  # the current item has not yet named its count or weapon
        self.count = ""  # the sentence's last count of weapons ("5 ballistic missiles" -> "5")
        self.parted = False  # the piece written last was a count marked as a part

    def piece(self, english: str, new_line: bool, source: str) -> str:
        """The English for one piece (`source` its text): " of them" after the count that
        opens an item; a colon that opens a list stays a colon (a language may otherwise
        gloss it as a semicolon joining two clauses)."""
        if new_line or english in _ENDS:
            self.listing, self.count = False, ""
        if _weapon(english):
            counted = [p for p in list(self.recent)[-3:] if _DIGITS.match(p)]
            if counted:
                self.count = counted[-1]
        if self.parted and english:
            self.parted = False
            # "30 з яких знищено": the source says "of which" itself
            english = next(
                (english[len(p) :].lstrip() for p in _PARTITIVES if english.startswith(p)),
                english,
            )
            if english in self.role_verbs:  # "один сбит": "1 of them were shot down"
                english = "were " + english
        if source == ":" and self._counted_weapon():
            english, self.listing, self.item_open = ":", True, True
        elif self.listing and english in _ITEM_OPENERS:
            self.item_open = True
        elif self.listing and self.item_open and english in _HARM:
            # "15 беспилотников: повреждены дома, ранены трое": the colon opened what the
            # drones did, not a list of them; a number after it counts people
            self.listing = self.item_open = False
        elif self.listing and self.item_open and english:
            if _DIGITS.match(english):
                english += _PART
                self.item_open, self.parted = False, True
            elif _weapon(english):
                self.item_open = False
        if english:
            self.recent.append(english)
        return english

    def _counted_weapon(self) -> bool:
        """The pieces before the colon count a weapon: "38 missiles", "3 cruise missiles"."""
        pieces = list(self.recent)
        return any(
            _DIGITS.match(p) and any(_weapon(q) for q in pieces[k + 1 :])
            for k, p in enumerate(pieces)
        )
