"""The service's view of one ledger: the facade plus caches keyed by the chain head.

Every read answers from the ledger as of its newest entry. Nothing ledger-sized is held: lists
are walked in SQL pages (``walk.py``), and the in-force verdicts behind counts and protocol
stages are a running tally (``index.py``) that new entries update for the stretch of time
they touch. Small per-head results (the newest reports, the chart) are cached per chain head.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from trucewatch.api import Trucewatch
from trucewatch.ledger.verify import VerifyResult
from trucewatch.model import Pledge, Strike, Verdict, VerdictKind
from trucewatch.respond.engine import Response as ProtocolResponse
from trucewatch.respond.policy import Policy
from trucewatch.respond.service import get_policy
from trucewatch.times import KYIV_ZONE, kyiv_midnight
from trucewatch.web.index import VerdictIndex
from trucewatch.web.walk import Walker

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
    """One ledger served: settings, the per-version caches and the running verdict tally."""

    tw: Trucewatch
    private: bool = False
    max_upload: int = MAX_UPLOAD
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _cache: dict[str, Any] = field(default_factory=dict)
    _cache_version: str = ""
    _index: VerdictIndex | None = None
    _responses: dict[tuple[str, str], tuple[int, float, ProtocolResponse]] = field(
        default_factory=dict
    )
    _charts: dict[date, tuple[int, str]] = field(default_factory=dict)
    _verify: tuple[int, VerifyResult] | None = None
    _policy: Policy | None = None
    _memo: OrderedDict[str, tuple[str, Any]] = field(default_factory=OrderedDict)
    _memo_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _verifying: bool = False

    @property
    def policy(self) -> Policy:
        """The default response policy, read once."""
        with self._lock:
            if self._policy is None:
                self._policy = get_policy(None)
            return self._policy

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

    def memo(self, key: str, version: Version, build: Callable[[], _T]) -> _T:
        """``build()`` once per chain head and key (a rendered page, an API body), shared by
        concurrent readers: the first builds, the others wait for it. At most MEMO entries."""
        with self._lock:
            hit = self._memo.get(key)
            if hit is not None and hit[0] == version.hash:
                self._memo.move_to_end(key)
                value: _T = hit[1]
                return value
            gate = self._memo_locks.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                hit = self._memo.get(key)
                if hit is not None and hit[0] == version.hash:
                    done: _T = hit[1]
                    return done
            built = build()
            with self._lock:
                self._memo[key] = (version.hash, built)
                self._memo.move_to_end(key)
                while len(self._memo) > MEMO:
                    old, _ = self._memo.popitem(last=False)
                    self._memo_locks.pop(old, None)
            return built

    # -- the verdict tally and walks -----------------------------------------------------

    @property
    def index(self) -> VerdictIndex:
        with self._lock:
            if self._index is None:
                self._index = VerdictIndex(self.tw, self.walker)
            return self._index

    @property
    def walker(self) -> Walker:
        return Walker(self.tw, self.lookback)

    def lookback(self) -> timedelta:
        """The longest strike, as of the tally (computed once when the tally is not built)."""
        index = self.index
        if index.seq < 0 and index.longest == timedelta(0):
            index.longest = self.tw.longest_strike()
        return index.longest

    def sync(self, version: Version | None = None) -> VerdictIndex:
        """The tally brought up to the chain head (only new entries' stretch is re-judged)."""
        index = self.index
        index.refresh((version or self.version()).seq)
        return index

    def counts(self, version: Version | None = None) -> dict[tuple[str, str], dict[str, int]]:
        """(pledge, reading) -> verdict -> count of in-force verdicts (what-ifs never count)."""
        return self.sync(version).count_table()

    def response(
        self, pledge: Pledge, reading: str, version: Version | None = None
    ) -> ProtocolResponse:
        """The protocol over one reading, recomputed only when its verdicts changed (or after
        five minutes, since quiet time alone can close a stage)."""
        index = self.sync(version)
        pair = (pledge.id, reading)
        with self._lock:
            held = self._responses.get(pair)
        if held is not None and time.monotonic() - held[1] < RESPONSE_TTL:
            changed = index.changed_since(held[0])
            if changed is not None and pair not in changed[1]:
                return held[2]
        seq = index.seq
        verdicts = index.verdicts_of(pledge.id, reading)
        found = self.tw.respond_to(pledge, reading, verdicts, policy=self.policy)
        with self._lock:
            self._responses[pair] = (seq, time.monotonic(), found)
        return found

    def stages(self, version: Version | None = None) -> dict[tuple[str, str], Stage]:
        """(pledge, reading) -> the protocol stage open now, for readings with one open."""
        out: dict[tuple[str, str], Stage] = {}
        for p in self.tw.pledges(include_drafts=False):
            for rd in p.readings:
                resp = self.response(p, rd.by, version)
                if resp.current_stage is None or not resp.episodes:
                    continue
                last = resp.episodes[-1].transitions[-1]
                since = last.at.astimezone(KYIV_ZONE).strftime("%Y-%m-%d %H:%M")
                out[(p.id, rd.by)] = Stage(last.stage, last.name, since)
        return out

    def chart(self, focus: date, version: Version | None = None) -> str:
        """The brief's 30-night chart ending on ``focus``, redrawn only when entries touched
        those nights (or a pledge changed)."""
        index = self.sync(version)
        with self._lock:
            held = self._charts.get(focus)
        if held is not None:
            changed = index.changed_since(held[0])
            lo = kyiv_midnight(focus - timedelta(days=31))
            hi = kyiv_midnight(focus + timedelta(days=2))
            if changed is not None and not any(
                (a is None or a < hi) and (b is None or b > lo) for a, b in changed[0]
            ):
                return held[1]
        seq = index.seq
        svg = self.tw.nightly_chart(focus)
        with self._lock:
            self._charts[focus] = (seq, svg)
            while len(self._charts) > 32:
                self._charts.pop(next(iter(self._charts)))
        return svg

    def strike_verdicts(self, strike: Strike) -> list[Verdict]:
        """Every verdict on one strike, no_breach too, with the reason for each."""
        pledges = self.tw.pledges(include_drafts=False)
        return self.tw.judge_engine.judge(pledges, [strike], include_no_breach=True)

    # -- verify, off the request path ----------------------------------------------------

    def verify_status(self, version: Version | None = None) -> tuple[int, VerifyResult] | None:
        """The newest finished ``verify`` (and the seq it checked); starts a new run in the
        background when the ledger has moved on. None until the first run finishes."""
        seq = (version or self.version()).seq
        with self._lock:
            done = self._verify
            if (done is None or done[0] != seq) and seq <= VERIFY_INLINE:
                self._verify = done = (seq, self.tw.verify())
            if (done is None or done[0] != seq) and not self._verifying:
                self._verifying = True
                threading.Thread(target=self._run_verify, daemon=True).start()
        return done

    def _run_verify(self) -> None:
        try:
            head = self.tw.head()
            result = self.tw.verify()
            with self._lock:
                self._verify = (head.seq if head else 0, result)
        finally:
            with self._lock:
                self._verifying = False


RESPONSE_TTL = 300.0
MEMO = 500
VERIFY_INLINE = 20_000
"""Ledgers up to this many entries are verified on the request; larger ones in the background."""


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
