"""Webhook alerts against a real local HTTP receiver: retries, backoff, exactly-once delivery.

What was delivered is kept in the ledger database (``alert_deliveries``); each notifier here
opens the ledger afresh, as another process would.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import Receiver
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.ledger.alertstate import AlertState
from trucewatch.model import Verdict, VerdictKind
from trucewatch.respond.alerts import (
    AlertEvent,
    WebhookNotifier,
    diff_events,
    transition_events,
)
from trucewatch.respond.engine import Response, respond
from trucewatch.respond.policy import DEFAULT_POLICY_ID, load_policy

T0 = datetime(2026, 2, 3, 16, 0, tzinfo=UTC)
POLICY = load_policy(DEFAULT_POLICY_ID)


Opener = Callable[[], AlertState]


@pytest.fixture
def ledger_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger: SQLite, or PostgreSQL where a test asks with ``BOTH``."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return str(tmp_path / "tw.db")
    return str(request.getfixturevalue("pg_url"))


BOTH = pytest.mark.parametrize(
    "ledger_db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def states(ledger_db: str) -> Iterator[Opener]:
    """Opens the ledger's alert state as a new process would."""
    opened: list[Trucewatch] = []

    def open_state() -> AlertState:
        opened.append(Trucewatch(ledger_db))
        return opened[-1].alert_state()

    yield open_state
    for tw in opened:
        tw.close()


def verdict(strike: str, hours: float) -> Verdict:
    start = T0 + timedelta(hours=hours)
    return Verdict(
        pledge="energy-pause",
        reading="kyiv",
        strike=strike,
        strike_start=start,
        strike_end=start,
        verdict=VerdictKind.BREACH,
        rule="test.v1",
        why="energy target inside the window",
    )


def response(*vs: Verdict) -> Response:
    return respond(POLICY, list(vs), window_start=T0, as_of=T0 + timedelta(days=30))


def notifier(url: str, states: Opener, max_attempts: int = 5) -> WebhookNotifier:
    return WebhookNotifier(url, state=states(), backoff_base=0.01, max_attempts=max_attempts)


THREE = [verdict("s1", 0), verdict("s2", 24), verdict("s3", 72)]


def test_retries_503_then_delivers(receiver: Receiver, states: Opener) -> None:
    receiver.fail_next = 2
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(receiver.url, states).notify([event])
    assert (result.outcome, result.attempts, result.status) == ("delivered", 3, 200)
    assert receiver.requests == 3
    assert receiver.delivered == {event.key: 1}
    assert receiver.headers == [event.key]


@BOTH
def test_each_transition_exactly_once_across_calls_and_restarts(
    receiver: Receiver, states: Opener
) -> None:
    events = transition_events(response(*THREE))
    assert [e.stage for e in events] == [1, 2, 3]
    receiver.fail_next = 1
    first = notifier(receiver.url, states).notify(events)
    assert [r.outcome for r in first] == ["delivered"] * 3
    again = notifier(receiver.url, states).notify(events)  # a new process, same state file
    assert [r.outcome for r in again] == ["skipped"] * 3
    recomputed = transition_events(response(*THREE))
    assert [r.outcome for r in notifier(receiver.url, states).notify(recomputed)] == ["skipped"] * 3
    assert receiver.delivered == {e.key: 1 for e in events}
    assert set(states().delivered()) == {e.key for e in events}


def test_duplicates_within_one_call_post_once(receiver: Receiver, states: Opener) -> None:
    event = transition_events(response(verdict("s1", 0)))[0]
    results = notifier(receiver.url, states).notify([event, event])
    assert [r.outcome for r in results] == ["delivered", "skipped"]
    assert receiver.requests == 1


