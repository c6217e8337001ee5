"""``trucewatch brief``: the daily brief as HTML or PDF."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import console, parse_date, tw
from trucewatch.times import KYIV_ZONE


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option("--date", help="Kyiv-local day YYYY-MM-DD (default: today).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="FILE.html or FILE.pdf (default: brief-DATE.html)."),
    ] = None,
    policy: Annotated[
        str | None, typer.Option("--policy", help="Bundled policy id or policy YAML file.")
    ] = None,
    boundaries: Annotated[
        Path | None,
        typer.Option(
            "--boundaries", help="geoBoundaries ADM1 GeoJSON (default: the cached download)."
        ),
    ] = None,
) -> None:
    """Write the daily brief: strikes, sources, pledges in force, verdicts, stages, chart, map."""
    the_day = parse_date(day, "--date") or datetime.now(KYIV_ZONE).date()
    target = out or Path(f"brief-{the_day.isoformat()}.html")
    began = time.monotonic()
    tw(ctx).write_brief(the_day, target, policy=policy, boundaries=boundaries)
    console.print(
        f"brief for {the_day} written to {target} in {time.monotonic() - began:.1f} s",
        highlight=False,
    )
