"""trucewatch.extract: read strikes and pledges from news text (rule-based, on spaCy)."""

from trucewatch.extract.convert import to_pledge_draft, to_strike
from trucewatch.extract.numbers import Qty
from trucewatch.extract.pipeline import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extractor,
    default_extractor,
    extract,
)
from trucewatch.extract.results import ExtractedPledge, ExtractedStrike, Extraction

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
