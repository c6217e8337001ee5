"""The service's view of one ledger: the facade plus caches keyed by the chain head.

Every read answers from the ledger as of its newest entry. Nothing ledger-sized is held: lists
are paged in SQL (stored verdicts: ``judge/stored.py``; merged strikes: ``walk.py``), and the
counts and protocol stages are the stored state each ledger write keeps up to date
(``respond/stored.py``), read, never recomputed here. Small per-head results (the newest
reports, the chart) are cached per chain head; the chart is redrawn only when new entries touch
its nights.
"""

from __future__ import annotations

import hashlib
import threading
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
from trucewatch.respond.stored import StateSummary, default_policy
from trucewatch.times import KYIV_ZONE, Window, disjoint, kyiv_midnight
from trucewatch.web.walk import Walker

STRIKE_KINDS = ("strike.recorded", "strike.amended", "strike.retracted")
PLEDGE_KINDS = ("pledge.added", "pledge.amended")
MAX_STEP = 50_000
"""More new entries than this at once (a big ingest) count as a change to everything."""

__all__ = [
    "MAX_UPLOAD",
    "MEMO",
    "VERIFY_INLINE",
    "Desk",
    "Stage",
    "Version",
    "counted_as",
]

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
    #: whether callers may have the server fetch pages on internal addresses (/ingest/url)
    internal_urls: bool = False
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _cache: dict[str, Any] = field(default_factory=dict)
    _cache_version: str = ""
    _seq: int = -1
    _longest: timedelta | None = None
    _changes: list[tuple[int, Window | None]] = field(default_factory=list)
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

    # -- what changed, the stored state, and walks --------------------------------------

    @property
    def walker(self) -> Walker:
        return Walker(self.tw, self.lookback)

    def lookback(self) -> timedelta:
        """The longest strike, kept up to date from new entries (a merge joins only strikes
        whose times overlap, so a merged strike starts at most this long before a member)."""
        self.track()
        with self._lock:
            assert self._longest is not None
            return self._longest

    def track(self, version: Version | None = None) -> None:
        """Read the entries written since the last call: the longest strike, and the spans of
        time they changed (for ``changed_since``)."""
        seq = (version or self.version()).seq
        with self._lock:
            if self._longest is None:
                self._longest = self.tw.longest_strike()
                self._seq = seq
                self._changes.append((seq, None))  # what came before is not known
                return
            if seq <= self._seq:
                return
            new = self.tw.entries_after(self._seq, MAX_STEP + 1)
            span: Window | None = None
            if len(new) <= MAX_STEP and not any(kind in PLEDGE_KINDS for _, kind, _ in new):
                spans = self.tw.strike_spans([key for _, kind, key in new if kind in STRIKE_KINDS])
                self._longest = max(
                    [self._longest, *(b - a for a, b in spans.values())], default=self._longest
                )
                if not spans:
                    self._seq = max(seq, new[-1][0] if new else seq)
                    return
                lo = min(a for a, _ in spans.values()) - self._longest
                hi = max(b for _, b in spans.values()) + self._longest
                span = (lo, hi)
            self._seq = max(seq, new[-1][0] if new else seq)
            self._changes.append((self._seq, span))
            del self._changes[:-1000]

    def changed_since(self, seq: int) -> list[Window] | None:
        """The spans of time changed by entries after ``seq``; None when that is not known (a
        pledge changed, a big ingest, or too long ago)."""
        self.track()
        with self._lock:
            if seq >= self._seq:
                return []
            if not self._changes or self._changes[0][0] > seq:
                return None
            spans: list[Window] = []
            for at, span in self._changes:
                if at <= seq:
                    continue
                if span is None:
                    return None
                spans.append(span)
            return disjoint(spans)

    def summaries(self, version: Version | None = None) -> dict[tuple[str, str], StateSummary]:
        """(pledge, reading) -> the stored counts and stage (one query per chain head)."""
        return self.cached("summaries", self.tw.state_summaries, version)

    def counts(self, version: Version | None = None) -> dict[tuple[str, str], dict[str, int]]:
        """(pledge, reading) -> verdict -> count of in-force verdicts (what-ifs never count),
        from the stored state."""
        return {
            pair: {
                VerdictKind.BREACH.value: s.breaches,
                VerdictKind.NO_BREACH.value: 0,
                VerdictKind.UNDETERMINED.value: s.undetermined,
            }
            for pair, s in self.summaries(version).items()
        }

    def response(
        self, pledge: Pledge, reading: str, version: Version | None = None
    ) -> ProtocolResponse:
        """The protocol over one reading now: the stored state (closed by quiet time since
        the last write, if it has), read once per chain head."""

        def build() -> ProtocolResponse:
            stored = None
            if (self.policy.id, self.policy.version) == (
                default_policy().id,
                default_policy().version,
            ):
                stored = self.tw.stored_response(pledge, reading)
            if stored is not None:
                return stored
            found = self.tw.stored_verdicts(pledge=pledge.id, reading=reading)
            return self.tw.respond_to(pledge, reading, found, policy=self.policy)

        return self.cached(f"response:{pledge.id}\n{reading}", build, version)

    def stages(self, version: Version | None = None) -> dict[tuple[str, str], Stage]:
        """(pledge, reading) -> the protocol stage open now, for readings with one open."""
        out: dict[tuple[str, str], Stage] = {}
        summaries = self.summaries(version)
        for p in self.tw.pledges(include_drafts=False):
            for rd in p.readings:
                held = summaries.get((p.id, rd.by))
                if held is None or held.stage is None:
                    continue  # no episode was open at the last write: none opens by the clock
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
        self.track(version)
        with self._lock:
            held = self._charts.get(focus)
            seq = self._seq
        if held is not None:
            changed = self.changed_since(held[0])
            lo = kyiv_midnight(focus - timedelta(days=31))
            hi = kyiv_midnight(focus + timedelta(days=2))
            if changed is not None and not any(
                (a is None or a < hi) and (b is None or b > lo) for a, b in changed
            ):
                return held[1]
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
