"""Dataset formats on the command line: ``ingest FORMAT``, ``fetch FORMAT``, ``export FORMAT``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from trucewatch.api import IngestResult, Trucewatch
from trucewatch.cli.common import console, err_console, parse_day, tw
from trucewatch.cli.ingest import report_result
from trucewatch.ingest.registry import READERS

_HELP = {
    "acled": "Ingest an ACLED CSV export (31 columns); re-issued events amend, never duplicate.",
    "ucdp": "Ingest a UCDP GED CSV file.",
    "gdelt": "Ingest a GDELT 2.0 events export (61 tab-separated columns, no header).",
    "viina": "Ingest VIINA event_info (with --labels event_labels) files.",
    "viina-rebuild": "Ingest a VIINA-derived 'rebuild' CSV.",
}


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


def _ingest_command(fmt: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="The input file.")],
        labels: Annotated[
            Path | None, typer.Option(help="VIINA event_labels file (viina only).")
        ] = None,
    ) -> None:
        report_result(ingest_with_progress(tw(ctx), fmt, path, labels))

    command.__doc__ = _HELP[fmt] + " Bad rows are reported with line numbers and skipped."
    return command


def register(ingest_app: typer.Typer, fetch_app: typer.Typer, app: typer.Typer) -> None:
    """Add the dataset commands to the ingest and fetch groups, and the export group."""
    for fmt in READERS:
        ingest_app.command(fmt)(_ingest_command(fmt))
    fetch_app.command("gdelt")(fetch_gdelt)
    fetch_app.command("viina")(fetch_viina)
    fetch_app.command("acled")(fetch_acled)
    app.command("export")(export)


def _cache(cache: Path | None) -> Path:
    from trucewatch.ingest.fetch import cache_dir

    return cache or cache_dir()


def fetch_gdelt(
    ctx: typer.Context,
    stamp: Annotated[
        str | None, typer.Option(help="File stamp YYYYMMDDHHMMSS (default: newest).")
    ] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache directory.")] = None,
) -> None:
    """Download a GDELT 2.0 15-minute events file into the cache and ingest it."""
    from trucewatch.ingest.sources import fetch_gdelt as download

    path = download(_cache(cache), stamp)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "gdelt", path, None))


def fetch_viina(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Release year (default: this year).")] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache directory.")] = None,
) -> None:
    """Download VIINA's event_info and event_labels of a year into the cache and ingest them."""
    from trucewatch.ingest.sources import fetch_viina as download

    info, labels = download(_cache(cache), year)
    console.print(f"cached {info} and {labels}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "viina", info, labels))


def fetch_acled(
    ctx: typer.Context,
    country: Annotated[str, typer.Option(help="ACLED country name.")] = "Ukraine",
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache directory.")] = None,
) -> None:
    """Download ACLED events with your account (ACLED_USERNAME/ACLED_PASSWORD) and ingest them."""
    from trucewatch.ingest.sources import fetch_acled as download

    start = parse_day(since, "--since")
    path = download(_cache(cache), country=country, since=start.date() if start else None)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "acled", path, None))


class ExportFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    GEOJSON = "geojson"
    ACLED_CSV = "acled-csv"


class GeoMode(StrEnum):
    POINTS = "points"
    OBLASTS = "oblasts"


def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Argument(help="csv, parquet, geojson or acled-csv.")],
    path: Annotated[Path, typer.Argument(help="Output file.")],
    from_: Annotated[str | None, typer.Option("--from", help="First Kyiv day, YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last Kyiv day, YYYY-MM-DD.")] = None,
    attacker: Annotated[str | None, typer.Option(help="Only strikes by this party.")] = None,
    pledge: Annotated[str | None, typer.Option(help="Verdicts of this pledge only.")] = None,
    mode: Annotated[
        GeoMode, typer.Option(help="geojson: strike points or oblast features.")
    ] = GeoMode.POINTS,
) -> None:
    """Write strikes (with their verdicts) as CSV, Parquet, GeoJSON or ACLED-style CSV."""
    from trucewatch import export as out

    t = tw(ctx)
    strikes = t.strike_records(
        start=parse_day(from_, "--from"), end=parse_day(to, "--to", end=True), attacker=attacker
    )
    wanted = {s.id for s in strikes}
    verdicts = [v for v in t.judge(pledge=pledge, include_no_breach=True) if v.strike in wanted]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.CSV:
        count = out.write_csv(strikes, verdicts, path)
    elif fmt is ExportFormat.PARQUET:
        count = out.write_parquet(strikes, verdicts, path)
    elif fmt is ExportFormat.GEOJSON:
        count = out.write_geojson(
            strikes, verdicts, path, mode="points" if mode is GeoMode.POINTS else "oblasts"
        )
    else:
        count = out.write_acled_csv(strikes, path)
    console.print(f"wrote {count} rows to {path}", highlight=False)
