"""trucewatch: make ceasefire promises checkable.

``trucewatch.open(db)`` opens (creating if needed) a ledger at a SQLite path or a
``postgresql://`` URL and returns a :class:`Trucewatch` whose methods ingest, add pledges,
list strikes, judge and verify.

Importing the package is light: the facade (and with it SQLAlchemy) loads on first use of
``Trucewatch`` or ``open``; polars, httpx and spaCy load only when a method needs them.
"""

from typing import TYPE_CHECKING, Any

from trucewatch.errors import (
    ClaimError,
    FetchError,
    InputError,
    IntegrityError,
    LedgerError,
    NotFoundError,
    PledgeError,
    PolicyError,
    PolicyFileError,
    RenderError,
    RowError,
    TrucewatchError,
)
from trucewatch.model import (
    Claim,
    ClaimAssertion,
    Credibility,
    GeoPrecision,
    Place,
    Pledge,
    PledgeStatus,
    Quantity,
    Reading,
    Report,
    Scope,
    SourceKind,
    Strike,
    TimePrecision,
    Verdict,
    VerdictKind,
)

if TYPE_CHECKING:
    from trucewatch.api import Trucewatch, open

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``Trucewatch`` and ``open`` come from :mod:`trucewatch.api`, imported when first asked."""
    if name in ("Trucewatch", "open"):
        from trucewatch import api

        return getattr(api, name)
    raise AttributeError(f"module 'trucewatch' has no attribute {name!r}")


__all__ = [
    "Claim",
    "ClaimAssertion",
    "ClaimError",
    "Credibility",
    "FetchError",
    "GeoPrecision",
    "InputError",
    "IntegrityError",
    "LedgerError",
    "NotFoundError",
    "Place",
    "Pledge",
    "PledgeError",
    "PledgeStatus",
    "PolicyError",
    "PolicyFileError",
    "Quantity",
    "Reading",
    "RenderError",
    "Report",
    "RowError",
    "Scope",
    "SourceKind",
    "Strike",
    "TimePrecision",
    "Trucewatch",
    "TrucewatchError",
    "Verdict",
    "VerdictKind",
    "__version__",
    "open",
]
