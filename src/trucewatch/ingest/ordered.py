"""A dataset file's records in time order, in bounded memory, whatever order the file has.

ACLED exports (and others) list events newest first. Recorded in that order, every batch lands
before the strikes already stored, and the stored merge (``merge/stored.py``) must replay the
clusters that the batch leaves open over the later strikes until they close: up to a month of
them for a month-precision row, again for every batch. Recorded oldest first, each batch only
extends the timeline and its replay stops at the batch's end.

The file is read twice: once to check every record and note its sort key, first line and byte
span (four integers a row), and once more, seeking to each record's bytes in key order. Bad
records are reported in the first pass, by line, as the streaming reader reports them. Records
with equal keys keep their order in the file.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from trucewatch.errors import InputError, RowError
from trucewatch.ingest.csvutil import (
    Progress,
    Quoting,
    RawRow,
    Record,
    iter_raw_rows,
    iter_records,
)

__all__ = ["OrderKey", "iter_records_in_order"]

OrderKey = Callable[[Record], int]
"""A record's place in time as an integer (e.g. epoch seconds of the strike's start)."""


def iter_records_in_order(
    path: Path,
    *,
    key: OrderKey,
    required: Sequence[str],
    delimiter: str = ",",
    quoting: Quoting = csv.QUOTE_MINIMAL,
    progress: Progress | None = None,
) -> Iterator[Record | RowError]:
    """Like ``iter_records``, but the good records come sorted by ``key`` (bad ones first)."""
    keys, begins, ends, lines = array("q"), array("q"), array("q"), array("q")
    found = False
    for rec in iter_records(
        path, required=required, delimiter=delimiter, quoting=quoting, progress=progress
    ):
        if isinstance(rec, RowError):
            yield rec
            continue
        found = True
        keys.append(key(rec))
        begins.append(rec.begin)
        ends.append(rec.end)
        lines.append(rec.line)
    if not found:
        return
    header = _header(path, delimiter, quoting)
    order = np.argsort(np.frombuffer(keys, dtype=np.int64), kind="stable")
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", code="E102") from exc
    with fh:
        for i in order.tolist():
            fh.seek(begins[i])
            text = fh.read(ends[i] - begins[i]).decode("utf-8")
            fields = next(csv.reader(_physical_lines(text), delimiter=delimiter, quoting=quoting))
            values = dict(zip(header, fields, strict=False))
            yield Record(lines[i], _without_break(text), values, begins[i], ends[i])


def _header(path: Path, delimiter: str, quoting: Quoting) -> list[str]:
    """The header as ``iter_records`` reads it (its first record)."""
    for row in iter_raw_rows(path, delimiter=delimiter, quoting=quoting):
        if isinstance(row, RawRow):
            return [name.strip().lstrip("\ufeff") for name in row.fields]
    raise AssertionError("a file with records has a header")  # pragma: no cover


def _physical_lines(text: str) -> list[str]:
    """The record's lines as the streaming reader fed them to csv (split at '\\n' only)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    return [*out, parts[-1]] if parts[-1] else out


def _without_break(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text
