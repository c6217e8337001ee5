"""``trucewatch fetch ...``: download public datasets into the cache, then ingest them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import (
    LangOpt,
    console,
    ingest_with_progress,
    parse_date,
    report_result,
    tw,
)
from trucewatch.model import SourceKind

app = typer.Typer(
    help="Download public datasets into a cache and ingest them.", no_args_is_help=True
)

CacheOpt = Annotated[Path | None, typer.Option(help="Cache directory.")]


@app.command("airforce")
def fetch_airforce(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(help="Where to download from.")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download the newest air-force file into the cache and ingest it."""
    t = tw(ctx)
    (path,) = t.download("airforce", cache=cache, url=url)
    console.print(f"cached {path}", highlight=False)
    report_result(t.ingest_airforce(path))


@app.command("gdelt")
def fetch_gdelt(
    ctx: typer.Context,
    stamp: Annotated[
        str | None, typer.Option(help="File stamp YYYYMMDDHHMMSS (default: newest).")
    ] = None,
    cache: CacheOpt = None,
) -> None:
    """Download a GDELT 2.0 15-minute events file into the cache and ingest it."""
    t = tw(ctx)
    (path,) = t.download("gdelt", cache=cache, stamp=stamp)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(t, "gdelt", path, None))


@app.command("viina")
def fetch_viina(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Release year (default: this year).")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download VIINA's event_info and event_labels of a year into the cache and ingest them."""
    t = tw(ctx)
    info, labels = t.download("viina", cache=cache, year=year)
    console.print(f"cached {info} and {labels}", highlight=False)
    report_result(ingest_with_progress(t, "viina", info, labels))


@app.command("acled")
def fetch_acled(
    ctx: typer.Context,
    country: Annotated[str, typer.Option(help="ACLED country name.")] = "Ukraine",
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    cache: CacheOpt = None,
) -> None:
    """Download ACLED events with your account (ACLED_USERNAME/ACLED_PASSWORD) and ingest them."""
    t = tw(ctx)
    start = parse_date(since, "--since")
    (path,) = t.download("acled", cache=cache, country=country, since=start)
    console.print(f"cached {path}", highlight=False)
    report_result(ingest_with_progress(t, "acled", path, None))


@app.command("boundaries")
def fetch_boundaries(
    cache: Annotated[
        Path | None, typer.Option(help="Directory to cache the boundaries in.")
    ] = None,
) -> None:
    """Download Ukraine's oblast boundaries (geoBoundaries ADM1, simplified) for the brief's map."""
    from trucewatch.api import Trucewatch

    (path,) = Trucewatch.download("boundaries", cache=cache)
    console.print(f"boundaries cached at {path}", highlight=False)


@app.command("telegram")
def fetch_telegram(
    ctx: typer.Context,
    channel: Annotated[str, typer.Argument(help="Channel username, @name or t.me link.")],
    url: Annotated[
        str | None, typer.Option(help="Where the preview page is (default t.me/s/CHANNEL).")
    ] = None,
    cache: CacheOpt = None,
    source: Annotated[str | None, typer.Option(help="Source name (default t.me/CHANNEL).")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
    lang: LangOpt = None,
) -> None:
    """Download a public Telegram channel's preview page (cached) and ingest each post (dated
    by its time in Kyiv)."""
    from trucewatch.cli.ingest import report_news

    report_news(
        tw(ctx).ingest_telegram(channel, url=url, cache=cache, source=source, kind=kind, lang=lang)
    )
