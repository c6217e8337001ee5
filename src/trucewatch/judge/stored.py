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

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from pydantic import TypeAdapter
from sqlalchemy import Connection, case, delete, func, or_, select, tuple_

from trucewatch.judge.engine import Judge, StrikeIndex
from trucewatch.ledger.projections import chunks, insert_rows, report_stubs
from trucewatch.ledger.schema import merge_members, pledges, verdicts
from trucewatch.merge.stored import (
    MergeChange,
    member_moment,
    member_time,
    merged_of,
    merged_strikes,
)
from trucewatch.model import Pledge, Strike, Verdict, VerdictKind
from trucewatch.times import Window
from trucewatch.times import disjoint as joined

__all__ = [
    "ReadingKey",
    "Touched",
    "VerdictCursor",
    "breach_at_time",
    "breach_count",
    "confirmed_pledges",
    "last_breach",
    "last_breach_before",
    "protocol_rows",
    "rebuild_verdicts",
    "stored_verdicts",
    "update_verdicts",
    "verdict_page",
]

Span = tuple[datetime, datetime]
ReadingKey = tuple[str, str]
_VERDICTS = TypeAdapter(list[Verdict])
_LOWEST = datetime.min.replace(tzinfo=UTC)
_HIGHEST = datetime.max.replace(tzinfo=UTC)
#: How much of a reading's window is judged at once when a pledge is added or the verdicts are
#: rebuilt (a month: about 7,500 strikes at 250 a day).
SLICE = timedelta(days=31)


def confirmed_pledges(conn: Connection) -> list[Pledge]:
    """Every pledge that is not a draft, latest version, by id (the ones ``judge`` judges)."""
    query = select(pledges.c.payload).where(pledges.c.draft.is_(False)).order_by(pledges.c.id)
    return [Pledge.model_validate_json(r[0]) for r in conn.execute(query)]


def disjoint(spans: Iterable[Window]) -> list[Span]:
    """``times.disjoint`` with its open ends made the lowest and highest moments."""
    return [(lo or _LOWEST, hi or _HIGHEST) for lo, hi in joined(spans)]


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
class Touched:
    """What one write changed in one reading's in-force verdicts: a lower bound on the protocol
    time of every verdict added or removed (``since``; ``_LOWEST``: anything may have changed)
    and the change in the number of in-force breaches (None: not known, count again)."""

    since: datetime = _HIGHEST
    breaches: int | None = 0

    @classmethod
    def everything(cls) -> Touched:
        return cls(_LOWEST, None)

    def add(self, start: str, breach_at: str | None, verdict: str, sign: int) -> None:
        """One in-force verdict row added (sign 1) or removed (-1), times as stored."""
        moment = datetime.fromisoformat(breach_at or start)  # never after its protocol time
        self.since = min(self.since, moment)
        if self.breaches is not None and verdict == VerdictKind.BREACH.value:
            self.breaches += sign


