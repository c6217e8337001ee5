"""The columnar judge over Parquet partitions on a Dask cluster (``judge --engine dask``).

Each task reads one partition (``export/partitions.py``) and judges its strikes against every
reading with ``ColumnarJudge``; a verdict depends only on its pledge, reading and strike, so
the union of the tasks' verdicts, put back in the judging order (pledge, reading, strike start,
strike id), is exactly the local judge's result. Partitions whose strikes no dated window
touches are skipped unless every verdict is asked for. Dask is imported only here, and only
when called: ``pip install 'trucewatch[dask]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from trucewatch.errors import InputError
from trucewatch.export.partitions import Partition, read_manifest
from trucewatch.judge.columnar import VERDICT_SCHEMA, ColumnarJudge
from trucewatch.model import Pledge

_JUDGE: ColumnarJudge | None = None


def judge_partition(
    path: str,
    pledges: Sequence[Pledge],
    reading: str | None,
    include_no_breach: bool,
    what_if: bool,
) -> pl.DataFrame:
    """One task: the verdicts on one partition's strikes, with their order keys."""
    global _JUDGE
    if _JUDGE is None:  # one judge (and gazetteer) per worker process
        _JUDGE = ColumnarJudge()
    return _JUDGE.judge_frame(
        pledges,
        pl.read_parquet(path),
        reading=reading,
        include_no_breach=include_no_breach,
        what_if=what_if,
        order_keys=True,
    )


def _touched(part: Partition, pledges: Sequence[Pledge], reading: str | None) -> bool:
    """Whether some dated window of the pledges overlaps the partition's strikes."""
    for p in pledges:
        for rd in p.readings:
            if reading is not None and rd.by != reading:
                continue
            if rd.start is None and rd.end is None:
                continue
            if (rd.start is None or part.last_end > rd.start) and (
                rd.end is None or part.first_start < rd.end
            ):
                return True
    return False


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster (and it)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "--engine dask needs Dask: pip install 'trucewatch[dask]'", code="E904"
        ) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})", code="E905"
            ) from None
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def judge_parquet(
    directory: Path,
    pledges: Sequence[Pledge],
    *,
    scheduler: str | None = None,
    reading: str | None = None,
    include_no_breach: bool = False,
    what_if: bool = True,
    workers: int | None = None,
) -> pl.DataFrame:
    """The verdicts on every partition in ``directory``, as ``ColumnarJudge.judge_frame``
    gives them locally. ``scheduler``: a Dask scheduler address; None starts a LocalCluster
    (``workers`` processes, default: Dask's choice for this machine)."""
    parts = read_manifest(directory)
    chosen = [p for p in parts if include_no_breach or _touched(p, pledges, reading)]
    if not chosen or not pledges:
        return pl.DataFrame(schema=VERDICT_SCHEMA)
    client, cluster = _client(scheduler, workers)
    try:
        [shared] = client.scatter([list(pledges)], broadcast=True)
        futures = client.map(
            judge_partition,
            [str(p.path) for p in chosen],
            pledges=shared,
            reading=reading,
            include_no_breach=include_no_breach,
            what_if=what_if,
            pure=False,
        )
        frames: list[pl.DataFrame] = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    found = pl.concat(frames, how="vertical")
    ordered: pl.DataFrame = found.sort(["_pledge", "_reading", "strike_start", "strike"]).select(
        list(VERDICT_SCHEMA)
    )
    return ordered


__all__ = ["judge_parquet", "judge_partition"]
