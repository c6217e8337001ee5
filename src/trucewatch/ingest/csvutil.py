"""Streaming CSV rows with physical line numbers and raw text, and helpers dataset readers share.

The readers for ACLED, UCDP, GDELT and VIINA all read big delimited files: this module reads
them line by line (constant memory), remembers which physical lines each record came from (so a
bad row is reported as ``file:line``), and turns CSV, encoding and conversion failures into
``RowError`` values instead of exceptions.

A report's content (and so its id) is the fields its reader reads, canonically (``row_content``
over the reader's ``CONTENT_COLUMNS``), not the raw line: an upstream column added, dropped or
moved that the reader does not read leaves every report id as it was, so re-ingesting such a
file adds nothing.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO, Literal

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, OutOfRange
from trucewatch.errors import InputError, RowError
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.weapons import weapons_in_text as weapons_in_text  # the readers' import
from trucewatch.ledger.limits import BIGINT_MOST
from trucewatch.model import Place, Report, SourceKind, Strike
from trucewatch.times import kyiv_midnight

__all__ = [
    "PlaceKind",
    "Progress",
    "Quoting",
    "RawRow",
    "Record",
    "convert_all",
    "day_window",
    "iter_raw_rows",
    "iter_records",
    "make_report",
    "month_window",
    "parse_coord",
    "parse_int",
    "parse_yyyymmdd",
    "place_names",
    "places_for",
    "require",
    "resolve_name",
    "row_content",
    "strike_id",
    "unix_utc",
    "weapons_in_text",
]

Quoting = Literal[0, 1, 2, 3]
"""A csv quoting constant (csv.QUOTE_MINIMAL, csv.QUOTE_NONE, ...)."""

Progress = Callable[[int], None]
"""Called with the number of bytes read so far (for a progress bar)."""

_BOM = b"\xef\xbb\xbf"
_PROGRESS_STEP = 1 << 20  # call progress about once per MiB, not once per row


@dataclass(frozen=True, slots=True)
class RawRow:
    """One CSV record: first physical line, raw text (without final line break), fields, and
    the byte span ``[begin, end)`` it occupies in the file (for reading it again by seeking)."""

    line: int
    text: str
    fields: list[str]
    begin: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record with its values by column name."""

    line: int
    text: str
    values: dict[str, str]
    begin: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def get(self, column: str) -> str:
        """The stripped value of a column ('' when absent)."""
        return self.values.get(column, "").strip()


class _LineFeed:
    """Decoded physical lines for csv.reader that remembers the lines of the current record."""

    def __init__(self, fh: BinaryIO, progress: Progress | None) -> None:
        self._lines = iter(fh)
        self._progress = progress
        self._reported = 0
        self.nbytes = 0
        self.line = 0
        self.pending: list[str] = []
        self.bad_utf8 = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        if self.line == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
            self.nbytes += len(_BOM)
        self.line += 1
        self.nbytes += len(raw)
        if self._progress is not None and self.nbytes - self._reported >= _PROGRESS_STEP:
            self._reported = self.nbytes
            self._progress(self.nbytes)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
            self.bad_utf8 = True
        self.pending.append(text)
        return text

    def take(self) -> tuple[str, bool]:
        """The raw text of the record just read and whether it had invalid UTF-8."""
        text = "".join(self.pending)
        if text.endswith("\n"):
            text = text[:-2] if text.endswith("\r\n") else text[:-1]
        bad, self.bad_utf8, self.pending = self.bad_utf8, False, []
        return text, bad

    def finish(self) -> None:
        """Report the final byte count."""
        if self._progress is not None and self.nbytes != self._reported:
            self._progress(self.nbytes)


