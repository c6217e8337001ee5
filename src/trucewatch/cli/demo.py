"""``trucewatch demo``: the whole pipeline on bundled data, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.cli.common import console, parse_day, report_result
from trucewatch.demo import DEMO_BRIEF_DAY, ReadingSummary, find_airforce, run_demo
from trucewatch.judge.rules import fmt_time, fmt_when, in_force_periods
from trucewatch.plural import noun


def _first_breach(s: ReadingSummary) -> str:
    """When the first breach began (at the precision it is known), its grade and its rule."""
    v = s.first_breach
    assert v is not None
    at = v.breach_at or v.strike_start
    rule = v.rule.replace("+", " + ")
    return escape(f"{fmt_when(at, v.time_precision)}, {v.evidence.grade.value}, {rule}")


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
        never = not in_force_periods(pledge)
        status = f"{pledge.status.value}, never in force" if never else pledge.status.value
        table = Table(
            "reading",
            "window",
            "breaches",
            "undetermined",
            "what-if",
            "first breach (Kyiv): when, evidence, rule",
            title=f"{pledge_id} ({status}): {pledge.title}",
            title_justify="left",
        )
        for s in summaries:
            r = pledge.reading(s.reading)
            table.add_row(
                s.reading,
                f"{fmt_time(r.start, r.tz)} to {fmt_time(r.end, r.tz)}",
                f"[red]{s.breaches}[/red]" if s.breaches else "0",
                f"[yellow]{s.undetermined}[/yellow]" if s.undetermined else "0",
                f"[dim]{s.what_if}[/dim]" if s.what_if else "0",
                _first_breach(s)
                if s.first_breach
                else ("-" if r.start or r.end else "reading gives no dates: not judged"),
            )
        console.print(table)
    console.print(
        f"Full reasons: trucewatch --db {result.db} judge --pledge ID (--what-if adds the "
        "verdicts on pledges not in force, which are never counted as breaches)",
        highlight=False,
    )
    for name, path in result.extra.items():
        console.print(f"{name}: {path}", highlight=False)
    if result.claims:
        console.print(
            f"{result.claims} {noun(result.claims, 'claim')} recorded; see "
            f"`trucewatch --db {result.db} claims check --pledge kyiv26-cold-pause`",
            highlight=False,
        )
    console.print(
        f"ledger {result.db}; {len(result.verdicts)} {noun(len(result.verdicts), 'verdict')} "
        f"written to {result.verdicts_path}",
        highlight=False,
    )
    if serve:
        from trucewatch.cli.serve import serve_ledger

        serve_ledger(str(result.db), host=host, port=port)
