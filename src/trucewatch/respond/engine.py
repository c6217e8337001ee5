"""Run a response policy over the verdict timeline of one pledge reading.

Semantics
---------
A pledge reading's breaches, in time order, drive an episode. The first breach at time t0 opens
it at stage 1 (a breach's time is its ``breach_at``: the later of the strike's start, the
window's start and the moment the pledge came into force). Verdicts on a pledge not in force at
the strike's time (what-ifs) are ignored: only ``replay`` runs them. A stage with `requires:
continued` begins at the first breach at or after t0 + begins_after; one without it begins at
exactly t0 + begins_after. An episode closes when no breach occurs for `resets_after`; the next
breach opens a new one. `undetermined` verdicts never advance a stage but are listed beside the
timeline. A breach that does not meet `counts_as_breach` is not a breach for the protocol (list
it beside the timeline too, with the reason).

Edge decisions
--------------
- Boundary: "at or after". A breach at exactly t0 + 24h starts a stage whose begins_after is
  PT24H and that requires continued breaches.
- Close time: an episode closes at (last breach time + resets_after). Episodes are half-open
  intervals [opened, closed): a breach at exactly the close time opens a new episode.
- A stage without `requires` whose time t0 + begins_after falls at or after the episode's close
  time does not begin.
- `as_of` (default: now) is the moment the protocol is evaluated at. Verdicts whose breach time
  is after `as_of` are ignored; an episode whose close time is after `as_of` is still open and
  reports closed=None; a stage without `requires` is reported only if its time is <= as_of.
- Stages begin in order: policies are validated so that stage 1 begins at PT0H, begins_after
  never decreases and, once a stage requires continued breaches, every later stage does too.
  So a stage never begins before the one before it, and none is skipped.
- One strike counts once: repeated verdicts on the same strike keep the earliest breach time.
- Thresholds (`counts_as_breach`) need the strikes; a strike missing from `strikes` has unknown
  counts and does not meet a threshold. Unknown counts never meet a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from trucewatch.errors import ArgumentError
from trucewatch.judge.rules import fmt_time
from trucewatch.model import KYIV, Strike, VerdictKind
from trucewatch.respond.policy import Policy

__all__ = ["Episode", "Response", "Transition", "replay", "respond", "tail"]


class Judged(Protocol):
    """What the protocol reads of a verdict: a ``Verdict``, or a row of its stored columns."""

    @property
    def pledge(self) -> str: ...
    @property
    def reading(self) -> str: ...
    @property
    def strike(self) -> str: ...
    @property
    def strike_start(self) -> datetime: ...
    @property
    def verdict(self) -> VerdictKind: ...
    @property
    def in_force(self) -> bool: ...
    @property
    def breach_at(self) -> datetime | None: ...
    @property
    def rule(self) -> str: ...
    @property
    def why(self) -> str: ...


@dataclass(frozen=True)
class Transition:
    """A stage beginning: when, and one line saying why."""

    stage: int
    name: str
    at: datetime
    why: str

    def to_json(self) -> dict[str, Any]:
        """Plain data with the time in ISO 8601."""
        return {"stage": self.stage, "name": self.name, "at": _iso(self.at), "why": self.why}


@dataclass(frozen=True)
class Episode:
    """One run of the protocol from a first breach until quiet resets it (closed None: open)."""

    opened: datetime
    closed: datetime | None
    transitions: list[Transition]

    @property
    def stage(self) -> int:
        """The highest stage the episode reached."""
        return self.transitions[-1].stage

    def to_json(self) -> dict[str, Any]:
        """Plain data with times in ISO 8601."""
        return {
            "opened": _iso(self.opened),
            "closed": _iso(self.closed) if self.closed else None,
            "transitions": [t.to_json() for t in self.transitions],
        }


@dataclass(frozen=True)
class Response:
    """A policy applied to one pledge reading's verdicts, as of a moment."""

    policy: str
    version: int
    pledge: str
    reading: str
    episodes: list[Episode]
    undetermined: list[dict[str, Any]]
    below_threshold: list[dict[str, Any]]
    as_of: datetime
    stage_counts: dict[int, int] = field(default_factory=dict)

    @property
    def current_stage(self) -> int | None:
        """The stage of the open episode, or None when no episode is open."""
        if self.episodes and self.episodes[-1].closed is None:
            return self.episodes[-1].stage
        return None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Response:
        """Back from :meth:`to_json` (a stored state's response)."""
        parse = datetime.fromisoformat
        episodes = [
            Episode(
                opened=parse(e["opened"]),
                closed=parse(e["closed"]) if e["closed"] else None,
                transitions=[
                    Transition(t["stage"], t["name"], parse(t["at"]), t["why"])
                    for t in e["transitions"]
                ],
            )
            for e in data["episodes"]
        ]
        return cls(
            policy=data["policy"],
            version=data["version"],
            pledge=data["pledge"],
            reading=data["reading"],
            episodes=episodes,
            undetermined=list(data["undetermined"]),
            below_threshold=list(data["below_threshold"]),
            as_of=parse(data["as_of"]),
            stage_counts={int(k): v for k, v in data["stage_counts"].items()},
        )

    def to_json(self) -> dict[str, Any]:
        """Plain data for the CLI, the web API and the ledger, times ISO 8601 with offset."""
        return {
            "policy": self.policy,
            "version": self.version,
            "pledge": self.pledge,
            "reading": self.reading,
            "as_of": _iso(self.as_of),
            "episodes": [e.to_json() for e in self.episodes],
            "undetermined": self.undetermined,
            "below_threshold": self.below_threshold,
            "stage_counts": {str(k): v for k, v in sorted(self.stage_counts.items())},
        }


