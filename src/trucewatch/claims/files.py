"""Claim files (YAML): claims written by hand, with the same line-numbered errors as pledges.

A file holds one claim mapping, a list of them, or several documents::

    - speaker: RU                      # who said it (a party code)
      person: Dmitry Peskov            # optional
      said: 2026-01-30                 # a Kyiv day, or a time with an offset or zone
      statement: Trump asked that Kyiv not be struck for a week, until 1 February.
      asserts: window                  # kept | broken | in_force | expired | not_agreed | window
      about: RU                        # whose conduct is asserted (kept, broken)
      window: {end: 2026-02-01}        # days are whole Kyiv days; times are exact (end exclusive)
      pledge: kyiv26-cold-pause        # optional: otherwise the linker finds it
      count: {min: 30}                 # optional, broken claims: "more than 30 times"
      since: 2025-03-19                # optional: broken from this day on
      targets: [energy]                # optional: "on energy", used to link and to check
      url: https://...

Every problem raises :class:`~trucewatch.errors.ClaimError` as ``file:line: field: message``.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ValidationError

from trucewatch._inputs import moment_problem
from trucewatch._validate import (
    FILE_CONFIG,
    INPUT_POLICY,
    FileRules,
    file_mappings,
    read_file_text,
    validation_problems,
)
from trucewatch._yaml import LineDict, line_of
from trucewatch.claims.text import claim_id
from trucewatch.errors import ClaimError
from trucewatch.model import (
    KYIV,
    Claim,
    ClaimAssertion,
    Quantity,
    TimePrecision,
)
from trucewatch.pledges._schema import (
    Code,
    FieldProblem,
    Target,
    Text,
    Url,
    parse_time,
)
from trucewatch.times import kyiv_midnight

__all__ = ["ClaimFile", "load_claim_files", "parse_claims"]

_ID = re.compile(r"c-[a-z0-9-]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _claim_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise FieldProblem(
            f"{value!r} is not a claim id; start it with 'c-' and use lower-case letters, "
            "digits and '-', e.g. 'c-kyiv26-us-kept'",
            "E703",
        )
    return value


def _moment(value: object) -> tuple[datetime, bool]:
    """A day (True: known to the day) or an exact time with an offset or zone."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise FieldProblem(f"{value!r} is not a date; write YYYY-MM-DD", "E704") from None
        moment = kyiv_midnight(day)
        problem = moment_problem(moment)
        if problem is not None:
            raise FieldProblem(f"{value!r}: {problem}; write a day in those years", "E808")
        return moment, True
    try:
        return parse_time(value), False
    except FieldProblem as exc:
        # The input policy's own codes (E808 years, E809 DST gap or fold) stay as they are.
        code = exc.code if exc.code.startswith(INPUT_POLICY) else "E704"
        raise FieldProblem(f"{exc} (or a Kyiv day, YYYY-MM-DD)", code) from None


def _when(value: object) -> object:
    _moment(value)
    return value


