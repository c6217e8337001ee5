"""The one input policy: how every reader turns bytes into text and which values it accepts.

Every reader (datasets, the air-force file, news texts, feeds, JSON lines, YAML files people
write) goes through here, so a limit or a refusal is the same wherever the input comes from:

- **Decoding** (E805): input is UTF-8 (a leading BOM is dropped). A byte that is not UTF-8 is
  named by file, line and column, never replaced silently.
- **Size** (E804): a file read whole may not exceed ``$TRUCEWATCH_MAX_FILE_BYTES`` (default
  64 MiB); one text may not exceed ``$TRUCEWATCH_MAX_TEXT_CHARS`` characters (default
  1,000,000, the parser's own limit). Streamed CSV files have no size limit (constant memory).
- **Texts** (E806): an empty text, a binary one (NUL or other control bytes) or one without
  words is refused, not stored as a report.
- **YAML** (E807, in ``_yaml.py``): aliases are refused, nesting is limited to
  ``$TRUCEWATCH_MAX_YAML_DEPTH`` (default 50) levels.
- **Values** (E808): times lie in the years 1900-2100, durations are shorter than 10 years.
- **Local times** (E809): a wall-clock time that does not exist (the spring DST gap) or
  exists twice (the autumn fold) is refused where a person wrote it, and flagged in a note
  where a dataset gives it.

Functions named ``*_problem`` return a sentence (or None) for the caller to raise with its
own location and error type; the others raise ``InputError`` naming the file themselves.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from trucewatch.errors import InputError

__all__ = [
    "MAX_DURATION",
    "YEAR_MAX",
    "YEAR_MIN",
    "Limits",
    "OutOfRange",
    "check_text",
    "decode",
    "duration_parts_problem",
    "duration_problem",
    "has_words",
    "limits",
    "local_time_problem",
    "moment_problem",
    "name_problem",
    "read_file",
    "read_text_file",
    "text_problem",
]

ENV_FILE_BYTES = "TRUCEWATCH_MAX_FILE_BYTES"
ENV_TEXT_CHARS = "TRUCEWATCH_MAX_TEXT_CHARS"
ENV_YAML_DEPTH = "TRUCEWATCH_MAX_YAML_DEPTH"

YEAR_MIN, YEAR_MAX = 1900, 2100
#: Durations must be shorter than this (ten years of 365.25 days).
MAX_DURATION = timedelta(days=3652)

_BOM = "\ufeff"
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Limits:
    """The size limits in force (from the environment, else the defaults)."""

    file_bytes: int = 64 << 20
    text_chars: int = 1_000_000
    yaml_depth: int = 50


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"${name}: {raw!r} is not a whole number", code="E804") from None
    if value <= 0:
        raise InputError(f"${name}: {raw!r} must be above 0", code="E804")
    return value


def limits() -> Limits:
    """The limits in force: ``$TRUCEWATCH_MAX_FILE_BYTES``, ``_TEXT_CHARS``, ``_YAML_DEPTH``."""
    base = Limits()
    return Limits(
        file_bytes=_env_int(ENV_FILE_BYTES, base.file_bytes),
        text_chars=_env_int(ENV_TEXT_CHARS, base.text_chars),
        yaml_depth=_env_int(ENV_YAML_DEPTH, base.yaml_depth),
    )


def read_file(path: Path, error: type[InputError] = InputError, unreadable: str = "E102") -> bytes:
    """The bytes of a file read whole; E804 when it is too big.

    A file that cannot be read raises ``error`` with code ``unreadable`` (readers keep their
    own codes for a missing file).
    """
    limit = limits().file_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                f"{path}: {size:,} bytes is over the limit of {limit:,} for a file read whole; "
                f"split it or raise ${ENV_FILE_BYTES}",
                code="E804",
            )
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}", code=unreadable) from exc
    if len(raw) > limit:  # it grew while we looked, or is not a regular file
        raise InputError(
            f"{path}: over the limit of {limit:,} bytes; split it or raise ${ENV_FILE_BYTES}",
            code="E804",
        )
    return raw


def decode(raw: bytes, name: str, encoding: str = "utf-8", advice: str | None = None) -> str:
    """Text in ``encoding`` (UTF-8 by default) without a leading BOM; E805 names the line and
    column of a bad byte."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        label = "UTF-8" if encoding == "utf-8" else encoding
        raise InputError(
            f"{name}:{line}: not {label} text (byte 0x{byte:02x} at column {column}); "
            + (advice or "re-save the file as UTF-8"),
            code="E805",
        ) from None
    return text.removeprefix(_BOM)


