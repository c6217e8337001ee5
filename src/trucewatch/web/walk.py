"""Merged strikes and their verdicts, walked page by page in SQL order, never all at once.

A walk covers a list of disjoint time windows (a pledge's reading windows, or the whole ledger)
and stops after ``limit`` items or after looking at ``budget`` strikes, whichever comes first,
returning a cursor to go on from. So a list filtered to something rare (``no_breach`` of one
reading across a million strikes) answers in bounded time with a short page and a ``next``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from trucewatch.api import Trucewatch
from trucewatch.judge.engine import Judge
from trucewatch.judge.rules import in_force_periods
from trucewatch.model import Pledge, Strike, Verdict
from trucewatch.times import Window, disjoint

__all__ = [
    "EVERYTHING",
    "LAST",
    "PAGE",
    "Key",
    "Walker",
    "clip",
    "ever_in_force",
    "windows_of",
]

Key = tuple[str, str]
PAGE = 200
LAST = "\U0010ffff"  # sorts after every pledge id and party: "this strike is done"
EVERYTHING: list[Window] = [(None, None)]


def windows_of(pledges: Sequence[Pledge], reading: str | None = None) -> list[Window]:
    """The dated reading windows of the pledges (as ``judge`` reads them), joined."""
    return disjoint(
        (rd.start, rd.end)
        for p in pledges
        for rd in p.readings
        if (reading is None or rd.by == reading) and (rd.start or rd.end)
    )


def ever_in_force(pledge: Pledge) -> bool:
    return bool(in_force_periods(pledge))


def clip(windows: Sequence[Window], start: datetime | None, end: datetime | None) -> list[Window]:
    """The windows cut to [start, end); empty pieces dropped."""
    out: list[Window] = []
    for lo, hi in windows:
        a = max(lo, start) if lo and start else (lo or start)
        b = min(hi, end) if hi and end else (hi or end)
        if a is None or b is None or a < b:
            out.append((a, b))
    return out


@dataclass
class Walker:
    """Walks merged strikes of a ledger; ``lookback`` is the longest strike (see Desk)."""

    tw: Trucewatch
    lookback: Callable[[], timedelta]

    def strikes(
        self,
        windows: Sequence[Window],
        after: Key | None = None,
        *,
        attacker: str | None = None,
        page: int = PAGE,
    ) -> Iterator[tuple[Key, Strike]]:
        """Every merged strike overlapping the windows, in walk order, after ``after``."""
        seen: set[str] = set()
        span = self.lookback()
        for lo, hi in windows:
            cur = after
            while True:
                found = self.tw.merged_page(
                    cur, page, start=lo, end=hi, attacker=attacker, lookback=span
                )
                for key, strike in found:
                    if strike.id not in seen:
                        seen.add(strike.id)
                        yield key, strike
                if len(found) < page:
                    break
                cur = found[-1][0]

    def strike_page(
        self,
        windows: Sequence[Window],
        after: Key | None,
        limit: int,
        keep: Callable[[Strike], bool],
        *,
        attacker: str | None = None,
        budget: int = 20_000,
    ) -> tuple[list[tuple[Key, Strike]], Key | None]:
        """Up to ``limit`` strikes that ``keep`` accepts, and the key to go on from (or None)."""
        out: list[tuple[Key, Strike]] = []
        page = min(PAGE, limit + 1)
        walk = self.strikes(windows, after, attacker=attacker, page=page)
        for looked, (key, strike) in enumerate(walk, start=1):
            if keep(strike):
                if len(out) == limit:
                    return out, out[-1][0]
                out.append((key, strike))
            if looked >= budget:
                return out, key
        return out, None

    def verdict_page(
        self,
        judge: Judge,
        pledges: Sequence[Pledge],
        windows: Sequence[Window],
        after: tuple[Key, tuple[str, str]] | None,
        limit: int,
        keep: Callable[[Verdict], bool],
        *,
        include_no_breach: bool,
        budget: int = 20_000,
    ) -> tuple[list[Verdict], tuple[Key, tuple[str, str]] | None]:
        """Up to ``limit`` verdicts ``keep`` accepts, ordered by strike (walk order), pledge and
        reading; with the cursor to go on from (None at the end)."""
        out: list[Verdict] = []
        looked = 0
        prev_key: Key = ("", "")

        def judged(batch: list[tuple[Key, Strike]]) -> list[tuple[Key, list[Verdict]]]:
            found = judge.judge(pledges, [s for _, s in batch], include_no_breach=include_no_breach)
            by_strike: dict[str, list[Verdict]] = {}
            for v in found:
                by_strike.setdefault(v.strike, []).append(v)
            return [
                (k, sorted(by_strike.get(s.id, []), key=lambda v: (v.pledge, v.reading)))
                for k, s in batch
            ]

        def batches() -> Iterator[list[tuple[Key, Strike]]]:
            if after is not None and after[1] != (LAST, LAST):
                resumed = self.tw.strike(after[0][1])
                yield [(after[0], resumed)]
            batch: list[tuple[Key, Strike]] = []
            for item in self.strikes(windows, after[0] if after else None):
                batch.append(item)
                if len(batch) == PAGE:
                    yield batch
                    batch = []
            if batch:
                yield batch

        for batch in batches():
            for key, verdicts in judged(batch):
                for v in verdicts:
                    if after is not None and key == after[0] and (v.pledge, v.reading) <= after[1]:
                        continue
                    if not keep(v):
                        continue
                    if len(out) == limit:
                        prev = out[-1]
                        return out, (prev_key, (prev.pledge, prev.reading))
                    out.append(v)
                    prev_key = key
                looked += 1
                if looked >= budget:
                    return out, (key, (LAST, LAST))
        return out, None
