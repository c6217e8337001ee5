"""The Python API every command and the web layer sit on: ``trucewatch.open(db)``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import polars as pl

from trucewatch.errors import InputError, NotFoundError, RowError
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.news import NewsItem
from trucewatch.judge.engine import Judge
from trucewatch.ledger.chain import StoredEntry
from trucewatch.ledger.store import Ledger, RecordSummary, VerifyResult
from trucewatch.ledger.tokens import Role, Token, TokenStore
from trucewatch.model import Pledge, Report, SourceKind, Strike, Verdict

if TYPE_CHECKING:
    from trucewatch.respond.engine import Response
    from trucewatch.respond.service import ReplayResult

DEFAULT_DB = "trucewatch.db"
ENV_DB = "TRUCEWATCH_DB"


def default_db() -> str:
    """The ledger to use when none is named: ``$TRUCEWATCH_DB`` or ``./trucewatch.db``."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


@dataclass
class NewsResult:
    """What a news ingest added, with the ids of the pledges it drafted."""

    source: str
    summary: RecordSummary
    drafts: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass
class IngestResult:
    """What one ingest added, and the bad rows it reported and skipped."""

    source: str
    summary: RecordSummary
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


class Trucewatch:
    """A ledger with the operations users ask of it."""

    def __init__(self, db: str | None = None) -> None:
        self.db = db or default_db()
        self.ledger = Ledger(self.db)
        self._judge: Judge | None = None
        self._tokens: TokenStore | None = None

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Trucewatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingesting -----------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Parsed | RowError],
        *,
        source: str,
        note: str | None = None,
        on_item: Callable[[], None] | None = None,
        batch: int = 5000,
        author: str | None = None,
    ) -> IngestResult:
        """Record what a reader yields, ``batch`` items per transaction (constant memory).

        Bad rows are collected and skipped; the good ones are kept. A strike that the same
        input reports again in a later batch is amended, never duplicated.
        """
        result = IngestResult(source, RecordSummary())
        reports: list[Report] = []
        strikes: list[Strike] = []
        for item in items:
            result.rows += 1
            if isinstance(item, RowError):
                result.errors.append(item)
            else:
                reports.append(item.report)
                strikes.extend(item.strikes)
            if len(reports) >= batch:
                result.summary.add(self.ledger.record(reports, strikes, note=note, author=author))
                reports, strikes = [], []
            if on_item is not None:
                on_item()
        result.summary.add(self.ledger.record(reports, strikes, note=note, author=author))
        return result

    def ingest_format(
        self,
        fmt: str,
        path: Path,
        *,
        labels: Path | None = None,
        progress: Callable[[int], None] | None = None,
        author: str | None = None,
    ) -> IngestResult:
        """Ingest a dataset file: ``acled``, ``ucdp``, ``gdelt``, ``viina``, ``viina-rebuild``."""
        from trucewatch.ingest.registry import reader_for

        items = reader_for(fmt)(path, labels=labels, progress=progress)
        return self.ingest(items, source=str(path), note=f"ingest {fmt} {path.name}", author=author)

    def ingest_airforce(
        self, path: Path, models: Path | None = None, *, author: str | None = None
    ) -> IngestResult:
        """Ingest an air-force ``missile_attacks_daily.csv``."""
        from trucewatch.ingest.airforce import read_airforce
        from trucewatch.ingest.weapons import WeaponTable

        table = WeaponTable.from_reference(models) if models else WeaponTable()
        return self.ingest(
            read_airforce(path, table),
            source=str(path),
            note=f"ingest airforce {path.name}",
            author=author,
        )

    def ingest_news(
        self,
        items: Iterable[NewsItem],
        *,
        fmt: str,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        published: date | None = None,
        author: str | None = None,
    ) -> NewsResult:
        """Record news texts as reports, their extracted strikes, and their pledges as drafts."""
        from trucewatch.ingest.news import news_record, source_name

        result = NewsResult(source or fmt, RecordSummary())
        for item in items:
            name = source or source_name(item.url, fmt)
            record = news_record(item, source=name, kind=kind, fmt=fmt, published=published)
            result.rows += 1
            result.summary.add(self.ledger.record([record.report], record.strikes, author=author))
            for draft in record.pledges:
                note = f"drafted from {record.report.id}"
                if self.ledger.add_pledge(draft, note=note, author=author) == "added":
                    result.drafts.append(draft.id)
        return result

    def ingest_text(
        self,
        text: str,
        *,
        published: date,
        source: str,
        kind: SourceKind = SourceKind.MEDIA,
        url: str | None = None,
        author: str | None = None,
    ) -> NewsResult:
        """One plain news text."""
        from trucewatch.ingest.news import NewsItem

        item = NewsItem(text=text, published=published, url=url, locator=source)
        return self.ingest_news([item], fmt="text", source=source, kind=kind, author=author)

    def ingest_html(
        self,
        target: str,
        *,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        published: date | None = None,
        author: str | None = None,
    ) -> NewsResult:
        """An HTML page (file or URL): its main text by trafilatura."""
        from trucewatch.ingest.news import html_item, read_source

        raw, url = read_source(target)
        item = html_item(raw, url, target)
        return self.ingest_news(
            [item], fmt="html", source=source, kind=kind, published=published, author=author
        )

    def ingest_rss(
        self, target: str, *, source: str | None = None, kind: SourceKind = SourceKind.MEDIA
    ) -> NewsResult:
        """An RSS or Atom feed (file or URL): each item a report."""
        from trucewatch.ingest.news import read_source, rss_items

        raw, _ = read_source(target)
        return self.ingest_news(rss_items(raw, target), fmt="rss", source=source, kind=kind)

    def confirm_pledge(self, pledge_id: str, *, author: str | None = None) -> str:
        """A person confirms a drafted pledge: a new ledger entry without the draft mark."""
        pledge = self.pledge(pledge_id)
        if not pledge.draft:
            return "unchanged"
        return self.ledger.add_pledge(
            pledge.model_copy(update={"draft": False}), note="confirmed", author=author
        )

    # -- pledges -------------------------------------------------------------------------

    def add_pledges(
        self, paths: Sequence[Path], *, author: str | None = None
    ) -> list[tuple[str, str]]:
        """Validate pledge files (all of them first) and add or amend each pledge."""
        from trucewatch.pledgefile import load_pledge_files

        loaded = load_pledge_files(list(paths))
        return [(p.id, self.ledger.add_pledge(p, author=author)) for p in loaded]

    def add_registry(self) -> list[tuple[str, str]]:
        """Add the bundled registry of real 2025-2026 pledges."""
        from trucewatch.pledgefile import registry_paths

        return self.add_pledges(registry_paths())

    def pledges(self, *, include_drafts: bool = True) -> list[Pledge]:
        return self.ledger.pledges(include_drafts=include_drafts)

    def pledge(self, pledge_id: str) -> Pledge:
        return self.ledger.pledge(pledge_id)

    def history(self, key: str) -> list[StoredEntry]:
        return self.ledger.history(key)

    # -- strikes and reports -------------------------------------------------------------

    def strike_records(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        merged: bool = True,
    ) -> list[Strike]:
        """Strikes overlapping [start, end), oldest first, as domain objects.

        With ``merged`` (the default) strikes that several reports describe are merged into
        one that cites them all (a projection: the recorded strikes are unchanged).
        """
        found = self.ledger.strikes(start=start, end=end, attacker=attacker)
        if not merged:
            return found
        from trucewatch.merge import merge_strikes

        sources = self.ledger.report_sources([r for s in found for r in s.reports])
        return merge_strikes(found, sources)

    def strikes(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        merged: bool = True,
    ) -> pl.DataFrame:
        """Strikes overlapping [start, end) as a polars DataFrame (``.to_pandas()`` for pandas)."""
        from trucewatch.export import strikes_frame

        records = self.strike_records(start=start, end=end, attacker=attacker, merged=merged)
        return strikes_frame(records)

    def strike(self, strike_id: str, *, merged: bool = True) -> Strike:
        """One strike by id (or unique prefix); merged with the others that describe it."""
        found = self.ledger.strike(strike_id)
        if merged:
            around = self.strike_records(start=found.start, end=found.end, attacker=found.attacker)
            for strike in around:
                if set(found.reports) <= set(strike.reports):
                    return strike
        return found

    def reports(self, ids: Sequence[str] | None = None) -> list[Report]:
        return self.ledger.reports(ids)

    # -- judging -------------------------------------------------------------------------

    @property
    def judge_engine(self) -> Judge:
        if self._judge is None:
            self._judge = Judge()
        return self._judge

    def judge(
        self,
        *,
        pledge: str | None = None,
        reading: str | None = None,
        include_no_breach: bool = False,
        merged: bool = True,
    ) -> list[Verdict]:
        """Verdicts computed now from the ledger (never stored as truth)."""
        pledges = [self.pledge(pledge)] if pledge else self.pledges(include_drafts=False)
        if pledge and reading and reading not in {r.by for r in pledges[0].readings}:
            raise NotFoundError(f"pledge {pledge!r} has no reading by {reading!r}", code="E201")
        strikes = self.strike_records(merged=merged)
        return self.judge_engine.judge(
            pledges, strikes, reading=reading, include_no_breach=include_no_breach
        )

    def verdicts(
        self,
        *,
        pledge: str | None = None,
        reading: str | None = None,
        include_no_breach: bool = False,
    ) -> pl.DataFrame:
        """The verdicts of :meth:`judge` as a polars DataFrame."""
        from trucewatch.export import verdicts_frame

        return verdicts_frame(
            self.judge(pledge=pledge, reading=reading, include_no_breach=include_no_breach)
        )

    # -- integrity -----------------------------------------------------------------------

    def verify(self) -> VerifyResult:
        return self.ledger.verify()

    def rebuild(self) -> int:
        return self.ledger.rebuild()

    # -- for the shared service (trucewatch serve) ---------------------------------------

    def parse_pledges(self, text: str, *, name: str = "<body>") -> list[Pledge]:
        """Validate pledge YAML given as text (errors name ``name`` and the line)."""
        from trucewatch.pledgefile import parse_pledges

        return parse_pledges(text, name)

    def add_pledge(self, pledge: Pledge, *, author: str | None = None) -> str:
        """Add or amend one validated pledge: 'added', 'amended' or 'unchanged'."""
        return self.ledger.add_pledge(pledge, author=author)

    # -- the log as pages ----------------------------------------------------------------

    def head(self) -> StoredEntry | None:
        """The newest ledger entry (its seq, hash and time), None when the ledger is empty."""
        return self.ledger.head()

    def recent_entries(self, limit: int = 50, before: int | None = None) -> list[StoredEntry]:
        """The newest entries, newest first (``before``: only entries below that seq)."""
        return self.ledger.recent_entries(limit, before)

    def reports_page(self, after: int = 0, limit: int = 100) -> list[tuple[int, Report]]:
        """Reports recorded after log position ``after``, with their positions."""
        return self.ledger.reports_after(after, limit)

    def strikes_page(
        self,
        after: tuple[str, str] | None = None,
        limit: int = 100,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> list[Strike]:
        """Recorded (unmerged) strikes ordered by (start, id), after the key given."""
        return self.ledger.strikes_after(after, limit, start=start, end=end, attacker=attacker)

    def retract_strike(self, strike_id: str, reason: str, *, author: str | None = None) -> None:
        """A correction: the strike stays in the log but no longer counts."""
        self.ledger.retract_strike(strike_id, reason, author=author)

    def evidence(self, report: Report) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """For a news report: each strike id it yields -> field -> spans of its text.

        The extractor is deterministic, so re-reading the stored text finds the same strikes
        (same ids) and the spans their fields rest on; other formats have none.
        """
        if report.format not in ("text", "html", "rss") or report.published is None:
            return {}
        from trucewatch.extract import extract, to_strike

        day = report.published.astimezone(ZoneInfo("Europe/Kyiv")).date()
        found = extract(report.content, day)
        return {
            to_strike(s, report.id, day).id: {k: list(v) for k, v in s.evidence.items()}
            for s in found.strikes
        }

    def response(
        self,
        pledge_id: str,
        reading: str,
        *,
        policy: str | None = None,
        as_of: datetime | None = None,
    ) -> Response:
        """The response protocol's timeline over one pledge reading, judged now."""
        from trucewatch.respond.service import get_policy, reading_response

        return reading_response(self, pledge_id, reading, get_policy(policy), as_of=as_of).response

    def replay(
        self,
        start: date,
        end: date,
        *,
        parties: Sequence[str] = ("RU",),
        scope: Sequence[str] = (),
        policy: str | None = None,
    ) -> ReplayResult:
        """The what-if: had such a pledge held over the period, the protocol's stages."""
        from trucewatch.respond.service import get_policy, parse_scope, replay_period

        return replay_period(
            self, get_policy(policy), start, end, parties=parties, scope=parse_scope(scope)
        )

    def brief_html(self, day: date, *, policy: str | None = None) -> str:
        """The daily brief for a Kyiv day as one self-contained HTML page."""
        from trucewatch.report.brief import build_brief
        from trucewatch.report.render import render_html

        return render_html(build_brief(self, day, policy=policy))

    def brief_pdf(self, day: date, *, policy: str | None = None) -> bytes:
        """The daily brief printed to PDF by headless Chromium (RenderError when there is none)."""
        import tempfile

        from trucewatch.report.render import write_pdf

        with tempfile.TemporaryDirectory(prefix="trucewatch-brief-") as tmp:
            html = self.brief_html(day, policy=policy)
            return write_pdf(html, Path(tmp) / "brief.pdf").read_bytes()

    def export(
        self,
        fmt: str,
        path: Path,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> int:
        """Write strikes with their verdicts as csv, parquet, geojson or acled-csv; row count."""
        from trucewatch import export as out

        strikes = self.strike_records(start=start, end=end, attacker=attacker)
        wanted = {s.id for s in strikes}
        verdicts = [v for v in self.judge(include_no_breach=True) if v.strike in wanted]
        writers: dict[str, Callable[[], int]] = {
            "csv": lambda: out.write_csv(strikes, verdicts, path),
            "parquet": lambda: out.write_parquet(strikes, verdicts, path),
            "geojson": lambda: out.write_geojson(strikes, verdicts, path),
            "acled-csv": lambda: out.write_acled_csv(strikes, path),
        }
        if fmt not in writers:
            raise InputError(f"export format {fmt!r}: use one of {', '.join(writers)}", code="E620")
        return writers[fmt]()

    # -- access tokens -------------------------------------------------------------------

    @property
    def token_store(self) -> TokenStore:
        if self._tokens is None:
            self._tokens = TokenStore(self.ledger.engine)
        return self._tokens

    def create_token(self, name: str, role: str) -> tuple[Token, str]:
        """A new access token with a role; returns it and its secret (shown only once)."""
        return self.token_store.create(name, Role.parse(role))

    def tokens(self) -> list[Token]:
        return self.token_store.list()

    def revoke_token(self, token_id: str) -> Token:
        return self.token_store.revoke(token_id)

    def authenticate(self, secret: str) -> Token | None:
        """The active token a presented secret belongs to, or None."""
        return self.token_store.authenticate(secret)


def open(db: str | None = None) -> Trucewatch:
    """Open (creating if needed) the ledger at a SQLite path or a ``postgresql://`` URL."""
    return Trucewatch(db)
