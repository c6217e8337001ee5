"""The pledge file schema: pydantic models for what a user writes, with messages that help.

These models check one field at a time (shape, vocabulary, time syntax) and say what to
write instead; :mod:`trucewatch.pledges` checks the rules that span fields (a window's
end after its start, duration with one end) and converts to :class:`trucewatch.model.Pledge`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator
from pydantic_core import ErrorDetails

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, local_time_problem, moment_problem
from trucewatch._validate import FILE_CONFIG, FieldProblem, FileRules, error_message, field_path
from trucewatch._validate import allowed_keys as file_allowed_keys
from trucewatch.errors import ArgumentError
from trucewatch.model import KYIV, TARGET_CATEGORIES, WEAPON_CLASSES, PledgeStatus
from trucewatch.times import KYIV_ZONE, duration_parts

__all__ = [
    "FieldProblem",
    "PledgeFile",
    "ReadingFile",
    "ScopeFile",
    "StatusChangeFile",
    "allowed_keys",
    "field_path",
    "format_error",
    "parse_time",
]

_ID = re.compile(r"[a-z0-9-]+")
_CODE = re.compile(r"[A-Z]{2}")
_ANNOUNCED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TIME_EXAMPLE = "2026-01-30T00:00:00+02:00 or '2026-01-30 00:00 Europe/Kyiv'"


def _suggest(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value.lower(), list(choices), n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}? " if close else ""


def _vocabulary(kind: str, choices: Sequence[str]) -> Any:
    def check(value: str) -> str:
        if value not in choices:
            raise FieldProblem(
                f"{value!r} is not a {kind}; {_suggest(value, choices)}"
                f"use one of: {', '.join(choices)}"
            )
        return value

    return AfterValidator(check)


def _code(value: object) -> object:
    if isinstance(value, bool):
        raise FieldProblem(
            f"got {str(value).lower()}: YAML reads NO, no, ON and OFF as true/false; "
            "quote the country code, e.g. 'NO'"
        )
    if isinstance(value, str) and not _CODE.fullmatch(value):
        hint = f"write {value.upper()!r}" if _CODE.fullmatch(value.upper()) else "e.g. 'UA'"
        raise FieldProblem(f"{value!r} is not an upper-case 2-letter country code; {hint}")
    return value


def _pledge_id(value: str) -> str:
    if not _ID.fullmatch(value):
        fixed = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", value.lower())).strip("-")
        raise FieldProblem(
            f"{value!r} is not a valid id; use lower-case letters, digits and '-' only, "
            f"e.g. {fixed or 'kyiv26-cold-pause'!r}"
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise FieldProblem("is empty; write some text or drop the key")
    return value


def _url(value: str) -> str:
    parts = urlparse(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FieldProblem(f"{value!r} is not a web address; write the full https://... URL")
    return value


def _announced(value: str) -> str:
    ok = _ANNOUNCED.fullmatch(value) is not None
    if ok:
        try:
            date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
        except ValueError:
            ok = False
    if not ok:
        raise FieldProblem(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-29")
    if not YEAR_MIN <= int(value[:4]) <= YEAR_MAX:
        raise FieldProblem(f"{value!r} is outside the years {YEAR_MIN}-{YEAR_MAX}", "E808")
    return value


def _status(value: object) -> object:
    choices = [s.value for s in PledgeStatus]
    if isinstance(value, str) and value not in choices:
        raise FieldProblem(
            f"{value!r} is not a status; {_suggest(value, choices)}use one of: {', '.join(choices)}"
        )
    return value


def _non_empty(value: list[Any]) -> list[Any]:
    if not value:
        raise FieldProblem("is an empty list; give at least one item or drop the key")
    return value


def _some_readings(value: list[Any]) -> list[Any]:
    if not value:
        raise FieldProblem(f"is an empty list; {_MISSING_HINTS['readings']}")
    return value


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, _zone_names(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else "use an IANA name like Europe/Kyiv"
        raise FieldProblem(f"{name!r} is not a known time zone; {hint}", "E114") from None


def _check_zone(value: str) -> str:
    _zone(value)
    return value


def parse_time(value: object) -> datetime:
    """Parse an ISO 8601 time with an offset, or ``YYYY-MM-DD HH:MM Zone/Name``."""
    if isinstance(value, datetime):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise FieldProblem(f"{value!r} is not a time; write {_TIME_EXAMPLE}", "E114")
    zone: ZoneInfo | None = None
    body = text
    parts = text.rsplit(None, 1)
    if len(parts) == 2 and ("/" in parts[1] or parts[1] in ("UTC", "GMT")):
        body, zone = parts[0], _zone(parts[1])
    try:
        moment = datetime.fromisoformat(body)
    except ValueError:
        raise FieldProblem(
            f"{text!r} is not an ISO 8601 time; write e.g. {_TIME_EXAMPLE}", "E114"
        ) from None
    problem = moment_problem(moment)
    if problem is not None:
        raise FieldProblem(f"{text!r}: {problem}; write a time in those years", "E808")
    if zone is not None:
        if moment.tzinfo is None:
            gap_or_fold = local_time_problem(moment, zone)
            if gap_or_fold is not None:
                raise FieldProblem(f"{text!r}: {gap_or_fold}", "E809")
        if moment.tzinfo is not None:
            local = moment.replace(tzinfo=None).replace(tzinfo=zone)
            if local.utcoffset() != moment.utcoffset():
                raise FieldProblem(
                    f"{text!r}: the offset does not match {zone.key} at that time "
                    f"({local.isoformat()}); give the offset or the zone, not both",
                    "E114",
                )
        return moment.replace(tzinfo=zone)
    if moment.tzinfo is None:
        fixed = moment.replace(tzinfo=KYIV_ZONE)
        raise FieldProblem(
            f"{text!r} has no UTC offset or zone; write {fixed.isoformat()} "
            f"or '{moment:%Y-%m-%d %H:%M} {KYIV}'",
            "E114",
        )
    return moment


def _duration(value: str) -> str:
    """A reading's ``duration``, checked by the one parser (``times.duration_parts``)."""
    try:
        duration_parts(value)
    except ArgumentError as exc:
        if exc.code == "E808":  # a duration, but too long: say so
            raise FieldProblem(exc.message, "E808") from None
        raise FieldProblem(
            f"{value!r} is not an ISO 8601 duration in weeks, days or hours; "
            "write e.g. P7D, P30D, PT30H or P1DT6H (months and years are ambiguous)",
            "E114",
        ) from None
    return value