@BOTH
def test_concurrent_notifiers_share_state(receiver: Receiver, states: Opener) -> None:
    events = transition_events(response(*THREE))
    threads = [
        threading.Thread(target=notifier(receiver.url, states).notify, args=(events,))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert receiver.delivered == {e.key: 1 for e in events}


def test_gives_up_then_delivers_later(receiver: Receiver, states: Opener) -> None:
    receiver.fail_next = 10
    event = transition_events(response(verdict("s1", 0)))[0]
    [failed] = notifier(receiver.url, states, max_attempts=3).notify([event])
    assert (failed.outcome, failed.attempts, failed.status) == ("failed", 3, 503)
    assert receiver.requests == 3 and not receiver.delivered
    receiver.fail_next = 0
    [ok] = notifier(receiver.url, states).notify([event])
    assert ok.outcome == "delivered" and receiver.delivered == {event.key: 1}


def test_client_error_is_not_retried(receiver: Receiver, states: Opener) -> None:
    receiver.fail_next, receiver.fail_status = 5, 400
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(receiver.url, states).notify([event])
    assert (result.outcome, result.attempts, result.error) == ("failed", 1, "HTTP 400")


def test_connection_refused_is_retried(states: Opener) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/hook"  # nothing listens on the port
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(url, states, max_attempts=3).notify([event])
    assert (result.outcome, result.attempts, result.status) == ("failed", 3, None)
    assert result.error is not None and "ConnectError" in result.error
    state = states()
    assert state.delivered() == {}
    assert state.claim(event.key)  # the failed notifier released its claim


def test_unreadable_state_file_is_an_error(tmp_path: Path, states: Opener) -> None:
    (tmp_path / "alerts.json").write_text("{not json")
    with pytest.raises(InputError, match="alert state file is unreadable"):
        states().import_json(tmp_path / "alerts.json")


@BOTH
def test_json_state_file_is_imported_once(
    receiver: Receiver, states: Opener, tmp_path: Path
) -> None:
    events = transition_events(response(*THREE))
    old = tmp_path / "alerts.json"
    at = "2026-02-03T16:00:00+00:00"
    old.write_text(json.dumps({"version": 1, "delivered": {events[0].key: at}}))
    state = states()
    assert state.import_json(old) == 1
    assert not old.exists() and (tmp_path / "alerts.json.imported").is_file()
    assert state.import_json(old) is None  # gone: nothing more to import
    assert states().delivered() == {events[0].key: at}
    results = notifier(receiver.url, states).notify(events)
    assert [r.outcome for r in results] == ["skipped", "delivered", "delivered"]
    assert receiver.delivered == {e.key: 1 for e in events[1:]}


@BOTH
def test_a_stale_claim_is_taken_over(states: Opener) -> None:
    first, second = states(), states()
    assert first.claim("k") and not second.claim("k")  # the first is posting it
    second.stale_after = timedelta(0)  # the first stopped mid-post long ago
    assert second.claim("k")
    second.record("k")
    first.release("k")  # a late release by the old owner does not undo the delivery
    assert set(states().delivered()) == {"k"} and not first.claim("k")


def test_diff_events_reports_only_new(receiver: Receiver, states: Opener) -> None:
    before = response(verdict("s1", 0))
    after = response(verdict("s1", 0), verdict("s2", 30))
    events = diff_events(before, after, [verdict("s2", 30)])
    assert [(e.kind, e.strike, e.stage) for e in events] == [
        ("breach", "s2", None),
        ("stage", None, 2),
    ]
    assert events[1].payload()["policy"] == "coalition-three-stage.v1"
    assert [e.stage for e in diff_events(None, after)] == [1, 2]
    assert diff_events(after, after) == []
    results = notifier(receiver.url, states).notify(events)
    assert [r.outcome for r in results] == ["delivered", "delivered"]


def test_keys_are_stable_and_distinct() -> None:
    a = AlertEvent.for_breach(verdict("s1", 0))
    assert a.key == AlertEvent.for_breach(verdict("s1", 0)).key
    assert a.key != AlertEvent.for_breach(verdict("s2", 0)).key
    shifted = AlertEvent.for_breach(verdict("s1", 0).model_copy(update={"reading": "kremlin"}))
    assert a.key != shifted.key
    kyiv = datetime(2026, 2, 3, 18, 0, tzinfo=UTC).astimezone()
    same_instant = AlertEvent("stage", "p", "r", kyiv, stage=1)
    assert same_instant.key == AlertEvent("stage", "p", "r", kyiv.astimezone(UTC), stage=1).key
    assert len(a.key) == 64


@BOTH
def test_verify_and_rebuild_leave_the_alert_state_alone(ledger_db: str) -> None:
    """Alert deliveries are operational state beside the log: not checked, not rebuilt."""
    with Trucewatch(ledger_db) as tw:
        tw.add_registry()
        state = tw.alert_state()
        assert state.claim("k1") and state.claim("k2")
        state.record("k1")
        before = tw.verify()
        assert before.ok, before
        tw.rebuild()
        after = tw.verify()
        assert after.ok, after
        assert set(state.delivered()) == {"k1"} and not state.claim("k2")
