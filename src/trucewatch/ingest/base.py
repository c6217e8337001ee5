"""What every reader yields: a report, the strike it describes (if any), or a bad row.

A reader is a generator over one input. It never raises for a bad row: it yields a
``RowError`` naming the file, line and problem, and goes on, so a batch keeps its good rows.
The ledger decides what is new (by content hash) and records it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from trucewatch.errors import RowError
from trucewatch.model import Report, Strike

__all__ = ["Parsed", "ReaderOutput", "RowBatch"]


@dataclass(frozen=True)
class Parsed:
    """One report with the strikes it supports (none for rows that are not attacks)."""

    report: Report
    strikes: tuple[Strike, ...] = field(default=())


ReaderOutput = Iterator[Parsed | RowError]


@dataclass
class RowBatch:
    """A batch of a dataset file for the ledger's batch write (``Ledger.record_data``):
    reports and strikes as their payloads (what ``model_dump(mode="json")`` gives), the bad
    rows among them, and how many rows it stands for (bad ones included)."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    strikes: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
