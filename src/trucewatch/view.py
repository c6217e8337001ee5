"""What the lower layers (``report/``, ``respond/``) read from an open ledger.

They take any object with these methods, so they never import the facade above them;
:class:`trucewatch.api.Trucewatch` is the one the commands pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from trucewatch.claims.check import ClaimCheck
    from trucewatch.claims.link import Link
    from trucewatch.judge.engine import Judge
    from trucewatch.ledger.chain import StoredEntry
    from trucewatch.ledger.checkpoint import Checkpoint
    from trucewatch.model import Claim, Pledge, Report, Strike, Verdict

__all__ = ["LedgerView"]


class LedgerView(Protocol):
    """Pledges, merged strikes, reports, the judge, the claims checked, the head and checkpoint."""

    @property
    def db(self) -> str: ...

    @property
    def judge_engine(self) -> Judge: ...

    def pledges(self, *, include_drafts: bool = True) -> list[Pledge]: ...

    def pledge(self, pledge_id: str) -> Pledge: ...

    def strike_records(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        merged: bool = True,
    ) -> list[Strike]: ...

    def strikes_for(
        self, pledges: Sequence[Pledge], *, reading: str | None = None, merged: bool = True
    ) -> list[Strike]: ...

    def reports(self, ids: Sequence[str] | None = None) -> list[Report]: ...

    def stored_verdicts(
        self, *, pledge: str | None = None, reading: str | None = None, what_if: bool = False
    ) -> list[Verdict]: ...

    def claims(self, *, pledge: str | None = None) -> list[Claim]: ...

    def claim_links(self, claims: Sequence[Claim] | None = None) -> dict[str, Link]: ...

    def check_claims(
        self, *, pledge: str | None = None, claim: str | None = None
    ) -> list[ClaimCheck]: ...

    def head(self) -> StoredEntry | None: ...

    def latest_checkpoint(self) -> Checkpoint | None: ...