def read_text_file(
    path: Path, error: type[InputError] = InputError, unreadable: str = "E102"
) -> str:
    """A UTF-8 file read whole, under the size limit (see ``read_file`` for the errors)."""
    return decode(read_file(path, error, unreadable), str(path))


def text_problem(text: str) -> str | None:
    """Why a text cannot be a report (empty, too long, binary, no words), or None."""
    if not text.strip():
        return "is empty; there is nothing to read"
    limit = limits().text_chars
    if len(text) > limit:
        return (
            f"is {len(text):,} characters, over the limit of {limit:,}; split it "
            f"or raise ${ENV_TEXT_CHARS}"
        )
    for i, char in enumerate(text):
        if char in "\t\n\r":
            continue
        category = unicodedata.category(char)
        if category == "Cc" or char == "\ufffd":
            line = text.count("\n", 0, i) + 1
            return f"is not plain text (control character U+{ord(char):04X} on line {line})"
    if not has_words(text):
        return "has no words; is this the right file?"
    return None


def name_problem(name: str) -> str | None:
    """Why a name (a source, a token's holder) cannot be stored, or None: a name is one plain
    line, and PostgreSQL cannot hold NUL in text at all."""
    for char in name:
        if unicodedata.category(char) == "Cc":
            return f"contains a control character (U+{ord(char):04X}); a name is one plain line"
    return None


def has_words(text: str) -> bool:
    """The text has a word of two letters or more (emoji, digits and marks alone are none)."""
    return _WORD.search(text) is not None


def check_text(text: str, where: str) -> str:
    """The text, or E806 (E804 when too long) naming ``where``."""
    problem = text_problem(text)
    if problem is not None:
        code = "E804" if "over the limit" in problem else "E806"
        raise InputError(f"{where}: the text {problem}", code=code)
    return text


class OutOfRange(ValueError):
    """A row's value outside the ranges above (E808): readers report the row by line with it."""

    code = "E808"


def moment_problem(moment: datetime) -> str | None:
    """Why a time is outside the years we accept (1900-2100), or None."""
    try:
        year = moment.year if moment.tzinfo is None else _utc_year(moment)
    except OverflowError:
        year = moment.year
    if not YEAR_MIN <= year <= YEAR_MAX or not YEAR_MIN <= moment.year <= YEAR_MAX:
        return f"{moment.isoformat()} is outside the years {YEAR_MIN}-{YEAR_MAX}"
    return None


def _utc_year(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return (moment.replace(tzinfo=None) - offset).year


def duration_problem(value: timedelta) -> str | None:
    """Why a duration is unusable (negative or 10 years or more), or None."""
    if value < timedelta(0):
        return "is negative"
    if value >= MAX_DURATION:
        return (
            f"is {value.days:,} days; durations must be under 10 years ({MAX_DURATION.days} days)"
        )
    return None


def duration_parts_problem(days: int, seconds: int) -> str | None:
    """``duration_problem`` for a (days, seconds) pair too big for ``timedelta``."""
    if days >= MAX_DURATION.days or seconds >= MAX_DURATION.days * 86400:
        total = days + seconds // 86400
        return f"is {total:,} days; durations must be under 10 years ({MAX_DURATION.days} days)"
    return duration_problem(timedelta(days=days, seconds=seconds))


def local_time_problem(naive: datetime, zone: tzinfo) -> str | None:
    """Why a wall-clock time in ``zone`` is not one instant (DST gap or fold), or None."""
    name = getattr(zone, "key", str(zone))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive.replace(fold=0):
        return (
            f"{naive:%Y-%m-%d %H:%M} does not exist in {name} (the clocks moved forward); "
            "give the UTC offset"
        )
    return (
        f"{naive:%Y-%m-%d %H:%M} happens twice in {name} (the clocks moved back); "
        "give the UTC offset"
    )
