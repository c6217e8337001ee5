"""Verdicts as a maintained projection: judged when the ledger changes, read instead of re-judged.

The table ``verdicts`` holds every verdict that is not ``no_breach`` (what-ifs included) of every
dated reading of every confirmed pledge, on the merged strikes that touch the reading's window:
what ``Trucewatch.judge(what_if=True)`` returns, row for row.

Each write brings it up to date in the same transaction:

- A pledge added or amended: its readings are judged again over their windows.
- Strikes recorded, amended or retracted (or a report they cite): the stored merge
  (``merge/stored.py``) says which memberships it rewrote. Every merged strike whose verdict may
  change (old or new) has a member among them, and overlaps that member's span. So only the
  readings whose windows meet those spans are touched, and within each only the merged strikes
  overlapping the spans are judged again; the rest of the reading keeps its rows.

A verdict depends on the pledge, the merged strike and the names of its reports' sources, and
on nothing else, which is what makes the spans sufficient.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Connection, delete, select

from trucewatch.judge.engine import Judge, StrikeIndex
from trucewatch.ledger.projections import chunks, insert_rows, report_stubs
from trucewatch.ledger.schema import pledges, verdicts
from trucewatch.merge.stored import MergeChange, member_time, merged_of, merged_strikes
from trucewatch.model import (
    KYIV,
    Credibility,
    Evidence,
    Pledge,
    Strike,
    TimePrecision,
    Verdict,
    VerdictKind,
)

Span = tuple[datetime, datetime]
ReadingKey = tuple[str, str]
_VERDICTS = TypeAdapter(list[Verdict])
_NO_EVIDENCE = Evidence()
_LOWEST = datetime.min.replace(tzinfo=UTC)
_HIGHEST = datetime.max.replace(tzinfo=UTC)


def confirmed_pledges(conn: Connection) -> list[Pledge]:
    """Every pledge that is not a draft, latest version, by id (the ones ``judge`` judges)."""
    query = select(pledges.c.payload).where(pledges.c.draft.is_(False)).order_by(pledges.c.id)
    return [Pledge.model_validate_json(r[0]) for r in conn.execute(query)]


def disjoint(spans: Iterable[tuple[datetime | None, datetime | None]]) -> list[Span]:
    """Spans (None: open) joined where they overlap or touch, in time order."""
    out: list[Span] = []
    for lo, hi in sorted(((a or _LOWEST, b or _HIGHEST) for a, b in spans), key=lambda s: s[0]):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _window(pledge: Pledge, by: str) -> Span | None:
    rd = pledge.reading(by)
    if rd.start is None and rd.end is None:
        return None  # an undated reading has no stored verdicts (see StrikeIndex.touching)
    return (rd.start or _LOWEST, rd.end or _HIGHEST)


def _bound(moment: datetime) -> datetime | None:
    return None if moment in (_LOWEST, _HIGHEST) else moment


def load_strikes(conn: Connection, spans: Sequence[Span]) -> list[Strike]:
    """The merged strikes overlapping any of ``spans``, with their sources named, by (start, id)."""
    found: dict[str, Strike] = {}
    for lo, hi in spans:
        for s in merged_strikes(conn, start=_bound(lo), end=_bound(hi)):
            found.setdefault(s.id, s)
    return with_sources(conn, list(found.values()))


def with_sources(conn: Connection, found: Sequence[Strike]) -> list[Strike]:
    """The strikes with the names of who published their reports (as ``strike_records``)."""
    stubs = report_stubs(conn, [r for s in found for r in s.reports])
    out = []
    for s in found:
        names = tuple(dict.fromkeys(stubs[r].source for r in s.reports if r in stubs))
        out.append(s.model_copy(update={"sources": names}) if names else s)
    return sorted(out, key=lambda s: (s.start, s.id))


def _rows(found: Sequence[Verdict]) -> list[dict[str, Any]]:
    dumped = _VERDICTS.dump_python(list(found), mode="json")
    texts = [json.dumps(v, separators=(",", ":"), ensure_ascii=False) for v in dumped]
    return [
        {
            "pledge": v.pledge,
            "reading": v.reading,
            "strike": v.strike,
            "start": member_time(v.strike_start),
            "end": member_time(v.strike_end),
            "verdict": v.verdict.value,
            "in_force": v.in_force,
            "breach_at": None if v.breach_at is None else member_time(v.breach_at),
            "rule": v.rule,
            "why": v.why,
            "payload": text,
        }
        for v, text in zip(found, texts, strict=True)
    ]


@dataclass
class VerdictUpdate:
    """What one write changed: the readings judged again (their protocol state follows)."""

    readings: set[ReadingKey]


def update_verdicts(
    conn: Connection,
    judge: Judge,
    *,
    merge: MergeChange | None = None,
    pledge_ids: Iterable[str] = (),
) -> VerdictUpdate:
    """Bring the stored verdicts up to date after a write.

    ``merge``: what the write did to the stored clusters; ``pledge_ids``: the pledges it added
    or amended.
    """
    changed_pledges = set(pledge_ids)
    update = VerdictUpdate(set())
    if changed_pledges:
        _drop_pledges(conn, changed_pledges, update)
        fresh = [p for p in confirmed_pledges(conn) if p.id in changed_pledges]
        _judge_whole(conn, judge, fresh, update)
    if merge is None or not merge.strikes:
        return update
    # Every strike of a cluster that changed, before or after; a verdict on a merged strike
    # (named by its anchor, a member) that changed names one of them.
    members = merge.affected(conn)
    strikes = with_sources(conn, merged_of(conn, members))
    gone = members | {s.id for s in strikes}
    vc = verdicts.c
    for chunk in chunks(sorted(gone)):
        found = select(vc.pledge, vc.reading).where(vc.strike.in_(chunk)).distinct()
        update.readings.update((r[0], r[1]) for r in conn.execute(found))
        conn.execute(delete(verdicts).where(vc.strike.in_(chunk)))
    index = StrikeIndex(strikes)
    rows: list[dict[str, Any]] = []
    for pledge in confirmed_pledges(conn):
        if pledge.id in changed_pledges:
            continue
        for rd in pledge.readings:
            near = list(index.touching(rd))
            if near:
                update.readings.add((pledge.id, rd.by))
                rows += _rows(judge.judge([pledge], near, reading=rd.by))
    insert_rows(conn, verdicts, rows)
    return update


def _drop_pledges(conn: Connection, ids: set[str], update: VerdictUpdate) -> None:
    found = conn.execute(
        select(verdicts.c.pledge, verdicts.c.reading).where(verdicts.c.pledge.in_(ids)).distinct()
    )
    update.readings.update((r[0], r[1]) for r in found)
    conn.execute(delete(verdicts).where(verdicts.c.pledge.in_(ids)))


def _judge_whole(
    conn: Connection, judge: Judge, chosen: Sequence[Pledge], update: VerdictUpdate
) -> None:
    """Judge every dated reading of ``chosen`` over its whole window."""
    windows = [w for p in chosen for rd in p.readings if (w := _window(p, rd.by)) is not None]
    strikes = load_strikes(conn, disjoint(windows)) if windows else []
    for pledge in chosen:
        update.readings.update((pledge.id, rd.by) for rd in pledge.readings)
        insert_rows(conn, verdicts, _rows(judge.judge([pledge], strikes)))


def rebuild_verdicts(conn: Connection, judge: Judge) -> set[ReadingKey]:
    """Judge every confirmed pledge again from the stored merge; returns every reading."""
    conn.execute(delete(verdicts))
    update = VerdictUpdate(set())
    _judge_whole(conn, judge, confirmed_pledges(conn), update)
    return update.readings


def stored_verdicts(
    conn: Connection,
    *,
    pledge: str | None = None,
    reading: str | None = None,
    breaches_only: bool = False,
) -> list[Verdict]:
    """Stored verdicts, in ``judge``'s order: by pledge id, reading, then strike (start, id)."""
    vc = verdicts.c
    query = select(vc.pledge, vc.reading, vc.payload)
    if pledge is not None:
        query = query.where(vc.pledge == pledge)
    if reading is not None:
        query = query.where(vc.reading == reading)
    if breaches_only:
        query = query.where(vc.verdict == "breach")
    rows = conn.execute(query).all()
    found = _VERDICTS.validate_json("[" + ",".join(r[2] for r in rows) + "]")
    return sorted(found, key=lambda v: (v.pledge, v.reading, v.strike_start, v.strike))


def protocol_verdicts(conn: Connection, pledge: str, reading: str) -> list[Verdict]:
    """The stored verdicts of one reading with only what the protocol reads (strike, times,
    verdict, in force, rule, why), built from columns: no payload parsed."""
    vc = verdicts.c
    query = select(
        vc.strike, vc.start, vc.end, vc.verdict, vc.in_force, vc.breach_at, vc.rule, vc.why
    ).where(vc.pledge == pledge, vc.reading == reading)
    out = [
        Verdict.model_construct(
            pledge=pledge,
            reading=reading,
            strike=r[0],
            strike_start=datetime.fromisoformat(r[1]),
            strike_end=datetime.fromisoformat(r[2]),
            verdict=VerdictKind(r[3]),
            in_force=bool(r[4]),
            breach_at=None if r[5] is None else datetime.fromisoformat(r[5]),
            rule=r[6],
            why=r[7],
            # Every field given: model_construct then copies no defaults (a deep copy each).
            credibility=Credibility.WEAK,
            reports=(),
            time_precision=TimePrecision.MINUTE,
            tz=KYIV,
            evidence=_NO_EVIDENCE,
        )
        for r in conn.execute(query)
    ]
    return sorted(out, key=lambda v: (v.strike_start, v.strike))
