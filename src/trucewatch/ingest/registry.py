"""The dataset readers by format name, behind one signature for the CLI and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from trucewatch.errors import InputError, RowError
from trucewatch.ingest.base import Parsed, RowBatch

__all__ = ["BATCH_READERS", "READERS", "BatchReader", "Reader", "batches_for", "reader_for"]


class Reader(Protocol):
    """Any dataset reader: a path (and optional labels file) to reports, strikes and bad rows."""

    def __call__(
        self,
        path: Path,
        *,
        labels: Path | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[Parsed | RowError]: ...


class BatchReader(Protocol):
    """A dataset reader that gives batches of payloads built from columns (``RowBatch``)."""

    def __call__(
        self, path: Path, *, progress: Callable[[int], None] | None = None
    ) -> Iterator[RowBatch]: ...


def _acled_batches(
    path: Path, *, progress: Callable[[int], None] | None = None
) -> Iterator[RowBatch]:
    from trucewatch.ingest.acled_batch import acled_batches

    return acled_batches(path, progress=progress)


def _acled(
    path: Path, *, labels: Path | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[Parsed | RowError]:
    from trucewatch.ingest.acled import read_acled

    return read_acled(path, progress=progress)


def _ucdp(
    path: Path, *, labels: Path | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[Parsed | RowError]:
    from trucewatch.ingest.ucdp import read_ucdp

    return read_ucdp(path, progress=progress)


def _gdelt(
    path: Path, *, labels: Path | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[Parsed | RowError]:
    from trucewatch.ingest.gdelt import read_gdelt

    return read_gdelt(path, progress=progress)


def _viina(
    path: Path, *, labels: Path | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[Parsed | RowError]:
    from trucewatch.ingest.viina import read_viina

    return read_viina(path, labels, progress=progress)


def _viina_rebuild(
    path: Path, *, labels: Path | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[Parsed | RowError]:
    from trucewatch.ingest.viina import read_viina_rebuild

    return read_viina_rebuild(path, progress=progress)


READERS: dict[str, Reader] = {
    "acled": _acled,
    "ucdp": _ucdp,
    "gdelt": _gdelt,
    "viina": _viina,
    "viina-rebuild": _viina_rebuild,
}


def reader_for(fmt: str) -> Reader:
    """The reader of a format, or an error listing the formats there are."""
    try:
        return READERS[fmt]
    except KeyError:
        known = ", ".join(READERS)
        raise InputError(f"unknown format {fmt!r}; known formats: {known}", code="E106") from None


#: Formats whose files are ingested as columns (``Trucewatch.ingest_batches``); their row
#: readers (``READERS``) stay the reference the batch readers are tested against.
BATCH_READERS: dict[str, BatchReader] = {"acled": _acled_batches}


def batches_for(fmt: str) -> BatchReader | None:
    """The batch reader of a format, or None when it is read row by row."""
    return BATCH_READERS.get(fmt)
