"""Webhook alerts for new breaches and stage transitions, posted at most once per event key.

Each event has a stable ``key`` (sha256 of pledge, reading, kind, strike or stage, and time).
``WebhookNotifier`` posts events as JSON, retries connection errors, timeouts, 429 and 5xx with
exponential backoff, and keeps what it delivered in a :class:`DeliveryLog` (the ledger
database's ``alert_deliveries`` table, :mod:`trucewatch.ledger.alertstate`): it claims each key
before posting and records it as delivered before it moves on, so the same key is never posted
twice, across calls, concurrent notifiers and process restarts. The key is also sent as the
``Idempotency-Key`` header, so a receiver can drop the one duplicate that remains possible: a
crash between the receiver's 2xx and the record.

A stage transition's key includes its time. A late report that moves a transition earlier
makes a new transition and a new alert; that is intended, the protocol's answer changed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from trucewatch.errors import ArgumentError
from trucewatch.model import Verdict, VerdictKind
from trucewatch.respond.engine import Response, Transition

if TYPE_CHECKING:  # httpx is imported when an alert is sent, so importing trucewatch stays light
    import httpx

__all__ = [
    "AlertEvent",
    "AlertResult",
    "DeliveryLog",
    "WebhookNotifier",
    "diff_events",
    "transition_events",
]

log = logging.getLogger(__name__)


class DeliveryLog(Protocol):
    """Where a notifier keeps what it announced (``trucewatch.ledger.alertstate.AlertState``)."""

    def delivered(self) -> dict[str, str]:
        """Every delivered key with the time it was delivered."""
        ...

    def claim(self, key: str) -> bool:
        """Claim a key for posting; False when it is delivered or being posted elsewhere."""
        ...

    def record(self, key: str) -> str:
        """Mark a claimed key delivered."""
        ...

    def release(self, key: str) -> None:
        """Give a claim up after a failed post."""
        ...


@dataclass(frozen=True)
class AlertEvent:
    """A new breach verdict or a stage transition, to be announced once."""

    kind: Literal["breach", "stage"]
    pledge: str
    reading: str
    at: datetime
    strike: str | None = None
    stage: int | None = None
    name: str | None = None
    why: str = ""
    policy: str | None = None

    @property
    def key(self) -> str:
        """Stable id: sha256 of pledge, reading, kind, strike or stage, and time (UTC)."""
        subject = self.strike if self.kind == "breach" else str(self.stage)
        parts = [self.pledge, self.reading, self.kind, subject or "", _iso(self.at)]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def payload(self) -> dict[str, Any]:
        """The JSON body posted to the webhook."""
        return {
            "key": self.key,
            "kind": self.kind,
            "pledge": self.pledge,
            "reading": self.reading,
            "at": _iso(self.at),
            "strike": self.strike,
            "stage": self.stage,
            "name": self.name,
            "why": self.why,
            "policy": self.policy,
        }

    @classmethod
    def for_breach(cls, verdict: Verdict, *, window_start: datetime | None = None) -> AlertEvent:
        """The event for a breach verdict at its ``breach_at`` (else the later of strike and
        window start)."""
        at = verdict.strike_start
        if window_start is not None:
            at = max(at, window_start)
        if verdict.breach_at is not None:
            at = verdict.breach_at
        return cls(
            kind="breach",
            pledge=verdict.pledge,
            reading=verdict.reading,
            at=at,
            strike=verdict.strike,
            why=verdict.why,
        )

    @classmethod
    def for_transition(cls, response: Response, transition: Transition) -> AlertEvent:
        """The event for one stage transition of a response."""
        return cls(
            kind="stage",
            pledge=response.pledge,
            reading=response.reading,
            at=transition.at,
            stage=transition.stage,
            name=transition.name,
            why=transition.why,
            policy=f"{response.policy}.v{response.version}",
        )


@dataclass(frozen=True)
class AlertResult:
    """What happened to one event: delivered, skipped (already delivered) or failed."""

    key: str
    outcome: Literal["delivered", "skipped", "failed"]
    attempts: int
    status: int | None = None
    error: str | None = None


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def transition_events(response: Response) -> list[AlertEvent]:
    """One event per stage transition in a response."""
    return [
        AlertEvent.for_transition(response, t) for ep in response.episodes for t in ep.transitions
    ]


def diff_events(
    previous: Response | None,
    current: Response,
    new_breaches: Iterable[Verdict] = (),
    *,
    window_start: datetime | None = None,
) -> list[AlertEvent]:
    """Events for new breach verdicts and for transitions in ``current`` not in ``previous``."""
    seen = {e.key for e in transition_events(previous)} if previous is not None else set()
    out = [
        AlertEvent.for_breach(v, window_start=window_start)
        for v in new_breaches
        if v.verdict is VerdictKind.BREACH and v.in_force
    ]
    out += [e for e in transition_events(current) if e.key not in seen]
    return sorted(out, key=lambda e: (e.at, e.kind, e.stage or 0, e.strike or ""))


class WebhookNotifier:
    """Posts alert events to a webhook URL, each key at most once."""

    def __init__(
        self,
        url: str,
        *,
        state: DeliveryLog,
        max_attempts: int = 5,
        backoff_base: float = 0.5,
        timeout: float = 5.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ArgumentError("max_attempts must be at least 1")
        from trucewatch._http import check_url  # httpx loads only when a webhook is made

        self.url = check_url(url)  # a malformed address is E175 now, not at the first post
        self.state = state
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.timeout = timeout
        self.headers = dict(headers or {})

    def _post(self, client: httpx.Client, event: AlertEvent) -> AlertResult:
        """Post one event, retrying transport errors, 429 and 5xx with exponential backoff."""
        import httpx

        from trucewatch._http import RETRY_STATUSES, TransientStatus, call_with_retries

        key = event.key
        headers = {**self.headers, "Idempotency-Key": key}
        tries: list[tuple[int | None, str | None]] = []  # (status, error) of each attempt

        def once() -> AlertResult:
            try:
                reply = client.post(self.url, json=event.payload(), headers=headers)
            except httpx.TransportError as exc:
                tries.append((None, f"{type(exc).__name__}: {exc}"))
                raise
            status = reply.status_code
            tries.append((status, None if reply.is_success else f"HTTP {status}"))
            if reply.is_success:
                return AlertResult(key, "delivered", len(tries), status)
            if status in RETRY_STATUSES or status >= 500:
                raise TransientStatus(status)
            return AlertResult(key, "failed", len(tries), status, f"HTTP {status}")

        try:
            return call_with_retries(once, attempts=self.max_attempts, backoff=self.backoff_base)
        except (httpx.TransportError, TransientStatus):
            status, error = tries[-1]
            log.warning("alert %s not delivered after %d attempts: %s", key, len(tries), error)
            return AlertResult(key, "failed", len(tries), status, error)

    def notify(self, events: Iterable[AlertEvent]) -> list[AlertResult]:
        """Post every event whose key was not delivered before; one result per event given."""
        import httpx

        batch: Sequence[AlertEvent] = list(events)
        results: list[AlertResult] = []
        done = set(self.state.delivered())
        with httpx.Client(timeout=self.timeout) as client:
            for event in batch:
                key = event.key
                if key in done or not self.state.claim(key):
                    results.append(AlertResult(key, "skipped", 0))
                    continue
                try:
                    result = self._post(client, event)
                except BaseException:
                    self.state.release(key)
                    raise
                if result.outcome == "delivered":
                    self.state.record(key)
                    done.add(key)
                else:
                    self.state.release(key)
                results.append(result)
        return results
