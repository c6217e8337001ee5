"""UCDP GED reader: fixture, date_prec/where_prec mapping, strike selection, bad rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trucewatch.errors import RowError
from trucewatch.ingest import csvutil
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.ucdp import DATE_PRECISION, UCDP_COLUMNS, WHERE_PRECISION, read_ucdp
from trucewatch.model import Credibility, GeoPrecision, TimePrecision

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "ucdp_ged.csv"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _split() -> tuple[list[Parsed], list[RowError]]:
    out = list(read_ucdp(FIXTURE))
    return [p for p in out if isinstance(p, Parsed)], [e for e in out if isinstance(e, RowError)]


def test_columns_are_the_ged_49() -> None:
    assert len(UCDP_COLUMNS) == 49 and len(set(UCDP_COLUMNS)) == 49
    assert UCDP_COLUMNS[0] == "id" and UCDP_COLUMNS[-1] == "gwnob"


def test_fixture_rows_and_errors() -> None:
    parsed, errors = _split()
    assert [p.report.key for p in parsed] == ["500001", "500002", "500003", "500004", "500005"]
    assert [p.report.locator for p in parsed][:2] == ["ucdp_ged.csv:2", "ucdp_ged.csv:4"]
    assert [e.line for e in errors] == [8, 9, 10]
    assert "date_prec" in errors[0].reason and "before" in errors[1].reason
    assert "latitude" in errors[2].reason


def test_state_based_strike() -> None:
    parsed, _ = _split()
    (s,) = parsed[0].strikes
    assert s.attacker == "RU" and s.killed == 3 and s.credibility is Credibility.FAIR
    assert s.time_precision is TimePrecision.DAY and s.geo_precision is GeoPrecision.SETTLEMENT
    assert s.start == datetime(2024, 2, 14, 22, tzinfo=UTC) and s.end - s.start == timedelta(1)
    assert s.place_names == ("Kharkiv oblast", "Kharkiv")
    assert any("low=2 high=5" in n for n in s.notes)
    assert parsed[0].report.published is None


def test_one_sided_week_and_month_and_year() -> None:
    parsed, _ = _split()
    (week,) = parsed[1].strikes
    assert week.attacker == "RU" and week.time_precision is TimePrecision.WEEK
    assert week.geo_precision is GeoPrecision.OBLAST and week.end - week.start == timedelta(7)
    (month,) = parsed[2].strikes
    assert (
        month.time_precision is TimePrecision.MONTH and month.geo_precision is GeoPrecision.COUNTRY
    )
    assert month.places == () and month.start == datetime(2024, 3, 31, 21, tzinfo=UTC)
    assert parsed[3].strikes == ()  # non-state violence in Syria
    (year,) = parsed[4].strikes
    assert (
        year.time_precision is TimePrecision.MONTH and year.end.year == 2024 and year.end.month == 6
    )


def test_precision_tables_cover_the_codebook() -> None:
    assert sorted(DATE_PRECISION) == ["1", "2", "3", "4", "5"]
    assert sorted(WHERE_PRECISION) == [str(i) for i in range(1, 8)]
    assert WHERE_PRECISION["1"] is GeoPrecision.SETTLEMENT
    assert WHERE_PRECISION["6"] is GeoPrecision.COUNTRY
