"""Reading query parameters and cursors, with errors that say which parameter and why."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import Query

from trucewatch._inputs import YEAR_MAX, YEAR_MIN
from trucewatch.errors import PolicyError
from trucewatch.times import KYIV_ZONE, kyiv_midnight
from trucewatch.web.errors import WebError

__all__ = ["MAX_LIMIT", "Seq", "bundled_policy", "day", "decode_cursor", "encode_cursor", "moment"]

MAX_LIMIT = 1000
# A ledger sequence number as a query parameter: within the databases' 64-bit integers.
Seq = Annotated[int, Query(ge=0, le=2**63 - 1, description="a ledger entry's sequence number")]


def moment(value: str | None, name: str, *, end: bool = False) -> datetime | None:
    """A day (Kyiv; ``end`` takes the day after's midnight) or an ISO 8601 instant, in the
    years every input may have (1900-2100)."""
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            found_day = _in_range(date.fromisoformat(value), name, value)
            if end:
                found_day += timedelta(days=1)
            return kyiv_midnight(found_day)
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise WebError(
            422, "E612", f"{name}={value!r}: give a day YYYY-MM-DD or an ISO 8601 time"
        ) from None
    _in_range(found.date(), name, value)
    return found if found.tzinfo else found.replace(tzinfo=KYIV_ZONE)


def day(value: str, name: str) -> date:
    """A day YYYY-MM-DD in the years every input may have (1900-2100)."""
    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise WebError(422, "E612", f"{name}={value!r}: give a day as YYYY-MM-DD") from None
    return _in_range(found, name, value)


def _in_range(found: date, name: str, value: str) -> date:
    # Year 1 or 9999 would overflow the arithmetic of Kyiv midnights and windows.
    if not YEAR_MIN <= found.year <= YEAR_MAX:
        raise WebError(422, "E612", f"{name}={value!r}: outside the years {YEAR_MIN}-{YEAR_MAX}")
    return found


def bundled_policy(value: str | None) -> str | None:
    """A bundled policy's id (None: the default). The library also loads policy files by
    path; a caller of the server may not make it open one, so anything else is E124."""
    from trucewatch.respond.policy import bundled_policies

    known = [p.id for p in bundled_policies()]
    if value is None or value in known:
        return value
    raise PolicyError(
        f"policy {value!r}: not a bundled policy; use one of {', '.join(known)} "
        "(the server reads no policy files)",
        code="E124",
    )


def encode_cursor(key: dict[str, Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    """The key a cursor of ours carries; E611 for anything else."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, dict) or set(key) != set(fields):
        raise WebError(
            422, "E611", "cursor: not one this server issued; use the `next` value of a page"
        )
    if not all(isinstance(key[f], (str, int)) for f in fields):
        raise WebError(422, "E611", "cursor: malformed; use the `next` value of a page")
    return key
