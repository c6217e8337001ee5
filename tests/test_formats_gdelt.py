"""GDELT 2.0 events reader: fixture, CAMEO attacks, FIPS/ISO codes, geo types, bad rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from trucewatch.errors import RowError
from trucewatch.ingest import csvutil
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.gdelt import GDELT_COLUMNS, read_gdelt, split_full_name
from trucewatch.model import Credibility, GeoPrecision, TimePrecision

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "gdelt_export.CSV"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _split() -> tuple[list[Parsed], list[RowError]]:
    out = list(read_gdelt(FIXTURE))
    return [p for p in out if isinstance(p, Parsed)], [e for e in out if isinstance(e, RowError)]


def test_61_columns() -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[26] == "EventCode"


def test_fixture_rows_and_errors() -> None:
    parsed, errors = _split()
    assert [p.report.key for p in parsed] == [
        "1150000001",
        "1150000002",
        "1150000003",
        "1150000004",
        "1150000005",
        "1150000009",
    ]
    assert [e.line for e in errors] == [6, 7, 8]
    assert "expected 61 columns" in errors[1].reason


def test_attack_in_ukraine_by_russia() -> None:
    parsed, _ = _split()
    report = parsed[0].report
    assert report.published == datetime(2024, 2, 15, 14, 30, tzinfo=UTC)
    assert report.url == "https://news.example.org/2024/02/15/kharkiv-strike"
    (s,) = parsed[0].strikes
    assert s.attacker == "RU" and s.time_precision is TimePrecision.DAY
    assert s.geo_precision is GeoPrecision.SETTLEMENT and s.credibility is Credibility.FAIR
    assert s.place_names == ("Kharkivs'ka Oblast'", "Kharkiv")
    assert (s.places[0].lon, s.places[0].lat) == (36.25, 50.0)
    assert "NumMentions=12 NumSources=3 NumArticles=12" in s.notes


def test_codes_geo_types_and_credibility() -> None:
    parsed, _ = _split()
    (drone,) = parsed[1].strikes
    assert drone.attacker == "UA" and drone.weapons == ("drones",)
    assert drone.geo_precision is GeoPrecision.OBLAST and drone.credibility is Credibility.WEAK
    assert parsed[1].report.url == 'https://news.example.org/a?q="belgorod"'  # no quoting in TSV
    (artillery,) = parsed[2].strikes
    assert artillery.attacker is None and artillery.weapons == ("artillery",)
    assert artillery.geo_precision is GeoPrecision.COUNTRY and artillery.places == ()
    assert parsed[3].strikes == ()  # consultation, not an attack
    assert parsed[4].strikes == ()  # attack in Syria by Syrian forces
    (missile,) = parsed[5].strikes  # trailing extra column tolerated
    assert missile.weapons == ("missiles",)


def test_full_name_split() -> None:
    assert split_full_name("Kyiv, Kyyiv, Misto, Ukraine", city=True) == ("Misto", "Kyiv")
    assert split_full_name("Odesa, Ukraine", city=True) == ("", "Odesa")
    assert split_full_name("Odes'ka Oblast', Ukraine", city=False) == ("Odes'ka Oblast'", "")
    assert split_full_name("Ukraine", city=False) == ("", "")
