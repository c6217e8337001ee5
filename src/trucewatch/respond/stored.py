"""The protocol state of every reading, kept beside its stored verdicts.

Whenever a write changes a reading's verdicts (``judge/stored.py``), the default policy is run
again over them, as of the write's time (the ``recorded_at`` of its entries), and the result
is stored in ``reading_states``: the current stage, the counts, the whole response as JSON.

Only the end of the timeline is run again. The write says how early a verdict it changed may
count (``Touched.since``); every stored episode that had closed by then, and by both the old
and the new ``as_of``, stays as it is: breaches from its close on open new episodes, and a
closed episode no longer depends on ``as_of``. The policy runs over the verdicts from the
last such close on, read as columns, and its episodes and lists follow the kept ones. The
in-force breach count moves by what the write added and removed.
The stage at any later moment follows from the stored verdicts alone (``respond`` over them,
as ``Trucewatch.responses`` does); the row says what the ledger's last change did.

``rebuild`` recomputes every row as of the head entry's time; ``verify`` runs the policy again
over the verdicts the log implies, at each row's own ``as_of``, and compares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, delete, select

from trucewatch.judge.stored import (
    ReadingKey,
    Touched,
    breach_at_time,
    breach_count,
    confirmed_pledges,
    last_breach,
    last_breach_before,
    protocol_rows,
)
from trucewatch.ledger.chain import canonical_json
from trucewatch.ledger.projections import insert_rows, utc_text
from trucewatch.ledger.schema import reading_states
from trucewatch.model import Pledge, VerdictKind
from trucewatch.respond.engine import tail
from trucewatch.respond.policy import DEFAULT_POLICY_ID, Policy, load_policy

__all__ = [
    "STATE_COLUMNS",
    "ReadingState",
    "StateSummary",
    "default_policy",
    "parse_time",
    "read_states",
    "rebuild_states",
    "response_now",
    "state_problems",
    "state_summaries",
    "update_states",
]

STATE_COLUMNS = (
    "pledge",
    "reading",
    "policy",
    "version",
    "as_of",
    "stage",
    "breaches",
    "undetermined",
    "payload",
)


@dataclass(frozen=True)
class ReadingState:
    """One reading's stored protocol state: the stage open at ``as_of`` (None: no open
    episode), in-force breaches and undetermined verdicts counted, and the whole response."""

    pledge: str
    reading: str
    policy: str
    version: int
    as_of: datetime
    stage: int | None
    breaches: int
    undetermined: int
    response: dict[str, Any]


def read_states(conn: Connection) -> list[ReadingState]:
    """Every stored state row, by pledge and reading."""
    rs = reading_states.c
    query = select(*(rs[c] for c in STATE_COLUMNS)).order_by(rs.pledge, rs.reading)
    return [_state(r) for r in conn.execute(query)]


def _state(r: Any) -> ReadingState:
    return ReadingState(
        pledge=r.pledge,
        reading=r.reading,
        policy=r.policy,
        version=r.version,
        as_of=parse_time(r.as_of),
        stage=r.stage,
        breaches=r.breaches,
        undetermined=r.undetermined,
        response=json.loads(r.payload),
    )


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The policy whose state is stored (the bundled default)."""
    return load_policy(DEFAULT_POLICY_ID)


