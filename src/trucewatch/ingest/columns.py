"""A delimited dataset file as columns (polars), with each record's physical line number.

The batch ingest (``ingest/acled_batch.py``) converts whole columns instead of one record at a
time. polars reads a plain file far faster than the streaming reader (``csvutil``), but it
does not say which line a record came from, and it reads some bad records differently from
Python's ``csv`` (a row with fields missing comes back padded, a bare carriage return inside
a field is kept). So polars reads the file a piece of whole lines at a time (bounded memory),
and only while each piece shows that every record is one line: no blank line, no NUL byte, no
carriage return but before a line feed, and as many records as lines (a quoted line break
makes fewer). Then the records are numbered by their lines. A record whose last column is
empty may have fields missing: those few lines are read again by ``csv`` and refused (E131) or
skipped (all fields empty) exactly as the streaming reader does. Any other file, or one that
polars refuses, is read by the streaming reader, which reports bad records by line.

The values are the ones ``Record.get`` gives: stripped as ``str.strip`` strips, absent
columns empty. Columns with few distinct values are kept as categoricals (4 bytes a value).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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
_SCAN = 1 << 22  # bytes polars reads at a time
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
    repeated: Collection[str] = (),
    delimiter: str = ",",
    quoting: Quoting = csv.QUOTE_MINIMAL,
    progress: Progress | None = None,
) -> Columns:
    """Read ``columns`` of a delimited file with a header (see the module's note).

    The ``repeated`` columns (a few distinct values each) are kept as polars categoricals,
    4 bytes a value: a million-row file in a fraction of the memory.
    """
    shape = _Shape(columns, repeated)
    header, header_line = _header(path, delimiter, quoting)
    if header is None:  # empty, or its first record is unreadable: reported by line
        return _read_streaming(path, shape, required, delimiter, quoting, progress)
    missing = [name for name in required if name not in header]
    if missing:
        error = RowError(
            f"header lacks column(s) {', '.join(missing)}; is this the right format?",
            path=str(path),
            line=header_line,
        )
        return Columns(shape.empty(), [error])
    if header_line == 1 and quoting == csv.QUOTE_MINIMAL:
        found = _read_polars(path, header, shape, delimiter)
        if found is not None:
            if progress is not None:
                progress(path.stat().st_size)
            return found
    return _read_streaming(path, shape, required, delimiter, quoting, progress)


class _Shape:
    """The columns asked for and which of them are categorical."""

    def __init__(self, columns: Sequence[str], repeated: Collection[str]) -> None:
        self.columns = list(columns)
        self.repeated = set(repeated)

    def dtype(self, name: str) -> pl.DataType:
        return pl.Categorical() if name in self.repeated else pl.String()

    def empty(self) -> pl.DataFrame:
        schema = {name: self.dtype(name) for name in self.columns}
        schema[LINE] = pl.Int64()
        return pl.DataFrame(schema=schema)

    def clean(self, name: str, column: pl.Series | None, height: int = 0) -> pl.Series:
        """Values as ``Record.get`` gives them: stripped, absent ones (None: the column is
        not in the file) empty."""
        if column is None:
            column = pl.repeat("", height, dtype=pl.String, eager=True)
        text = column.cast(pl.String).fill_null("").str.strip_chars(SPACE)
        return text.cast(self.dtype(name)).alias(name)


def _header(path: Path, delimiter: str, quoting: Quoting) -> tuple[list[str] | None, int]:
    """The header's names as ``iter_records`` reads them, and its line."""
    for row in iter_raw_rows(path, delimiter=delimiter, quoting=quoting):
        if isinstance(row, RawRow):
            return [name.strip().lstrip("\ufeff") for name in row.fields], row.line
        break
    return None, 0


def _read_polars(path: Path, header: list[str], shape: _Shape, delimiter: str) -> Columns | None:
    """The file read by polars a piece of whole lines at a time (bounded memory beside the
    columns), or None as soon as a piece shows that a record is not one line."""
    # The last occurrence of a name wins, as in ``dict(zip(header, fields))``.
    index = {name: i for i, name in enumerate(header)}
    last = len(header) - 1
    wanted = sorted({index[name] for name in shape.columns if name in index} | {last})
    names = [f"column_{i}" for i in wanted]  # polars' names for columns without a header
    kinds: dict[str, pl.DataType] = {
        f"column_{index[n]}": pl.Categorical() for n in shape.repeated if n in index
    }
    parts: list[pl.DataFrame] = []
    suspects: list[int] = []
    line = 2  # of the next piece's first record
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", code="E102") from exc
    with fh:
        if not fh.readline().endswith(b"\n"):  # the header, one line (found at line 1)
            return None
        for piece in _pieces(fh):
            count = piece.count(b"\n") + (not piece.endswith(b"\n"))
            plain = _plain(piece) and _quoted_alike(piece, delimiter)
            part = _parse(piece, wanted, kinds, delimiter) if plain else None
            if part is None or part.columns != names or part.height != count:
                return None  # e.g. a quoted line break: fewer records than lines
            lines = pl.int_range(line, line + count, dtype=pl.Int64, eager=True).alias(LINE)
            # A record whose last column is empty may have fields missing: checked below.
            suspects.extend(lines.filter(part[f"column_{last}"].is_null()).to_list())
            cleaned = [
                shape.clean(name, part[f"column_{index[name]}"] if name in index else None, count)
                for name in shape.columns
            ]
            parts.append(pl.DataFrame([*cleaned, lines]))
            line += count
    frame = pl.concat(parts, rechunk=False) if parts else shape.empty()
    errors: list[RowError] = []
    if suspects:
        drop = _check_lines(path, suspects, len(header), delimiter, errors)
        frame = frame.filter(~pl.col(LINE).is_in(drop))
    return Columns(frame, errors, polars=True)


def _parse(
    piece: bytes, wanted: list[int], kinds: dict[str, pl.DataType], delimiter: str
) -> pl.DataFrame | None:
    try:
        return pl.read_csv(
            piece,
            columns=wanted,
            has_header=False,
            separator=delimiter,
            infer_schema=False,
            schema_overrides=kinds,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None


def _pieces(fh: BinaryIO) -> Iterator[bytes]:
    """The rest of a file in pieces of whole lines (the last may lack its line feed)."""
    carry = b""
    while chunk := fh.read(_SCAN):
        data = carry + chunk
        cut = data.rfind(b"\n") + 1
        carry = data[cut:]
        if cut:
            yield data[:cut]
    if carry:
        yield carry


def _quoted_alike(piece: bytes, delimiter: str) -> bool:
    """No quote that ``csv`` and polars could read differently: every quote opens a field,
    closes one (a delimiter or the line's end follows), or is half of a doubled quote.

    A stray quote (``"Khar"kiv``, ``"Kharkiv" ,``, ``ab"c``) is refused by the streaming
    reader as an unreadable record (or read as text), while polars cuts or joins the field
    silently: such a piece goes to the streaming reader, so both paths give the same result.
    """
    return _stray_quote(delimiter).search(b"\n" + piece) is None


@functools.cache
def _stray_quote(delimiter: str) -> re.Pattern[bytes]:
    d = re.escape(delimiter.encode())
    return re.compile(rb"(?<![" + d + rb'\n"])"(?![' + d + rb'\r\n"]|\Z)')


def _plain(piece: bytes) -> bool:
    """No blank line, NUL byte, or carriage return but before a line feed (the previous
    piece, or the header, ended with a line feed)."""
    joined = b"\n" + piece
    if b"\x00" in piece or b"\n\n" in joined or b"\n\r\n" in joined:
        return False
    return piece.count(b"\r") == piece.count(b"\r\n")


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
    shape: _Shape,
    required: Sequence[str],
    delimiter: str,
    quoting: Quoting,
    progress: Progress | None,
) -> Columns:
    """The streaming reader's records as columns, a chunk of records at a time."""
    errors: list[RowError] = []
    parts: list[pl.DataFrame] = []
    values: dict[str, list[str]] = {name: [] for name in shape.columns}
    lines: list[int] = []

    def flush() -> None:
        if lines:
            cols = [shape.clean(name, pl.Series(v, dtype=pl.String)) for name, v in values.items()]
            parts.append(pl.DataFrame([*cols, pl.Series(LINE, lines, dtype=pl.Int64)]))
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
        for name in shape.columns:
            values[name].append(rec.get(name))
        lines.append(rec.line)
        if len(lines) >= _FALLBACK_CHUNK:
            flush()
    flush()
    frame = pl.concat(parts) if parts else shape.empty()
    return Columns(frame, errors)
