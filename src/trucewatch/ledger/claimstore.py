"""Claims in the ledger: record them, settle their pledge, and read them back.

A claim is recorded once (``claim.recorded``; the same claim again adds nothing) and a person
settles which pledge it is about with ``claim.linked``. Both are ordinary log entries, so
claims are chained, verified and rebuilt like everything else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select

from trucewatch.errors import NotFoundError
from trucewatch.ledger.limits import check_claim
from trucewatch.ledger.projections import CLAIM_LINKED, CLAIM_RECORDED, apply_claim
from trucewatch.ledger.schema import claims, pledges
from trucewatch.ledger.store import Ledger, NewEntry
from trucewatch.model import Claim

__all__ = ["claim", "link_claim", "list_claims", "record_claims"]


def record_claims(ledger: Ledger, new: Sequence[Claim], note: str | None = None) -> list[str]:
    """Record claims; returns 'added', 'amended' or 'unchanged' for each, in order.

    All are checked first (lengths the ledger stores, E801; a named pledge the ledger holds,
    E721, as ``claims link`` requires), so a bad claim records none of them.
    """
    for item in new:
        check_claim(item)
    outcomes: list[str] = []
    todo: list[NewEntry] = []
    with ledger.engine.begin() as conn:
        named = {item.pledge: item for item in new if item.pledge is not None}
        known = _known_pledges(conn, named)
        for pledge_id, item in named.items():
            if pledge_id not in known:
                where = f" ({item.source})" if item.source else ""
                raise _unknown_pledge(pledge_id, f"claim {item.id}{where}: ")
        seen: dict[str, dict[str, object]] = {}
        for item in new:
            data = item.model_dump(mode="json")
            old = seen.get(item.id)
            if old is None:
                row = conn.execute(select(claims.c.payload).where(claims.c.id == item.id)).first()
                old = json.loads(row[0]) if row else None
            if old is not None and apply_claim(old, CLAIM_RECORDED, data) == old:
                outcomes.append("unchanged")
                continue
            outcomes.append("added" if old is None else "amended")
            seen[item.id] = apply_claim(old, CLAIM_RECORDED, data)
            todo.append(NewEntry(CLAIM_RECORDED, item.id, {"data": data, "note": note}))
        ledger.append(todo, conn)
    return outcomes


def link_claim(ledger: Ledger, claim_id: str, pledge_id: str, note: str | None = None) -> str:
    """A person settles the claim's pledge: 'linked', or 'unchanged' when it already was."""
    found = claim(ledger, claim_id)
    with ledger.engine.connect() as conn:
        if not _known_pledges(conn, [pledge_id]):
            raise _unknown_pledge(pledge_id)
    if found.pledge == pledge_id and found.link == "manual":
        return "unchanged"
    entry = NewEntry(CLAIM_LINKED, found.id, {"data": {"pledge": pledge_id}, "note": note})
    ledger.append([entry])
    return "linked"


def _known_pledges(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the ledger holds as pledges (drafts too)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    return set(conn.scalars(select(pledges.c.id).where(pledges.c.id.in_(wanted))))


def _unknown_pledge(pledge_id: str, where: str = "") -> NotFoundError:
    return NotFoundError(
        f"{where}pledge {pledge_id!r} is not in the ledger; see `trucewatch pledges list`",
        code="E721",
    )


def list_claims(ledger: Ledger) -> list[Claim]:
    """Every claim, latest version, in the order they were said."""
    query = select(claims.c.payload).order_by(claims.c.said, claims.c.id)
    with ledger.engine.connect() as conn:
        return [Claim.model_validate_json(r[0]) for r in conn.execute(query)]


def claim(ledger: Ledger, claim_id: str) -> Claim:
    """One claim by id, or by a unique id prefix of at least 6 characters."""
    with ledger.engine.connect() as conn:
        row = conn.execute(select(claims.c.payload).where(claims.c.id == claim_id)).first()
        rows = [row] if row else []
        if not rows and len(claim_id) >= 6:
            query = select(claims.c.payload).where(claims.c.id.startswith(claim_id))
            rows = list(conn.execute(query.limit(2)).all())
    if len(rows) != 1:
        what = "matches several claims" if rows else "is not in the ledger"
        raise NotFoundError(f"claim {claim_id!r} {what}; see `trucewatch claims list`", code="E720")
    return Claim.model_validate_json(rows[0][0])