def parse_time(text: str) -> datetime:
    """A projection time (``2026-02-03T07:30:00Z``) as an aware instant."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def reading_state(
    conn: Connection,
    pledge: Pledge,
    by: str,
    as_of: datetime,
    policy: Policy,
    prior: ReadingState | None = None,
    touched: Touched | None = None,
) -> dict[str, Any]:
    """The state row of one reading: the policy over its stored verdicts as of ``as_of``.

    With ``prior`` (the reading's stored state) and ``touched`` (what the write changed since
    it was stored), only the episodes from the first one that may change are computed again.
    """
    window_start = pledge.reading(by).start
    usable = (
        prior is not None
        and touched is not None
        and (prior.policy, prior.version) == (policy.id, policy.version)
    )
    kept: list[dict[str, Any]] = []
    after: datetime | None = None
    lead: list[tuple[datetime, str, datetime]] = []
    if usable:
        assert prior is not None and touched is not None
        # Every verdict the write changed counts from ``since`` on, and every one the prior
        # state read counted by its as_of: before ``bound`` nothing changed. A closed episode
        # in the prior state closed by its as_of and stays closed later; breaches from its
        # close on start new episodes.
        bound = min(touched.since, prior.as_of, as_of)
        episodes = prior.response["episodes"]
        for ep in episodes:
            if ep["closed"] is None or datetime.fromisoformat(ep["closed"]) > bound:
                break
            kept.append(ep)
        if kept:
            after = datetime.fromisoformat(kept[-1]["closed"])
        if len(kept) < len(episodes):
            going = episodes[len(kept)]
            if datetime.fromisoformat(going["opened"]) < bound:
                found_lead = _lead(conn, pledge.id, by, going, bound, policy)
                if found_lead is not None:
                    after, lead = bound, found_lead
    rows = protocol_rows(conn, pledge.id, by, after=after, window_start=window_start)
    found = tail(
        policy, rows, after=after, window_start=window_start, strikes={}, as_of=as_of, lead=lead
    )
    undetermined = found.undetermined
    below = found.below_threshold
    if after is not None:
        assert prior is not None
        undetermined = _before(prior.response["undetermined"], after) + undetermined
        below = _before(prior.response["below_threshold"], after) + below
    episodes = kept + [e.to_json() for e in found.episodes]
    counts = {st.stage: 0 for st in policy.stages}
    for ep in episodes:
        for t in ep["transitions"]:
            counts[t["stage"]] += 1
    response = {
        "policy": policy.id,
        "version": policy.version,
        "pledge": pledge.id,
        "reading": by,
        "as_of": as_of.astimezone(UTC).isoformat(),
        "episodes": episodes,
        "undetermined": undetermined,
        "below_threshold": below,
        "stage_counts": {str(k): v for k, v in sorted(counts.items())},
    }
    open_stage = None
    if episodes and episodes[-1]["closed"] is None:
        open_stage = episodes[-1]["transitions"][-1]["stage"]
    if usable and touched is not None and touched.breaches is not None and prior is not None:
        breaches = prior.breaches + touched.breaches
    elif after is None:
        breaches = sum(1 for r in rows if r.verdict is VerdictKind.BREACH)
    else:
        breaches = breach_count(conn, pledge.id, by)
    return {
        "pledge": pledge.id,
        "reading": by,
        "policy": policy.id,
        "version": policy.version,
        "as_of": utc_text(as_of),
        "stage": open_stage,
        "breaches": breaches,
        "undetermined": len(undetermined),
        "payload": canonical_json(response),
    }


def _lead(
    conn: Connection,
    pledge: str,
    by: str,
    episode: dict[str, Any],
    moment: datetime,
    policy: Policy,
) -> list[tuple[datetime, str, datetime]] | None:
    """The breaches of a stored episode that began before ``moment`` that its continuation
    reads (``respond.engine.tail``'s ``lead``): its first breach, the deciding breach of each
    stage that needs continued breaches and began before ``moment``, and its last breach
    before ``moment``; looked up by their stored times. None if one is not found."""
    needs = {st.stage for st in policy.stages[1:] if st.requires_continued}
    times = [episode["opened"]] + [
        t["at"]
        for t in episode["transitions"]
        if t["stage"] in needs and datetime.fromisoformat(t["at"]) < moment
    ]
    out = []
    for text in times:
        hit = breach_at_time(conn, pledge, by, datetime.fromisoformat(text))
        if hit is None:
            return None
        out.append(hit)
    last = last_breach_before(conn, pledge, by, moment)
    if last is None or last[0] < out[0][0]:
        return None
    if last not in out:
        out.append(last)
    return sorted(out)


def _before(items: list[dict[str, Any]], moment: datetime) -> list[dict[str, Any]]:
    return [r for r in items if datetime.fromisoformat(r["at"]) < moment]


def _state_row(conn: Connection, pledge: str, reading: str) -> ReadingState | None:
    rs = reading_states.c
    query = select(*(rs[c] for c in STATE_COLUMNS)).where(
        rs.pledge == pledge, rs.reading == reading
    )
    row = conn.execute(query).first()
    return None if row is None else _state(row)


def update_states(
    conn: Connection,
    readings: Mapping[ReadingKey, Touched] | Iterable[ReadingKey],
    pledge_ids: Iterable[str],
    as_of: datetime,
) -> None:
    """Store the state of ``readings`` (and of every reading of the pledges ``pledge_ids``,
    whose old rows go) as of ``as_of``. Given what changed in each reading (a mapping, as
    ``update_verdicts`` returns), only the end of its timeline is computed again."""
    touched: dict[ReadingKey, Touched] = (
        dict(readings)
        if isinstance(readings, Mapping)
        else {key: Touched.everything() for key in readings}
    )
    wanted = set(touched)
    changed = set(pledge_ids)
    if not wanted and not changed:
        return
    rs = reading_states.c
    if changed:
        conn.execute(delete(reading_states).where(rs.pledge.in_(changed)))
    current = {p.id: p for p in confirmed_pledges(conn) if p.id in changed | {k[0] for k in wanted}}
    for pid in changed:
        if pid in current:
            wanted.update((pid, rd.by) for rd in current[pid].readings)
    rows = []
    for pid, by in sorted(wanted):
        prior = None if pid in changed else _state_row(conn, pid, by)
        conn.execute(delete(reading_states).where(rs.pledge == pid, rs.reading == by))
        pledge = current.get(pid)
        if pledge is not None and by in {rd.by for rd in pledge.readings}:
            state = reading_state(
                conn, pledge, by, as_of, default_policy(), prior, touched.get((pid, by))
            )
            rows.append(state)
    insert_rows(conn, reading_states, rows)


def rebuild_states(conn: Connection, as_of: datetime | None) -> None:
    """Every reading's state again, as of ``as_of`` (the head entry's time; None: empty log)."""
    conn.execute(delete(reading_states))
    if as_of is None:
        return
    rows = [
        reading_state(conn, p, rd.by, as_of, default_policy())
        for p in confirmed_pledges(conn)
        for rd in p.readings
    ]
    insert_rows(conn, reading_states, rows)


def state_problems(conn: Connection, stored: Sequence[tuple[Any, ...]]) -> Iterator[str]:
    """Stored state rows (``STATE_COLUMNS``) that differ from the policy run again at their
    ``as_of`` over the verdicts in ``conn`` (the replayed log), and readings without a row."""
    pledges = {p.id: p for p in confirmed_pledges(conn)}
    expected = {(p.id, rd.by) for p in pledges.values() for rd in p.readings}
    seen: set[ReadingKey] = set()
    for raw in stored:
        row = dict(zip(STATE_COLUMNS, raw, strict=True))
        key = (str(row["pledge"]), str(row["reading"]))
        label = f"reading_states row {key[0]}/{key[1]}"
        seen.add(key)
        if key not in expected:
            yield f"{label} is not a reading of a confirmed pledge; run `trucewatch rebuild`"
            continue
        try:
            as_of = parse_time(str(row["as_of"]))
        except ValueError:
            yield f"{label}: as_of {row['as_of']!r} is not a time; run `trucewatch rebuild`"
            continue
        want = reading_state(conn, pledges[key[0]], key[1], as_of, default_policy())
        differ = [c for c in STATE_COLUMNS if want[c] != row[c]]
        if differ:
            yield f"{label}: {', '.join(differ)} differ from the verdicts; run `trucewatch rebuild`"
    for key in sorted(expected - seen):
        yield f"reading_states has no row for {key[0]}/{key[1]}; run `trucewatch rebuild`"


@dataclass(frozen=True)
class StateSummary:
    """A reading's stored state without its response: in-force breaches and undetermined
    verdicts counted, the stage open at ``as_of`` (None: none)."""

    as_of: datetime
    stage: int | None
    breaches: int
    undetermined: int


def state_summaries(conn: Connection) -> dict[ReadingKey, StateSummary]:
    """Every reading's stored counts and stage, without reading the responses."""
    rs = reading_states.c
    query = select(rs.pledge, rs.reading, rs.as_of, rs.stage, rs.breaches, rs.undetermined)
    return {
        (r[0], r[1]): StateSummary(parse_time(r[2]), r[3], int(r[4]), int(r[5]))
        for r in conn.execute(query)
    }


