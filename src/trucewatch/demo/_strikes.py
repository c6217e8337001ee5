"""The bundled demo strikes: a small, cited set written by hand from public reporting.

``demo/strikes.yaml`` holds 15-30 strikes that fall in or near the windows of the
bundled pledges, so the demo, the docs and the tests can judge real cases without a
download. Each entry becomes a :class:`~trucewatch.model.Report` (the entry itself, as
canonical JSON, is the report's content) and the :class:`~trucewatch.model.Strike` it
supports. Places resolve through the gazetteer; one that cannot load is an error (E191/E192)
that says what is missing, never a silent fall back to unresolved names.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from trucewatch._yaml import LineDict, LineList, line_of, read_yaml_documents
from trucewatch.errors import InputError
from trucewatch.geo import require_gazetteer
from trucewatch.model import (
    KYIV,
    Credibility,
    GeoPrecision,
    Place,
    Quantity,
    Report,
    SourceKind,
    Strike,
    TimePrecision,
)
from trucewatch.pledges._schema import (
    Code,
    FieldProblem,
    Target,
    Time,
    Url,
    Weapon,
    field_path,
    format_error,
)

__all__ = ["DemoStrike", "demo_strikes_path", "load_demo_strikes", "strike_id"]

_OBLAST_WORDS = ("oblast", "krai", "region", "republic")


def _quantity(value: object) -> object:
    """A bare count means an exact number; a mapping gives {min, max}."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"min": value, "max": value}
    return value


def _some_sources(value: list[str]) -> list[str]:
    if not value:
        raise FieldProblem("is an empty list; cite at least one https:// source")
    return value


class DemoStrike(BaseModel):
    """One entry of demo_strikes.yaml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    attacker: Code | None
    claimed_by: Code | None = None
    start: Time
    end: Time
    tz: str = KYIV
    time_precision: TimePrecision
    drones: Annotated[Quantity, BeforeValidator(_quantity)] | None = None
    missiles: Annotated[Quantity, BeforeValidator(_quantity)] | None = None
    drones_downed: int | None = None
    missiles_downed: int | None = None
    weapons: list[Weapon] = []
    models: list[str] = []
    places: list[str] = []
    geo_precision: GeoPrecision | None = None
    targets: list[Target] = []
    killed: int | None = None
    injured: int | None = None
    credibility: Credibility | None = None
    source_kind: SourceKind = SourceKind.MEDIA
    sources: Annotated[list[Url], AfterValidator(_some_sources)]
    published: Time | None = None
    summary: str
    notes: list[str] = []


def demo_strikes_path() -> Path:
    """Where the bundled demo strikes file lives."""
    path = files("trucewatch").joinpath("demo", "strikes.yaml")
    if not isinstance(path, Path):  # a zipped install; the package ships as plain files
        raise InputError(f"{path}: the bundled demo strikes are not on the file system")
    return path


def strike_id(entry_id: str) -> str:
    """The stable strike id for a curated entry id."""
    return Strike.id_for(entry_id)


def _host(url: str) -> str:
    host = (urlparse(url).hostname or url).rstrip(".")
    return host.removeprefix("www.")


def _canonical(raw: Any) -> str:
    return json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _credibility(entry: DemoStrike) -> Credibility:
    """Explicit grade if given; else fair for two independent outlets, weak otherwise."""
    if entry.credibility is not None:
        return entry.credibility
    if entry.claimed_by is None and len({_host(u) for u in entry.sources}) >= 2:
        return Credibility.FAIR
    return Credibility.WEAK


def _guess_precision(names: list[str], places: list[Place]) -> GeoPrecision:
    """What the resolved places tell; names alone (no gazetteer) read as oblasts or places."""
    if places or not names:
        return GeoPrecision.of_places(places)
    if all("," not in n and n.lower().endswith(_OBLAST_WORDS) for n in names):
        return GeoPrecision.OBLAST
    return GeoPrecision.SETTLEMENT


def _places(
    entry: DemoStrike, resolve: Callable[[str], Place | None] | None
) -> tuple[tuple[Place, ...], GeoPrecision]:
    found: list[Place] = []
    if resolve is not None:
        for name in entry.places:
            place = resolve(name)
            if isinstance(place, Place) and place not in found:
                found.append(place)
    precision = entry.geo_precision or _guess_precision(entry.places, found)
    return tuple(found), precision


def _pair(
    entry: DemoStrike, raw: LineDict, locator: str, resolve: Callable[[str], Place | None] | None
) -> tuple[Report, Strike]:
    report = Report.of_content(
        _canonical(raw),
        source=_host(entry.sources[0]),
        source_kind=entry.source_kind,
        format="curated",
        url=entry.sources[0],
        published=entry.published or entry.end,
        locator=locator,
        key=entry.id,
    )
    places, precision = _places(entry, resolve)
    strike = Strike(
        id=strike_id(entry.id),
        attacker=entry.attacker,
        start=entry.start,
        end=entry.end,
        tz=entry.tz,
        time_precision=entry.time_precision,
        drones=entry.drones,
        missiles=entry.missiles,
        drones_downed=entry.drones_downed,
        missiles_downed=entry.missiles_downed,
        weapons=tuple(entry.weapons),
        models=tuple(entry.models),
        places=places,
        place_names=tuple(entry.places),
        geo_precision=precision,
        targets=tuple(entry.targets),
        killed=entry.killed,
        injured=entry.injured,
        reports=(report.id,),
        credibility=_credibility(entry),
        claimed_by=entry.claimed_by,
        notes=(entry.summary, *entry.notes, *(f"source: {u}" for u in entry.sources)),
    )
    return report, strike


def _entries(path: Path) -> list[tuple[DemoStrike, LineDict, int]]:
    """Validate every entry of a demo file; errors name the file, line and field."""
    name = str(path)
    items: list[tuple[Any, int]] = []
    for value, line in read_yaml_documents(path.read_text(encoding="utf-8"), name):
        if isinstance(value, LineList):
            items.extend(zip(value, value.item_lines, strict=True))
        elif value is not None:
            items.append((value, line))
    out: list[tuple[DemoStrike, LineDict, int]] = []
    seen: dict[str, int] = {}
    for raw, line in items:
        if not isinstance(raw, LineDict):
            raise InputError(f"{name}:{line}: expected a mapping with id, attacker, start, ...")
        try:
            entry = DemoStrike.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = tuple(err["loc"])
            where = field_path(loc)
            if err["type"] == "extra_forbidden":
                message = f"unknown key; allowed keys: {', '.join(DemoStrike.model_fields)}"
            else:
                message = format_error(err)[0]
            raise InputError(f"{name}:{line_of(raw, loc)}: {where}: {message}") from None
        if entry.end < entry.start:
            raise InputError(f"{name}:{line_of(raw, ('end',))}: end: comes before start")
        if entry.id in seen:
            raise InputError(
                f"{name}:{line_of(raw, ('id',))}: id: {entry.id!r} already used on line "
                f"{seen[entry.id]}"
            )
        seen[entry.id] = line_of(raw, ("id",))
        out.append((entry, raw, line))
    return out


def load_demo_strikes(path: Path | None = None) -> list[tuple[Report, Strike]]:
    """The curated demo strikes as (report, strike) pairs, in file order."""
    path = path or demo_strikes_path()
    entries = _entries(path)
    resolve = require_gazetteer().resolve if any(e.places for e, _, _ in entries) else None
    return [_pair(entry, raw, f"{path.name}:{line}", resolve) for entry, raw, line in entries]
