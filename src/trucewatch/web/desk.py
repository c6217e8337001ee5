"""The service's view of one ledger: the facade plus caches keyed by the chain head.

Every read answers from the ledger as of its newest entry. Merged strikes and verdicts are
costly to compute and change only when an entry is appended, so they are computed once per
chain head (under a lock, so 50 concurrent readers trigger one computation) and shared.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from trucewatch.api import Trucewatch
from trucewatch.model import KYIV, Strike, Verdict, VerdictKind

MAX_UPLOAD = 64 * 2**20
"""Largest upload accepted (bytes); larger bodies get 413 (``--max-upload`` changes it)."""

_T = TypeVar("_T")


@dataclass(frozen=True)
class Version:
    """Where the ledger stands: newest entry's seq, hash and time (0 / genesis when empty)."""

    seq: int
    hash: str
    recorded_at: str | None

    def etag(self, *parts: str) -> str:
        """A weak ETag for a representation of this version (the URL and its query)."""
        digest = hashlib.sha256("\n".join((self.hash, *parts)).encode()).hexdigest()[:32]
        return f'W/"{digest}"'

    def age_seconds(self, now: datetime | None = None) -> float | None:
        """Seconds since the ledger last changed."""
        if self.recorded_at is None:
            return None
        then = datetime.strptime(self.recorded_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return max(0.0, ((now or datetime.now(UTC)) - then).total_seconds())


@dataclass
class Desk:
    """One ledger served: settings and the per-version caches."""

    tw: Trucewatch
    private: bool = False
    max_upload: int = MAX_UPLOAD
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _cache: dict[str, Any] = field(default_factory=dict)
    _cache_version: str = ""

    def version(self) -> Version:
        head = self.tw.head()
        if head is None:
            return Version(0, "0" * 64, None)
        return Version(head.seq, head.hash, head.recorded_at)

    def cached(self, key: str, build: Callable[[], _T], version: Version | None = None) -> _T:
        """``build()`` once per chain head; concurrent callers wait for the first."""
        v = version or self.version()
        with self._lock:
            if self._cache_version != v.hash:
                self._cache = {}
                self._cache_version = v.hash
            if key not in self._cache:
                self._cache[key] = build()
            value: _T = self._cache[key]
            return value

    def strikes(self, version: Version | None = None) -> list[Strike]:
        """Every strike, merged, oldest first."""
        return self.cached("strikes", self.tw.strike_records, version)

    def strike_index(self, version: Version | None = None) -> dict[str, Strike]:
        return self.cached("strike_index", lambda: {s.id: s for s in self.strikes()}, version)

    def verdicts(self, version: Version | None = None) -> list[Verdict]:
        """Breach and undetermined verdicts of every confirmed pledge on the merged strikes."""

        def build() -> list[Verdict]:
            pledges = self.tw.pledges(include_drafts=False)
            return self.tw.judge_engine.judge(pledges, self.strikes(version))

        return self.cached("verdicts", build, version)

    def pledge_verdicts(self, pledge_id: str, version: Version | None = None) -> list[Verdict]:
        """Every verdict of one pledge, no_breach too (judging every strike: one pledge only)."""

        def build() -> list[Verdict]:
            pledge = self.tw.pledge(pledge_id)
            return self.tw.judge_engine.judge(
                [pledge], self.strikes(version), include_no_breach=True
            )

        return self.cached(f"verdicts:{pledge_id}", build, version)

    def strike_verdicts(self, strike: Strike) -> list[Verdict]:
        """Every verdict on one strike, no_breach too, with the reason for each."""
        pledges = self.tw.pledges(include_drafts=False)
        return self.tw.judge_engine.judge(pledges, [strike], include_no_breach=True)

    def counts(self, version: Version | None = None) -> dict[tuple[str, str], dict[str, int]]:
        """(pledge, reading) -> verdict -> count (what-if rows never count as breaches)."""

        def build() -> dict[tuple[str, str], dict[str, int]]:
            out: dict[tuple[str, str], dict[str, int]] = {}
            for v in self.verdicts(version):
                row = out.setdefault((v.pledge, v.reading), {k.value: 0 for k in VerdictKind})
                row[counted_as(v)] = row.get(counted_as(v), 0) + 1
            return out

        return self.cached("counts", build, version)

    def stages(self, version: Version | None = None) -> dict[tuple[str, str], Stage]:
        """(pledge, reading) -> the protocol stage open now, for readings with one open."""

        def build() -> dict[tuple[str, str], Stage]:
            out: dict[tuple[str, str], Stage] = {}
            for rr in self.tw.responses():
                resp = rr.response
                if resp.current_stage is None:
                    continue
                last = resp.episodes[-1].transitions[-1]
                since = last.at.astimezone(ZoneInfo(KYIV)).strftime("%Y-%m-%d %H:%M")
                out[(rr.pledge.id, rr.reading.by)] = Stage(last.stage, last.name, since)
            return out

        return self.cached("stages", build, version)


@dataclass(frozen=True)
class Stage:
    """A protocol stage open now: its number, name and since when (Kyiv)."""

    stage: int
    name: str
    since: str


def counted_as(v: Verdict) -> str:
    """The verdict a count puts this row under: a what-if breach is not a breach."""
    if v.verdict is VerdictKind.BREACH and getattr(v, "mode", None) == "what_if":
        return "what_if"
    return v.verdict.value
