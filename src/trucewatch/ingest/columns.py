"""A delimited dataset file as columns (polars), with each record's physical line number.

The batch ingest (``ingest/acled_batch.py``) converts whole columns instead of one record at a
time. polars reads a plain file far faster than the streaming reader (``csvutil``), but it
does not say which line a record came from, and it reads some bad records differently from
Python's ``csv`` (a row with fields missing comes back padded, a bare carriage return inside
a field is kept). So polars reads the file only when one scan of its bytes shows that every
record is one line: no blank line, no NUL byte, no carriage return but before a line feed,
and exactly one record per line after the header (a quoted line break would make fewer
records than lines). Then record ``i`` is line ``i + 2``. A record whose last column is empty
may have fields missing: those few lines are read again by ``csv`` and refused (E131) or
skipped (all fields empty) exactly as the streaming reader does. Any other file, or one that
polars refuses, is read by the streaming reader, which reports bad records by line.

The values are the ones ``Record.get`` gives: stripped as ``str.strip`` strips, absent
columns empty.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from trucewatch.errors import InputError, RowError
from trucewatch.ingest.csvutil import Progress, Quoting, RawRow, iter_raw_rows, iter_records

__all__ = ["LINE", "Columns", "read_columns"]

LINE = "__line"
"""The column holding each record's first physical line."""

# What ``str.strip()`` strips (every character ``str.isspace`` accepts), for polars'
# ``strip_chars`` (tests/test_ingest_batch.py checks the list against Python's own).
SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SCAN = 1 << 22
_FALLBACK_CHUNK = 50_000


@dataclass
class Columns:
    """The columns asked for (all text) and ``LINE``; ``errors``: records refused while
    reading (unreadable, not UTF-8, fields missing), by line; ``polars``: which reader read."""

    frame: pl.DataFrame
    errors: list[RowError] = field(default_factory=list)
    polars: bool = False


def read_columns(
    path: Path,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    delimiter: str = ",",
    quoting: Quoting = csv.QUOTE_MINIMAL,
    progress: Progress | None = None,
) -> Columns:
    """Read ``columns`` of a delimited file with a header (see the module's note)."""
    header, header_line = _header(path, delimiter, quoting)
    if header is None:  # empty, or its first record is unreadable: reported by line
        return _read_streaming(path, columns, required, delimiter, quoting, progress)
    missing = [name for name in required if name not in header]
    if missing:
        error = RowError(
            f"header lacks column(s) {', '.join(missing)}; is this the right format?",
            path=str(path),
            line=header_line,
        )
        return Columns(_empty(columns), [error])
    if header_line == 1 and quoting == csv.QUOTE_MINIMAL:
        found = _read_polars(path, header, columns, delimiter)
        if found is not None:
            if progress is not None:
                progress(path.stat().st_size)
            return found
    return _read_streaming(path, columns, required, delimiter, quoting, progress)


def _empty(columns: Sequence[str]) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {name: pl.String() for name in columns}
    schema[LINE] = pl.Int64()
    return pl.DataFrame(schema=schema)


def _header(path: Path, delimiter: str, quoting: Quoting) -> tuple[list[str] | None, int]:
    """The header's names as ``iter_records`` reads them, and its line."""
    for row in iter_raw_rows(path, delimiter=delimiter, quoting=quoting):
        if isinstance(row, RawRow):
            return [name.strip().lstrip("\ufeff") for name in row.fields], row.line
        break
    return None, 0


def _one_record_a_line(path: Path) -> int | None:
    """The number of lines when every line is a non-blank record line (see the module's
    note), else None."""
    lines = 0
    last = b"\n"
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", code="E102") from exc
    with fh:
        while chunk := fh.read(_SCAN):
            joined = last + chunk
            if b"\x00" in chunk or b"\n\n" in joined or b"\n\r\n" in joined:
                return None
            if joined.count(b"\r") != joined.count(b"\r\n") + (joined[-1:] == b"\r"):
                return None
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last == b"\r":
        return None
    return lines if last == b"\n" else lines + 1


def _read_polars(
    path: Path, header: list[str], columns: Sequence[str], delimiter: str
) -> Columns | None:
    lines = _one_record_a_line(path)
    if lines is None:
        return None
    # The last occurrence of a name wins, as in ``dict(zip(header, fields))``.
    index = {name: i for i, name in enumerate(header)}
    wanted = sorted({index[name] for name in columns if name in index} | {len(header) - 1})
    try:
        frame = pl.read_csv(
            path,
            columns=wanted,
            has_header=False,
            skip_rows=1,
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, OSError):
        return None
    if frame.height != lines - 1:  # a quoted line break: lines and records differ
        return None
    frame = frame.rename(dict(zip(frame.columns, [f"c{i}" for i in wanted], strict=True)))
    frame = frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))
    last = f"c{len(header) - 1}"
    errors: list[RowError] = []
    suspects = frame.filter(pl.col(last).is_null())[LINE].to_list()
    if suspects:
        drop = _check_lines(path, suspects, len(header), delimiter, errors)
        frame = frame.filter(~pl.col(LINE).is_in(drop))
    out = [
        (
            pl.col(f"c{index[name]}").fill_null("").str.strip_chars(SPACE)
            if name in index
            else pl.lit("")
        ).alias(name)
        for name in columns
    ]
    return Columns(frame.select(*out, LINE), errors, polars=True)


def _check_lines(
    path: Path, wanted: list[int], width: int, delimiter: str, errors: list[RowError]
) -> list[int]:
    """Read the lines ``wanted`` again with ``csv``: the ones with fields missing are refused
    (E131) and those with every field empty skipped, as ``iter_records`` does; returns both."""
    todo = set(wanted)
    drop: list[int] = []
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number not in todo:
                continue
            text = raw.decode("utf-8").removeprefix("\ufeff")
            fields = next(csv.reader([text], delimiter=delimiter, strict=True), [])
            if not any(fields):
                drop.append(number)
            elif len(fields) < width:
                drop.append(number)
                errors.append(
                    RowError(
                        f"expected {width} columns, found {len(fields)}; the row is not "
                        "read, so no value lands in the wrong column",
                        path=str(path),
                        line=number,
                        code="E131",
                    )
                )
            todo.discard(number)
            if not todo:
                break
    return drop


def _read_streaming(
    path: Path,
    columns: Sequence[str],
    required: Sequence[str],
    delimiter: str,
    quoting: Quoting,
    progress: Progress | None,
) -> Columns:
    """The streaming reader's records as columns, a chunk of records at a time."""
    errors: list[RowError] = []
    parts: list[pl.DataFrame] = []
    values: dict[str, list[str]] = {name: [] for name in columns}
    lines: list[int] = []

    def flush() -> None:
        if lines:
            data: dict[str, list[str] | list[int]] = dict(values)
            data[LINE] = list(lines)
            parts.append(pl.DataFrame(data, schema=_empty(columns).schema))
            for column in values.values():
                column.clear()
            lines.clear()

    records = iter_records(
        path, required=required, delimiter=delimiter, quoting=quoting, progress=progress
    )
    for rec in records:
        if isinstance(rec, RowError):
            errors.append(rec)
            continue
        for name in columns:
            values[name].append(rec.get(name))
        lines.append(rec.line)
        if len(lines) >= _FALLBACK_CHUNK:
            flush()
    flush()
    frame = pl.concat(parts) if parts else _empty(columns)
    return Columns(frame, errors)