@dataclass
class VerdictUpdate:
    """What one write changed: the readings judged again (their protocol state follows), each
    with what changed in it."""

    readings: dict[ReadingKey, Touched]

    def touch(self, key: ReadingKey) -> Touched:
        return self.readings.setdefault(key, Touched())

    def everything(self, key: ReadingKey) -> None:
        self.readings[key] = Touched.everything()


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
    update = VerdictUpdate({})
    if changed_pledges:
        _drop_pledges(conn, changed_pledges, update)
        fresh = [p for p in confirmed_pledges(conn) if p.id in changed_pledges]
        _judge_whole(conn, judge, fresh, update)
    if merge is None or not merge.strikes:
        return update
    # Every strike of a cluster that changed, before or after; a verdict on a merged strike
    # (named by its anchor, a member) that changed names one of them.
    members = merge.affected(conn)
    confirmed = [p for p in confirmed_pledges(conn) if p.id not in changed_pledges]
    windows = disjoint(w for p in confirmed for rd in p.readings if (w := _window(p, rd.by)))
    # Only merged strikes that touch a reading's window can have verdicts.
    strikes = with_sources(conn, merged_of(conn, members, windows)) if windows else []
    gone = members | {s.id for s in strikes}
    vc = verdicts.c
    # What the protocol reads of each in-force row removed: a row put back the same (most of
    # a changed cluster's neighbours) changes nothing, so only real changes lower ``since``.
    removed: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    for chunk in chunks(sorted(gone)):
        found = select(
            vc.pledge,
            vc.reading,
            vc.strike,
            vc.start,
            vc.breach_at,
            vc.verdict,
            vc.in_force,
            vc.rule,
            vc.why,
        ).where(vc.strike.in_(chunk))
        for r in conn.execute(found):
            if r[0] in changed_pledges:
                continue
            update.touch((r[0], r[1]))
            if r[6]:
                removed[(r[0], r[1], r[2])] = _protocol_part(r[3], r[4], r[5], r[7], r[8])
        conn.execute(delete(verdicts).where(vc.strike.in_(chunk)))
    index = StrikeIndex(strikes)
    rows: list[dict[str, Any]] = []
    for pledge in confirmed_pledges(conn):
        if pledge.id in changed_pledges:
            continue
        for rd in pledge.readings:
            near = list(index.touching(rd))
            if near:
                touched = update.touch((pledge.id, rd.by))
                judged = _rows(judge.judge([pledge], near, reading=rd.by))
                for row in judged:
                    if not row["in_force"]:
                        continue
                    key = (row["pledge"], row["reading"], row["strike"])
                    seen = _protocol_part(
                        row["start"], row["breach_at"], row["verdict"], row["rule"], row["why"]
                    )
                    if removed.get(key) == seen:
                        del removed[key]
                    else:
                        touched.add(row["start"], row["breach_at"], row["verdict"], 1)
                rows += judged
    for (pid, by, _), (start, breach_at, verdict, _, _) in removed.items():  # gone or changed
        update.touch((pid, by)).add(start, breach_at, verdict, -1)
    insert_rows(conn, verdicts, rows)
    return update


def _protocol_part(
    start: str, breach_at: str | None, verdict: str, rule: str, why: str
) -> tuple[str, str | None, str, str, str]:
    """What the protocol reads of an in-force verdict row: times and verdict, and for an
    undetermined one its rule and why (a breach's why, with its evidence, is not read)."""
    if verdict == VerdictKind.UNDETERMINED.value:
        return (start, breach_at, verdict, rule, why)
    return (start, breach_at, verdict, "", "")


def _drop_pledges(conn: Connection, ids: set[str], update: VerdictUpdate) -> None:
    found = conn.execute(
        select(verdicts.c.pledge, verdicts.c.reading).where(verdicts.c.pledge.in_(ids)).distinct()
    )
    for r in found:
        update.everything((r[0], r[1]))
    conn.execute(delete(verdicts).where(verdicts.c.pledge.in_(ids)))


def _judge_whole(
    conn: Connection, judge: Judge, chosen: Sequence[Pledge], update: VerdictUpdate
) -> None:
    """Judge every dated reading of ``chosen`` over its whole window, a ``SLICE`` of time at a
    time: an open-ended reading on a ledger of millions holds one slice's strikes in memory,
    not the hundreds of thousands since its start. Each merged strike is judged once, in the
    first slice it overlaps."""
    for pledge in chosen:
        for rd in pledge.readings:
            update.everything((pledge.id, rd.by))
    windows = [w for p in chosen for rd in p.readings if (w := _window(p, rd.by)) is not None]
    seen: set[str] = set()
    for span in _slices(conn, disjoint(windows)):
        strikes = [s for s in load_strikes(conn, [span]) if s.id not in seen]
        seen.update(s.id for s in strikes)
        for pledge in chosen:
            insert_rows(conn, verdicts, _rows(judge.judge([pledge], strikes)))


