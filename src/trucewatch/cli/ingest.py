"""``trucewatch ingest ...`` and ``trucewatch fetch ...``: bring reports into the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.api import IngestResult
from trucewatch.cli.common import console, err_console, tw

app = typer.Typer(help="Ingest reports from files into the ledger.", no_args_is_help=True)
fetch_app = typer.Typer(
    help="Download public datasets into a cache and ingest them.", no_args_is_help=True
)

MAX_ERRORS_SHOWN = 20


PARTIAL = 3


def report_result(result: IngestResult) -> None:
    """Say what an ingest added, and list the bad rows it skipped.

    Exits 3 when some rows were rejected and 2 when none could be used (a wrong file).
    """
    _say(result)
    if result.errors:
        usable = result.rows > len(result.errors)
        raise typer.Exit(PARTIAL if usable else 2)


def _say(result: IngestResult) -> None:
    s = result.summary
    for error in result.errors[:MAX_ERRORS_SHOWN]:
        err_console.print(f"[yellow]skipped[/yellow] {error}", highlight=False, soft_wrap=True)
    if len(result.errors) > MAX_ERRORS_SHOWN:
        err_console.print(f"... and {len(result.errors) - MAX_ERRORS_SHOWN} more bad rows")
    if s.added_nothing:
        console.print(
            f"{result.source}: nothing new ({s.reports_known} reports and "
            f"{s.strikes_unchanged} strikes already in the ledger)",
            highlight=False,
        )
    else:
        console.print(
            f"{result.source}: {s.reports_new} new reports ({s.reports_known} known), "
            f"{s.strikes_new} new strikes, {s.strikes_amended} amended, "
            f"{len(result.errors)} bad rows skipped",
            highlight=False,
        )


@app.command("airforce")
def ingest_airforce(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="missile_attacks_daily.csv (Petro Ivaniuk layout).")],
    models: Annotated[
        Path | None, typer.Option(help="missiles_and_uavs.csv reference of weapon categories.")
    ] = None,
) -> None:
    """Ingest Ukrainian Air Force daily attack records; bad rows are reported and skipped."""
    report_result(tw(ctx).ingest_airforce(path, models))


@fetch_app.command("airforce")
def fetch_airforce(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(help="Where to download from.")] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache directory.")] = None,
) -> None:
    """Download the newest air-force file into the cache and ingest it."""
    from trucewatch.ingest.fetch import AIRFORCE_URL, cache_dir, download

    path = download(url or AIRFORCE_URL, cache or cache_dir(), "missile_attacks_daily.csv")
    console.print(f"cached {path}", highlight=False)
    report_result(tw(ctx).ingest_airforce(path))
