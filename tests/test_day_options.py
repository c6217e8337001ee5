"""Day options at the edge of the calendar are refused by name (E104, exit 2), like a day that
does not exist, instead of overflowing into an internal error once shifted by a day or a zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("strikes", "list", "--from", "0001-01-01"), "--from"),
        (("strikes", "list", "--to", "9999-12-31"), "--to"),
        (("strikes", "list", "--from", "2025-02-30"), "--from"),
        (("brief", "--date", "9999-12-31"), "--date"),
        (("brief", "--date", "0001-01-01"), "--date"),
    ],
)
def test_day_outside_the_calendar_is_refused_by_name(
    tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    result = run_cli(*args, db=tmp_path / "tw.db")
    assert result.returncode == 2, result.stderr
    assert "E104" in result.stderr
    assert option in result.stderr
    assert args[-1] in result.stderr
    assert "Traceback" not in result.stderr
    assert "E899" not in result.stderr


def test_days_inside_the_range_still_work(tmp_path: Path) -> None:
    result = run_cli(
        "strikes", "list", "--from", "1900-01-01", "--to", "2100-12-31", db=tmp_path / "tw.db"
    )
    assert result.returncode == 0, result.stderr
