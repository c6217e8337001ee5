"""``trucewatch judge``: verdicts of every strike under every reading of the pledges."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import Format, console, emit_rows, tw
from trucewatch.judge.engine import verdict_json

COLUMNS = ["pledge", "reading", "strike", "strike_start", "strike_end", "verdict", "rule", "why"]
_STYLE = {"breach": "red", "undetermined": "yellow", "no_breach": "green"}


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
) -> None:
    """Judge strikes against pledges under every reading and say why (--all adds no_breach)."""
    verdicts = tw(ctx).judge(pledge=pledge, reading=reading, include_no_breach=all_)
    rows = [verdict_json(v) for v in verdicts]
    if fmt is not Format.TABLE:
        emit_rows(rows, fmt, COLUMNS)
        return
    table = Table("pledge", "reading", "strike start (Kyiv)", "verdict", "why")
    for r in rows:
        style = _STYLE[r["verdict"]]
        table.add_row(
            r["pledge"],
            r["reading"],
            r["strike_start"][:16],
            f"[{style}]{r['verdict']}[/{style}]",
            escape(r["why"]),
        )
    console.print(table)
    console.print(f"{len(rows)} verdicts", highlight=False)
