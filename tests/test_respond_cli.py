"""``trucewatch respond`` and ``replay`` on hand-built ledgers and on the real air-force data."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import AIRFORCE, needs_shared
from factories import kyiv, pledge, report, strike
from trucewatch.api import Trucewatch
from trucewatch.cli.main import app
from trucewatch.errors import InputError, NotFoundError
from trucewatch.model import Reading, Scope, TimePrecision
from trucewatch.respond.service import (
    get_policy,
    parse_scope,
    reading_response,
    replay_period,
    synthetic_pledge,
)

T0 = kyiv(2026, 2, 1, 2, 0)
runner = CliRunner()


def build(db: Path, *strikes_: object, scope: Scope | None = None) -> str:
    """A ledger with one pledge (UA reading 30 Jan to 6 Feb, energy) and the given strikes."""
    with Trucewatch(str(db)) as tw:
        rd = Reading(by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 10))
        tw.ledger.add_pledge(pledge(scope=scope, readings=(rd,)))
        tw.ledger.record([report("test report")], list(strikes_))  # type: ignore[arg-type]
    return str(db)


def cli(db: str, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def stepped(tmp_path: Path) -> str:
    """Breaches at t0, t0+24h, t0+72h (energy), an undetermined one (no targets), a no-breach."""
    e = ("energy",)
    return build(
        tmp_path / "tw.db",
        strike("s1", T0, targets=e),
        strike("s2", T0 + timedelta(hours=24), targets=e),
        strike("s3", T0 + timedelta(hours=72), targets=e),
        strike("s4", T0 + timedelta(hours=30)),
        strike("s5", T0 + timedelta(hours=40), targets=("residential",)),
        scope=Scope(targets=("energy",)),
    )


def test_respond_json_follows_the_edges(stepped: str) -> None:
    data = cli(stepped, "respond", "--pledge", "p-test", "--reading", "UA", "--format", "json")
    assert data["policy"] == "coalition-three-stage" and data["version"] == 1
    assert (data["pledge"], data["reading"]) == ("p-test", "UA")
    episodes = data["episodes"]
    assert isinstance(episodes, list) and len(episodes) == 1
    stages = [(t["stage"], t["at"]) for t in episodes[0]["transitions"]]
    assert stages == [
        (1, "2026-02-01T00:00:00+00:00"),
        (2, "2026-02-02T00:00:00+00:00"),
        (3, "2026-02-04T00:00:00+00:00"),
    ]
    assert episodes[0]["closed"] == "2026-02-07T00:00:00+00:00"
    undetermined = data["undetermined"]
    assert isinstance(undetermined, list)
    assert [u["strike"] for u in undetermined] == ["s4"]
    assert data["stage_counts"] == {"1": 1, "2": 1, "3": 1}


def test_respond_as_of_keeps_the_episode_open(stepped: str) -> None:
    data = cli(
        stepped,
        "respond",
        "--pledge",
        "p-test",
        "--reading",
        "UA",
        "--as-of",
        "2026-02-02T12:00",
        "--format",
        "json",
    )
    (episode,) = data["episodes"]
    assert episode["closed"] is None
    assert [t["stage"] for t in episode["transitions"]] == [1, 2]


def test_respond_table_shows_times_why_and_undetermined(stepped: str) -> None:
    result = runner.invoke(
        app,
        ["--db", stepped, "respond", "--pledge", "p-test", "--reading", "UA"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "episode 1: opened 2026-02-01 02:00, closed 2026-02-07 02:00" in out
    assert "2026-02-04 02:00" in out  # stage 3 in Kyiv time
    assert "first breach, by strike s1" in out
    assert "undetermined" in out and "s4" in out


def test_respond_errors_are_coded(stepped: str) -> None:
    result = runner.invoke(
        app, ["--db", stepped, "respond", "--pledge", "p-test", "--reading", "XX"]
    )
    assert isinstance(result.exception, NotFoundError) and result.exception.code == "E201"
    result = runner.invoke(app, ["--db", stepped, "respond", "--pledge", "nope", "--reading", "UA"])
    assert isinstance(result.exception, NotFoundError)
    result = runner.invoke(
        app,
        ["--db", stepped, "respond", "--pledge", "p-test", "--reading", "UA", "--as-of", "soon"],
    )
    assert isinstance(result.exception, InputError) and result.exception.code == "E104"


def test_user_error_prints_one_line_not_a_traceback(stepped: str) -> None:
    cmd = [
        sys.executable,
        "-m",
        "trucewatch",
        "--db",
        stepped,
        "replay",
        "--from",
        "2026-02-01",
        "--to",
        "2026-02-05",
        "--scope",
        "colour=red",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "E141" in proc.stderr and "Traceback" not in proc.stderr


def test_parse_scope_validates_keys_and_vocabularies() -> None:
    scope = parse_scope(["targets=energy,port", "places=Kyiv", "weapons=drones", "targets=energy"])
    assert scope == Scope(targets=("energy", "port"), places=("Kyiv",), weapons=("drones",))
    for bad, code in [
        ("targets", "E140"),
        ("foo=bar", "E141"),
        ("targets=ships", "E142"),
        ("weapons=lasers", "E142"),
        ("places=Atlantis", "E142"),
    ]:
        with pytest.raises(InputError) as info:
            parse_scope([bad])
        assert info.value.code == code, bad


def test_synthetic_pledge_window_is_the_period_in_kyiv() -> None:
    p = synthetic_pledge(date(2026, 2, 1), date(2026, 2, 3), parties=["RU"])
    (rd,) = p.readings
    assert rd.start == kyiv(2026, 2, 1) and rd.end == kyiv(2026, 2, 4)
    with pytest.raises(InputError):
        synthetic_pledge(date(2026, 2, 3), date(2026, 2, 1))


def test_replay_over_a_hand_built_period(stepped: str) -> None:
    data = cli(
        stepped,
        "replay",
        "--from",
        "2026-02-01",
        "--to",
        "2026-02-06",
        "--scope",
        "targets=energy",
        "--format",
        "json",
    )
    assert data["stage_counts"] == {"1": 1, "2": 1, "3": 1}
    assert data["breaches"] == 3 and data["strikes_judged"] == 5
    assert data["scope"] == {"targets": ["energy"]}
    assert data["period"] == {
        "from": "2026-02-01T00:00:00+02:00",
        "to": "2026-02-07T00:00:00+02:00",
    }
    everything = cli(
        stepped, "replay", "--from", "2026-02-01", "--to", "2026-02-06", "--format", "json"
    )
    assert everything["breaches"] == 5 and everything["undetermined"] == []
    # a quiet reset: the period ends before s3, a later period starting after it holds one breach
    late = cli(stepped, "replay", "--from", "2026-02-04", "--to", "2026-02-06", "--format", "json")
    assert late["stage_counts"] == {"1": 1, "2": 0, "3": 0}


def test_replay_quiet_reset_splits_episodes(tmp_path: Path) -> None:
    db = build(
        tmp_path / "q.db",
        strike("a", T0),
        strike("b", T0 + timedelta(hours=71, minutes=59)),
        strike("c", T0 + timedelta(hours=71, minutes=59) + timedelta(hours=72)),
        strike("d", kyiv(2026, 2, 3), precision=TimePrecision.DAY),
    )
    with Trucewatch(db) as tw:
        result = replay_period(tw, get_policy(None), date(2026, 1, 31), date(2026, 2, 12))
    eps = result.response.episodes
    assert len(eps) == 2
    assert [t.stage for t in eps[0].transitions] == [1, 2]
    assert result.response.stage_counts == {1: 2, 2: 1, 3: 0}


def test_reading_response_uses_the_window_start(tmp_path: Path) -> None:
    db = build(tmp_path / "w.db", strike("early", kyiv(2026, 1, 29, 22, 0)))
    with Trucewatch(db) as tw:
        rr = reading_response(tw, "p-test", "UA", get_policy(None))
    (ep,) = rr.response.episodes
    assert ep.opened == kyiv(2026, 1, 30)


@needs_shared
def test_replay_on_the_real_airforce_data(tmp_path: Path) -> None:
    with Trucewatch(str(tmp_path / "af.db")) as tw:
        tw.ingest_airforce(AIRFORCE)
        result = replay_period(
            tw, get_policy("coalition-three-stage"), date(2026, 1, 1), date(2026, 1, 20)
        )
    data = result.to_json()
    assert data["strikes_judged"] > 30 and data["breaches"] > 30
    first = result.response.episodes[0]
    # nightly attacks every night: stage 2 the next night, stage 3 three nights in
    assert [t.stage for t in first.transitions] == [1, 2, 3]
    assert first.transitions[1].at - first.transitions[0].at < timedelta(hours=36)
    assert timedelta(hours=72) <= first.transitions[2].at - first.transitions[0].at
