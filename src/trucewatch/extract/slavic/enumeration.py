"""Weapons listed after a count ("38 ракет: «Кинджал», чотири «Іскандер-М», ...") in the gloss.

Ukrainian and Russian write a single weapon in such a list with no number and no article
("аеробалістичний «Кинджал»"); English writes "a Kinzhal", and its rules count that as one, so
the items add up to the total they break down. Without it, the items fall short of the total
and the English rules take them for more weapons on top of it.
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


@lru_cache(maxsize=1)
def _weapon_words() -> frozenset[str]:
    """Words that name a launched weapon (missiles and drones) in the English lexicon."""
    classes = lexicon().weapon_classes
    return frozenset(classes["missiles"] | classes["drones"])


def _weapon(english: str) -> bool:
    words = english.lower().replace("/", " ").split()
    return any(w in _weapon_words() for w in words)


class Enumeration:
    """Follows the gloss piece by piece; `piece` returns the English to write for each."""

    def __init__(self) -> None:
        self.recent: deque[str] = deque(maxlen=4)
        self.listing = False  # inside a list opened by "N <weapons>:"
        self.item_open = False  # the current item has not yet named its count or weapon

    def piece(self, english: str, new_line: bool, plural: bool) -> str:
        """The English for one piece: "a " before a lone singular weapon that opens an item."""
        if new_line or english in _ENDS:
            self.listing = False
        if english == ":" and self._counted_weapon():
            self.listing, self.item_open = True, True
        elif self.listing and english in _ITEM_OPENERS:
            self.item_open = True
        elif self.listing and self.item_open and english:
            if _DIGITS.match(english):
                self.item_open = False
            elif _weapon(english):
                self.item_open = False
                if not plural:
                    english = "a " + english
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
