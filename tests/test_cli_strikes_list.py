"""``strikes list``: a short list as a rich table, a long one as plain fixed-width lines.

Both renderings must show the same columns and the same values; only the drawing differs.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console

from conftest import run_cli
from factories import kyiv, report, strike
from trucewatch.api import Trucewatch
from trucewatch.cli import strikes as strikes_cli
from trucewatch.model import Quantity, Strike, TimePrecision

PRECISIONS = [TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.NIGHT, TimePrecision.DAY]
PLACES = [("Kharkiv",), ("Kyiv", "Odesa"), (), ("Dnipro",)]


def _strikes(n: int) -> list[Strike]:
    """n strikes, two days apart so the merge keeps them apart, of every shape a cell can take."""
    out = []
    for i in range(n):
        start = kyiv(2026, 1, 1, 3, 10) + timedelta(days=2 * i, minutes=i % 50)
        out.append(
            strike(
                f"s-{i:016x}",
                start,
                precision=PRECISIONS[i % 4],
                attacker=None if i % 5 == 0 else "RU",
                places=PLACES[i % 4],
                targets=("energy", "port") if i % 3 == 0 else (),
                drones=None if i % 7 == 0 else 10 + i,
                missiles=Quantity(min=3, max=None) if i % 2 else None,
                weapons=("drones", "missiles"),
            )
        )
    return out


def _rich_cells(text: str) -> list[list[str]]:
    """The cells of a rich table drawn wide enough not to wrap: header first."""
    rows = [line.replace("┃", "│") for line in text.splitlines() if line[:1] in "│┃"]
    return [[c.strip() for c in line.strip("│").split("│")] for line in rows]


def _plain_cells(text: str) -> list[list[str]]:
    """The cells of the plain table (columns two spaces or more apart): header first."""
    lines = text.splitlines()
    assert re.fullmatch(r"\d+ strikes", lines[-1])
    return [re.split(r" {2,}", line) for line in lines[:-1]]


def _rich(found: list[Strike]) -> str:
    out = io.StringIO()
    Console(file=out, width=400).print(strikes_cli.strikes_table(found))
    return out.getvalue()


def _plain(found: list[Strike]) -> str:
    out = io.StringIO()
    strikes_cli.write_plain(iter(found), out)
    return out.getvalue()


@pytest.mark.parametrize("n", [3, strikes_cli.TABLE_ROWS_MAX + 1])
def test_plain_and_rich_tables_show_the_same_cells(n: int) -> None:
    found = _strikes(n)
    rich_cells, plain_cells = _rich_cells(_rich(found)), _plain_cells(_plain(found))
    assert len(plain_cells) == n + 1 and plain_cells[0] == list(strikes_cli.TABLE_HEADERS)
    assert plain_cells == rich_cells
    # every kind of value is there: no attacker, open missiles, a night, no drones, no places
    flat = {c for row in plain_cells for c in row}
    assert {"?", ">=3", "-"} <= flat
    assert any(c.startswith("known only to the night of") for c in flat)
    assert any(re.fullmatch(r"2026-\d\d-\d\d \d\d:\d\d EET to 2026-.*", c) for c in flat)
    assert _plain_cells(_plain(found))[1][5] == "Kharkiv"  # places, not shifted by a long time


def test_plain_columns_line_up() -> None:
    lines = _plain(_strikes(8)).splitlines()[:-1]
    # id (18 characters), two spaces, 'by' (3), two spaces, the time: every line alike
    assert all(line[18:20] == "  " and line[20] != " " for line in lines)
    assert all(line[23:25] == "  " and line[25] != " " for line in lines)


def test_help_names_the_threshold() -> None:
    assert f"Up to {strikes_cli.TABLE_ROWS_MAX} strikes" in (strikes_cli.list_.__doc__ or "")


def test_list_switches_to_plain_above_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "tw.db"
    found = _strikes(5)
    with Trucewatch(str(db)) as tw:
        tw.ledger.record([report("the five strikes")], found)
        listed = tw.strike_records()
    short = run_cli("strikes", "list", db=db)
    assert short.returncode == 0 and "│" in short.stdout and "5 strikes" in short.stdout
    monkeypatch.setattr(strikes_cli, "TABLE_ROWS_MAX", 4)
    long = run_cli("strikes", "list", db=db)
    assert long.returncode == 0 and "│" not in long.stdout
    assert _plain_cells(long.stdout) == _rich_cells(_rich(listed))
    assert [row[0] for row in _plain_cells(long.stdout)[1:]] == [s.id for s in found]
    # at the threshold itself the table is still drawn by rich
    monkeypatch.setattr(strikes_cli, "TABLE_ROWS_MAX", 5)
    assert "│" in run_cli("strikes", "list", db=db).stdout


def test_json_lists_who_published_the_reports_and_csv_is_unchanged(tmp_path: Path) -> None:
    """The table and CSV read the strikes without their sources (none is shown); JSON has them."""
    import csv
    import json

    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw:
        rep = report("the three strikes", source="example-wire")
        tw.ledger.record([rep], [s.model_copy(update={"reports": (rep.id,)}) for s in _strikes(3)])
        listed = tw.strike_records()
        bare = tw.strike_records(sources=False)
    assert [s.sources for s in listed] == [("example-wire",)] * 3
    assert [s.sources for s in bare] == [()] * 3
    assert [s.model_copy(update={"sources": ()}) for s in listed] == bare
    out = json.loads(run_cli("strikes", "list", "--format", "json", db=db).stdout)
    assert out == [s.model_dump(mode="json") for s in listed]
    rows = list(
        csv.DictReader(io.StringIO(run_cli("strikes", "list", "--format", "csv", db=db).stdout))
    )
    want = [strikes_cli.strike_row(s) for s in listed]
    assert [r["id"] for r in rows] == [w["id"] for w in want]
    assert [r["places"] for r in rows] == [w["places"] for w in want]
