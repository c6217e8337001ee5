"""Dataset formats end to end: ingest each fixture via the CLI, amend, export and re-import."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest
from geojson_pydantic import FeatureCollection

from conftest import CliResult, run_cli
from trucewatch.api import Trucewatch

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
CASES = [
    ("acled", FIXTURES / "acled.csv", []),
    ("ucdp", FIXTURES / "ucdp_ged.csv", []),
    ("gdelt", FIXTURES / "gdelt_export.CSV", []),
    (
        "viina",
        FIXTURES / "viina_event_info.csv",
        ["--labels", str(FIXTURES / "viina_event_labels.csv")],
    ),
]


def run(db: Path, *args: str) -> CliResult:
    result = run_cli(*args, db=db)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(("fmt", "path", "extra"), CASES)
def test_ingest_fixture_twice_adds_nothing_the_second_time(
    tmp_path: Path, fmt: str, path: Path, extra: list[str]
) -> None:
    db = tmp_path / "tw.db"
    first = run(db, "ingest", fmt, str(path), *extra)
    assert first.returncode == 0, first.stderr
    assert "new strikes" in first.stdout
    assert "skipped" in first.stderr and ":" in first.stderr  # bad rows named with their line
    second = run(db, "ingest", fmt, str(path), *extra)
    assert "nothing new" in second.stdout
    with Trucewatch(str(db)) as tw:
        assert tw.verify().ok
        assert tw.strikes().height > 0


def _acled_rows() -> tuple[list[str], list[dict[str, str]]]:
    text = (FIXTURES / "acled.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), [r for r in reader if r["event_id_cnty"] == "UKR140003"]


def _write_acled(path: Path, header: list[str], row: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerow(row)


def test_acled_reissue_amends_and_an_older_version_does_not(tmp_path: Path) -> None:
    header, rows = _acled_rows()
    base = rows[0]
    newer = dict(base, fatalities="5", timestamp=str(int(base["timestamp"]) + 1000))
    older = dict(base, fatalities="1", timestamp=str(int(base["timestamp"]) - 1000))
    for name, row in (("v1.csv", base), ("v2.csv", newer), ("v0.csv", older)):
        _write_acled(tmp_path / name, header, row)
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        first = tw.ingest_format("acled", tmp_path / "v1.csv")
        assert first.summary.strikes_new == 1
        second = tw.ingest_format("acled", tmp_path / "v2.csv")
        assert second.summary.strikes_amended == 1 and second.summary.reports_new == 1
        (strike,) = tw.strike_records()
        assert strike.killed == 5
        third = tw.ingest_format("acled", tmp_path / "v0.csv")
        assert third.summary.strikes_stale == 1 and third.summary.strikes_amended == 0
        assert tw.strike_records()[0].killed == 5
        assert [e.kind for e in tw.history(strike.id)] == ["strike.recorded", "strike.amended"]
        assert tw.verify().ok


def test_exports_round_trip_and_geojson_is_valid(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    run(db, "ingest", "acled", str(FIXTURES / "acled.csv"))
    for fmt, name in (
        ("csv", "s.csv"),
        ("parquet", "s.parquet"),
        ("geojson", "s.geojson"),
        ("acled-csv", "a.csv"),
    ):
        result = run(db, "export", fmt, str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    with Trucewatch(str(db)) as tw:
        original = tw.strike_records()
    assert pl.read_parquet(tmp_path / "s.parquet").height == len(original)
    assert pl.read_csv(tmp_path / "s.csv").height == len(original)
    doc = json.loads((tmp_path / "s.geojson").read_text(encoding="utf-8"))
    # A GeoJSON validator (RFC 7946 models) accepts the file as it is.
    assert len(FeatureCollection.model_validate(doc).features) == len(doc["features"])
    assert doc["type"] == "FeatureCollection"
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] in (
            "Point",
            "MultiPoint",
        )
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert "verdicts" in feature["properties"] or "breach" in feature["properties"]
    again = tmp_path / "again.db"
    assert run(again, "ingest", "acled", str(tmp_path / "a.csv")).returncode == 0
    with Trucewatch(str(again)) as tw:
        back = {s.id: s for s in tw.strike_records()}
    assert set(back) == {s.id for s in original}
    for s in original:
        b = back[s.id]
        assert (b.attacker, b.start, b.end, b.time_precision, b.killed) == (
            s.attacker,
            s.start,
            s.end,
            s.time_precision,
            s.killed,
        )


def test_unknown_format_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    missing = run(tmp_path / "tw.db", "ingest", "acled", str(tmp_path / "nope.csv"))
    assert missing.returncode != 0 and "nope.csv" in missing.stderr
