"""Gazetteer of Ukrainian places, Crimea and the Russian regions near Ukraine."""

from __future__ import annotations

import gc
from functools import lru_cache

from trucewatch.errors import GazetteerError
from trucewatch.geo.gazetteer import Gazetteer
from trucewatch.geo.text import transliterate

__all__ = ["Gazetteer", "default_gazetteer", "require_gazetteer", "transliterate"]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built (or read from the disk cache) on first use.

    Its objects live as long as the process, so they are moved out of the garbage collector's
    view (``gc.freeze``): every full collection during an ingest used to walk them all again
    (a quarter of a 10,000-row ACLED ingest).
    """
    gazetteer = Gazetteer()
    gc.freeze()
    return gazetteer


def require_gazetteer() -> Gazetteer:
    """The shared gazetteer, or an error that names what is missing (never a silent None)."""
    try:
        return default_gazetteer()
    except ImportError as exc:
        raise GazetteerError(
            f"the gazetteer cannot be built: module {exc.name or exc} is missing; "
            "reinstall trucewatch with its dependencies (pip install trucewatch)",
            code="E191",
        ) from exc
    except OSError as exc:
        raise GazetteerError(
            f"the gazetteer cannot be read or cached ({exc}); check TRUCEWATCH_CACHE",
            code="E192",
        ) from exc
