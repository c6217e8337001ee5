"""``trucewatch export FORMAT FILE``: strikes and their verdicts for other tools."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli.common import console, parse_day, tw
from trucewatch.plural import noun


def register(app: typer.Typer) -> None:
    app.command("export")(export)


class ExportFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    GEOJSON = "geojson"
    ACLED_CSV = "acled-csv"


class Partitioning(StrEnum):
    MONTH = "month"


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
    partition: Annotated[
        Partitioning | None,
        typer.Option(
            help="parquet: write PATH as a directory of strike files by month, for "
            "`judge --engine dask --parquet PATH`."
        ),
    ] = None,
) -> None:
    """Write strikes (with their verdicts) as CSV, Parquet, GeoJSON or ACLED-style CSV.

    With --partition month (parquet only) PATH is a directory: the merged strikes as the
    columnar judge reads them, one file per Kyiv month, for judging on a Dask cluster.
    """
    if partition is not None:
        if fmt is not ExportFormat.PARQUET:
            raise typer.BadParameter("--partition goes with parquet", param_hint="--partition")
        if pledge is not None:
            raise typer.BadParameter("--pledge does not apply to partitions (strikes only)")
        count = tw(ctx).export_partitions(
            path,
            start=parse_day(from_, "--from"),
            end=parse_day(to, "--to", end=True),
            attacker=attacker,
        )
        console.print(f"wrote {count} {noun(count, 'strike')} by month to {path}", highlight=False)
        return
    count = tw(ctx).export(
        fmt.value,
        path,
        start=parse_day(from_, "--from"),
        end=parse_day(to, "--to", end=True),
        attacker=attacker,
        pledge=pledge,
        mode=mode.value,
    )
    console.print(f"wrote {count} {noun(count, 'row')} to {path}", highlight=False)
