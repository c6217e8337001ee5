"""Plural agreement for the counts the pages and the brief print: one home for "1 breach"."""

from __future__ import annotations

__all__ = ["noun"]

_HISSING = ("s", "x", "z", "ch", "sh")


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """The form of ``singular`` that agrees with ``count``: "breach" for 1, "breaches" for 0 or 2.

    The plural is regular English ("strike" -> "strikes", "entry" -> "entries") unless given.
    Only the word is returned, so callers print the number their own way (thousands, a span).
    """
    if count == 1:
        return singular
    if plural is not None:
        return plural
    if singular.endswith(_HISSING):
        return singular + "es"
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "i", "o", "u"):
        return singular[:-1] + "ies"
    return singular + "s"
