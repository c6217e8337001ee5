"""Writers: CSV and Parquet read back with polars, GeoJSON is RFC 7946, ACLED CSV round-trips."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from geojson_pydantic import FeatureCollection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.errors import RowError
from trucewatch.export import (
    read_strikes_csv,
    strikes_frame,
    verdicts_frame,
    write_acled_csv,
    write_csv,
    write_geojson,
    write_parquet,
)
from trucewatch.ingest import csvutil
from trucewatch.ingest.acled import read_acled
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.csvutil import PlaceKind, day_window, month_window, strike_id
from trucewatch.model import (
    Credibility,
    GeoPrecision,
    Place,
    Quantity,
    Strike,
    TimePrecision,
    Verdict,
    VerdictKind,
)

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "acled.csv"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _strikes() -> list[Strike]:
    kharkiv = Place(
        name="Kharkiv", kind="settlement", oblast="Kharkiv Oblast", lat=49.99, lon=36.23
    )
    kyiv = Place(name="Kyiv", kind="settlement", oblast="Kyiv City", lat=50.45, lon=30.52)
    start = datetime(2026, 1, 30, 22, tzinfo=UTC)
    return [
        Strike(
            id="s-0000000000000001",
            attacker="RU",
            start=start,
            end=start + timedelta(hours=8),
            time_precision=TimePrecision.HOUR,
            drones=Quantity(min=350, max=500),
            missiles=Quantity(min=65, max=None),
            drones_downed=300,
            weapons=("drones", "missiles"),
            models=("Shahed-136/131", "Kh-101"),
            places=(kharkiv, kyiv),
            place_names=("Kharkiv", "Kyiv"),
            geo_precision=GeoPrecision.SETTLEMENT,
            targets=("energy",),
            killed=2,
            injured=11,
            reports=("r-1", "r-2"),
            credibility=Credibility.FAIR,
            notes=("energy grid; two cities", 'quote " and comma ,'),
        ),
        Strike(
            id="s-0000000000000002",
            attacker=None,
            start=start,
            end=start + timedelta(days=1),
            time_precision=TimePrecision.DAY,
            geo_precision=GeoPrecision.COUNTRY,
        ),
    ]


def _verdicts(strikes: list[Strike]) -> list[Verdict]:
    s = strikes[0]
    return [
        Verdict(
            pledge=p,
            reading=r,
            strike=s.id,
            strike_start=s.start,
            strike_end=s.end,
            verdict=k,
            rule="energy-scope.v1",
            why="in window",
        )
        for p, r, k in [
            ("energy-30d", "kyiv", VerdictKind.BREACH),
            ("energy-30d", "kremlin", VerdictKind.NO_BREACH),
        ]
    ]


def test_frames() -> None:
    strikes = _strikes()
    frame = strikes_frame(strikes)
    assert frame.height == 2 and frame.schema["start"] == pl.Datetime("us", "UTC")
    row = frame.row(0, named=True)
    assert (row["drones_min"], row["drones_max"], row["missiles_max"]) == (350, 500, None)
    assert row["oblasts"] == ["Kharkiv Oblast", "Kyiv City"] and row["lat"] == 49.99
    verdicts = verdicts_frame(_verdicts(strikes))
    assert verdicts.get_column("verdict").to_list() == ["breach", "no_breach"]
    assert strikes_frame([]).columns == frame.columns and verdicts_frame([]).height == 0


def test_csv_round_trip(tmp_path: Path) -> None:
    strikes = _strikes()
    path = tmp_path / "strikes.csv"
    assert write_csv(strikes, _verdicts(strikes), path) == 2
    raw = pl.read_csv(path)
    assert raw.height == 2 and raw.get_column("id").to_list() == [s.id for s in strikes]
    back = read_strikes_csv(path)
    row = back.row(0, named=True)
    assert row["notes"] == list(strikes[0].notes) and row["weapons"] == ["drones", "missiles"]
    assert row["breach"] is True and row["verdicts"][1]["reading"] == "kremlin"
    assert row["start"] == strikes[0].start
    expected = strikes_frame(strikes)
    assert back.select(expected.columns).equals(expected)
    assert back.row(1, named=True)["verdicts"] == []


def test_parquet_round_trip(tmp_path: Path) -> None:
    strikes = _strikes()
    path = tmp_path / "strikes.parquet"
    write_parquet(strikes, _verdicts(strikes), path)
    back = pl.read_parquet(path)
    expected = strikes_frame(strikes)
    assert back.select(expected.columns).equals(expected)
    assert back.get_column("breach").to_list() == [True, False]
    assert back.row(0, named=True)["verdicts"][0] == {
        "pledge": "energy-30d",
        "reading": "kyiv",
        "verdict": "breach",
    }


def check_rfc7946(doc: dict[str, Any]) -> None:
    """A GeoJSON validator (geojson-pydantic's RFC 7946 models), then lon/lat ranges."""
    FeatureCollection.model_validate(doc)
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc  # RFC 7946 drops crs; WGS 84 is implied
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature.get("properties"), dict)
        assert "id" not in feature or isinstance(feature["id"], str | int)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        positions = (
            [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
        )
        assert geometry["type"] in ("Point", "MultiPoint") and positions
        for position in positions:
            assert len(position) in (2, 3)
            lon, lat = position[0], position[1]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_points(tmp_path: Path) -> None:
    strikes = _strikes()
    path = tmp_path / "points.geojson"
    assert write_geojson(strikes, _verdicts(strikes), path) == 1  # the second has no coordinates
    doc = json.loads(path.read_text(encoding="utf-8"))
    check_rfc7946(doc)
    (feature,) = doc["features"]
    assert feature["geometry"]["type"] == "MultiPoint"
    assert feature["geometry"]["coordinates"][0] == [36.23, 49.99]  # lon, lat
    props = feature["properties"]
    assert props["breach"] is True and props["drones"] == "350-500"
    assert props["verdicts"] == [
        {"pledge": "energy-30d", "reading": "kyiv", "verdict": "breach"},
        {"pledge": "energy-30d", "reading": "kremlin", "verdict": "no_breach"},
    ]


def test_geojson_oblasts(tmp_path: Path) -> None:
    strikes = _strikes()
    path = tmp_path / "oblasts.geojson"
    assert write_geojson(strikes, _verdicts(strikes), path, mode="oblasts") == 2
    doc = json.loads(path.read_text(encoding="utf-8"))
    check_rfc7946(doc)
    by_oblast = {f["id"]: f["properties"] for f in doc["features"]}
    assert by_oblast["Kyiv City"]["strikes"] == 1 and by_oblast["Kyiv City"]["breaches"] == 1
    assert by_oblast["Kharkiv Oblast"]["verdicts"] == {"breach": 1, "no_breach": 1}


def test_geojson_of_acled_fixture(tmp_path: Path) -> None:
    strikes = [s for p in read_acled(FIXTURE) if isinstance(p, Parsed) for s in p.strikes]
    path = tmp_path / "acled.geojson"
    assert write_geojson(strikes, [], path) == 4
    check_rfc7946(json.loads(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- ACLED round trip

CARRIED = ("id", "attacker", "start", "end", "time_precision", "geo_precision", "killed")


def _carried(strike: Strike) -> dict[str, Any]:
    fields = {name: getattr(strike, name) for name in CARRIED}
    fields["weapons"] = set(strike.weapons)
    fields["place_names"] = strike.place_names
    fields["points"] = [(p.lat, p.lon) for p in strike.places if p.lat is not None]
    return fields


def _read_back(path: Path) -> list[Strike]:
    # In file order: the round trip compares row by row (ingest reads oldest first).
    out = list(read_acled(path, ordered=False))
    assert not [e for e in out if isinstance(e, RowError)]
    return [s for p in out if isinstance(p, Parsed) for s in p.strikes]


def test_acled_fixture_round_trip(tmp_path: Path) -> None:
    strikes = [s for p in read_acled(FIXTURE) if isinstance(p, Parsed) for s in p.strikes]
    path = tmp_path / "export.csv"
    assert write_acled_csv(strikes, path) == len(strikes)
    back = _read_back(path)
    # An unknown death toll stays unknown (an empty `fatalities`), never a zero.
    assert [_carried(s) for s in back] == [_carried(s) for s in strikes]


_NAMES = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzAKZ'- ,\"\n", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def acled_strikes(draw: st.DrawFn) -> Strike:
    """Strikes within what ACLED carries (day, week or month windows in Kyiv; <= 2 names)."""
    day = draw(st.dates(min_value=date(2022, 2, 24), max_value=date(2026, 12, 31)))
    precision = draw(st.sampled_from([TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH]))
    if precision is TimePrecision.WEEK:
        start, end = day_window(day, day + timedelta(days=6))
    elif precision is TimePrecision.MONTH:
        start, end = month_window(day)
    else:
        start, end = day_window(day)
    names = tuple(dict.fromkeys(draw(st.lists(_NAMES, min_size=0, max_size=2))))
    geo = draw(st.sampled_from([GeoPrecision.SETTLEMENT, GeoPrecision.NEAR, GeoPrecision.OBLAST]))
    places: tuple[Place, ...] = ()
    with_point: bool = draw(st.booleans())
    if names and with_point:
        lat = draw(st.floats(min_value=44, max_value=53, allow_nan=False))
        lon = draw(st.floats(min_value=22, max_value=41, allow_nan=False))
        kind: PlaceKind = "region" if geo is GeoPrecision.OBLAST else "settlement"
        oblast = names[0] if len(names) == 2 else None
        places = (Place(name=names[-1], kind=kind, oblast=oblast, lat=lat, lon=lon),)
    weapons = draw(
        st.sets(st.sampled_from(["drones", "missiles", "glide_bombs", "artillery"]), min_size=1)
    )
    return Strike(
        id=strike_id("test", str(draw(st.integers(0, 10**9)))),
        attacker=draw(st.sampled_from(["RU", "UA", None])),
        start=start,
        end=end,
        time_precision=precision,
        weapons=tuple(sorted(weapons)),
        places=places,
        place_names=names,
        geo_precision=geo,
        killed=draw(st.integers(0, 500)),
        notes=tuple(draw(st.lists(st.sampled_from(["grid hit", "a, b", 'say "x"']), max_size=2))),
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(strikes=st.lists(acled_strikes(), max_size=5))
def test_acled_export_round_trips(tmp_path: Path, strikes: list[Strike]) -> None:
    path = tmp_path / "export.csv"
    write_acled_csv(strikes, path, timestamp=datetime(2026, 2, 1, tzinfo=UTC))
    assert [_carried(s) for s in _read_back(path)] == [_carried(s) for s in strikes]
