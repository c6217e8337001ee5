"""Strikes as Parquet partitions by month, for judging where one machine is not enough.

``write_month_partitions`` writes the columnar judge's strike frame (``judge.frame.SCHEMA``)
as ``DIR/month=YYYY-MM/strikes.parquet``, one file per Kyiv month of the strike's start, and
``DIR/partitions.json``: per file, the earliest start and latest end (UTC), which lets the
judge skip the partitions no reading's window touches. Each strike is in exactly one file, so
judging the files one by one and putting the verdicts in order gives the local judge's result.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from trucewatch.errors import InputError
from trucewatch.judge.frame import SCHEMA
from trucewatch.times import KYIV

MANIFEST = "partitions.json"
FORMAT = "trucewatch.strikes.v1"


@dataclass(frozen=True)
class Partition:
    """One file of strikes and the time its strikes span."""

    path: Path
    first_start: datetime
    last_end: datetime


def write_month_partitions(frame: pl.DataFrame, directory: Path) -> list[Partition]:
    """Write ``frame`` by Kyiv month into ``directory`` (its old partitions are replaced)."""
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory}: not a directory", code="E902")
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("month=*"):
        shutil.rmtree(old)
    month = pl.col("start").dt.convert_time_zone(KYIV).dt.strftime("%Y-%m")
    tagged = frame.select(list(SCHEMA)).with_columns(month.alias("_month"))
    written: list[Partition] = []
    for (key,), part in tagged.sort(["start", "id"]).group_by("_month", maintain_order=True):
        folder = directory / f"month={key}"
        folder.mkdir()
        path = folder / "strikes.parquet"
        part.drop("_month").write_parquet(path)
        written.append(Partition(path, part["start"].min(), part["end"].max()))  # type: ignore[arg-type]
    manifest = {
        "format": FORMAT,
        "partition": "month",
        "files": [
            {
                "path": str(p.path.relative_to(directory)),
                "first_start": p.first_start.isoformat(),
                "last_end": p.last_end.isoformat(),
            }
            for p in written
        ],
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return written


def read_manifest(directory: Path) -> list[Partition]:
    """The partitions ``write_month_partitions`` wrote into ``directory``."""
    path = directory / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{path}: no partition manifest; write one with "
            "`trucewatch export parquet --partition month DIR`",
            code="E903",
        ) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable partition manifest ({exc})", code="E903") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: field format: expected {FORMAT!r}", code="E903")
    out: list[Partition] = []
    for i, item in enumerate(data.get("files", [])):
        try:
            out.append(
                Partition(
                    directory / item["path"],
                    datetime.fromisoformat(item["first_start"]),
                    datetime.fromisoformat(item["last_end"]),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{path}: files[{i}]: {exc}", code="E903") from None
    return out


__all__ = ["MANIFEST", "Partition", "read_manifest", "write_month_partitions"]
