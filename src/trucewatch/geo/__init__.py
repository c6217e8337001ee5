"""Gazetteer of Ukrainian places, Crimea and the Russian regions near Ukraine."""

from __future__ import annotations

from functools import lru_cache

from trucewatch.geo.gazetteer import Gazetteer
from trucewatch.geo.text import transliterate

__all__ = ["Gazetteer", "default_gazetteer", "transliterate"]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built (or read from the disk cache) on first use."""
    return Gazetteer()
