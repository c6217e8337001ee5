"""Streaming CSV helper: line numbers, raw text, quirks; the never-raise law for every reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.errors import RowError
from trucewatch.ingest import csvutil
from trucewatch.ingest.acled import read_acled
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.csvutil import (
    RawRow,
    iter_raw_rows,
    iter_records,
    parse_int,
    weapons_in_text,
)
from trucewatch.ingest.gdelt import read_gdelt
from trucewatch.ingest.ucdp import read_ucdp
from trucewatch.ingest.viina import read_viina, read_viina_rebuild
from trucewatch.model import Place

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: None)


def _rows(tmp_path: Path, data: bytes) -> list[RawRow | RowError]:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    return list(iter_raw_rows(path))


def test_bom_crlf_quoted_newline_and_line_numbers(tmp_path: Path) -> None:
    data = b'\xef\xbb\xbfa,b\r\n1,"x\r\ny"\r\n\r\n2,"q,""r"""\r\n'
    rows = _rows(tmp_path, data)
    assert [r.line for r in rows] == [1, 2, 5]
    assert all(isinstance(r, RawRow) for r in rows)
    good = [r for r in rows if isinstance(r, RawRow)]
    assert good[0].fields == ["a", "b"]
    assert good[1].fields == ["1", "x\r\ny"]
    assert good[1].text == '1,"x\r\ny"'
    assert good[2].fields == ["2", 'q,"r"']


def test_invalid_utf8_and_bad_quoting_become_errors(tmp_path: Path) -> None:
    rows = _rows(tmp_path, b'h\n\xff\xfe\nok\n"a"b\nlast\n"open\n')
    kinds = [(type(r).__name__, r.line) for r in rows]
    assert kinds == [
        ("RawRow", 1),
        ("RowError", 2),
        ("RawRow", 3),
        ("RowError", 4),
        ("RawRow", 5),
        ("RowError", 6),
    ]


def test_short_rows_and_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\n1,2\n1,2,3,extra\n", encoding="utf-8")
    out = list(iter_records(path, required=("a",)))
    assert isinstance(out[0], RowError) and out[0].line == 2
    assert not isinstance(out[1], RowError) and out[1].values == {"a": "1", "b": "2", "c": "3"}
    bad = list(iter_records(path, required=("zz",)))
    assert len(bad) == 1 and isinstance(bad[0], RowError) and "zz" in bad[0].reason


def test_progress_reports_bytes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 1000)
    seen: list[int] = []
    list(iter_raw_rows(path, progress=seen.append))
    assert seen and seen[-1] == path.stat().st_size


def test_weapons_in_text_three_languages() -> None:
    assert weapons_in_text("Shahed drones and a Kh-101 missile") == ["drones", "missiles"]
    assert weapons_in_text("удар КАБ по Харкову") == ["glide_bombs"]
    assert weapons_in_text("атака беспилотников") == ["drones"]
    assert weapons_in_text("shelling") == []


def test_resolved_place_gets_row_coordinates(monkeypatch: pytest.MonkeyPatch) -> None:
    known = Place(name="Kharkiv", kind="settlement", oblast="Kharkiv Oblast", gazetteer_id="g1")
    monkeypatch.setattr(csvutil, "resolve_name", lambda name: known if name == "Kharkiv" else None)
    (place,) = csvutil.places_for("Kharkiv", "Kharkiv", 50.0, 36.2, "settlement")
    assert place.gazetteer_id == "g1" and (place.lat, place.lon) == (50.0, 36.2)
    assert csvutil.places_for("", "Nowhere", None, None, "settlement") == ()


Reader = Callable[[Path], Iterator[Parsed | RowError]]
READERS: dict[str, Reader] = {
    "acled": read_acled,
    "ucdp": read_ucdp,
    "gdelt": read_gdelt,
    "viina": read_viina,
    "viina_rebuild": read_viina_rebuild,
}
HEADERS = {
    "acled": (FIXTURES / "acled.csv").read_bytes().split(b"\n")[0] + b"\n",
    "ucdp": (FIXTURES / "ucdp_ged.csv").read_bytes().split(b"\n")[0] + b"\n",
    "gdelt": b"",
    "viina": (FIXTURES / "viina_event_info.csv").read_bytes().split(b"\n")[0] + b"\n",
    "viina_rebuild": b"event_id_1pd,date,representative_text,attack_terms,latitude,longitude\n",
}
_CELLS = st.sampled_from(
    [
        b"",
        b"1",
        b"2",
        b"3",
        b"20240215",
        b"2024-02-15",
        b'"',
        b'"a,b"',
        b"\r\n",
        b"\n",
        b"\t",
        b"\xff",
        b"\x00",
        b"Air/drone strike",
        b"195",
        b"UP",
        b"RUS",
        b"-91",
        b"1e400",
        b"\xef\xbb\xbf",
    ]
)


WIDTH = {"acled": 31, "ucdp": 49, "gdelt": 61, "viina": 19, "viina_rebuild": 6}


@st.composite
def _file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A reader name and a file: its header, a few rows of plausible cells, then any bytes."""
    name = draw(st.sampled_from(sorted(READERS)))
    sep = b"\t" if name == "gdelt" else b","
    width = WIDTH[name]
    rows = draw(st.lists(st.lists(_CELLS, min_size=width - 1, max_size=width + 2), max_size=4))
    tail = draw(st.binary(max_size=300))
    return name, HEADERS[name] + b"".join(sep.join(r) + b"\n" for r in rows) + tail


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_file())
def test_any_bytes_give_records_or_row_errors(tmp_path: Path, case: tuple[str, bytes]) -> None:
    name, data = case
    path = tmp_path / f"fuzz-{name}.csv"
    path.write_bytes(data)
    for item in READERS[name](path):
        assert isinstance(item, Parsed | RowError)
        if isinstance(item, RowError):
            assert item.path == str(path) and item.line >= 1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12345678901234567.0", 12345678901234567),  # beyond 2**53: a float would round it
        ("9007199254740993.0", 9007199254740993),
        ("3.0", 3),
        ("3e2", 300),
        ("-7.000", -7),
    ],
)
def test_parse_int_reads_whole_numbers_exactly(cell: str, expected: int) -> None:
    assert parse_int(cell, "fatalities") == expected


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("2.5", "is not a whole number"),
        ("nan", "is not a whole number"),
        ("inf", "is not a whole number"),
        ("1e999999999", "is out of range"),
        ("9223372036854775808.0", "is out of range"),
        ("two", "is not a number"),
        ("1e-999999999", "is not a whole number"),
    ],
)
def test_parse_int_refuses_what_is_not_a_count(cell: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_int(cell, "fatalities")
