"""ACLED reader: fixture, precision and attacker mapping, re-issued events, bad rows, quirks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from trucewatch.errors import RowError
from trucewatch.ingest import csvutil
from trucewatch.ingest.acled import (
    ACLED_COLUMNS,
    attacker_of,
    event_window,
    parse_event_date,
    read_acled,
    strike_weapons,
)
from trucewatch.ingest.base import Parsed
from trucewatch.model import Credibility, GeoPrecision, Report, SourceKind, TimePrecision

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "acled.csv"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _split(path: Path, *, ordered: bool = False) -> tuple[list[Parsed], list[RowError]]:
    out = list(read_acled(path, ordered=ordered))
    return [p for p in out if isinstance(p, Parsed)], [e for e in out if isinstance(e, RowError)]


def test_fixture_parses_good_rows_and_reports_bad_ones() -> None:
    parsed, errors = _split(FIXTURE)
    assert [p.report.key for p in parsed] == [
        "UKR140001",
        "UKR140002",
        "UKR140003",
        "UKR140004",
        "UKR140001",
        "UKR140008",
    ]
    # line 10 has fields missing: E131, the input policy's code for the wrong number of fields
    assert [(e.line, e.code) for e in errors] == [(9, "E130"), (10, "E131"), (11, "E130")]
    assert "event_date" in errors[0].reason
    assert "expected 31 columns" in errors[1].reason
    assert "time_precision" in errors[2].reason


def test_ordered_read_gives_the_same_rows_oldest_first_and_the_same_errors() -> None:
    """The default read (``ordered``) seeks to each record in time order: same reports (raw
    text, line, hash), same strikes, same bad rows by line; equal times keep file order."""
    plain, plain_errors = _split(FIXTURE)
    ordered, errors = _split(FIXTURE, ordered=True)
    # Unreadable records are reported in the first pass, rows that fail to convert in order.
    assert sorted((e.line, e.reason) for e in errors) == [(e.line, e.reason) for e in plain_errors]
    assert sorted(ordered, key=lambda p: p.report.id) == sorted(plain, key=lambda p: p.report.id)
    starts = [p.strikes[0].start if p.strikes else None for p in ordered]
    assert [p.report.key for p in ordered] == [
        "UKR140002",  # week precision around 15 February: from the 12th
        "UKR140001",
        "UKR140001",  # the re-issue stays after the version it amends
        "UKR140004",
        "UKR140008",
        "UKR140003",  # month precision: from 1 March
    ]
    assert [p.report.locator for p in ordered][1:3] == ["acled.csv:2", "acled.csv:8"]
    assert starts[0] is not None and starts[-1] is not None and starts[0] < starts[-1]


def test_ordered_read_of_a_newest_first_file(tmp_path: Path) -> None:
    """A file written newest first, with a quoted line break, comes out oldest first."""
    lines = FIXTURE.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    records = [body[0], body[1], body[2] + body[3], body[5], body[6], body[10]]
    path = tmp_path / "newest-first.csv"
    path.write_text(header + "".join(reversed(records)), encoding="utf-8")
    ordered, errors = _split(path, ordered=True)
    plain, _ = _split(path)
    assert not errors
    assert plain[0].report.key == "UKR140008"
    keys = [p.report.key for p in ordered]
    assert keys == ["UKR140002", "UKR140001", "UKR140001", "UKR140004", "UKR140008", "UKR140003"]
    assert {p.report.content for p in ordered} == {p.report.content for p in plain}
    amended = [p for p in ordered if p.report.key == "UKR140001"]
    # file order among equal times: the re-issue (newest first) before the original
    assert [p.report.locator for p in amended] == ["newest-first.csv:3", "newest-first.csv:8"]


def test_ordered_read_refuses_a_date_out_of_range_by_line(tmp_path: Path) -> None:
    """Year 1 cannot be ordered (no instant for its Kyiv midnight): refused by line, no crash."""
    lines = FIXTURE.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    bad = lines[1].replace(lines[1].split(",")[1], "0001-01-01", 1)
    path = tmp_path / "year-one.csv"
    path.write_text(lines[0] + bad + lines[2], encoding="utf-8")
    parsed, errors = _split(path, ordered=True)
    assert [e.line for e in errors] == [2]
    assert len(parsed) == 1


def test_report_fields() -> None:
    parsed, _ = _split(FIXTURE)
    report = parsed[0].report
    assert report.format == "acled" and report.source == "acled"
    assert report.source_kind is SourceKind.DATASET
    assert report.content.startswith("UKR140001,2024-02-15,")  # BOM and CRLF not in content
    assert report.content_hash == Report.hash_content(report.content)
    assert report.id == "r-" + report.content_hash[:16]
    assert report.locator == "acled.csv:2"
    assert report.published == datetime.fromtimestamp(1708300000, tz=UTC)


def test_strike_mapping() -> None:
    parsed, _ = _split(FIXTURE)
    drone, shelling, month, battle = (p.strikes for p in parsed[:4])
    (s,) = drone
    assert s.attacker == "RU" and s.weapons == ("drones",)
    assert s.time_precision is TimePrecision.DAY and s.geo_precision is GeoPrecision.SETTLEMENT
    assert s.start == datetime(2024, 2, 14, 22, tzinfo=UTC)  # Kyiv midnight (UTC+2)
    assert s.end - s.start == timedelta(days=1)
    assert s.killed == 2 and s.credibility is Credibility.FAIR
    assert s.reports == (parsed[0].report.id,)
    assert (s.places[0].lat, s.places[0].lon) == (49.9935, 36.2304)
    (u,) = shelling
    assert u.attacker == "UA" and u.weapons == ("artillery", "missiles")
    assert u.time_precision is TimePrecision.WEEK and u.geo_precision is GeoPrecision.NEAR
    assert u.end - u.start == timedelta(days=7)
    assert u.place_names == ("Donetsk", "Horlivka")
    (m,) = month
    assert m.weapons == ("missiles",) and m.time_precision is TimePrecision.MONTH
    assert m.geo_precision is GeoPrecision.OBLAST and m.killed is None
    assert "\n" in m.notes[0]  # quoted newline kept
    assert battle == ()


def test_reissued_event_keeps_key_and_strike_id() -> None:
    parsed, _ = _split(FIXTURE)
    first, again = parsed[0], parsed[4]
    assert first.report.key == again.report.key
    assert first.strikes[0].id == again.strikes[0].id
    assert first.report.id != again.report.id
    assert first.report.published is not None and again.report.published is not None
    assert again.report.published > first.report.published
    assert again.strikes[0].killed == 3


def test_trailing_columns_empty_fields_unknown_actor() -> None:
    parsed, _ = _split(FIXTURE)
    last = parsed[-1]
    (s,) = last.strikes
    assert s.attacker is None and s.killed is None and s.places == ()
    assert last.report.published is None


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ("Military Forces of Russia (2000-)", "RU"),
        ("Military Forces of Russia (2000-) Air Force", "RU"),
        ("Military Forces of Ukraine (2019-)", "UA"),
        ("Civilians (Ukraine)", None),
        ("", None),
    ],
)
def test_attacker_mapping(actor: str, code: str | None) -> None:
    assert attacker_of(actor) == code


@pytest.mark.parametrize("text", ["2024-02-15", "15 February 2024", "15-February-2024"])
def test_date_forms(text: str) -> None:
    assert parse_event_date(text) == date(2024, 2, 15)


def test_windows() -> None:
    start, end = event_window(date(2024, 3, 10), TimePrecision.MONTH)
    assert start == datetime(2024, 2, 29, 22, tzinfo=UTC)
    assert end == datetime(2024, 3, 31, 21, tzinfo=UTC)  # DST starts 31 March in Kyiv


def test_weapons_rules() -> None:
    assert strike_weapons("Air/drone strike", "aircraft struck") == ("drones",)
    assert strike_weapons("Air/drone strike", "missile and drone attack") == ("drones", "missiles")
    assert strike_weapons("Shelling/artillery/missile attack", "") == ("artillery",)


def test_lf_and_crlf_give_the_same_reports(tmp_path: Path) -> None:
    lf = tmp_path / "lf.csv"
    lf.write_bytes(FIXTURE.read_bytes().replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf"))
    a, _ = _split(FIXTURE)
    b, _ = _split(lf)
    assert [p.report.id for p in a] == [p.report.id for p in b]


def test_missing_header_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        ",".join(c for c in ACLED_COLUMNS if c != "event_date") + "\n", encoding="utf-8"
    )
    (err,) = list(read_acled(path))
    assert isinstance(err, RowError) and err.line == 1 and "event_date" in err.reason
