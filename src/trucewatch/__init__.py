"""trucewatch: make ceasefire promises checkable.

``trucewatch.open(db)`` opens (creating if needed) a ledger at a SQLite path or a
``postgresql://`` URL and returns a :class:`Trucewatch` whose methods ingest, add pledges,
list strikes, judge and verify.
"""

from trucewatch.api import Trucewatch, open
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

__version__ = "0.1.0"

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
