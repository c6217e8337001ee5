"""A dataset's new strikes placed in the stored clusters without the replay when they can meet
nothing.

Rows of one dataset never merge with each other (``merge.v1``). A new strike S whose reports
are all of one dataset format F can only join an open cluster without a member of F: one with
a member of another format that started before S and ends after S starts, so overlaps it.
And a strike of another format can join S's cluster only if it starts while S lasts, so
overlaps it too. When no stored strike of S's attacker that cites no report of F overlaps S,
S is a cluster of its own and no other cluster changes: what the replay
(``stored.update_clusters``) concludes, without reading and replaying the open clusters.

That holds when the write changes nothing else: every strike whose merge may change is a new
strike of the same dataset format. Otherwise, and for the strikes that do overlap another
source's, the replay decides (``tests/test_ingest_batch.py`` checks both against ``merge.v1``).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, exists, select

from trucewatch.ledger.projections import (
    REPORT_RECEIVED,
    STRIKE_RECORDED,
    chunks,
    insert_rows,
)
from trucewatch.ledger.schema import merge_members, reports, strike_reports
from trucewatch.merge.cluster import NEWS_FORMATS
from trucewatch.merge.stored import MergeChange, keep_longest, longest_member, member_time

__all__ = ["place_alone"]


@functools.lru_cache(maxsize=1 << 16)
def _member_time(text: str) -> str:
    """A payload's ISO time as ``merge_members`` stores it."""
    return member_time(datetime.fromisoformat(text))


def place_alone(
    conn: Connection, rows: Sequence[dict[str, Any]], dirty: set[str]
) -> tuple[MergeChange, set[str]]:
    """Write the clusters of the new dataset strikes in ``rows`` (entries just appended and
    projected) that can meet nothing (see the module's note); returns what changed and the
    strikes of ``dirty`` left for the replay."""
    change = MergeChange()
    new = {r["key"]: r["obj"]["data"] for r in rows if r["kind"] == STRIKE_RECORDED}
    if not new or set(new) != dirty:
        return change, dirty
    formats = _formats(conn, rows, new.values())
    hard: set[str] = set()
    for data in new.values():
        found = {formats.get(r) for r in data["reports"]}
        own = {f for f in found if f is not None} - NEWS_FORMATS
        if None in found or not own:
            return change, dirty
        hard |= own
    if len(hard) != 1:
        return change, dirty
    (fmt,) = hard
    by_attacker: dict[str | None, list[tuple[str, str, str]]] = {}
    for key, data in new.items():
        span = (key, _member_time(data["start"]), _member_time(data["end"]))
        by_attacker.setdefault(data["attacker"], []).append(span)
    longest = longest_member(conn)
    placed: list[dict[str, Any]] = []
    left: set[str] = set()
    for attacker, spans in by_attacker.items():
        foreign = [] if attacker is None else _foreign(conn, attacker, fmt, spans, longest)
        starts = [s for s, _ in foreign]
        reach = _running_max([e for _, e in foreign])
        for key, start, end in spans:
            i = bisect.bisect_right(starts, end)
            if i and reach[i - 1] >= start:
                left.add(key)
                continue
            placed.append(
                {
                    "strike_id": key,
                    "cluster_id": key,
                    "attacker": attacker,
                    "start": start,
                    "end": end,
                    "reason": None,
                }
            )
    insert_rows(conn, merge_members, placed)
    keep_longest(conn, placed)
    change.strikes.update(r["strike_id"] for r in placed)
    change.new_clusters.update(r["strike_id"] for r in placed)
    return change, left


def _formats(
    conn: Connection, rows: Sequence[dict[str, Any]], strikes: Iterable[dict[str, Any]]
) -> dict[str, str | None]:
    """The format of every report the strikes cite: from the entries, else the reports table."""
    out: dict[str, str | None] = {
        r["key"]: r["obj"]["data"]["format"] for r in rows if r["kind"] == REPORT_RECEIVED
    }
    missing = sorted({r for data in strikes for r in data["reports"]} - set(out))
    for chunk in chunks(missing):
        found = select(reports.c.id, reports.c.format).where(reports.c.id.in_(chunk))
        out.update((r[0], r[1]) for r in conn.execute(found))
    return out


def _foreign(
    conn: Connection,
    attacker: str,
    fmt: str,
    spans: list[tuple[str, str, str]],
    longest: timedelta,
) -> list[tuple[str, str]]:
    """(start, end) of the stored strikes of ``attacker`` citing no report of ``fmt`` that
    may overlap ``spans`` (a superset: the whole stretch they cover), sorted by start."""
    mm = merge_members.c
    lo = min(s for _, s, _ in spans)
    hi = max(e for _, _, e in spans)
    floor = member_time(datetime.fromisoformat(lo.replace("Z", "+00:00")) - longest)
    of_format = exists().where(
        and_(
            strike_reports.c.strike_id == mm.strike_id,
            reports.c.id == strike_reports.c.report_id,
            reports.c.format == fmt,
        )
    )
    query = select(mm.start, mm.end).where(
        mm.attacker == attacker,
        mm.start >= floor,
        mm.start <= hi,
        mm.end >= lo,
        ~of_format,
    )
    return sorted((str(r[0]), str(r[1])) for r in conn.execute(query))


def _running_max(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.append(max(out[-1], value) if out else value)
    return out
