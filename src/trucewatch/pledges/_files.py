"""Read and write pledge files (YAML): one pledge, a list of them, or several documents.

Every problem raises :class:`~trucewatch.errors.PledgeError` with ``file:line: field: message``
so a user editing a file by hand finds the line and the fix. Validation uses the pydantic
"file schema" in :mod:`trucewatch.pledges._schema`; the YAML reader in
:mod:`trucewatch._yaml` records the line of every key and list item.

Times carry a UTC offset (``2026-01-30T00:00:00+02:00``) or a zone name
(``2026-01-30 00:00 Europe/Kyiv``). ``duration`` (ISO 8601) combines with ``start`` or
``end``: its days and weeks are added on the wall clock of the time's zone, its hours,
minutes and seconds as elapsed time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import ValidationError

from trucewatch._validate import field_path, file_mappings, read_file_text, validation_problems
from trucewatch._yaml import LineDict, line_of
from trucewatch.errors import PledgeError
from trucewatch.model import KYIV, Pledge, Reading, Scope, StatusChange
from trucewatch.pledges._schema import (
    PLEDGE_RULES,
    PledgeFile,
    ReadingFile,
    ScopeFile,
    StatusChangeFile,
)
from trucewatch.times import duration_parts

_MAX_ERRORS = 20


def _fail(name: str, raw: LineDict, loc: tuple[int | str, ...], message: str, code: str) -> None:
    raise PledgeError(f"{name}:{line_of(raw, loc)}: {field_path(loc)}: {message}", code=code)


def _validation_error(name: str, raw: LineDict, exc: ValidationError) -> PledgeError:
    """Turn pydantic's errors into one PledgeError with a line per problem."""
    problems = validation_problems(raw, exc, PLEDGE_RULES)
    shown = [f"{name}:{line}: {fld}: {msg}" for line, fld, msg, _ in problems[:_MAX_ERRORS]]
    if len(problems) > _MAX_ERRORS:
        shown.append(f"... and {len(problems) - _MAX_ERRORS} more problems")
    return PledgeError("\n".join(shown), code=problems[0][3] if problems else "E113")


def _scope(data: ScopeFile) -> Scope:
    """Build a Scope that has exactly the keys the file gave set (so overrides work)."""
    given: dict[str, Any] = {}
    for key in sorted(data.model_fields_set):
        value = getattr(data, key)
        given[key] = None if value is None else tuple(value)
    return Scope(**given)


def _shift(moment: datetime, text: str, sign: int) -> datetime:
    """Add (sign=1) or subtract (sign=-1) an ISO 8601 duration; days on the wall clock."""
    days, seconds = duration_parts(text)  # validated by the schema already
    local = moment + timedelta(days=sign * days)
    if seconds == 0:
        return local
    exact = local.astimezone(UTC) + timedelta(seconds=sign * seconds)
    return exact.astimezone(moment.tzinfo)


def _zone_of(moment: datetime | None) -> str | None:
    if moment is not None and isinstance(moment.tzinfo, ZoneInfo):
        return moment.tzinfo.key
    return None


def _reading(name: str, raw: LineDict, i: int, data: ReadingFile) -> Reading:
    """Check a reading's window (cross-field rules) and build the model."""
    here: tuple[int | str, ...] = ("readings", i)
    start, end = data.start, data.end
    if data.duration is not None:
        if start is not None and end is not None:
            _fail(
                name,
                raw,
                (*here, "duration"),
                f"{data.duration!r} given with both start and end; keep two of the three "
                "(start and end, start and duration, or end and duration)",
                "E114",
            )
        elif start is not None:
            end = _shift(start, data.duration, 1)
        elif end is not None:
            start = _shift(end, data.duration, -1)
        else:
            _fail(
                name,
                raw,
                (*here, "duration"),
                f"{data.duration!r} needs a start or an end to count from; add one, "
                "or drop duration for an undated reading",
                "E114",
            )
    if start is not None and end is not None and end <= start:
        _fail(
            name,
            raw,
            (*here, "end" if data.end is not None else "duration"),
            f"the window ends ({end.isoformat()}) before or when it starts "
            f"({start.isoformat()}); end is exclusive and must come after start",
            "E114",
        )
    tz = data.tz or _zone_of(data.start) or _zone_of(data.end) or KYIV
    return Reading(
        by=data.by,
        start=start,
        end=end,
        tz=tz,
        scope=None if data.scope is None else _scope(data.scope),
        sources=tuple(data.sources),
        note=data.note,
    )


