"""Credibility grades for a strike from the reports behind it, in the spirit of Airwars.

- ``confirmed``: acknowledged by the attacker (the attacker's own official source reports it),
  or an official record plus at least one independent report;
- ``fair``: two or more independent sources (counted by owner: see ``_owner``);
- ``weak``: one source;
- ``contested``: the accounts conflict (a member is contested);
- ``discounted``: every account is discounted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from trucewatch.model import Credibility, Report, SourceKind, Strike

GRADE_RULE = "grade.v1"
_OFFICIAL_OF = {"RU": SourceKind.OFFICIAL_RU, "UA": SourceKind.OFFICIAL_UA}
_TELEGRAM = "t.me/"
_AIR_FORCE = "ua-air-force/"


def _owner(report: Report, air_force_channels: frozenset[str]) -> str:
    """Who stands behind a report; independent sources are counted by owner.

    A party's official sources (the Air Force's dataset rows, an ``official_ua`` text, a
    ministry's statement) all speak for that party: one owner, ``official:UA`` or
    ``official:RU``. A Telegram channel is its own outlet (``t.me/kpszsu``), and a channel the
    air-force dataset transcribes (``ua-air-force/kpszsu``) is the Air Force's however it was
    ingested. Any other source is counted by its first part: ``example-wire/kyiv`` ->
    ``example-wire``.
    """
    party = report.source_kind.party
    if party is not None:
        return f"official:{party}"
    source = report.source.lower()
    if source.startswith(_TELEGRAM):
        channel = source.removeprefix(_TELEGRAM).split("/")[0]
        return "official:UA" if channel in air_force_channels else f"{_TELEGRAM}{channel}"
    return source.split("/")[0]


def _air_force_channels(reports: Sequence[Report]) -> frozenset[str]:
    """The Telegram channels the air-force dataset rows among ``reports`` were taken from."""
    return frozenset(
        r.source.lower().removeprefix(_AIR_FORCE)
        for r in reports
        if r.source.lower().startswith(_AIR_FORCE)
    )


def grade(
    members: Sequence[Strike], reports: Mapping[str, Report], attacker: str | None
) -> tuple[Credibility, str]:
    """The grade of a (merged) strike and the reason for it."""
    grades = {m.credibility for m in members}
    if grades == {Credibility.DISCOUNTED}:
        return Credibility.DISCOUNTED, "every account is discounted"
    if Credibility.CONTESTED in grades:
        return Credibility.CONTESTED, "the parties' accounts of it conflict"
    found = [reports[r] for m in members for r in m.reports if r in reports]
    channels = _air_force_channels(found)
    outlets = {_owner(r, channels) for r in found}
    own = _OFFICIAL_OF.get(attacker or "")
    if own is not None and any(r.source_kind is own for r in found):
        return Credibility.CONFIRMED, f"acknowledged by the attacker ({attacker})"
    official = {o for o in outlets if o.startswith("official:")}
    if official and outlets - official:
        return Credibility.CONFIRMED, "an official record and an independent report"
    if Credibility.CONFIRMED in grades:
        return Credibility.CONFIRMED, "graded confirmed by its curator"
    if len(outlets) >= 2:
        return Credibility.FAIR, f"{len(outlets)} independent sources"
    if Credibility.FAIR in grades:
        return Credibility.FAIR, "graded fair by its source"
    return Credibility.WEAK, "one source"
