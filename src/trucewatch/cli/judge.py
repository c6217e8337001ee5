"""``trucewatch judge``: verdicts of every strike under every reading of the pledges."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import Format, console, emit_rows, tw
from trucewatch.judge.engine import CSV_COLUMNS, verdict_csv_row, verdict_json
from trucewatch.judge.rules import fmt_when
from trucewatch.plural import noun

_STYLE = {"breach": "red", "undetermined": "yellow", "no_breach": "green"}


class Engine(StrEnum):
    COLUMNAR = "columnar"
    ROWS = "rows"
    DASK = "dask"


def register(app: typer.Typer) -> None:
    app.command("judge")(judge)


def judge(
    ctx: typer.Context,
    pledge: Annotated[str | None, typer.Option(help="Only this pledge id.")] = None,
    reading: Annotated[
        str | None, typer.Option(help="Only the reading by this party (US, RU, UA).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include no_breach verdicts.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.TABLE,
    what_if: Annotated[
        bool,
        typer.Option(
            "--what-if",
            help="Include verdicts on pledges not in force at the strike's time (mode what_if).",
        ),
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            help="columnar (default), rows (the per-row reference) or dask (over --parquet).",
        ),
    ] = Engine.COLUMNAR,
    parquet: Annotated[
        Path | None,
        typer.Option(help="dask: the directory `export parquet --partition month` wrote."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="dask: a scheduler ADDRESS (default: a LocalCluster on this machine)."),
    ] = None,
) -> None:
    """Judge strikes against pledges under every reading and say why (--all adds no_breach).

    Verdicts on a pledge not in force at the strike's time (rejected, not yet agreed,
    repudiated) are what-ifs: left out, and never counted, unless --what-if asks for them.
    """
    from trucewatch.judge.columnar import Tally

    tally = Tally()
    if engine is Engine.DASK:
        if parquet is None:
            raise typer.BadParameter("--engine dask needs --parquet DIR", param_hint="--parquet")
        verdicts = tw(ctx).judge_parquet(
            parquet,
            scheduler=scheduler,
            pledge=pledge,
            reading=reading,
            include_no_breach=all_,
            what_if=True,
        )
    else:
        if parquet is not None or scheduler is not None:
            raise typer.BadParameter("--parquet and --scheduler go with --engine dask")
        verdicts = tw(ctx).judge(
            pledge=pledge,
            reading=reading,
            include_no_breach=all_,
            what_if=what_if,
            engine=engine.value,
            tally=tally,
        )
    hidden = sum(not v.in_force for v in verdicts) if engine is Engine.DASK else tally.what_if
    if not what_if:
        verdicts = [v for v in verdicts if v.in_force]
    if fmt is Format.JSON:
        emit_rows([verdict_json(v) for v in verdicts], fmt, CSV_COLUMNS)
        return
    if fmt is Format.CSV:
        emit_rows([verdict_csv_row(v) for v in verdicts], fmt, CSV_COLUMNS)
        return
    table = Table("pledge", "reading", "strike (Kyiv)", "verdict", "breach at", "rule", "why")
    for v in verdicts:
        style = _STYLE[v.verdict.value]
        label = f"[{style}]{v.verdict.value}[/{style}]"
        if not v.in_force:
            label += " [dim](what-if)[/dim]"
        table.add_row(
            v.pledge,
            v.reading,
            fmt_when(v.strike_start, v.time_precision),
            label,
            fmt_when(v.breach_at, v.time_precision) if v.breach_at else "",
            escape(v.rule),
            escape(v.why),
        )
    console.print(table)
    counted = sum(v.counts for v in verdicts)
    line = (
        f"{len(verdicts)} {noun(len(verdicts), 'verdict')}, "
        f"{counted} {noun(counted, 'breach')} of pledges in force"
    )
    if what_if:
        line += f", {sum(not v.in_force for v in verdicts)} what-if (not counted)"
    elif hidden:
        line += (
            f"; {hidden} what-if {noun(hidden, 'verdict')} on pledges not in force hidden "
            "(--what-if shows them)"
        )
    console.print(line, highlight=False)
