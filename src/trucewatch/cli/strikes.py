"""``trucewatch strikes ...``: list strikes and show one with the reports behind it."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
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
    """Strikes overlapping the period, oldest first."""
    found = tw(ctx).strike_records(
        start=parse_day(from_, "--from"), end=parse_day(to, "--to", end=True), attacker=attacker
    )
    if fmt is Format.JSON:
        emit_rows([s.model_dump(mode="json") for s in found], fmt, [])
        return
    rows = [strike_row(s) for s in found]
    if fmt is Format.CSV:
        emit_rows(rows, fmt, COLUMNS)
        return
    table = Table("id", "by", "when (Kyiv)", "drones", "missiles", "places", "targets", "grade")
    for s, r in zip(found, rows, strict=True):
        table.add_row(
            s.id,
            s.attacker or "?",
            fmt_strike_time(s),
            r["drones"] or "-",
            r["missiles"] or "-",
            r["places"][:60] or "-",
            r["targets"] or "-",
            r["credibility"],
        )
    console.print(table)
    console.print(f"{len(found)} strikes", highlight=False)


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
        out["report_details"] = [r.model_dump(mode="json") for r in reports]
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
            f"  {r.id} {r.source} [{r.source_kind.value}] {r.locator or ''} {r.url or ''}",
            highlight=False,
        )
    print_history(history)