Code = Annotated[str, BeforeValidator(_code)]
Text = Annotated[str, AfterValidator(_text)]
Url = Annotated[str, AfterValidator(_url)]
Time = Annotated[datetime, PlainValidator(parse_time)]
Target = Annotated[str, _vocabulary("target category", TARGET_CATEGORIES)]
Weapon = Annotated[str, _vocabulary("weapon class", WEAPON_CLASSES)]


class _FileModel(BaseModel):
    model_config = FILE_CONFIG


class ScopeFile(_FileModel):
    """``scope:`` in a pledge or a reading; a missing key means no limit on that axis."""

    targets: Annotated[list[Target], AfterValidator(_non_empty)] | None = None
    places: Annotated[list[Text], AfterValidator(_non_empty)] | None = None
    weapons: Annotated[list[Weapon], AfterValidator(_non_empty)] | None = None


class ReadingFile(_FileModel):
    """One item of ``readings:``."""

    by: Code
    start: Time | None = None
    end: Time | None = None
    duration: Annotated[str, AfterValidator(_duration)] | None = None
    tz: Annotated[str, AfterValidator(_check_zone)] | None = None
    scope: ScopeFile | None = None
    sources: list[Url] = []
    note: Text | None = None


class StatusChangeFile(_FileModel):
    """One item of ``history:``: from ``at`` on, the pledge had ``status``."""

    status: Annotated[PledgeStatus, BeforeValidator(_status)]
    at: Time | None = None
    sources: list[Url] = []
    note: Text | None = None


class PledgeFile(_FileModel):
    """One pledge as written in a file."""

    id: Annotated[str, AfterValidator(_pledge_id)]
    title: Text
    parties: Annotated[list[Code], AfterValidator(_non_empty)]
    broker: Code | None = None
    announced: Annotated[str, AfterValidator(_announced)] | None = None
    status: Annotated[PledgeStatus, BeforeValidator(_status)]
    scope: ScopeFile | None = None
    sources: list[Url] = []
    readings: Annotated[list[ReadingFile], AfterValidator(_some_readings)]
    draft: bool = False
    history: Annotated[list[StatusChangeFile], AfterValidator(_non_empty)] | None = None


_MISSING_HINTS = {
    "id": "add e.g. `id: kyiv26-cold-pause` (lower-case letters, digits, '-')",
    "title": "add a one-line `title:`",
    "parties": "add the bound parties, e.g. `parties: [RU]`",
    "status": f"add `status:` ({', '.join(s.value for s in PledgeStatus)})",
    "readings": "add at least one reading, e.g. `readings: [{by: UA, start: ..., end: ...}]`",
    "by": "add whose reading it is, e.g. `by: UA`",
}


PLEDGE_RULES = FileRules(
    PledgeFile, "E112", "E113", family="E1", empty="(pledge)", hints=_MISSING_HINTS
)


def allowed_keys(parent: Sequence[int | str]) -> tuple[str, ...]:
    """The keys a mapping at ``parent`` (a field path) of a pledge may hold."""
    return file_allowed_keys(PledgeFile, parent)


def format_error(err: ErrorDetails) -> tuple[str, str]:
    """A pydantic error in a pledge file as (message with value and fix, error code)."""
    return error_message(err, PLEDGE_RULES)
