"""``trucewatch demo``: the whole pipeline on bundled data, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import console, parse_day, report_result
from trucewatch.demo import DEMO_BRIEF_DAY, ReadingSummary, find_airforce, run_demo
from trucewatch.judge.rules import fmt_time


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    out: Annotated[Path, typer.Option(help="Directory for demo.db and verdicts.json.")] = Path(
        "trucewatch-demo"
    ),
    airforce: Annotated[
        Path | None,
        typer.Option(
            help="Air-force CSV to ingest too (default: the shared copy or a cached download)."
        ),
    ] = None,
    no_airforce: Annotated[
        bool, typer.Option("--no-airforce", help="Use only the bundled strikes.")
    ] = False,
    brief_date: Annotated[
        str | None, typer.Option(help="Day of the daily brief, YYYY-MM-DD (default 2026-02-03).")
    ] = None,
    no_brief: Annotated[bool, typer.Option("--no-brief", help="Skip the daily brief.")] = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then serve the demo ledger's dashboard (Ctrl-C stops).")
    ] = False,
    host: Annotated[str, typer.Option(help="With --serve: address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="With --serve: port to listen on.")] = 8000,
) -> None:
    """Build a fresh ledger from the bundled registry and strikes; judge; write verdicts, brief."""
    source = None if no_airforce else (airforce or find_airforce())
    day = parse_day(brief_date, "--brief-date")
    result = run_demo(out, source, None if no_brief else (day.date() if day else DEMO_BRIEF_DAY))
    if result.airforce is not None:
        report_result(result.airforce)
    by_pledge: dict[str, list[ReadingSummary]] = {}
    for s in result.summaries:
        by_pledge.setdefault(s.pledge.id, []).append(s)
    for pledge_id, summaries in by_pledge.items():
        pledge = summaries[0].pledge
        table = Table(
            "reading",
            "window",
            "breaches",
            "undetermined",
            "first breach",
            title=f"{pledge_id} ({pledge.status.value}): {pledge.title}",
            title_justify="left",
        )
        for s in summaries:
            r = pledge.reading(s.reading)
            first = s.first_breach
            table.add_row(
                s.reading,
                f"{fmt_time(r.start, r.tz)} to {fmt_time(r.end, r.tz)}",
                f"[red]{s.breaches}[/red]" if s.breaches else "0",
                f"[yellow]{s.undetermined}[/yellow]" if s.undetermined else "0",
                escape(f"{fmt_time(first.strike_start, 'Europe/Kyiv')}: {first.why}")
                if first
                else ("-" if r.start or r.end else "reading gives no dates: not judged"),
            )
        console.print(table)
    for name, path in result.extra.items():
        console.print(f"{name}: {path}", highlight=False)
    console.print(
        f"ledger {result.db}; {len(result.verdicts)} verdicts written to {result.verdicts_path}",
        highlight=False,
    )
    if serve:
        from trucewatch.cli.serve import serve_ledger

        serve_ledger(str(result.db), host=host, port=port)
