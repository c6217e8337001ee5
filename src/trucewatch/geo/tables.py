"""Our own geographic tables: first-level units, countries and the alias list, read from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from trucewatch.errors import InputError

__all__ = ["Tables", "Unit", "load_tables"]

_DATA = ("data", "geo")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Unit:
    """One first-level unit or country as our table describes it."""

    name: str
    iso: str
    country: str
    kind: str
    katottg: str | None = None
    geonames: str | None = None
    stems: tuple[str, ...] = ()
    full: tuple[str, ...] = ()
    uk: str | None = None
    ru: str | None = None
    uk_full: str | None = None
    ru_full: str | None = None
    colloquial: tuple[str, ...] = ()
    border: bool = False
    towns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tables:
    """Everything the YAML files hold."""

    countries: tuple[Unit, ...]
    ukraine: tuple[Unit, ...]
    russia: tuple[Unit, ...]
    aliases: dict[str, str] = field(default_factory=dict)
    not_places: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()

    @property
    def units(self) -> tuple[Unit, ...]:
        """Ukrainian and Russian first-level units together."""
        return self.ukraine + self.russia


def _read(name: str) -> dict[str, Any]:
    """Parse one YAML file of the package's data/geo folder."""
    path = resources.files("trucewatch").joinpath(*_DATA, name)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the gazetteer table ({exc})", code="E101") from exc
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: expected a mapping at the top level", code="E101")
    return loaded


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A YAML list of strings as a tuple, rejecting anything else."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: expected a list of strings", code="E101")
    return tuple(value)


def _optional(value: Any, where: str) -> str | None:
    """A YAML scalar that must be a string when present."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a string, got {value!r}", code="E101")
    return value


def _unit(raw: Any, country: str, kind: str, where: str) -> Unit:
    """Build one Unit from its YAML mapping."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError(f"{where}: each entry needs a name", code="E101")
    here = f"{where} {raw['name']}"
    iso = _optional(raw.get("iso"), f"{here}: iso")
    if iso is None:
        raise InputError(f"{here}: iso code missing", code="E101")
    return Unit(
        name=raw["name"],
        iso=iso,
        country=country,
        kind=kind,
        katottg=_optional(raw.get("katottg"), f"{here}: katottg"),
        geonames=_optional(raw.get("geonames"), f"{here}: geonames"),
        stems=_strings(raw.get("stems"), f"{here}: stems"),
        full=_strings(raw.get("full"), f"{here}: full"),
        uk=_optional(raw.get("uk"), f"{here}: uk"),
        ru=_optional(raw.get("ru"), f"{here}: ru"),
        uk_full=_optional(raw.get("uk_full"), f"{here}: uk_full"),
        ru_full=_optional(raw.get("ru_full"), f"{here}: ru_full"),
        colloquial=_strings(raw.get("colloquial"), f"{here}: colloquial"),
        border=bool(raw.get("border", False)),
        towns=_strings(raw.get("towns"), f"{here}: towns"),
    )


def _units(raw: dict[str, Any], section: str, country: str, kind: str) -> tuple[Unit, ...]:
    """All units of one section of regions.yaml."""
    entries = raw.get(section)
    if not isinstance(entries, list):
        raise InputError(f"regions.yaml: section {section!r} must be a list", code="E101")
    return tuple(_unit(e, country, kind, f"regions.yaml {section}:") for e in entries)


def load_tables() -> Tables:
    """Read regions.yaml and aliases.yaml from the package data."""
    regions = _read("regions.yaml")
    extra = _read("aliases.yaml")
    countries = tuple(
        _unit(e, e.get("iso", ""), "country", "regions.yaml countries:")
        for e in regions.get("countries") or []
    )
    aliases = extra.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()
    ):
        raise InputError("aliases.yaml: aliases must map strings to strings", code="E101")
    return Tables(
        countries=countries,
        ukraine=_units(regions, "ukraine", "UA", "oblast"),
        russia=_units(regions, "russia", "RU", "region"),
        aliases=dict(aliases),
        not_places=frozenset(_strings(extra.get("not_places"), "aliases.yaml: not_places")),
        common_words=frozenset(_strings(extra.get("common_words"), "aliases.yaml: common_words")),
    )
