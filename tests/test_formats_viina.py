"""VIINA readers: event_info joined with labels, and the VIINA-derived rebuild CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from trucewatch.errors import RowError
from trucewatch.ingest import csvutil
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.viina import attacker_of, geo_precision, read_viina, read_viina_rebuild
from trucewatch.model import Credibility, GeoPrecision, TimePrecision

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
INFO = FIXTURES / "viina_event_info.csv"
LABELS = FIXTURES / "viina_event_labels.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REBUILD = SHARED / "data" / "viina_rebuild"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def test_join_fixture() -> None:
    out = list(read_viina(INFO, LABELS))
    errors = [e for e in out if isinstance(e, RowError)]
    parsed = [p for p in out if isinstance(p, Parsed)]
    assert [(Path(e.path).name, e.line) for e in errors] == [
        ("viina_event_labels.csv", 6),
        ("viina_event_info.csv", 8),
        ("viina_event_info.csv", 9),
        ("viina_event_info.csv", 10),
    ]
    assert [p.report.key for p in parsed] == ["9000001", "9000002", "9000003", "9000004", "9000005"]
    uav, shelling, air, protest, unlabelled = parsed
    (s,) = uav.strikes
    assert s.attacker == "RU" and s.weapons == ("drones",) and s.credibility is Credibility.WEAK
    assert s.geo_precision is GeoPrecision.SETTLEMENT and s.time_precision is TimePrecision.DAY
    assert uav.report.published == datetime(2024, 2, 15, 4, 45, tzinfo=UTC)
    assert uav.report.source == "example_ua" and uav.report.url == "https://news.example.org/ua/1"
    assert uav.report.content.count("\n") == 1  # info row + its labels row
    (u,) = shelling.strikes
    assert (
        u.attacker == "UA"
        and u.weapons == ("artillery",)
        and u.geo_precision is GeoPrecision.OBLAST
    )
    assert "дома,\nесть" in shelling.report.content  # quoted newline kept in the raw text
    (a,) = air.strikes
    assert a.attacker is None and a.weapons == ("glide_bombs",)  # both sides labelled
    assert protest.strikes == () and unlabelled.strikes == ()


def test_without_labels_no_strikes() -> None:
    parsed = [p for p in read_viina(INFO) if isinstance(p, Parsed)]
    assert len(parsed) == 5 and all(p.strikes == () for p in parsed)


def test_mappings() -> None:
    assert attacker_of(True, False) == "RU" and attacker_of(False, True) == "UA"
    assert attacker_of(True, True) is None and attacker_of(False, False) is None
    assert geo_precision("ADM1", True, True) is GeoPrecision.OBLAST
    assert geo_precision("ADM2", True, True) is GeoPrecision.NEAR
    assert geo_precision("", False, True) is GeoPrecision.OBLAST
    assert geo_precision("", False, False) is GeoPrecision.COUNTRY


@pytest.mark.shared
@pytest.mark.skipif(not REBUILD.is_dir(), reason=f"shared data not present at {REBUILD}")
def test_rebuild_real_files() -> None:
    files = sorted(REBUILD.glob("rebuild_*.csv"))
    assert files
    totals = {"parsed": 0, "errors": 0, "strikes": 0}
    for path in files:
        for item in read_viina_rebuild(path):
            if isinstance(item, RowError):
                totals["errors"] += 1
                continue
            totals["parsed"] += 1
            totals["strikes"] += len(item.strikes)
            assert item.report.format == "viina_rebuild" and item.report.key
    assert totals["errors"] == 0
    assert totals["parsed"] == 2060 + 650 + 543 + 325
    assert totals["strikes"] > 3000
    first = next(p for p in read_viina_rebuild(files[0]) if isinstance(p, Parsed))
    (s,) = first.strikes
    assert s.targets == ("military",) and "missiles" in s.weapons
    assert s.place_names == ("Chernihiv", "Nizhyn") and s.places[0].lat == 51.046414