def response_now(
    conn: Connection, pledge: Pledge, by: str, now: datetime, policy: Policy
) -> dict[str, Any] | None:
    """The stored response of one reading brought to ``now``: an episode still open at the
    state's ``as_of`` is closed if quiet time alone has closed it since. None when there is no
    stored state for ``policy`` (the caller runs the policy itself).

    No verdict changed since ``as_of`` (a write that changed one stored a new state), so only
    quiet time can move the protocol: the open episode closes ``resets_after`` after its last
    breach. A policy with a later stage that begins by the clock alone is run again instead.
    """
    state = _state_row(conn, pledge.id, by)
    if state is None or (state.policy, state.version) != (policy.id, policy.version):
        return None
    response = state.response
    episodes = response["episodes"]
    if episodes and episodes[-1]["closed"] is None and now > state.as_of:
        if any(not st.requires_continued for st in policy.stages[1:]):
            fresh = reading_state(conn, pledge, by, now, policy)
            loaded: dict[str, Any] = json.loads(fresh["payload"])
            return loaded
        last = last_breach(conn, pledge.id, by, state.as_of)
        if last is not None and last + policy.resets_after <= now:
            episodes[-1]["closed"] = (last + policy.resets_after).astimezone(UTC).isoformat()
    response["as_of"] = max(now, state.as_of).astimezone(UTC).isoformat()
    return response
