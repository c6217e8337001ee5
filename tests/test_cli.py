"""The command line through its real commands: ingest, judge, verify, strikes, help texts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import typer.main

from conftest import AIRFORCE, CliResult, needs_shared, run_cli
from trucewatch.cli.main import app

PLEDGE = """\
id: kyiv26-cold-pause
title: One-week pause on strikes during the January 2026 cold spell
parties: [RU]
broker: US
announced: 2026-01-29
status: agreed
sources: [https://example.org/announcement]
readings:
  - by: UA
    start: 2026-01-30T00:00:00+02:00
    end: 2026-02-06T00:00:00+02:00
    scope: {targets: [energy]}
    sources: [https://example.org/kyiv]
    note: Kyiv counted a week of no energy strikes from the night of 29-30 January
  - by: RU
    start: "2026-01-26 00:00 Europe/Moscow"
    end: "2026-02-02 00:00 Europe/Moscow"
    scope: {places: [Kyiv]}
    sources: [https://example.org/kremlin]
"""


def tw(*args: str, db: Path | None = None, check: bool = True) -> CliResult:
    result = run_cli(*args, db=db)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def test_every_command_has_help_text() -> None:
    group = typer.main.get_command(app)
    assert group.help

    def walk(cmd: object, path: str) -> None:
        commands = getattr(cmd, "commands", {})
        for name, sub in commands.items():
            assert (sub.help or "").strip(), f"{path} {name} has no help text"
            walk(sub, f"{path} {name}")

    walk(group, "trucewatch")


def test_user_errors_are_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLEDGE.replace("2026-01-30T00:00:00+02:00", "2026-01-30 00:00"), encoding="utf-8"
    )
    result = tw("pledges", "add", str(bad), db=tmp_path / "x.db", check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "bad.yaml:" in result.stderr and "readings[0].start" in result.stderr
    missing = tw("strikes", "show", "s-nothing", db=tmp_path / "x.db", check=False)
    assert missing.returncode == 3 and "not in the ledger" in missing.stderr


@needs_shared
def test_issue_walkthrough(tmp_path: Path) -> None:
    db = tmp_path / "tw.db"
    pledge_file = tmp_path / "my-pledges.yaml"
    pledge_file.write_text(PLEDGE, encoding="utf-8")
    first = tw("ingest", "airforce", str(AIRFORCE), db=db)
    assert "new reports" in first.stdout
    again = tw("ingest", "airforce", str(AIRFORCE), db=db)
    assert "nothing new" in again.stdout
    assert "added" in tw("pledges", "add", str(pledge_file), db=db).stdout
    out = json.loads(tw("judge", "--pledge", "kyiv26-cold-pause", "--format", "json", db=db).stdout)
    assert out and {v["verdict"] for v in out} <= {"breach", "undetermined"}
    ua = [v for v in out if v["reading"] == "UA"]
    # The air-force records say nothing of targets: under Kyiv's energy reading every strike
    # in the window is undetermined, never a breach.
    assert ua and all(v["verdict"] == "undetermined" for v in ua)
    night = [v for v in ua if v["strike_start"] == "2026-02-02T18:00:00+02:00"]
    assert len(night) == 1 and night[0]["rule"] == "targets.v1"
    # The night of 29-30 January began on the day the pause was announced.
    eve = [v for v in ua if v["strike_start"] == "2026-01-29T18:00:00+02:00"]
    assert eve and all(v["rule"] == "announced.v1" for v in eve)
    ru = [v for v in out if v["reading"] == "RU"]
    # The Kremlin's window ends at midnight Moscow time, 23:00 in Kyiv on 1 February.
    assert all(v["strike_start"] < "2026-02-01T23:00:00+02:00" for v in ru)
    assert any(v["verdict"] == "undetermined" and v["rule"] == "places.v1" for v in ru)
    everything = json.loads(
        tw("judge", "--pledge", "kyiv26-cold-pause", "--all", "--format", "json", db=db).stdout
    )
    assert len(everything) > len(out) and any(v["verdict"] == "no_breach" for v in everything)
    csv_out = tw("judge", "--format", "csv", db=db).stdout.splitlines()
    assert csv_out[0] == (
        "pledge,reading,strike,strike_start,strike_end,time_precision,verdict,mode,in_force,"
        "breach_at,rule,why,evidence_grade,evidence_reports,evidence_sources,evidence_claimed_by"
    )
    listed = json.loads(
        tw(
            "strikes",
            "list",
            "--from",
            "2026-02-02",
            "--to",
            "2026-02-02",
            "--format",
            "json",
            db=db,
        ).stdout
    )
    assert any(s["drones"] == {"min": 450, "max": 450} for s in listed)
    sid = next(s["id"] for s in listed if s["drones"] == {"min": 450, "max": 450})
    shown = tw("strikes", "show", sid, db=db).stdout
    assert "reports (5)" in shown and "kpszsu" in shown
    ok = tw("verify", db=db)
    assert ok.stdout.startswith("ok:")
    con = sqlite3.connect(db)
    bad_seq = con.execute("SELECT min(seq) FROM entries WHERE payload LIKE '%450.0%'").fetchone()[0]
    con.execute(
        "UPDATE entries SET payload = replace(payload, '450.0', '45.0') WHERE seq = ?", (bad_seq,)
    )
    con.commit()
    con.close()
    failed = tw("verify", db=db, check=False)
    assert failed.returncode == 1
    assert f"entry {bad_seq}:" in failed.stderr


@pytest.mark.postgres
def test_cli_on_postgres(pg_url: str, tmp_path: Path) -> None:
    pledge_file = tmp_path / "p.yaml"
    pledge_file.write_text(PLEDGE, encoding="utf-8")
    result = run_cli("pledges", "add", str(pledge_file), db=pg_url)
    assert result.returncode == 0, result.stderr
    listed = run_cli("pledges", "list", "--format", "json", db=pg_url)
    assert json.loads(listed.stdout)[0]["id"] == "kyiv26-cold-pause"
