"""What every command shares: the open ledger, consoles, output formats and date options."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, decode, read_text_file
from trucewatch.api import IngestResult, Trucewatch
from trucewatch.errors import InputError
from trucewatch.ledger.chain import StoredEntry
from trucewatch.plural import noun
from trucewatch.times import kyiv_midnight

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

    def close(self) -> None:
        """Close the ledger if a command opened it (disposes its engine and connections)."""
        if self._tw is not None:
            self._tw.close()
            self._tw = None


def tw(ctx: typer.Context) -> Trucewatch:
    """The ledger named by the global ``--db`` option."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Context)
    return obj.tw


LangOpt = Annotated[
    str | None,
    typer.Option(help="Language of the text: en, uk or ru (default: detected per text)."),
]


def read_text_arg(file: Path | None) -> tuple[str, str]:
    """(name, text) of a text file argument; '-' or none reads standard input."""
    if file is None or str(file) == "-":
        return "<stdin>", decode(sys.stdin.buffer.read(), "<stdin>")
    return str(file), read_text_file(file)


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option as a date; the one parser of date options (error E104).

    Days outside the years the app supports are refused here: a day at the edge of the
    calendar (0001-01-01, 9999-12-31) would otherwise overflow once shifted by a day or a zone.
    """
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"{option}: {text!r} is not a date; write YYYY-MM-DD", code="E104"
        ) from exc
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise InputError(
            f"{option}: {text!r} is outside the years {YEAR_MIN}-{YEAR_MAX}", code="E104"
        )
    return day


def parse_day(text: str | None, option: str, *, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD option as the start (or, for --to, the end) of that Kyiv-local day."""
    day = parse_date(text, option)
    if day is None:
        return None
    return kyiv_midnight(day + timedelta(days=1) if end else day)


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


MAX_ERRORS_SHOWN = 20


PARTIAL = 3


def report_result(result: IngestResult) -> None:
    """Say what an ingest added, and list the bad rows it skipped.

    Exits 3 (partial) when some rows were rejected, and 2 when none could be used (the wrong
    file or format): never 0 as if there were simply nothing new.
    """
    _say(result)
    if result.errors:
        usable = result.rows > len(result.errors)
        raise typer.Exit(PARTIAL if usable else 2)


def _say(result: IngestResult) -> None:
    s = result.summary
    for error in result.errors[:MAX_ERRORS_SHOWN]:
        err_console.print(f"[yellow]skipped[/yellow] {error}", highlight=False, soft_wrap=True)
    if (more := len(result.errors) - MAX_ERRORS_SHOWN) > 0:
        err_console.print(f"... and {more} more bad {noun(more, 'row')}")
    if s.added_nothing:
        console.print(
            f"{result.source}: nothing new ({s.reports_known} "
            f"{noun(s.reports_known, 'report')} and {s.strikes_unchanged} "
            f"{noun(s.strikes_unchanged, 'strike')} already in the ledger)",
            highlight=False,
        )
    else:
        console.print(
            f"{result.source}: {s.reports_new} new {noun(s.reports_new, 'report')} "
            f"({s.reports_known} known), {s.strikes_new} new {noun(s.strikes_new, 'strike')}, "
            f"{s.strikes_amended} amended, "
            f"{len(result.errors)} bad {noun(len(result.errors), 'row')} skipped",
            highlight=False,
        )


def ingest_with_progress(t: Trucewatch, fmt: str, path: Path, labels: Path | None) -> IngestResult:
    """Run a reader under a rich progress bar measured in bytes of the input."""
    size = path.stat().st_size if path.is_file() else None
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(f"{fmt} {path.name}", total=size)

        def advance(done: int) -> None:
            bar.update(task, completed=done)

        return t.ingest_format(fmt, path, labels=labels, progress=advance)