@dataclass(frozen=True, order=True)
class _Breach:
    at: datetime
    strike: str
    began: datetime


def _utc(value: datetime, what: str) -> datetime:
    if value.tzinfo is UTC:  # stored columns are read as UTC already
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ArgumentError(f"{what} must be timezone-aware, got {value.isoformat()}")
    return value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _short(value: datetime) -> str:
    """A time for explanations in the tables' zone (Kyiv): 2026-02-03 18:00 EET."""
    return fmt_time(value, KYIV)


def _span(delta: timedelta) -> str:
    """A duration for explanations: '24 h', '23 h 59 min'."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if rest == 0 else f"{hours} h {rest} min"


def _first_why(b: _Breach) -> str:
    why = f"first breach, by strike {b.strike} at {_short(b.at)}, opens the episode"
    if b.began < b.at:
        why += f" (the strike began {_short(b.began)}, before the window; counted from its start)"
    return why


def _episode(policy: Policy, group: list[_Breach], as_of: datetime) -> Episode:
    """Stage transitions for one episode's breaches (time-ordered, all before its close)."""
    t0 = group[0].at
    close = group[-1].at + policy.resets_after
    first = policy.stages[0]
    transitions = [Transition(first.stage, first.name, t0, _first_why(group[0]))]
    for st in policy.stages[1:]:
        target = t0 + st.begins_after
        if st.requires_continued:
            hit = next((b for b in group if b.at >= target), None)
            if hit is None:
                break
            why = (
                f"breach by strike {hit.strike} at {_short(hit.at)}, "
                f"{_span(hit.at - t0)} after the first breach, attacks continued"
            )
            transitions.append(Transition(st.stage, st.name, hit.at, why))
        else:
            if target >= close or target > as_of:
                break
            why = (
                f"{_span(st.begins_after)} after the first breach at {_short(t0)}; "
                "begins on time, continued breaches not required"
            )
            transitions.append(Transition(st.stage, st.name, target, why))
    return Episode(opened=t0, closed=close if close <= as_of else None, transitions=transitions)


def _episodes(
    policy: Policy, breaches: list[_Breach], as_of: datetime, lead: Sequence[_Breach] = ()
) -> list[Episode]:
    """Split time-ordered breaches into episodes at every quiet gap of resets_after or more.

    ``lead``: the breaches of an episode still going on before ``breaches`` that its stages
    depend on (its first breach, each stage's deciding breach, its last breach so far); an
    episode reads only those (``_episode``), so the first group continues it exactly.
    """
    out: list[Episode] = []
    group: list[_Breach] = list(lead)
    for b in breaches:
        if group and b.at >= group[-1].at + policy.resets_after:
            out.append(_episode(policy, group, as_of))
            group = []
        group.append(b)
    if group:
        out.append(_episode(policy, group, as_of))
    return out


def _counts(policy: Policy, episodes: list[Episode]) -> dict[int, int]:
    counts = {st.stage: 0 for st in policy.stages}
    for ep in episodes:
        for t in ep.transitions:
            counts[t.stage] += 1
    return counts


def _dedupe(breaches: list[_Breach]) -> list[_Breach]:
    seen: set[str] = set()
    out = []
    for b in sorted(breaches, key=lambda b: (b.at, b.strike, b.began)):
        if b.strike not in seen:
            seen.add(b.strike)
            out.append(b)
    return out


def respond(
    policy: Policy,
    verdicts: Sequence[Judged],
    *,
    window_start: datetime | None,
    strikes: Mapping[str, Strike] | None = None,
    as_of: datetime | None = None,
    pledge: str | None = None,
    reading: str | None = None,
) -> Response:
    """Apply a policy to the verdicts of one pledge reading (see the module docstring)."""
    now = _utc(as_of, "as_of") if as_of is not None else datetime.now(UTC)
    pairs = {(v.pledge, v.reading) for v in verdicts}
    if len(pairs) > 1:
        raise ArgumentError(f"verdicts of one pledge reading expected, got {sorted(pairs)}")
    if pairs:
        ((found_pledge, found_reading),) = pairs
        pledge, reading = pledge or found_pledge, reading or found_reading
    found = tail(
        policy, verdicts, after=None, window_start=window_start, strikes=strikes, as_of=now
    )
    return Response(
        policy=policy.id,
        version=policy.version,
        pledge=pledge or "",
        reading=reading or "",
        episodes=found.episodes,
        undetermined=found.undetermined,
        below_threshold=found.below_threshold,
        as_of=now,
        stage_counts=_counts(policy, found.episodes),
    )