def _slices(conn: Connection, spans: Sequence[Span]) -> Iterator[Span]:
    """``spans`` cut at every ``SLICE`` from where the ledger's strikes begin (an open end
    reaches past the oldest or newest member, so the slices cover the whole span)."""
    mm = merge_members.c
    oldest, newest = conn.execute(select(func.min(mm.start), func.max(mm.end))).one()
    if oldest is None:
        return
    first, last = member_moment(oldest), member_moment(newest)
    for lo, hi in spans:
        at, end = max(lo, first), min(hi, last)
        cuts = []
        while end - at > SLICE:
            at += SLICE
            cuts.append(at)
        bounds = [lo, *cuts, hi]
        yield from itertools.pairwise(bounds)


def rebuild_verdicts(conn: Connection, judge: Judge) -> set[ReadingKey]:
    """Judge every confirmed pledge again from the stored merge; returns every reading."""
    conn.execute(delete(verdicts))
    update = VerdictUpdate({})
    _judge_whole(conn, judge, confirmed_pledges(conn), update)
    return set(update.readings)


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


class ProtocolRow(NamedTuple):
    """A stored verdict with only what the protocol reads (``respond.engine.Judged``)."""

    pledge: str
    reading: str
    strike: str
    strike_start: datetime
    verdict: VerdictKind
    in_force: bool
    breach_at: datetime | None
    rule: str
    why: str


_KINDS = {k.value: k for k in VerdictKind}


def protocol_rows(
    conn: Connection,
    pledge: str,
    reading: str,
    *,
    after: datetime | None = None,
    window_start: datetime | None = None,
) -> list[ProtocolRow]:
    """The in-force stored verdicts of one reading, read as columns (no payload parsed).

    ``after``: only those whose protocol time (``breach_at``, else the strike's start clipped
    to ``window_start``) may be at or after it; the caller filters exactly. Since that time is
    never before the strike's start, a verdict whose strike ended before ``after`` and whose
    ``breach_at`` is before it is left out, unless the window starts at or after ``after``.
    ``why`` and ``rule`` are read for undetermined verdicts only (the protocol lists them).
    """
    vc = verdicts.c
    undetermined = vc.verdict == VerdictKind.UNDETERMINED.value
    query = select(
        vc.strike,
        vc.start,
        vc.verdict,
        vc.breach_at,
        case((undetermined, vc.rule), else_=""),
        case((undetermined, vc.why), else_=""),
    ).where(vc.pledge == pledge, vc.reading == reading, vc.in_force.is_(True))
    if after is not None and (window_start is None or window_start < after):
        bound = member_time(after)
        query = query.where(or_(vc.end >= bound, vc.breach_at >= bound))
    parse = datetime.fromisoformat
    return [
        ProtocolRow(
            pledge,
            reading,
            r[0],
            parse(r[1]),
            _KINDS[r[2]],
            True,
            None if r[3] is None else parse(r[3]),
            r[4] or "",
            r[5] or "",
        )
        for r in conn.execute(query)
    ]


def breach_count(conn: Connection, pledge: str, reading: str) -> int:
    """In-force breaches stored for one reading."""
    vc = verdicts.c
    query = select(func.count()).where(
        vc.pledge == pledge,
        vc.reading == reading,
        vc.in_force.is_(True),
        vc.verdict == VerdictKind.BREACH.value,
    )
    return int(conn.execute(query).scalar_one())


def last_breach(conn: Connection, pledge: str, reading: str, until: datetime) -> datetime | None:
    """The latest ``breach_at`` of an in-force breach of one reading at or before ``until``."""
    vc = verdicts.c
    query = select(func.max(vc.breach_at)).where(
        vc.pledge == pledge,
        vc.reading == reading,
        vc.in_force.is_(True),
        vc.verdict == VerdictKind.BREACH.value,
        vc.breach_at <= member_time(until),
    )
    found = conn.execute(query).scalar_one()
    return None if found is None else datetime.fromisoformat(found)


