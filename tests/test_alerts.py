"""Webhook alerts against a real local HTTP receiver: retries, backoff, exactly-once delivery."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from trucewatch.errors import InputError
from trucewatch.model import Verdict, VerdictKind
from trucewatch.respond.alerts import (
    AlertEvent,
    WebhookNotifier,
    diff_events,
    transition_events,
)
from trucewatch.respond.engine import Response, respond
from trucewatch.respond.policy import DEFAULT_POLICY_ID, load_policy
from webhook import Receiver, running_receiver

T0 = datetime(2026, 2, 3, 16, 0, tzinfo=UTC)
POLICY = load_policy(DEFAULT_POLICY_ID)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as state:
        yield state


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


def notifier(url: str, tmp_path: Path, max_attempts: int = 5) -> WebhookNotifier:
    path = tmp_path / "alerts.json"
    return WebhookNotifier(url, state_path=path, backoff_base=0.01, max_attempts=max_attempts)


THREE = [verdict("s1", 0), verdict("s2", 24), verdict("s3", 72)]


def test_retries_503_then_delivers(receiver: Receiver, tmp_path: Path) -> None:
    receiver.fail_next = 2
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(receiver.url, tmp_path).notify([event])
    assert (result.outcome, result.attempts, result.status) == ("delivered", 3, 200)
    assert receiver.requests == 3
    assert receiver.delivered == {event.key: 1}
    assert receiver.headers == [event.key]


def test_each_transition_exactly_once_across_calls_and_restarts(
    receiver: Receiver, tmp_path: Path
) -> None:
    events = transition_events(response(*THREE))
    assert [e.stage for e in events] == [1, 2, 3]
    receiver.fail_next = 1
    first = notifier(receiver.url, tmp_path).notify(events)
    assert [r.outcome for r in first] == ["delivered"] * 3
    again = notifier(receiver.url, tmp_path).notify(events)  # a new process, same state file
    assert [r.outcome for r in again] == ["skipped"] * 3
    recomputed = transition_events(response(*THREE))
    assert [r.outcome for r in notifier(receiver.url, tmp_path).notify(recomputed)] == [
        "skipped"
    ] * 3
    assert receiver.delivered == {e.key: 1 for e in events}
    state = json.loads((tmp_path / "alerts.json").read_text())
    assert set(state["delivered"]) == {e.key for e in events}
    assert not list(tmp_path.glob("*.tmp"))


def test_duplicates_within_one_call_post_once(receiver: Receiver, tmp_path: Path) -> None:
    event = transition_events(response(verdict("s1", 0)))[0]
    results = notifier(receiver.url, tmp_path).notify([event, event])
    assert [r.outcome for r in results] == ["delivered", "skipped"]
    assert receiver.requests == 1


def test_concurrent_notifiers_share_state(receiver: Receiver, tmp_path: Path) -> None:
    events = transition_events(response(*THREE))
    threads = [
        threading.Thread(target=notifier(receiver.url, tmp_path).notify, args=(events,))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert receiver.delivered == {e.key: 1 for e in events}


def test_gives_up_then_delivers_later(receiver: Receiver, tmp_path: Path) -> None:
    receiver.fail_next = 10
    event = transition_events(response(verdict("s1", 0)))[0]
    [failed] = notifier(receiver.url, tmp_path, max_attempts=3).notify([event])
    assert (failed.outcome, failed.attempts, failed.status) == ("failed", 3, 503)
    assert receiver.requests == 3 and not receiver.delivered
    receiver.fail_next = 0
    [ok] = notifier(receiver.url, tmp_path).notify([event])
    assert ok.outcome == "delivered" and receiver.delivered == {event.key: 1}


def test_client_error_is_not_retried(receiver: Receiver, tmp_path: Path) -> None:
    receiver.fail_next, receiver.fail_status = 5, 400
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(receiver.url, tmp_path).notify([event])
    assert (result.outcome, result.attempts, result.error) == ("failed", 1, "HTTP 400")


def test_connection_refused_is_retried(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.server_close()  # nothing listens on the port now
    event = transition_events(response(verdict("s1", 0)))[0]
    [result] = notifier(url, tmp_path, max_attempts=3).notify([event])
    assert (result.outcome, result.attempts, result.status) == ("failed", 3, None)
    assert result.error is not None and "ConnectError" in result.error
    assert not (tmp_path / "alerts.json").exists()


def test_unreadable_state_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "alerts.json").write_text("{not json")
    with pytest.raises(InputError, match="alert state file is unreadable"):
        notifier("http://127.0.0.1:9/", tmp_path).notify([])


def test_diff_events_reports_only_new(receiver: Receiver, tmp_path: Path) -> None:
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
    results = notifier(receiver.url, tmp_path).notify(events)
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
