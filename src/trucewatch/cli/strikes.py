"""``trucewatch strikes ...``: list strikes and show one with the reports behind it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, TextIO

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import (
    Format,
    console,
    emit_rows,
    history_json,
    parse_day,
    print_history,
    tw,
)
from trucewatch.judge.rules import fmt_strike_time
from trucewatch.model import Strike
from trucewatch.plural import noun
from trucewatch.times import zone

app = typer.Typer(help="Strikes recorded in the ledger.", no_args_is_help=True)
COLUMNS = [
    "id",
    "attacker",
    "start",
    "end",
    "time_precision",
    "drones",
    "missiles",
    "drones_downed",
    "missiles_downed",
    "places",
    "targets",
    "killed",
    "injured",
    "credibility",
    "reports",
]

#: Up to this many strikes ``strikes list`` draws a rich table; above it, it writes the same
#: columns and values as plain fixed-width lines, one strike at a time. Rich lays out the whole
#: table before printing a line (about 1 ms a row: 19,527 rows of one month on a 1M-strike
#: ledger took 14-49 s), which is no way to read a long list.
TABLE_ROWS_MAX = 200
TABLE_HEADERS = ("id", "by", "when (Kyiv)", "drones", "missiles", "places", "targets", "grade")
#: Plain-table column widths (the last column is not padded). A longer value is written whole
#: and pushes the rest of its line right: columns are always two spaces or more apart.
PLAIN_WIDTHS = (18, 3, 46, 9, 9, 60, 24)
PLACES_SHOWN = 60


def strike_row(s: Strike) -> dict[str, Any]:
    """A strike flattened for tables and CSV."""
    local = zone(s.tz)
    return {
        "id": s.id,
        "attacker": s.attacker,
        "start": s.start.astimezone(local).isoformat(),
        "end": s.end.astimezone(local).isoformat(),
        "time_precision": s.time_precision.value,
        "drones": str(s.drones) if s.drones else None,
        "missiles": str(s.missiles) if s.missiles else None,
        "drones_downed": s.drones_downed,
        "missiles_downed": s.missiles_downed,
        "places": "; ".join(p.name for p in s.places) or "; ".join(s.place_names),
        "targets": "; ".join(s.targets),
        "killed": s.killed,
        "injured": s.injured,
        "credibility": s.credibility.value,
        "reports": len(s.reports),
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="First Kyiv day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last Kyiv day, YYYY-MM-DD.")] = None,
    attacker: Annotated[
        str | None, typer.Option(help="Only strikes by this party (RU, UA).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.TABLE,
) -> None:
    """Strikes overlapping the period, oldest first.

    Up to 200 strikes are drawn as a table; a longer list is written as plain fixed-width lines
    with the same columns and values, one strike at a time.
    """
    found = tw(ctx).strike_records(
        start=parse_day(from_, "--from"),
        end=parse_day(to, "--to", end=True),
        attacker=attacker,
        sources=fmt is Format.JSON,  # the table and CSV do not show who published the reports
    )
    if fmt is Format.JSON:
        emit_rows([s.model_dump(mode="json") for s in found], fmt, [])
        return
    if fmt is Format.CSV:
        emit_rows([strike_row(s) for s in found], fmt, COLUMNS)
        return
    if len(found) > TABLE_ROWS_MAX:
        write_plain(found, sys.stdout)
    else:
        console.print(strikes_table(found))
        console.print(f"{len(found)} {noun(len(found), 'strike')}", highlight=False)


def table_cells(s: Strike) -> tuple[str, ...]:
    """A strike's cells under ``TABLE_HEADERS``, the same in the rich and the plain table."""
    return (
        s.id,
        s.attacker or "?",
        fmt_strike_time(s),
        str(s.drones) if s.drones else "-",
        str(s.missiles) if s.missiles else "-",
        ("; ".join(p.name for p in s.places) or "; ".join(s.place_names))[:PLACES_SHOWN] or "-",
        "; ".join(s.targets) or "-",
        s.credibility.value,
    )


def strikes_table(found: Sequence[Strike]) -> Table:
    """A short list as a rich table."""
    table = Table(*TABLE_HEADERS)
    for s in found:
        table.add_row(*table_cells(s))
    return table


def _plain_line(cells: Sequence[str]) -> str:
    padded = [c.ljust(w) for c, w in zip(cells, PLAIN_WIDTHS, strict=False)]
    return "  ".join([*padded, *cells[len(PLAIN_WIDTHS) :]]).rstrip() + "\n"


def write_plain(found: Iterable[Strike], out: TextIO) -> None:
    """A long list as fixed-width lines: a header, a line per strike as it comes, the count."""
    out.write(_plain_line(TABLE_HEADERS))
    n = 0
    for s in found:
        out.write(_plain_line(table_cells(s)))
        n += 1
    out.write(f"{n} {noun(n, 'strike')}\n")


@app.command("show")
def show(
    ctx: typer.Context,
    strike_id: Annotated[str, typer.Argument(help="Strike id (or a unique prefix).")],
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.TABLE,
) -> None:
    """One strike with every report behind it and its history in the ledger."""
    t = tw(ctx)
    strike = t.strike(strike_id)
    reports = t.reports(list(strike.reports))
    history = t.history(strike.id)
    if fmt is Format.JSON:
        out = strike.model_dump(mode="json")
        out["report_details"] = [r.model_dump(mode="json") | {"lang": r.lang} for r in reports]
        out["history"] = history_json(history)
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    row = strike_row(strike)
    console.print(
        f"[bold]{strike.id}[/bold] by {strike.attacker or '?'}, {fmt_strike_time(strike)}",
        highlight=False,
    )
    for key in COLUMNS[5:14]:
        if row[key] not in (None, ""):
            console.print(f"  {key}: {row[key]}", highlight=False)
    if strike.models:
        console.print(f"  models: {', '.join(strike.models)}", highlight=False)
    for note in strike.notes:
        console.print(f"  note: {note}", highlight=False)
    console.print(f"reports ({len(reports)}):")
    for r in reports:
        console.print(
            # escaped: rich took "[media]" for a style tag and dropped it
            escape(
                f"  {r.id} {r.source} [{r.source_kind.value}{f', {r.lang}' if r.lang else ''}] "
                f"{r.locator or ''} {r.url or ''}"
            ),
            highlight=False,
        )
    print_history(history)
