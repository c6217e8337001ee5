"""Credibility grades for a strike from the reports behind it, in the spirit of Airwars.

- ``confirmed``: acknowledged by the attacker (the attacker's own official source reports it),
  or an official record plus at least one independent report;
- ``fair``: two or more independent sources;
- ``weak``: one source;
- ``contested``: the accounts conflict (a member is contested);
- ``discounted``: every account is discounted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from trucewatch.model import Credibility, Report, SourceKind, Strike

GRADE_RULE = "grade.v1"
_OFFICIAL_OF = {"RU": SourceKind.OFFICIAL_RU, "UA": SourceKind.OFFICIAL_UA}
_OFFICIAL = {SourceKind.OFFICIAL_RU, SourceKind.OFFICIAL_UA}


def _outlet(report: Report) -> str:
    """Independent sources are counted by outlet: ``ua-air-force/kpszsu`` -> ``ua-air-force``."""
    return report.source.split("/")[0].lower()


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
    outlets = {_outlet(r) for r in found}
    own = _OFFICIAL_OF.get(attacker or "")
    if own is not None and any(r.source_kind is own for r in found):
        return Credibility.CONFIRMED, f"acknowledged by the attacker ({attacker})"
    official = {_outlet(r) for r in found if r.source_kind in _OFFICIAL}
    if official and outlets - official:
        return Credibility.CONFIRMED, "an official record and an independent report"
    if Credibility.CONFIRMED in grades:
        return Credibility.CONFIRMED, "graded confirmed by its curator"
    if len(outlets) >= 2:
        return Credibility.FAIR, f"{len(outlets)} independent sources"
    if Credibility.FAIR in grades:
        return Credibility.FAIR, "graded fair by its source"
    return Credibility.WEAK, "one source"
