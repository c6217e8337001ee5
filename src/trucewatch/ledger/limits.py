"""Limits of the ledger's columns, checked before writing, the same on every backend.

Text: PostgreSQL enforces ``VARCHAR(n)`` and SQLite does not, so without this check an id or
source that SQLite accepts would fail on PostgreSQL with a driver error halfway through a batch.
The limits are read from the schema itself: one home for each number. Whole numbers: a strike's
counts are 64-bit integer columns on both backends (``BIGINT_MOST``), so a count beyond that
(a typo of 25 digits) is refused by name here instead of failing in the driver.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table

from trucewatch.errors import InputError
from trucewatch.ledger.projections import STRIKE_COUNTS, STRIKE_FIGURES
from trucewatch.ledger.schema import claims, entries, pledges, reports, strike_reports, strikes
from trucewatch.model import Claim, Pledge, Report, Strike

__all__ = [
    "BIGINT_MOST",
    "check_claim",
    "check_entries",
    "check_pledge",
    "check_report",
    "check_report_data",
    "check_reports_data",
    "check_strike",
    "check_strike_data",
    "check_strikes_data",
]


#: The largest whole number a BigInteger column holds (SQLite's INTEGER and PostgreSQL's bigint).
BIGINT_MOST = 2**63 - 1


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
    _check_report(
        rep.id,
        rep.content_hash,
        rep.key,
        rep.format,
        rep.source,
        rep.source_kind.value,
        rep.locator,
    )


def check_reports_data(batch: Sequence[Mapping[str, Any]]) -> None:
    """``check_report`` of reports given as their payloads: a batch whose every value fits is
    passed in one look per column; otherwise the first too long is named as one by one."""
    columns = {
        "id": "id",
        "content_hash": "content_hash",
        "upstream_key": "key",
        "format": "format",
        "source": "source",
        "source_kind": "source_kind",
    }
    if not all(_fits(reports, column, (d[key] for d in batch)) for column, key in columns.items()):
        for data in batch:
            check_report_data(data)


def check_strikes_data(batch: Sequence[Mapping[str, Any]]) -> None:
    """``check_strike`` of strikes given as their payloads, a batch at a time (as above)."""
    if not (
        _fits(strikes, "id", (d["id"] for d in batch))
        and _fits(strikes, "attacker", (d["attacker"] for d in batch))
        and _fits(strike_reports, "report_id", (r for d in batch for r in d["reports"]))
        and all(_in_bigint(v) for d in batch for _, v in _numbers_of_data(d))
    ):
        for data in batch:
            check_strike_data(data)


def _fits(table: Table, column: str, values: Iterable[Any]) -> bool:
    """Whether no text value is longer than ``table.column`` stores."""
    most = limit(table, column)
    return most is None or max((len(v) for v in values if isinstance(v, str)), default=0) <= most


def check_report_data(data: Mapping[str, Any]) -> None:
    """``check_report`` of a report given as its payload."""
    _check_report(
        data["id"],
        data["content_hash"],
        data["key"],
        data["format"],
        data["source"],
        data["source_kind"],
        data["locator"],
    )


def _check_report(
    id: str,
    content_hash: str,
    key: str | None,
    fmt: str,
    source: str,
    source_kind: str,
    locator: str | None,
) -> None:
    check(
        reports,
        {
            "id": id,
            "content_hash": content_hash,
            "upstream_key": key,
            "format": fmt,
            "source": source,
            "source_kind": source_kind,
        },
        f"report {id[:40]} ({locator or source[:80]})",
    )


def check_strike(strike: Strike) -> None:
    numbers = [(name, getattr(strike, name)) for name in STRIKE_FIGURES]
    for name in STRIKE_COUNTS:
        quantity = getattr(strike, name)
        if quantity is not None:
            numbers += [(f"{name}.min", quantity.min), (f"{name}.max", quantity.max)]
    _check_strike(strike.id, strike.attacker, strike.reports, numbers)


def check_strike_data(data: Mapping[str, Any]) -> None:
    """``check_strike`` of a strike given as its payload."""
    _check_strike(data["id"], data["attacker"], data["reports"], _numbers_of_data(data))


def _numbers_of_data(data: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(field, value) of the whole numbers a strike's payload holds."""
    numbers = [(name, data.get(name)) for name in STRIKE_FIGURES]
    for name in STRIKE_COUNTS:
        quantity = data.get(name) or {}
        numbers += [(f"{name}.min", quantity.get("min")), (f"{name}.max", quantity.get("max"))]
    return numbers


def _in_bigint(value: Any) -> bool:
    return not isinstance(value, int) or -BIGINT_MOST - 1 <= value <= BIGINT_MOST


def _check_strike(
    id: str, attacker: str | None, report_ids: Iterable[str], numbers: Iterable[tuple[str, Any]]
) -> None:
    what = f"strike {id[:40]}"
    check(strikes, {"id": id, "attacker": attacker}, what)
    for report_id in report_ids:
        check(strike_reports, {"report_id": report_id}, what)
    for name, value in numbers:
        if not _in_bigint(value):
            raise InputError(
                f"{what}: {name} is {value}; the ledger stores whole numbers up to {BIGINT_MOST:,}",
                code="E808",
            )


def check_pledge(pledge: Pledge) -> None:
    check(pledges, {"id": pledge.id}, f"pledge {pledge.id[:80]}")


def check_claim(claim: Claim) -> None:
    where = f" ({claim.source[:80]})" if claim.source else ""
    check(
        claims,
        {"id": claim.id, "speaker": claim.speaker, "pledge": claim.pledge},
        f"claim {claim.id[:40]}{where}",
    )


def check_entries(items: Sequence[tuple[str, str]]) -> None:
    """Kinds and keys of entries about to be appended (all in one look when they fit)."""
    if _fits(entries, "kind", (i[0] for i in items)) and _fits(
        entries, "key", (i[1] for i in items)
    ):
        return
    for kind, key in items:
        check(entries, {"kind": kind, "key": key}, f"entry {kind} {key[:40]}")
