"""trucewatch.extract: read strikes and pledges from news text (rule-based, on spaCy).

The spaCy pipeline (``Extractor``, ``extract``, ``default_extractor`` and the version names)
is imported on first use, not with the package: the date, number and lexicon helpers that
claims and the CLI use must not pull spaCy (0.9 s) into every command.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from trucewatch.extract.convert import to_pledge_draft, to_strike
from trucewatch.extract.numbers import Qty
from trucewatch.extract.results import ExtractedPledge, ExtractedStrike, Extraction

if TYPE_CHECKING:
    from trucewatch.extract.pipeline import (
        EXTRACTOR_NAME,
        EXTRACTOR_VERSION,
        Extractor,
        default_extractor,
        extract,
    )

_LAZY = frozenset(
    {"EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extractor", "default_extractor", "extract"}
)


def __getattr__(name: str) -> Any:
    """The spaCy-backed names, imported from ``pipeline`` when first asked for."""
    if name in _LAZY:
        return getattr(import_module("trucewatch.extract.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "ExtractedPledge",
    "ExtractedStrike",
    "Extraction",
    "Extractor",
    "Qty",
    "default_extractor",
    "extract",
    "to_pledge_draft",
    "to_strike",
]