def iter_raw_rows(
    path: Path,
    *,
    delimiter: str = ",",
    quoting: Quoting = csv.QUOTE_MINIMAL,
    progress: Progress | None = None,
) -> Iterator[RawRow | RowError]:
    """Stream the records of a delimited file; blank lines are skipped, bad ones become errors."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", code="E102") from exc
    with fh:
        feed = _LineFeed(fh, progress)
        reader = csv.reader(feed, delimiter=delimiter, quoting=quoting, strict=True)
        while True:
            start = feed.line + 1
            begin = feed.nbytes
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                feed.take()
                yield RowError(f"unreadable CSV record ({exc})", path=str(path), line=start)
                continue
            text, bad = feed.take()
            if bad:
                yield RowError(
                    "not valid UTF-8; re-save the file as UTF-8", path=str(path), line=start
                )
            elif fields and any(fields):
                yield RawRow(start, text, fields, begin, feed.nbytes)
        feed.finish()


def iter_records(
    path: Path,
    *,
    required: Sequence[str],
    columns: Sequence[str] | None = None,
    delimiter: str = ",",
    quoting: Quoting = csv.QUOTE_MINIMAL,
    progress: Progress | None = None,
) -> Iterator[Record | RowError]:
    """Stream records as dicts; the header is the first row unless ``columns`` is given."""
    header: list[str] | None = list(columns) if columns is not None else None
    for row in iter_raw_rows(path, delimiter=delimiter, quoting=quoting, progress=progress):
        if isinstance(row, RowError):
            yield row
            continue
        if header is None:
            header = [name.strip().lstrip("\ufeff") for name in row.fields]
            missing = [name for name in required if name not in header]
            if missing:
                yield RowError(
                    f"header lacks column(s) {', '.join(missing)}; is this the right format?",
                    path=str(path),
                    line=row.line,
                )
                return
            continue
        # A row with fields missing is refused (E131, the input policy's code for the wrong
        # number of fields), never read with its values shifted. Trailing extra fields are
        # dropped: some exports append columns the header does not name.
        if len(row.fields) < len(header):
            yield RowError(
                f"expected {len(header)} columns, found {len(row.fields)}; the row is not "
                "read, so no value lands in the wrong column",
                path=str(path),
                line=row.line,
                code="E131",
            )
            continue
        values = dict(zip(header, row.fields, strict=False))
        yield Record(row.line, row.text, values, row.begin, row.end)


def convert_all(
    records: Iterable[Record | RowError],
    convert: Callable[[Record], Parsed],
    path: Path,
) -> Iterator[Parsed | RowError]:
    """Apply a row converter, turning its ValueError/KeyError into a RowError for that row."""
    for rec in records:
        if isinstance(rec, RowError):
            yield rec
            continue
        try:
            yield convert(rec)
        except (ValueError, KeyError) as exc:
            # An input-policy refusal keeps its code (OutOfRange: E808); others are E130.
            code = getattr(exc, "code", None)
            yield RowError(_short(exc), path=str(path), line=rec.line, code=code)


def _short(exc: Exception) -> str:
    """A one-line reason from a conversion error (pydantic errors are multi-line)."""
    first = str(exc).strip().splitlines()
    return first[0] if len(first) == 1 else " ".join(s.strip() for s in first[:3])


# ---------------------------------------------------------------------------- rows to models


def row_content(rec: Record, columns: Sequence[str]) -> str:
    """The record's values in ``columns`` (stripped, absent ones empty) as one canonical CSV line.

    A report's content: the fields its reader reads, in a fixed order, so columns the reader
    does not read may come, go or move without changing the report or its id.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([rec.get(name) for name in columns])
    return buffer.getvalue()


def make_report(
    rec: Record,
    path: Path,
    *,
    fmt: str,
    source: str,
    key: str,
    content: str,
    published: datetime | None = None,
    url: str | None = None,
) -> Report:
    """The Report for one dataset row; ``content`` is what ``row_content`` makes of it."""
    return Report.of_content(
        content,
        source=source,
        source_kind=SourceKind.DATASET,
        format=fmt,
        url=url or None,
        published=published,
        locator=f"{path.name}:{rec.line}",
        key=key,
    )


_OWN_STRIKE_ID = re.compile(r"^s-[0-9a-f]{16}$")


def strike_id(fmt: str, key: str) -> str:
    """Stable strike id for an upstream event id; our own exported ids are kept as they are."""
    if _OWN_STRIKE_ID.match(key):
        return key
    return Strike.id_for(f"{fmt}:{key}")


