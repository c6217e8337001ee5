"""The service's running tally of in-force verdicts, updated as ledger entries arrive.

Built once by walking the merged strikes in the dated windows of every pledge that is ever in
force (what-ifs are never counted, so the others need no judging), it keeps each merged
strike's breach and undetermined verdicts. When entries are appended only the stretch of time
they touch is judged again: the merged strikes overlapping the changed strikes' span (widened
by the longest strike, since a merge joins only strikes whose times overlap) are dropped and
re-read. A new or amended pledge rebuilds the tally. Counts per reading and each reading's
protocol response come from it, so a new report costs its own stretch, not the ledger.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trucewatch.api import Trucewatch
from trucewatch.model import Pledge, Strike, Verdict, VerdictKind
from trucewatch.web.walk import Walker, Window, clip, disjoint, ever_in_force, windows_of

STRIKE_KINDS = ("strike.recorded", "strike.amended", "strike.retracted")
PLEDGE_KINDS = ("pledge.added", "pledge.amended")
MAX_STEP = 50_000
"""More new entries than this at once (a big ingest) rebuild the tally instead."""

Pair = tuple[str, str]


@dataclass
class _Held:
    start: datetime
    end: datetime
    verdicts: tuple[Verdict, ...]


@dataclass
class Change:
    """What one update touched: its span (None: everything) and the readings whose verdicts
    changed."""

    seq: int
    span: Window | None
    readings: set[Pair]


@dataclass
class VerdictIndex:
    """In-force breach and undetermined verdicts of every confirmed pledge, kept current."""

    tw: Trucewatch
    walker: Walker
    seq: int = -1
    pledges: list[Pledge] = field(default_factory=list)
    held: dict[str, _Held] = field(default_factory=dict)
    counts: dict[Pair, Counter[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    longest: timedelta = timedelta(0)
    rebuilds: int = 0
    steps: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, seq: int) -> None:
        """Bring the tally to log position ``seq`` (the chain head's)."""
        with self._lock:
            if seq == self.seq:
                return
            new = self.tw.entries_after(self.seq, MAX_STEP + 1) if self.seq >= 0 else []
            if (
                self.seq < 0
                or len(new) > MAX_STEP
                or any(kind in PLEDGE_KINDS for _, kind, _ in new)
            ):
                self._rebuild(seq)
                return
            changed = [key for _, kind, key in new if kind in STRIKE_KINDS]
            if changed:
                self._step(changed, seq)
            self.seq = max(seq, new[-1][0] if new else seq)

    # -- building ------------------------------------------------------------------------

    def _counted(self) -> list[Pledge]:
        return [p for p in self.pledges if ever_in_force(p)]

    def _windows(self) -> list[Window]:
        return windows_of(self._counted())

    def _judge(self, windows: list[Window]) -> dict[str, _Held]:
        pledges = self._counted()
        out: dict[str, _Held] = {}
        if not pledges or not windows:
            return out
        batch: list[Strike] = []
        for _, strike in self.walker.strikes(windows):
            batch.append(strike)
            if len(batch) == 500:
                out.update(self._judged(pledges, batch))
                batch = []
        if batch:
            out.update(self._judged(pledges, batch))
        return out

    def _judged(self, pledges: list[Pledge], batch: list[Strike]) -> dict[str, _Held]:
        found = self.tw.judge_engine.judge(pledges, batch, what_if=False)
        grouped: dict[str, list[Verdict]] = {}
        for v in found:
            grouped.setdefault(v.strike, []).append(v)
        return {s.id: _Held(s.start, s.end, tuple(grouped[s.id])) for s in batch if s.id in grouped}

    def _rebuild(self, seq: int) -> None:
        head = self.tw.head()
        self.pledges = self.tw.pledges(include_drafts=False)
        self.longest = self.tw.longest_strike()
        self.held = self._judge(self._windows())
        self.counts = {}
        for h in self.held.values():
            self._count(h, 1)
        self.seq = head.seq if head else 0
        self.rebuilds += 1
        self.changes.append(Change(self.seq, None, set()))
        del self.changes[:-1000]

    def _step(self, changed: list[str], seq: int) -> None:
        spans = self.tw.strike_spans(changed)
        if not spans:
            return
        self.longest = max(
            [self.longest, *(b - a for a, b in spans.values())], default=self.longest
        )
        lo = min(a for a, _ in spans.values()) - self.longest
        hi = max(b for _, b in spans.values()) + self.longest
        gone = [sid for sid, h in self.held.items() if h.end > lo and h.start < hi]
        before: Counter[tuple[str, str, str, str]] = Counter()
        for sid in gone:
            held = self.held.pop(sid)
            self._count(held, -1)
            before.update(_sig(v) for v in held.verdicts)
        fresh = self._judge(clip(self._windows(), lo, hi))
        after: Counter[tuple[str, str, str, str]] = Counter()
        for sid, held in fresh.items():
            if sid in self.held:  # a merged strike reaching outside the span: counted once
                self._count(self.held[sid], -1)
            self.held[sid] = held
            self._count(held, 1)
            after.update(_sig(v) for v in held.verdicts)
        touched = {(k[0], k[1]) for k in (before - after) + (after - before)}
        self.steps += 1
        self.changes.append(Change(seq, (lo, hi), touched))
        del self.changes[:-1000]

    def _count(self, held: _Held, sign: int) -> None:
        for v in held.verdicts:
            row = self.counts.setdefault((v.pledge, v.reading), Counter())
            row[v.verdict.value] += sign

    # -- reading -------------------------------------------------------------------------

    def count_table(self) -> dict[Pair, dict[str, int]]:
        """(pledge, reading) -> verdict -> count of in-force verdicts."""
        with self._lock:
            return {
                pair: {k.value: row.get(k.value, 0) for k in VerdictKind}
                for pair, row in self.counts.items()
            }

    def verdicts_of(self, pledge: str, reading: str) -> list[Verdict]:
        """The in-force breach and undetermined verdicts of one reading, by strike time."""
        with self._lock:
            found = [
                v
                for h in self.held.values()
                for v in h.verdicts
                if v.pledge == pledge and v.reading == reading
            ]
        return sorted(found, key=lambda v: (v.strike_start, v.strike))

    def changed_since(self, seq: int) -> tuple[list[Window], set[Pair]] | None:
        """Spans and readings changed after ``seq``; None when that is no longer known (or a
        rebuild happened since)."""
        with self._lock:
            if seq >= self.seq:
                return [], set()
            if not self.changes or self.changes[0].seq > seq:
                return None
            spans: list[Window] = []
            readings: set[Pair] = set()
            for change in self.changes:
                if change.seq <= seq:
                    continue
                if change.span is None:
                    return None
                spans.append(change.span)
                readings |= change.readings
            return disjoint(spans), readings


def _sig(v: Verdict) -> tuple[str, str, str, str]:
    return (v.pledge, v.reading, v.strike, v.verdict.value)
