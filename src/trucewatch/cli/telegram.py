"""``fetch telegram CHANNEL``: a public channel's web preview page, read as a feed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import tw
from trucewatch.cli.news import _report
from trucewatch.model import SourceKind


def fetch_telegram(
    ctx: typer.Context,
    channel: Annotated[str, typer.Argument(help="Channel username, @name or t.me link.")],
    url: Annotated[
        str | None, typer.Option(help="Where the preview page is (default t.me/s/CHANNEL).")
    ] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache directory.")] = None,
    source: Annotated[str | None, typer.Option(help="Source name (default t.me/CHANNEL).")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
) -> None:
    """Download a public Telegram channel's preview page (cached) and ingest each post."""
    _report(tw(ctx).ingest_telegram(channel, url=url, cache=cache, source=source, kind=kind))


def register(fetch_app: typer.Typer) -> None:
    """Add ``fetch telegram``."""
    fetch_app.command("telegram")(fetch_telegram)
