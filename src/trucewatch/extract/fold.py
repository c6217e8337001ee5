"""Case-insensitive regexes run as plain ones on lowercased text, which `re` does much faster."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Folded", "Gate", "folded", "holds"]

_FOLD_UNSAFE = frozenset("ıſİ")  # re.I matches these to ASCII letters; lower() does not
# Keyed by id(): a Pattern hashes and compares by its whole compiled code, microseconds a lookup.
# Each entry keeps its pattern alive, so no other object takes its id while it is here.
_PLAIN: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}

#: What a text must hold for a pattern to match in it: one of some words, or a match of a regex.
Gate = tuple[str, ...] | re.Pattern[str]


def holds(low: str, gate: Gate) -> bool:
    """Whether the lowercased text `low` holds one of the words of `gate` (or a match of it)."""
    if isinstance(gate, tuple):
        return any(w in low for w in gate)
    return gate.search(low) is not None


def folded(text: str) -> str | None:
    """`text.lower()` when a plain match on it finds what re.I finds in `text`, else None.

    Offsets carry over: lower() keeps the length and the word characters of safe texts.
    """
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text):
        return None
    for c in set(text):
        if c.isascii():
            continue
        if c in _FOLD_UNSAFE or c.isalnum() != c.lower().isalnum():
            return None
    return low


def plain(pat: re.Pattern[str]) -> re.Pattern[str]:
    """The re.I pattern `pat` without re.I, for lowercased text (its source must be lowercase)."""
    entry = _PLAIN.get(id(pat))
    if entry is not None and entry[0] is pat:
        return entry[1]
    src = pat.pattern
    bare = src.replace("(?P<", "").replace("(?P=", "")
    if not pat.flags & re.I or bare != bare.lower():
        raise ValueError(f"not a lowercase re.I pattern: {src[:40]!r}")
    got = re.compile(src, pat.flags & ~re.I)
    _PLAIN[id(pat)] = (pat, got)
    return got


class Folded:
    """A text with its folded form: search and finditer pick the fast way when they can."""

    __slots__ = ("low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = folded(text)

    def search(self, pat: re.Pattern[str]) -> re.Match[str] | None:
        """`pat.search(text)`, spans alike (group texts lowercased on the fast way)."""
        if self.low is None:
            return pat.search(self.text)
        return plain(pat).search(self.low)

    def finditer(self, pat: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """`pat.finditer(text)`, spans alike (group texts lowercased on the fast way)."""
        if self.low is None:
            return pat.finditer(self.text)
        return plain(pat).finditer(self.low)