def _history(name: str, raw: LineDict, data: PledgeFile) -> tuple[StatusChange, ...]:
    """Check a status history (dated, oldest first, ending at today's status) and build it."""
    items: list[StatusChangeFile] = data.history or []
    out: list[StatusChange] = []
    for i, item in enumerate(items):
        here: tuple[int | str, ...] = ("history", i)
        if item.at is None and i > 0:
            _fail(
                name,
                raw,
                (*here, "status"),
                "has no `at`; only the first change may be undated (meaning from the start): "
                "add e.g. `at: 2026-02-02 12:00 Europe/Kyiv`",
                "E180",
            )
        previous = out[-1].at if out else None
        if item.at is not None and previous is not None and item.at <= previous:
            _fail(
                name,
                raw,
                (*here, "at"),
                f"{item.at.isoformat()} is not after the change before it "
                f"({previous.isoformat()}); list status changes oldest first, each later",
                "E181",
            )
        out.append(
            StatusChange(
                status=item.status, at=item.at, sources=tuple(item.sources), note=item.note
            )
        )
    if out and out[-1].status is not data.status:
        _fail(
            name,
            raw,
            ("history", len(out) - 1, "status"),
            f"the last change says {out[-1].status.value!r} but the pledge's status is "
            f"{data.status.value!r}; `status` is today's status: make them agree",
            "E182",
        )
    return tuple(out)


def _pledge(name: str, raw: LineDict) -> Pledge:
    """Validate one pledge mapping and convert it to the domain model."""
    try:
        data = PledgeFile.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(name, raw, exc) from None
    seen: dict[str, int] = {}
    readings: list[Reading] = []
    for i, item in enumerate(data.readings):
        if item.by in seen:
            _fail(
                name,
                raw,
                ("readings", i, "by"),
                f"{item.by!r} already has a reading (readings[{seen[item.by]}]); a pledge "
                "holds one reading per party: merge them and put the other view in the note",
                "E115",
            )
        seen[item.by] = i
        readings.append(_reading(name, raw, i, item))
    return Pledge(
        id=data.id,
        title=data.title,
        parties=tuple(data.parties),
        broker=data.broker,
        announced=data.announced,
        status=data.status,
        scope=Scope() if data.scope is None else _scope(data.scope),
        sources=tuple(data.sources),
        readings=tuple(readings),
        draft=data.draft,
        history=_history(name, raw, data),
    )


def _parse(text: str, name: str) -> Iterator[tuple[Pledge, int]]:
    """Yield each pledge in a text with the line of its id; ids unique within the text."""
    ids: dict[str, int] = {}
    count = 0
    for raw, _ in file_mappings(
        text, name, PledgeError, code="E111", what="pledge", example="id: ..., title: ..."
    ):
        pledge = _pledge(name, raw)
        line = line_of(raw, ("id",))
        if pledge.id in ids:
            raise PledgeError(
                f"{name}:{line}: id: {pledge.id!r} is already used on line {ids[pledge.id]}; "
                "give each pledge its own id",
                code="E115",
            )
        ids[pledge.id] = line
        count += 1
        yield pledge, line
    if count == 0:
        raise PledgeError(
            f"{name}:1: (file): no pledge found; write a mapping with id, title, parties, "
            "status and readings",
            code="E111",
        )


def parse_pledges(text: str, name: str = "<text>") -> list[Pledge]:
    """Parse pledges from YAML text; ``name`` stands for the file in error messages."""
    return [pledge for pledge, _ in _parse(text, name)]


def _read(path: Path) -> str:
    return read_file_text(path, PledgeError, "E111")