def require(value: str, column: str) -> str:
    """The value, or a ValueError naming the empty column."""
    if not value:
        raise ValueError(f"column {column} is empty")
    return value


def parse_int(value: str, column: str) -> int | None:
    """An integer cell ('' -> None; '3.0' and '3e2' accepted, read exactly, not through a float)."""
    if not value:
        return None
    try:
        whole = int(value)  # the common cell, fast
    except ValueError:
        pass
    else:
        if abs(whole) > BIGINT_MOST:
            raise ValueError(
                f"column {column}: {value[:40]} is out of range (at most {BIGINT_MOST:,})"
            )
        return whole
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"column {column}: {value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"column {column}: {value!r} is not a whole number")
    if number.copy_abs() > BIGINT_MOST:  # compared before rounding: '1e999999999' overflows it
        raise ValueError(f"column {column}: {value[:40]} is out of range (at most {BIGINT_MOST:,})")
    if number != number.to_integral_value():
        raise ValueError(f"column {column}: {value!r} is not a whole number")
    return int(number)


def parse_coord(value: str, column: str, limit: float) -> float | None:
    """A latitude/longitude cell within +-limit ('' -> None)."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"column {column}: {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise ValueError(f"column {column}: {value} is out of range")
    return number


def parse_yyyymmdd(value: str, column: str) -> date:
    """A YYYYMMDD date."""
    if len(value) != 8 or not value.isdigit():
        raise ValueError(f"column {column}: {value!r} is not a YYYYMMDD date")
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


def _utc_midnight(day: date) -> datetime:
    """Kyiv-local midnight starting a day, as an aware UTC instant."""
    return kyiv_midnight(day).astimezone(UTC)


def _in_range(day: date) -> None:
    """The input policy's years (1900-2100): a row's date outside them is refused by line (E808),
    before it could overflow (year 1 in Kyiv's zone is before ``datetime.min`` in UTC)."""
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise OutOfRange(f"{day.isoformat()} is outside the years {YEAR_MIN}-{YEAR_MAX}")


def day_window(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """Kyiv-local days first..last (inclusive) as [start, end) UTC instants."""
    _in_range(first)
    _in_range(last or first)
    return _utc_midnight(first), _utc_midnight((last or first) + timedelta(days=1))


def month_window(day: date) -> tuple[datetime, datetime]:
    """The Kyiv-local calendar month containing a day."""
    _in_range(day)
    first = day.replace(day=1)
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return _utc_midnight(first), _utc_midnight(nxt)


def unix_utc(value: str, column: str) -> datetime | None:
    """Unix seconds as an aware UTC datetime ('' -> None)."""
    seconds = parse_int(value, column)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError):
        raise ValueError(f"column {column}: {value!r} is not a plausible Unix time") from None


# ---------------------------------------------------------------------------- places

PlaceKind = Literal["settlement", "oblast", "country", "region"]


@functools.lru_cache(maxsize=65536)
def resolve_name(name: str) -> Place | None:
    """A reported name resolved through the gazetteer (None when it does not know the name)."""
    if not name:
        return None
    from trucewatch.geo import require_gazetteer  # here: building the gazetteer is costly

    return require_gazetteer().resolve(name)


def place_names(*names: str) -> tuple[str, ...]:
    """Non-empty reported names, first occurrence kept."""
    return tuple(dict.fromkeys(n for n in names if n))


def places_for(
    admin1: str,
    location: str,
    lat: float | None,
    lon: float | None,
    kind: PlaceKind,
) -> tuple[Place, ...]:
    """Resolve a row's location (else its admin1) and attach the row's own coordinates."""
    place = resolve_name(location) if location else None
    if place is None and not location and admin1:
        place = resolve_name(admin1)
    if place is None:
        if lat is None or lon is None:
            return ()
        name = location or admin1
        if not name:
            return ()
        place = Place(name=name, kind=kind, oblast=admin1 or None)
    if lat is not None and lon is not None:
        place = place.model_copy(update={"lat": lat, "lon": lon})
    return (place,)
