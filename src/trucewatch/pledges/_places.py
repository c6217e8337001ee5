"""Place names in a pledge's scope that the gazetteer does not know (warnings, not errors).

A scope limited to a place nobody knows ("Atlantis") can never match a strike, so the pledge
would silently never be breached there. Such names are reported when the pledge is added
(warning W815); the pledge is still added, since the gazetteer may lag the news.
"""

from __future__ import annotations

from trucewatch.model import Pledge

__all__ = ["unknown_places"]


def unknown_places(pledge: Pledge) -> list[str]:
    """Every scope place (the pledge's and each reading's) the gazetteer cannot resolve."""
    from trucewatch.geo import default_gazetteer  # here: building the gazetteer is costly

    names: list[str] = list(pledge.scope.places or ())
    for reading in pledge.readings:
        if reading.scope is not None:
            names.extend(reading.scope.places or ())
    gazetteer = default_gazetteer()
    return [n for n in dict.fromkeys(names) if gazetteer.resolve(n) is None]