@dataclass(frozen=True)
class Tail:
    """The protocol over the verdicts whose time is at or after a moment: what ``respond``
    computes, for the part of a timeline after episodes that are known not to change."""

    episodes: list[Episode]
    undetermined: list[dict[str, Any]]
    below_threshold: list[dict[str, Any]]


def protocol_time(v: Judged, window_start: datetime | None) -> datetime:
    """The moment a verdict counts from: its ``breach_at``, else the strike's start clipped to
    the window's start."""
    if v.breach_at is not None:
        return _utc(v.breach_at, f"breach_at of {v.strike}")
    began = _utc(v.strike_start, f"strike_start of {v.strike}")
    return max(began, window_start) if window_start is not None else began


def tail(
    policy: Policy,
    verdicts: Sequence[Judged],
    *,
    after: datetime | None,
    window_start: datetime | None,
    strikes: Mapping[str, Strike] | None,
    as_of: datetime,
    lead: Sequence[tuple[datetime, str, datetime]] = (),
) -> Tail:
    """Episodes, undetermined and below-threshold verdicts of ``verdicts`` whose protocol time
    is at or after ``after`` (None: all), as of ``as_of``.

    Without ``lead``, ``after`` must be the close of an episode (or None): breaches from it on
    never join an earlier episode, so the result follows the earlier episodes unchanged. With
    ``lead``, ``after`` falls inside an episode, and ``lead`` gives (time, strike, strike
    start) of its breaches before ``after`` that the protocol reads: the first, each stage's
    deciding breach before ``after``, and the last before ``after``. The first episode
    returned is that episode, continued.
    """
    now = _utc(as_of, "as_of")
    start = _utc(window_start, "window_start") if window_start is not None else None
    threshold = policy.counts_as_breach
    every = threshold.is_empty()
    if not every and strikes is None:
        raise ArgumentError(f"policy {policy.name} has a severity threshold; pass strikes=")
    breaches: list[_Breach] = []
    undetermined: list[dict[str, Any]] = []
    below: list[dict[str, Any]] = []
    for v in verdicts:
        if not v.in_force:
            continue  # a what-if never opens or advances a stage (see ``replay``)
        at = protocol_time(v, start)
        if at > now or v.verdict is VerdictKind.NO_BREACH or (after is not None and at < after):
            continue
        if v.verdict is VerdictKind.UNDETERMINED:
            undetermined.append({"strike": v.strike, "at": _iso(at), "rule": v.rule, "why": v.why})
            continue
        reason = None if every else threshold.shortfall((strikes or {}).get(v.strike))
        if reason is not None:
            below.append({"strike": v.strike, "at": _iso(at), "reason": reason})
            continue
        began = _utc(v.strike_start, f"strike_start of {v.strike}")
        breaches.append(_Breach(at, v.strike, began))
    kept = [_Breach(_utc(a, "lead"), sid, _utc(b, "lead")) for a, sid, b in lead]
    return Tail(
        episodes=_episodes(policy, _dedupe(breaches), now, kept),
        undetermined=sorted(undetermined, key=lambda r: (r["at"], r["strike"])),
        below_threshold=sorted(below, key=lambda r: (r["at"], r["strike"])),
    )


def replay(
    policy: Policy,
    breach_times: Sequence[tuple[datetime, str]],
    *,
    pledge: str = "what-if",
    reading: str = "replay",
    as_of: datetime | None = None,
) -> Response:
    """Run a policy over given (breach time, strike id) pairs: the "had a pledge held" what-if.

    The times are used as they are (already clipped to any window, already past any
    threshold). ``stage_counts`` on the result says how many episodes reached each stage.
    """
    breaches = [_Breach(_utc(at, f"time of {sid}"), sid, _utc(at, sid)) for at, sid in breach_times]
    if as_of is not None:
        now = _utc(as_of, "as_of")
    else:
        now = max([datetime.now(UTC), *(b.at for b in breaches)])
    kept = _dedupe([b for b in breaches if b.at <= now])
    episodes = _episodes(policy, kept, now)
    return Response(
        policy=policy.id,
        version=policy.version,
        pledge=pledge,
        reading=reading,
        episodes=episodes,
        undetermined=[],
        below_threshold=[],
        as_of=now,
        stage_counts=_counts(policy, episodes),
    )
