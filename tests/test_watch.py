"""``trucewatch watch`` against a real local HTTP receiver: each breach and transition once."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Receiver
from factories import kyiv, pledge, report, strike
from trucewatch.api import Trucewatch
from trucewatch.cli.main import app
from trucewatch.errors import InputError
from trucewatch.model import Reading, Strike
from trucewatch.respond.service import (
    WatchConfig,
    default_state_path,
    load_watch_config,
    run_watch,
)

T0 = kyiv(2026, 2, 1, 2, 0)
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "tw.db")
    with Trucewatch(path) as tw:
        rd = Reading(by="UA", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 20))
        tw.ledger.add_pledge(pledge(readings=(rd,)))
    return path


def ingest(db: str, *strikes: Strike) -> None:
    with Trucewatch(db) as tw:
        tw.ledger.record([report(f"report {strikes[0].id}")], list(strikes))


def watch_once(db: str, url: str, *extra: str) -> None:
    result = runner.invoke(app, ["--db", db, "watch", "--webhook", url, "--once", *extra])
    assert result.exit_code == 0, (result.output, result.exception)


def test_each_breach_and_transition_arrives_exactly_once(db: str, receiver: Receiver) -> None:
    watch_once(db, receiver.url)
    assert receiver.bodies == []  # nothing in the ledger yet

    ingest(db, strike("s1", T0))
    watch_once(db, receiver.url)
    assert receiver.seen() == [("breach", "s1"), ("stage", "1")]

    watch_once(db, receiver.url)  # nothing new: nothing posted
    assert len(receiver.bodies) == 2

    ingest(db, strike("s2", T0 + timedelta(hours=25)))
    watch_once(db, receiver.url)
    assert receiver.seen()[2:] == [("breach", "s2"), ("stage", "2")]

    ingest(db, strike("s3", T0 + timedelta(hours=30)), strike("s4", T0 + timedelta(hours=73)))
    watch_once(db, receiver.url)
    watch_once(db, receiver.url)
    assert receiver.seen()[4:] == [("breach", "s3"), ("breach", "s4"), ("stage", "3")]

    assert all(n == 1 for n in receiver.delivered.values())
    assert len(receiver.bodies) == 7
    stage3 = receiver.bodies[-1]
    assert stage3["pledge"] == "p-test" and stage3["reading"] == "UA"
    assert stage3["policy"] == "coalition-three-stage.v1"
    assert stage3["at"] == "2026-02-04T01:00:00+00:00"
    with Trucewatch(db) as tw:  # the ledger keeps what was announced; no state file
        assert set(tw.alert_state().delivered()) == set(receiver.delivered)
    assert not default_state_path(db).exists()


def test_failed_posts_are_retried_next_cycle_not_duplicated(
    db: str, receiver: Receiver, tmp_path: Path
) -> None:
    ingest(db, strike("s1", T0))
    receiver.fail_next = 100
    cfg = WatchConfig(webhook=receiver.url)
    with Trucewatch(db) as tw:
        from trucewatch.respond.service import watch_cycle

        state = tw.alert_state()
        first = watch_cycle(tw, cfg, state=state, max_attempts=2, backoff_base=0.01)
        assert first.count("failed") == 2 and receiver.bodies == []
        receiver.fail_next = 0
        second = watch_cycle(tw, cfg, state=state, backoff_base=0.01)
        assert second.count("delivered") == 2
        third = watch_cycle(tw, cfg, state=state, backoff_base=0.01)
        assert third.count("skipped") == 2 and third.new == []
    assert receiver.seen() == [("breach", "s1"), ("stage", "1")]


def test_baseline_records_history_without_posting(db: str, receiver: Receiver) -> None:
    ingest(db, strike("s1", T0))
    watch_once(db, receiver.url, "--baseline")
    assert receiver.bodies == []
    ingest(db, strike("s2", T0 + timedelta(hours=25)))
    watch_once(db, receiver.url)
    assert receiver.seen() == [("breach", "s2"), ("stage", "2")]


def test_config_file_names_webhook_pledges_and_state(
    db: str, receiver: Receiver, tmp_path: Path
) -> None:
    with Trucewatch(db) as tw:
        other = Reading(by="US", start=kyiv(2026, 1, 30), end=kyiv(2026, 2, 20))
        tw.ledger.add_pledge(pledge("p-other", readings=(other,)))
    state = tmp_path / "alerts" / "state.json"  # an earlier version's state: imported once
    state.parent.mkdir()
    state.write_text(json.dumps({"version": 1, "delivered": {"k-old": "2026-02-01T00:00Z"}}))
    config = tmp_path / "watch.yaml"
    config.write_text(
        f"webhook: {receiver.url}\npolicy: coalition-three-stage\n"
        f"pledges: [p-test/UA]\ninterval: 60\nstate: {state}\n",
        encoding="utf-8",
    )
    ingest(db, strike("s1", T0))
    result = runner.invoke(app, ["--db", db, "watch", "--config", str(config), "--once"])
    assert result.exit_code == 0, result.output
    assert {b["pledge"] for b in receiver.bodies} == {"p-test"}
    assert f"imported 1 delivered alert keys from {state}" in " ".join(result.stderr.split())
    assert not state.exists() and state.with_name("state.json.imported").is_file()
    with Trucewatch(db) as tw:
        assert "k-old" in tw.alert_state().delivered()
    loaded = load_watch_config(config)
    assert loaded["interval"] == 60 and loaded["pledges"] == ["p-test/UA"]


def test_bad_config_and_options_are_coded_errors(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("webhook: http://x\nintervall: 5\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_watch_config(bad)
    assert info.value.code == "E152" and "intervall" in str(info.value)
    result = runner.invoke(app, ["--db", db, "watch", "--once"])
    assert isinstance(result.exception, InputError)
    result = runner.invoke(app, ["--db", db, "watch", "--webhook", "ftp://x", "--once"])
    assert isinstance(result.exception, InputError)


def test_loop_runs_cycles_until_stopped(db: str, receiver: Receiver, tmp_path: Path) -> None:
    ingest(db, strike("s1", T0))
    cycles: list[int] = []

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        assert seconds == 1.0
        if len(cycles) == 3:
            raise Stop

    with Trucewatch(db) as tw, pytest.raises(Stop):
        run_watch(
            tw,
            WatchConfig(webhook=receiver.url, interval=1.0),
            state=tw.alert_state(),
            on_cycle=lambda r: cycles.append(r.count("delivered")),
            sleep=sleep,
        )
    assert cycles == [2, 0, 0]


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("webhook: http://x\n\nintervall: 5\n", "E152", ":3: intervall: unknown key"),
        ("webhook: http://x\ninterval: -1\n", "E152", ":2: interval: expected seconds > 0"),
        ("webhook: http://x\npledges: [a, 3]\n", "E152", ":2: pledges: expected a list"),
        ("webhook: [\n", "E151", ":2: (yaml): "),
        ("webhook: a\nwebhook: b\n", "E151", ":2: (yaml): key 'webhook' appears twice"),
    ],
)
def test_watch_config_errors_name_file_line_and_key(
    tmp_path: Path, text: str, code: str, where: str
) -> None:
    """The watch config reports problems as pledge and policy files do: file:line: key."""
    path = tmp_path / "watch.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_watch_config(path)
    assert info.value.code == code
    assert f"{path}{where}" in str(info.value)


def test_a_malformed_webhook_is_bad_input_not_an_internal_error(tmp_path: Path) -> None:
    """'http://[::1' passed the http(s) prefix check and failed at the first post (InvalidURL,
    an internal error); it is refused before anything runs."""
    from conftest import run_cli

    for url in ("http://[::1", "http://example.com:port/hook"):
        out = run_cli("watch", "--webhook", url, "--once", db=tmp_path / "tw.db")
        assert out.returncode == 2 and "E175" in out.stderr and url in out.stderr, out.stderr
