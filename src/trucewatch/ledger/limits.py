"""Length limits of the ledger's text columns, checked before writing, the same on every backend.

PostgreSQL enforces ``VARCHAR(n)`` and SQLite does not, so without this check an id or source
that SQLite accepts would fail on PostgreSQL with a driver error halfway through a batch. The
limits are read from the schema itself: one home for each number.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table

from trucewatch.errors import InputError
from trucewatch.ledger.schema import entries, pledges, reports, strike_reports, strikes
from trucewatch.model import Pledge, Report, Strike

__all__ = ["check_entries", "check_pledge", "check_report", "check_strike"]


@functools.cache
def limit(table: Table, column: str) -> int | None:
    """The most characters ``table.column`` stores, or None when it has no limit."""
    length = getattr(table.c[column].type, "length", None)
    return int(length) if length else None


def check(table: Table, values: Mapping[str, Any], what: str) -> None:
    """Raise E801 naming the thing and field when a text value is longer than its column."""
    for name, value in values.items():
        most = limit(table, name)
        if most is not None and isinstance(value, str) and len(value) > most:
            raise InputError(
                f"{what}: {name} is {len(value)} characters long; the ledger stores at most "
                f"{most} ({value[:40]!r}...)",
                code="E801",
            )


def check_report(rep: Report) -> None:
    check(
        reports,
        {
            "id": rep.id,
            "content_hash": rep.content_hash,
            "upstream_key": rep.key,
            "format": rep.format,
            "source": rep.source,
            "source_kind": rep.source_kind.value,
        },
        f"report {rep.id[:40]} ({rep.locator or rep.source[:80]})",
    )


def check_strike(strike: Strike) -> None:
    what = f"strike {strike.id[:40]}"
    check(strikes, {"id": strike.id, "attacker": strike.attacker}, what)
    for report_id in strike.reports:
        check(strike_reports, {"report_id": report_id}, what)


def check_pledge(pledge: Pledge) -> None:
    check(pledges, {"id": pledge.id}, f"pledge {pledge.id[:80]}")


def check_entries(items: Iterable[tuple[str, str]]) -> None:
    """Kinds and keys of entries about to be appended."""
    for kind, key in items:
        check(entries, {"kind": kind, "key": key}, f"entry {kind} {key[:40]}")