def load_pledges(path: Path) -> list[Pledge]:
    """Load every pledge in one YAML file."""
    return parse_pledges(_read(path), str(path))


def load_pledge_files(paths: Iterable[Path]) -> list[Pledge]:
    """Load several pledge files; ids must be unique across all of them."""
    where: dict[str, str] = {}
    out: list[Pledge] = []
    for path in paths:
        for pledge, line in _parse(_read(path), str(path)):
            if pledge.id in where:
                raise PledgeError(
                    f"{path}:{line}: id: {pledge.id!r} is already used in {where[pledge.id]}; "
                    "give each pledge its own id",
                    code="E115",
                )
            where[pledge.id] = f"{path}:{line}"
            out.append(pledge)
    return out


def registry_paths() -> list[Path]:
    """The bundled pledge files of the curated registry, sorted by name."""
    root = files("trucewatch").joinpath("data", "pledges")
    if not isinstance(root, Path):  # a zipped install; the package ships as plain files
        raise PledgeError(f"{root}: the bundled registry is not on the file system", code="E111")
    return sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))


@cache
def _registry() -> tuple[Pledge, ...]:
    return tuple(load_pledge_files(registry_paths()))


def load_registry() -> list[Pledge]:
    """The curated registry of real 2025-2026 pledges bundled with trucewatch."""
    return list(_registry())


def _time_text(moment: datetime, tz: str) -> str:
    try:
        return moment.astimezone(ZoneInfo(tz)).isoformat()
    except (ValueError, KeyError):  # not a zone name: keep the instant's own offset
        return moment.isoformat()


def _scope_raw(scope: Scope, only_set: bool) -> dict[str, Any]:
    data = scope.model_dump(exclude_unset=only_set)
    if only_set:
        return {k: None if v is None else list(v) for k, v in data.items()}
    return {k: list(v) for k, v in data.items() if v is not None}


def _reading_raw(reading: Reading) -> dict[str, Any]:
    out: dict[str, Any] = {"by": reading.by}
    if reading.start is not None:
        out["start"] = _time_text(reading.start, reading.tz)
    if reading.end is not None:
        out["end"] = _time_text(reading.end, reading.tz)
    if reading.tz != KYIV:
        out["tz"] = reading.tz
    if reading.scope is not None:
        out["scope"] = _scope_raw(reading.scope, only_set=True)
    if reading.sources:
        out["sources"] = list(reading.sources)
    if reading.note is not None:
        out["note"] = reading.note
    return out


def _pledge_raw(pledge: Pledge) -> dict[str, Any]:
    out: dict[str, Any] = {"id": pledge.id, "title": pledge.title, "parties": list(pledge.parties)}
    if pledge.broker is not None:
        out["broker"] = pledge.broker
    if pledge.announced is not None:
        out["announced"] = pledge.announced
    out["status"] = pledge.status.value
    scope = _scope_raw(pledge.scope, only_set=False)
    if scope:
        out["scope"] = scope
    if pledge.sources:
        out["sources"] = list(pledge.sources)
    if pledge.draft:
        out["draft"] = True
    out["readings"] = [_reading_raw(r) for r in pledge.readings]
    if pledge.history:
        out["history"] = [_change_raw(c) for c in pledge.history]
    return out


def _change_raw(change: StatusChange) -> dict[str, Any]:
    out: dict[str, Any] = {"status": change.status.value}
    if change.at is not None:
        out["at"] = _time_text(change.at, _zone_of(change.at) or KYIV)
    if change.sources:
        out["sources"] = list(change.sources)
    if change.note is not None:
        out["note"] = change.note
    return out


def dump_pledge(p: Pledge) -> str:
    """One pledge as YAML in the file format; ``parse_pledges(dump_pledge(p)) == [p]``."""
    return yaml.safe_dump(
        _pledge_raw(p), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def dump_pledges(pledges: Iterable[Pledge]) -> str:
    """Several pledges as a multi-document YAML file."""
    return "---\n".join(dump_pledge(p) for p in pledges)