def _in_force_breaches(pledge: str, reading: str) -> Any:
    vc = verdicts.c
    return select(vc.breach_at, vc.strike, vc.start).where(
        vc.pledge == pledge,
        vc.reading == reading,
        vc.in_force.is_(True),
        vc.verdict == VerdictKind.BREACH.value,
    )


def _breach(row: Any) -> tuple[datetime, str, datetime] | None:
    if row is None:
        return None
    parse = datetime.fromisoformat
    return (parse(row[0]), row[1], parse(row[2]))


def breach_at_time(
    conn: Connection, pledge: str, reading: str, moment: datetime
) -> tuple[datetime, str, datetime] | None:
    """(breach time, strike, strike start) of the in-force breach of one reading at exactly
    ``moment``, the first by strike id if several (the protocol's order)."""
    vc = verdicts.c
    query = _in_force_breaches(pledge, reading).where(vc.breach_at == member_time(moment))
    return _breach(conn.execute(query.order_by(vc.strike).limit(1)).first())


def last_breach_before(
    conn: Connection, pledge: str, reading: str, moment: datetime
) -> tuple[datetime, str, datetime] | None:
    """(breach time, strike, strike start) of the last in-force breach of one reading before
    ``moment``, in the protocol's order (time, then strike id)."""
    vc = verdicts.c
    query = _in_force_breaches(pledge, reading).where(vc.breach_at < member_time(moment))
    query = query.order_by(vc.breach_at.desc(), vc.strike.desc()).limit(1)
    return _breach(conn.execute(query).first())


VerdictCursor = tuple[str, str, str, str]
"""Where a verdict page ends: the last verdict's (strike start as stored, strike, pledge,
reading)."""


def verdict_page(
    conn: Connection,
    *,
    pledge: str | None = None,
    reading: str | None = None,
    kinds: Iterable[VerdictKind] = (VerdictKind.BREACH, VerdictKind.UNDETERMINED),
    start: datetime | None = None,
    end: datetime | None = None,
    lookback: timedelta | None = None,
    in_force: bool | None = None,
    after: VerdictCursor | None = None,
    limit: int = 100,
) -> tuple[list[Verdict], VerdictCursor | None]:
    """One page of stored verdicts (what-ifs included, as ``judge`` gives them), by strike start,
    strike, pledge and reading, and the cursor of the next page (None: the last page).

    ``start``/``end``: only strikes overlapping [start, end); ``lookback`` (the longest strike)
    lets the scan begin at ``start - lookback`` instead of the first verdict; ``in_force``:
    only verdicts on a pledge in force (True) or only what-ifs (False). Each page is one
    index range scan (``ix_verdicts_walk``, or ``ix_verdicts_pledge_walk`` for one pledge).
    """
    vc = verdicts.c
    query = select(vc.start, vc.strike, vc.pledge, vc.reading, vc.payload).where(
        vc.verdict.in_([k.value for k in kinds])
    )
    if pledge is not None:
        query = query.where(vc.pledge == pledge)
    if reading is not None:
        query = query.where(vc.reading == reading)
    if in_force is not None:
        query = query.where(vc.in_force.is_(in_force))
    if end is not None:
        query = query.where(vc.start < member_time(end))
    if start is not None:
        query = query.where(vc.end > member_time(start))
        if lookback is not None:
            query = query.where(vc.start >= member_time(start - lookback))
    if after is not None:
        if pledge is not None:  # the pledge is fixed: the rest of the key follows its index
            key = tuple_(vc.start, vc.strike, vc.reading) > tuple_(after[0], after[1], after[3])
        else:
            key = tuple_(vc.start, vc.strike, vc.pledge, vc.reading) > tuple_(*after)
        query = query.where(key)
    query = query.order_by(vc.start, vc.strike, vc.pledge, vc.reading).limit(limit + 1)
    rows = conn.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    found = _VERDICTS.validate_json("[" + ",".join(r[4] for r in rows) + "]") if rows else []
    cursor = (rows[-1][0], rows[-1][1], rows[-1][2], rows[-1][3]) if more and rows else None
    return found, cursor
