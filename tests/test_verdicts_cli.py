"""The demo ledger as a fact-checker uses it: CSV verdicts, the protocol, status changes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from trucewatch.cli.main import app
from trucewatch.demo import run_demo
from trucewatch.errors import InputError
from trucewatch.judge.engine import CSV_COLUMNS

runner = CliRunner()
NEVER_IN_FORCE = {"jed25-full-ceasefire", "xmas25-christmas-truce", "bs25-black-sea"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo ledger on the bundled strikes (no air-force file, no brief)."""
    result = run_demo(tmp_path_factory.mktemp("demo"), None, brief_day=None)
    return str(result.db)


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def csv_rows(db: str, *args: str) -> list[dict[str, str]]:
    text = run(db, "judge", "--all", "--format", "csv", *args)
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == list(CSV_COLUMNS)
    return list(reader)


def test_csv_counts_no_breach_of_a_pledge_never_in_force(demo_db: str) -> None:
    rows = csv_rows(demo_db)
    assert rows and all(r["mode"] == "in_force" and r["in_force"] == "true" for r in rows)
    assert not [r for r in rows if r["pledge"] in NEVER_IN_FORCE]
    everything = csv_rows(demo_db, "--what-if")
    what_if = [r for r in everything if r["pledge"] in NEVER_IN_FORCE]
    assert what_if and all(r["mode"] == "what_if" for r in what_if)
    assert any(r["verdict"] == "breach" for r in what_if)
    for r in everything:
        if r["verdict"] == "breach":
            assert r["breach_at"] >= r["strike_start"][:10], r
            assert r["evidence_grade"] and int(r["evidence_reports"]) >= 1
        else:
            assert r["breach_at"] == ""


def test_the_jeddah_breach_began_at_midnight_not_at_23(demo_db: str) -> None:
    args = ["judge", "--pledge", "jed25-full-ceasefire", "--format", "json"]
    assert json.loads(run(demo_db, *args)) == []
    text = run(demo_db, *args, "--what-if")
    rows: list[dict[str, Any]] = json.loads(text)
    first = next(r for r in rows if r["verdict"] == "breach")
    assert first["strike_start"] == "2025-05-11T23:00:00+03:00"
    assert first["breach_at"] == "2025-05-12T00:00:00+03:00"
    assert first["mode"] == "what_if" and first["in_force"] is False
    assert set(first["evidence"]) == {"grade", "reports", "sources", "claimed_by"}
    assert first["evidence"]["sources"], "the sources of the curated report"


def test_the_table_hides_what_ifs_and_says_so(demo_db: str) -> None:
    out = run(demo_db, "judge", "--pledge", "jed25-full-ceasefire")
    assert "0 breaches of pledges in force" in out
    assert "; 1 what-if verdict on pledges not in force hidden (--what-if shows them)" in out
    shown = run(demo_db, "judge", "--pledge", "jed25-full-ceasefire", "--what-if")
    assert "breach" in shown and "1 what-if (not counted)" in shown


def test_respond_opens_no_stage_for_a_pledge_never_in_force(demo_db: str) -> None:
    out = run(demo_db, "respond", "--pledge", "jed25-full-ceasefire", "--reading", "UA")
    assert "never in force" in out and "Diplomatic" not in out
    assert "trucewatch replay --pledge jed25-full-ceasefire --reading UA" in " ".join(out.split())
    data = json.loads(
        run(
            demo_db,
            "respond",
            "--pledge",
            "jed25-full-ceasefire",
            "--reading",
            "UA",
            "--format",
            "json",
        )
    )
    assert data["episodes"] == [] and data["in_force"] is False
    assert data["what_if_breaches"] > 0


def test_replay_runs_a_pledge_as_if_it_had_held(demo_db: str) -> None:
    args = ["replay", "--pledge", "jed25-full-ceasefire", "--reading", "UA", "--format", "json"]
    data = json.loads(run(demo_db, *args))
    assert data["mode"] == "what_if" and data["episodes"]
    first = data["episodes"][0]["transitions"][0]
    assert first["at"] == "2025-05-11T21:00:00+00:00"  # 00:00 Kyiv, the window's start
    assert "2025-05-12 00:00 EEST" in first["why"]
    bad = runner.invoke(app, ["--db", demo_db, "replay", "--pledge", "jed25-full-ceasefire"])
    assert isinstance(bad.exception, InputError) and bad.exception.code == "E185"


def test_the_demo_table_shows_precision_rule_and_what_ifs(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "--out", str(tmp_path), "--no-airforce", "--no-brief"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "jed25-full-ceasefire (rejected, never in force)" in out
    assert "what-if" in out and "judge --pledge ID" in out
    assert "known only to the" not in out  # the full reason is one `judge` away
    cold = out.split("kyiv26-cold-pause", 1)[1].split("vd25", 1)[0]
    assert "night 30-31 Jan 2026, weak, party.v1 + time.v1" in cold
    assert "18:00" not in cold  # a night strike is not shown as if known to the minute
    written = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    modes = {(v["pledge"], v["mode"]) for v in written}
    assert ("jed25-full-ceasefire", "what_if") in modes


def test_pledges_status_records_a_dated_change(demo_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "own.db")
    run(db, "pledges", "registry")
    out = run(
        db,
        "pledges",
        "status",
        "kyiv26-cold-pause",
        "repudiated",
        "--at",
        "2026-02-03 12:00 Europe/Kyiv",
        "--source",
        "https://example.org/over",
    )
    assert "repudiated from 2026-02-03 12:00 EET" in out
    shown = json.loads(run(db, "pledges", "show", "kyiv26-cold-pause", "--format", "json"))
    assert [c["status"] for c in shown["status_history"]] == ["agreed", "repudiated"]
    assert shown["history"][-1]["kind"] == "pledge.amended"
    bad = runner.invoke(
        app, ["--db", db, "pledges", "status", "kyiv26-cold-pause", "agreed", "--at", "2026-02-04"]
    )
    assert isinstance(bad.exception, InputError) and bad.exception.code == "E183"
