"""What every command shares: the open ledger, consoles, output formats and date options."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.ledger.chain import StoredEntry
from trucewatch.model import KYIV

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class Context:
    """Per-invocation state: the ledger location, opened on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._tw: Trucewatch | None = None

    @property
    def tw(self) -> Trucewatch:
        if self._tw is None:
            self._tw = Trucewatch(self.db)
        return self._tw


def tw(ctx: typer.Context) -> Trucewatch:
    """The ledger named by the global ``--db`` option."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Context)
    return obj.tw


def parse_day(text: str | None, option: str, *, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD option as the start (or, for --to, the end) of that Kyiv-local day."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"{option}: {text!r} is not a date; write YYYY-MM-DD", code="E104"
        ) from exc
    moment = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(KYIV))
    return moment + timedelta(days=1) if end else moment


def emit_rows(rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[str]) -> None:
    """Print rows as JSON or CSV on stdout (tables are drawn by each command)."""
    if fmt is Format.JSON:
        sys.stdout.write(json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n")
    elif fmt is Format.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def history_json(history: Sequence[StoredEntry]) -> list[dict[str, Any]]:
    """A key's ledger entries, oldest first, for JSON output."""
    return [{"seq": e.seq, "kind": e.kind, "recorded_at": e.recorded_at} for e in history]


def print_history(history: Sequence[StoredEntry]) -> None:
    """A key's ledger entries, oldest first, one line each."""
    console.print("history:")
    for e in history:
        console.print(f"  #{e.seq} {e.recorded_at} {e.kind}", highlight=False)