def _count(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise FieldProblem(f"{value!r} is negative; a count is 0 or more", "E703")
        return {"min": value, "max": value}
    return value


def _asserts(value: object) -> object:
    choices = [a.value for a in ClaimAssertion]
    if isinstance(value, str) and value not in choices:
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise FieldProblem(
            f"{value!r} is not something a claim asserts; {hint}use one of: {', '.join(choices)}",
            "E703",
        )
    return value


When = Annotated[object, AfterValidator(_when)]


class _FileModel(BaseModel):
    model_config = FILE_CONFIG


class WindowFile(_FileModel):
    """``window:`` in a claim: the window the statement gives."""

    start: When | None = None
    end: When | None = None


class ClaimFile(_FileModel):
    """One claim as written in a file."""

    id: Annotated[str, AfterValidator(_claim_id)] | None = None
    speaker: Code
    person: Text | None = None
    said: When
    statement: Text
    asserts: Annotated[ClaimAssertion, BeforeValidator(_asserts)]
    about: Code | None = None
    pledge: str | None = None
    count: Annotated[Quantity, BeforeValidator(_count)] | None = None
    since: When | None = None
    targets: list[Target] = []
    places: list[Text] = []
    window: WindowFile | None = None
    broker: Code | None = None
    source: Text | None = None
    url: Url | None = None


_HINTS = {
    "speaker": "add who said it, e.g. `speaker: US`",
    "said": "add when, e.g. `said: 2026-02-03`",
    "statement": "add the statement in a line of text",
    "asserts": f"add `asserts:` ({', '.join(a.value for a in ClaimAssertion)})",
}
_RULES = FileRules(ClaimFile, "E702", "E703", family="E7", hints=_HINTS)


def _fail(name: str, raw: LineDict, exc: ValidationError) -> ClaimError:
    problems = validation_problems(raw, exc, _RULES)
    text = "\n".join(f"{name}:{line}: {fld}: {msg}" for line, fld, msg, _ in problems)
    return ClaimError(text, code=problems[0][3])


def _claim(name: str, raw: LineDict) -> Claim:
    try:
        data = ClaimFile.model_validate(raw)
    except ValidationError as exc:
        raise _fail(name, raw, exc) from None
    said, by_day = _moment(data.said)
    start = end = None
    if data.window is not None:
        if data.window.start is not None:
            start, _ = _moment(data.window.start)
        if data.window.end is not None:
            end, whole = _moment(data.window.end)
            end = end + timedelta(days=1) if whole else end
        if start is not None and end is not None and end <= start:
            where = line_of(raw, ("window", "end"))
            raise ClaimError(
                f"{name}:{where}: window.end: the window ends before it starts; a day counts "
                "whole, so write the last day of the window",
                code="E704",
            )
        if start is None and end is None:
            where = line_of(raw, ("window",))
            raise ClaimError(f"{name}:{where}: window: give a start, an end or both", code="E704")
    if data.asserts is ClaimAssertion.WINDOW and start is None and end is None:
        raise ClaimError(
            f"{name}:{line_of(raw, ('asserts',))}: asserts: 'window' needs a `window:` with a "
            "start or an end",
            code="E704",
        )
    since = _moment(data.since)[0] if data.since is not None else None
    fields: dict[str, Any] = {
        "speaker": data.speaker,
        "person": data.person,
        "said": said,
        "said_precision": TimePrecision.DAY if by_day else TimePrecision.MINUTE,
        "tz": KYIV,
        "statement": " ".join(data.statement.split()),
        "asserts": data.asserts,
        "about": data.about,
        "count": data.count,
        "since": since,
        "targets": tuple(data.targets),
        "places": tuple(data.places),
        "start": start,
        "end": end,
        "broker": data.broker,
        "source": data.source or name,
        "url": data.url,
        "pledge": data.pledge,
        "link": "given" if data.pledge else None,
    }
    ident = data.id or claim_id(
        data.speaker, said.isoformat(), data.asserts.value, data.about, fields["statement"]
    )
    return Claim(id=ident, **fields)


def parse_claims(text: str, name: str = "<text>") -> list[Claim]:
    """Claims from YAML text; ``name`` stands for the file in error messages."""
    out: list[Claim] = []
    lines: dict[str, int] = {}
    for item, item_line in file_mappings(
        text, name, ClaimError, code="E706", what="claim", example="speaker: ..., said: ..."
    ):
        made = _claim(name, item)
        if made.id in lines:
            raise ClaimError(
                f"{name}:{item_line}: id: claim {made.id!r} is already on line "
                f"{lines[made.id]}; give each claim its own id or statement",
                code="E705",
            )
        lines[made.id] = item_line
        out.append(made)
    if not out:
        raise ClaimError(
            f"{name}:1: (file): no claim found; write a mapping with speaker, said, statement "
            "and asserts",
            code="E706",
        )
    return out


def load_claim_files(paths: list[Path]) -> list[Claim]:
    """Claims from several files, all validated before any is used."""
    out: list[Claim] = []
    for path in paths:
        out.extend(parse_claims(read_file_text(path, ClaimError, "E706"), str(path)))
    return out
