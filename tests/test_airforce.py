"""The air-force reader on its own bad-row fixtures and on the real shared file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AIRFORCE, MODELS, needs_shared
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError, RowError
from trucewatch.ingest.airforce import read_airforce
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.weapons import WeaponTable
from trucewatch.model import GeoPrecision, TimePrecision

HEADER = (
    "time_start,time_end,model,launch_place,target,target_main,launched,destroyed,not_reach_goal,"
    "still_attacking,border_crossing,is_shahed,num_hit_location,num_fall_fragment_location,carrier,"
    "turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,"
    "launch_place_details,source\n"
)


def _row(
    start: str, end: str, model: str, target: str, launched: str, destroyed: str, extra: str = ""
) -> str:
    affected = extra or ""
    counts = f"{launched},{destroyed}"
    tail = f'"{affected}",,,,kpszsu/posts/x{start[:10]}'
    return f"{start},{end},{model},,{target},,{counts},,,{{}},,,,,,,{tail}\n"


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "attacks.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_wave_rows_become_one_strike(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _row(
                "2026-02-02 18:00",
                "2026-02-03 09:30",
                "Shahed-136/131",
                "Ukraine",
                "450.0",
                "412.0",
                "['Kyiv oblast', 'Kharkiv oblast']",
            ),
            _row(
                "2026-02-02 18:00",
                "2026-02-03 09:30",
                "X-101/X-555 and Iskander-K",
                "Ukraine",
                "28.0",
                "20.0",
            ),
            _row("2026-02-03", "2026-02-03", "Unknown UAV", "south", "14.0", "14.0"),
        ],
    )
    items = list(read_airforce(path))
    assert all(isinstance(i, Parsed) for i in items) and len(items) == 3
    strikes = [s for i in items if isinstance(i, Parsed) for s in i.strikes]
    assert len(strikes) == 2
    night = next(s for s in strikes if s.time_precision is TimePrecision.MINUTE)
    assert night.drones is not None and night.drones.min == 450
    assert night.missiles is not None and night.missiles.min == 28
    assert (night.drones_downed, night.missiles_downed) == (412, 20)
    assert {p.name for p in night.places} == {"Kyiv Oblast", "Kharkiv Oblast"}
    assert night.geo_precision is GeoPrecision.OBLAST
    assert night.start == datetime(2026, 2, 2, 18, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert len(night.reports) == 2 and night.attacker == "RU"
    day = next(s for s in strikes if s.time_precision is TimePrecision.DAY)
    assert day.end - day.start == (datetime(2026, 2, 4) - datetime(2026, 2, 3))
    assert day.places == () and "south" in day.place_names


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _row(
                "2026-02-02 18:00",
                "2026-02-03 09:30",
                "Shahed-136/131",
                "Ukraine",
                "450.0",
                "412.0",
            ),
            _row("yesterday", "2026-02-03 09:30", "Shahed-136/131", "Ukraine", "10.0", "1.0"),
            _row("2026-02-04 18:00", "2026-02-03 09:30", "Kalibr", "Ukraine", "5.0", "1.0"),
            _row("2026-02-05 18:00", "2026-02-06 07:00", "Kalibr", "Ukraine", "many", "1.0"),
            _row("2026-02-06 18:00", "2026-02-07 07:00", "Kalibr", "Odesa oblast", "4.0", "4.0"),
            _row("2026-02-07 18:00", "2026-02-08 07:00", "Kalibr", "Ukraine", "nan", "1.0"),
        ],
    )
    items = list(read_airforce(path))
    errors = [i for i in items if isinstance(i, RowError)]
    assert [e.line for e in errors] == [3, 4, 5, 7]
    assert "column launched: 'nan' is not a whole number" in errors[3].reason
    assert "time_start 'yesterday'" in errors[0].reason
    assert "before time_start" in errors[1].reason
    assert "many" in errors[2].reason
    good = [i for i in items if isinstance(i, Parsed)]
    assert len(good) == 2


def test_wrong_layout_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other.csv:1: not the air-force layout: missing column"):
        list(read_airforce(path))


@needs_shared
def test_reference_table_agrees_with_builtin() -> None:
    table = WeaponTable.from_reference(MODELS)
    builtin = WeaponTable()
    for model in ("Shahed-136/131", "Iskander-M", "X-101/X-555 and Kalibr", "GBU", "Молнія"):
        assert table.bundle_class(model) == builtin.bundle_class(model)


@needs_shared
def test_real_file_ingests_once(tmp_path: Path) -> None:
    tw = Trucewatch(str(tmp_path / "af.db"))
    first = tw.ingest_airforce(AIRFORCE)
    assert first.rows == 3770 and not first.errors
    assert first.summary.reports_new == 3770 - _duplicate_rows()
    assert first.summary.strikes_new > 1500
    second = tw.ingest_airforce(AIRFORCE)
    assert second.summary.added_nothing
    assert tw.verify().ok
    kyiv = ZoneInfo("Europe/Kyiv")
    night = tw.strike_records(
        start=datetime(2026, 2, 2, 20, tzinfo=kyiv), end=datetime(2026, 2, 3, 1, tzinfo=kyiv)
    )
    big = [s for s in night if s.drones and s.drones.min == 450]
    assert len(big) == 1
    strike = big[0]
    assert strike.missiles is not None and strike.missiles.min == 71
    assert (strike.drones_downed, strike.missiles_downed) == (412, 38)
    assert len(strike.reports) == 5
    assert "Odesa Oblast" in {p.name for p in strike.places}


def _duplicate_rows() -> int:
    lines = AIRFORCE.read_text(encoding="utf-8").splitlines()[1:]
    return len(lines) - len(set(lines))


@needs_shared
def test_real_file_on_both_backends_then_tamper(db: str) -> None:
    """Ingest, re-ingest, judge and verify behave the same on SQLite and PostgreSQL."""
    from sqlalchemy import text

    tw = Trucewatch(db)
    first = tw.ingest_airforce(AIRFORCE)
    assert first.summary.strikes_new > 1500
    assert tw.ingest_airforce(AIRFORCE).summary.added_nothing
    tw.add_registry()
    verdicts = tw.judge(pledge="kyiv26-cold-pause")
    assert {v.reading for v in verdicts} == {"US", "RU", "UA"}
    assert tw.verify().ok
    with tw.ledger.engine.begin() as conn:
        conn.execute(text("UPDATE entries SET key = 'forged' WHERE seq = 42"))
    check = tw.verify()
    assert not check.ok and check.chain.bad_seq == 42
    tw.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(
            st.text(alphabet=st.sampled_from("0123456789-: ,.aZ'\"\n"), max_size=40), max_size=8
        ).map(lambda rows: (HEADER + "\n".join(rows)).encode()),
    )
)
def test_any_bytes_give_records_or_typed_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        items = list(read_airforce(path))
    except InputError:
        return
    assert all(isinstance(i, (Parsed, RowError)) for i in items)
