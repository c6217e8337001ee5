"""``trucewatch fetch ...``: download public datasets into the cache, then ingest them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import console, ingest_with_progress, parse_day, report_result, tw

app = typer.Typer(
    help="Download public datasets into a cache and ingest them.", no_args_is_help=True
)

CacheOpt = Annotated[Path | None, typer.Option(help="Cache directory.")]


def _cache(cache: Path | None) -> Path:
    from trucewatch.settings import cache_dir

    return cache or cache_dir()


@app.command("airforce")
def fetch_airforce(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(help="Where to download from.")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download the newest air-force file into the cache and ingest it."""
    from trucewatch.ingest.fetch import AIRFORCE_URL, download

    path = download(url or AIRFORCE_URL, _cache(cache), "missile_attacks_daily.csv")
    console.print(f"cached {path}", highlight=False)
    report_result(tw(ctx).ingest_airforce(path))


@app.command("gdelt")
def fetch_gdelt(
    ctx: typer.Context,
    stamp: Annotated[
        str | None, typer.Option(help="File stamp YYYYMMDDHHMMSS (default: newest).")
    ] = None,
    cache: CacheOpt = None,
) -> None:
    """Download a GDELT 2.0 15-minute events file into the cache and ingest it."""
    from trucewatch.ingest.sources import fetch_gdelt as download

    path = download(_cache(cache), stamp)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "gdelt", path, None))


@app.command("viina")
def fetch_viina(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Release year (default: this year).")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download VIINA's event_info and event_labels of a year into the cache and ingest them."""
    from trucewatch.ingest.sources import fetch_viina as download

    info, labels = download(_cache(cache), year)
    console.print(f"cached {info} and {labels}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "viina", info, labels))


@app.command("acled")
def fetch_acled(
    ctx: typer.Context,
    country: Annotated[str, typer.Option(help="ACLED country name.")] = "Ukraine",
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download ACLED events with your account (ACLED_USERNAME/ACLED_PASSWORD) and ingest them."""
    from trucewatch.ingest.sources import fetch_acled as download

    start = parse_day(since, "--since")
    path = download(_cache(cache), country=country, since=start.date() if start else None)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(tw(ctx), "acled", path, None))


@app.command("boundaries")
def fetch_boundaries(
    cache: Annotated[
        Path | None, typer.Option(help="Directory to cache the boundaries in.")
    ] = None,
) -> None:
    """Download Ukraine's oblast boundaries (geoBoundaries ADM1, simplified) for the brief's map."""
    from trucewatch.report.boundaries import fetch_boundaries as fetch

    path = fetch(cache)
    console.print(f"boundaries cached at {path}", highlight=False)
