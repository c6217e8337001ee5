"""The Python API every command and the web layer sit on: ``trucewatch.open(db)``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from trucewatch._inputs import name_problem
from trucewatch.errors import ArgumentError, InputError, NotFoundError, RowError
from trucewatch.ingest.base import Parsed, RowBatch
from trucewatch.judge.engine import Judge
from trucewatch.ledger import checkpoint as checkpoints
from trucewatch.ledger import runs
from trucewatch.ledger.alertstate import AlertState
from trucewatch.ledger.chain import StoredEntry
from trucewatch.ledger.checkpoint import Checkpoint, CheckpointCheck
from trucewatch.ledger.store import Ledger, RecordSummary, VerifyResult
from trucewatch.ledger.tokens import Role, Token, TokenStore
from trucewatch.model import (
    Claim,
    Pledge,
    PledgeStatus,
    Report,
    SourceKind,
    StatusChange,
    Strike,
    Verdict,
    VerdictKind,
)
from trucewatch.times import KYIV_ZONE, disjoint

if TYPE_CHECKING:
    import polars as pl

    from trucewatch.claims.check import ClaimCheck
    from trucewatch.claims.link import Link
    from trucewatch.claims.service import Recorded
    from trucewatch.extract.results import Extraction
    from trucewatch.ingest.news import NewsItem
    from trucewatch.judge.columnar import ColumnarJudge, Tally
    from trucewatch.judge.stored import VerdictCursor
    from trucewatch.model import Scope
    from trucewatch.report.brief import Brief
    from trucewatch.respond.engine import Response as ProtocolResponse
    from trucewatch.respond.policy import Policy
    from trucewatch.respond.service import (
        CycleResult,
        ReadingResponse,
        ReplayResult,
        WatchConfig,
    )
    from trucewatch.respond.stored import ReadingState, StateSummary

__all__ = ["IngestResult", "NewsResult", "Trucewatch", "default_db", "open"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")

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
    claims: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # items of a feed skipped, by position
    warnings: list[str] = field(default_factory=list)  # items recorded, but worth a look


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
        self._columnar: ColumnarJudge | None = None
        self._tokens: TokenStore | None = None
        self._alerts: AlertState | None = None

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
        return self._run(
            note or f"ingest {source}",
            lambda: self._ingest(items, source, note, on_item, batch, author),
        )

    def ingest_batches(
        self,
        batches: Iterable[RowBatch],
        *,
        source: str,
        note: str | None = None,
        author: str | None = None,
    ) -> IngestResult:
        """Record a batch reader's batches (payloads built from columns), one transaction each:
        the same entries as ``ingest`` of the row reader, without a model per row."""

        def work() -> IngestResult:
            result = IngestResult(source, RecordSummary())
            for part in batches:
                result.rows += part.rows
                result.errors.extend(part.errors)
                done = self.ledger.record_data(part.reports, part.strikes, note, author)
                result.summary.add(done)
            return result

        return self._run(note or f"ingest {source}", work)

    def _run(self, what: str, work: Callable[[], IngestResult]) -> IngestResult:
        """An ingest, noted in the runs table as started and as finished or failed."""
        run = runs.started(self.ledger.engine, what)
        try:
            result = work()
        except BaseException as exc:
            runs.finished(self.ledger.engine, run, f"failed: {exc!r}"[:500], completed=False)
            raise
        s = result.summary
        runs.finished(
            self.ledger.engine,
            run,
            f"{result.rows} rows, {s.entries} entries, {len(result.errors)} rejected",
        )
        return result

    def _ingest(
        self,
        items: Iterable[Parsed | RowError],
        source: str,
        note: str | None,
        on_item: Callable[[], None] | None,
        batch: int,
        author: str | None = None,
    ) -> IngestResult:
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
        from trucewatch.ingest.registry import batches_for, reader_for

        note = f"ingest {fmt} {path.name}"
        batch_reader = batches_for(fmt)
        if batch_reader is not None:
            found = batch_reader(path, progress=progress)
            return self.ingest_batches(found, source=str(path), note=note, author=author)
        items = reader_for(fmt)(path, labels=labels, progress=progress)
        return self.ingest(items, source=str(path), note=note, author=author)

    def ingest_airforce(
        self, path: Path, models: Path | None = None, *, author: str | None = None
    ) -> IngestResult:
        """Ingest an air-force ``missile_attacks_daily.csv`` (payloads built without a model
        per row: the entries of ``read_airforce``, the reference, through ``ingest``)."""
        from trucewatch.ingest.airforce_batch import airforce_batches
        from trucewatch.ingest.weapons import WeaponTable

        table = WeaponTable.from_reference(models) if models else WeaponTable()
        return self.ingest_batches(
            airforce_batches(path, table),
            source=str(path),
            note=f"ingest airforce {path.name}",
            author=author,
        )

    def _stored_form(self, text: str) -> str:
        """``text`` as the ledger holds it already (another line ending, trailing blanks), else
        as it is to be stored (``text_forms``): the same text is always the same report."""
        from trucewatch.ingest.news import text_forms

        forms = text_forms(text)
        ids = {Report.id_of(Report.hash_content(f)): f for f in forms}
        known = {r.id for r in self.ledger.reports(list(ids))}
        return next((f for i, f in ids.items() if i in known), forms[0])

    def _check_same_day(self, report: Report, where: str) -> None:
        """Refuse a text the ledger holds already under another publication day: its strikes
        were dated from that day, and one report cannot back strikes dated from two."""
        known = self.ledger.reports([report.id])
        stored = known[0] if known else None
        if stored is None or stored.published is None or report.published is None:
            return
        if stored.published != report.published:
            from trucewatch.times import KYIV_ZONE

            before, now = (
                d.astimezone(KYIV_ZONE).date() for d in (stored.published, report.published)
            )
            raise InputError(
                f"{where}: this text is recorded already as {report.id}, published {before}; "
                f"the same text published {now} is not recorded again (its strikes would be "
                "dated from another day)",
                code="E174",
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
        feed: str | None = None,
        lang: str | None = None,
    ) -> NewsResult:
        """Record news texts as reports, their extracted strikes, and their pledges as drafts.

        With ``feed`` (the feed's name), an item the input policy refuses (junk text E806, too
        long E804, a date outside 1900-2100 E808, no date E172) is kept in ``errors`` by its
        position in the feed and the items after it are still recorded; without, it is raised.
        So is an item the extractor fails on (E899, the failure as the error's ``__cause__``):
        one item's text does not stop the feed.
        ``lang`` ("en", "uk", "ru") is the language of every text; None detects each one's.
        A publication day after today is recorded with a warning in ``warnings``.
        """
        from trucewatch.ingest.news import future_warning, news_record, source_name

        _check_news_args(source, lang)
        result = NewsResult(source or fmt, RecordSummary())
        names: set[str] = set()
        for position, item in enumerate(items, start=1):
            name = source or source_name(item.url, item.site or fmt)
            names.add(name)
            result.rows += 1
            if lang is not None:
                item = replace(item, lang=lang)
            item = replace(item, text=self._stored_form(item.text))
            try:
                try:
                    record = news_record(
                        item,
                        source=name,
                        kind=kind,
                        fmt=fmt,
                        published=published,
                        in_feed=feed is not None,
                    )
                except InputError:
                    raise
                except Exception as exc:
                    if feed is None:
                        raise
                    raise InputError(
                        f"internal error reading it ({type(exc).__name__}); the other items "
                        "are recorded",
                        code="E899",
                    ) from exc
                self._check_same_day(record.report, item.locator or name)
            except InputError as exc:
                if feed is None:
                    raise
                where = f" ({item.locator})" if item.locator else ""
                reason = exc.message.removeprefix(f"{item.locator or name}: ")
                skipped = InputError(f"{feed}: item {position}{where}: {reason}", code=exc.code)
                skipped.__cause__ = exc.__cause__  # an internal error's traceback, for the log
                result.errors.append(skipped)
                continue
            day = published or item.published
            warning = future_warning(day, item.locator or name) if day is not None else None
            if warning is not None:
                result.warnings.append(warning)
            result.summary.add(self.ledger.record([record.report], record.strikes, author=author))
            for draft in record.pledges:
                note = f"drafted from {record.report.id}"
                if self.ledger.add_pledge(draft, note=note, author=author) == "added":
                    result.drafts.append(draft.id)
            if record.claims:
                done = self.record_claims(record.claims, note=f"said in {record.report.id}")
                result.claims.extend(r.claim.id for r in done if r.outcome != "unchanged")
        if source is None and len(names) == 1:
            result.source = names.pop()
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
        lang: str | None = None,
    ) -> NewsResult:
        """One plain news text (``lang`` "en", "uk" or "ru"; None: detected)."""
        from trucewatch.ingest.news import NewsItem

        item = NewsItem(text=text, published=published, url=url, locator=source)
        return self.ingest_news(
            [item], fmt="text", source=source, kind=kind, author=author, lang=lang
        )

    def ingest_html(
        self,
        target: str,
        *,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        published: date | None = None,
        author: str | None = None,
        lang: str | None = None,
        public_only: bool = False,
    ) -> NewsResult:
        """An HTML page (file or URL): its main text by trafilatura. Its date is the page's own
        (metadata), unless ``published`` is given. Without ``source`` it is named by the host of
        its canonical link (else of its URL), else its og:site_name, else its file's name.
        ``public_only``: a public web address only, as a server fetching for callers needs (no
        file, no internal address: E175, E176)."""
        from trucewatch.ingest.news import html_item, read_source

        _check_news_args(source, lang)
        doc = read_source(target, public_only=public_only)
        item = html_item(doc.raw, doc.url, target, doc.content_type)
        return self.ingest_news(
            [item],
            fmt="html",
            source=source,
            kind=kind,
            published=published,
            author=author,
            lang=lang,
        )

    def ingest_rss(
        self,
        target: str,
        *,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        lang: str | None = None,
        public_only: bool = False,
    ) -> NewsResult:
        """An RSS or Atom feed (file or URL): each item a report. Without ``source`` an item is
        named by the host of its link, else of the feed's link or URL, else by the feed's title,
        else by its file's name. ``public_only`` as for :meth:`ingest_html`."""
        from trucewatch.ingest.news import read_source, rss_items

        _check_news_args(source, lang)
        doc = read_source(target, public_only=public_only)
        items = rss_items(doc.raw, target, doc.content_type)
        return self.ingest_news(items, fmt="rss", source=source, kind=kind, feed=target, lang=lang)

    def ingest_telegram(
        self,
        channel: str,
        *,
        url: str | None = None,
        cache: Path | None = None,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        lang: str | None = None,
    ) -> NewsResult:
        """A public Telegram channel's preview page (t.me/s/CHANNEL), cached; each post a report."""
        from trucewatch._http import cached_type
        from trucewatch.ingest.fetch import download
        from trucewatch.ingest.telegram import channel_name, preview_url, telegram_items
        from trucewatch.settings import cache_dir

        _check_news_args(source, lang)
        name = channel_name(channel)
        folder = (cache or cache_dir()) / "telegram"
        path = download(url or preview_url(name), folder, f"{name}.html")
        items = telegram_items(path.read_bytes(), locator=path, content_type=cached_type(path))
        return self.ingest_news(
            items,
            fmt="telegram",
            source=source or f"t.me/{name}",
            kind=kind,
            feed=str(path),
            lang=lang,
        )

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
        from trucewatch.pledges import load_pledge_files

        loaded = load_pledge_files(list(paths))
        return [(p.id, self.ledger.add_pledge(p, author=author)) for p in loaded]

    def place_warnings(self, pledge_ids: Sequence[str]) -> list[str]:
        """Warnings (W815) for scope places of these pledges that the gazetteer does not know."""
        from trucewatch.pledges._places import unknown_places

        return [
            f"W815: pledge {pledge_id}: place {name!r} is not in the gazetteer, so no strike "
            "will match it; check the spelling"
            for pledge_id in pledge_ids
            for name in unknown_places(self.ledger.pledge(pledge_id))
        ]

    def add_registry(self) -> list[tuple[str, str]]:
        """Add the bundled registry of real 2025-2026 pledges."""
        from trucewatch.pledges import registry_paths

        return self.add_pledges(registry_paths())

    def set_pledge_status(
        self,
        pledge_id: str,
        status: PledgeStatus,
        at: datetime,
        *,
        sources: Sequence[str] = (),
        note: str | None = None,
    ) -> Pledge:
        """Record that a pledge's status changed at ``at`` (a ``pledge.amended`` entry whose
        history gains the change); earlier verdicts keep the status they had at their time."""
        from trucewatch.judge.rules import status_history

        pledge = self.pledge(pledge_id)
        if at.tzinfo is None or at.utcoffset() is None:
            raise InputError(f"--at {at.isoformat()}: give a UTC offset or zone", code="E183")
        history = status_history(pledge)
        last = history[-1].at
        if last is not None and at <= last:
            raise InputError(
                f"--at {at.isoformat()}: {pledge_id} last changed status at "
                f"{last.isoformat()}; a new change must come after it",
                code="E184",
            )
        change = StatusChange(status=status, at=at, sources=tuple(sources), note=note)
        amended = pledge.model_copy(update={"status": status, "history": (*history, change)})
        self.ledger.add_pledge(amended, note=f"status {status.value} from {at.isoformat()}")
        return amended

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
        sources: bool = True,
    ) -> list[Strike]:
        """Strikes overlapping [start, end), oldest first, as domain objects.

        With ``merged`` (the default) strikes that several reports describe are merged into
        one that cites them all (``merge.v1``, kept as a projection of the ledger: the recorded
        strikes are unchanged). A merged strike is returned when it overlaps the window.
        ``sources=False`` leaves each strike's ``sources`` (who published its reports) empty,
        which spares looking up every report: a third of reading a month for a table.
        """
        if merged:
            found = self.ledger.merged_strikes(start=start, end=end, attacker=attacker)
        else:
            found = self.ledger.strikes(start=start, end=end, attacker=attacker)
        if not sources:
            return found
        names = self.ledger.report_sources([r for s in found for r in s.reports])
        return [_with_sources(s, names) for s in found]

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
        if merged:
            found = self.ledger.merged_strike(strike_id)
            return _with_sources(found, self.ledger.report_sources(found.reports))
        return self.ledger.strike(strike_id)

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
        what_if: bool = False,
        engine: str = "columnar",
        tally: Tally | None = None,
    ) -> list[Verdict]:
        """Verdicts computed now from the ledger (never stored as truth).

        Verdicts on a pledge not in force at the strike's time are what-ifs: left out unless
        ``what_if`` asks for them (each then says ``mode == "what_if"``). ``engine``:
        ``columnar`` (the default, ``judge/columnar.py``) or ``rows``, the per-row reference
        (``judge/engine.py``); both give the same verdicts. ``tally`` (``judge.columnar.Tally``)
        receives how many what-ifs were left out.
        """
        if engine == "columnar":
            from trucewatch.judge.columnar import verdicts_of

            frame = self.judge_frame(
                pledge=pledge,
                reading=reading,
                include_no_breach=include_no_breach,
                merged=merged,
                what_if=what_if,
                tally=tally,
            )
            return verdicts_of(frame)
        if engine != "rows":
            raise ArgumentError(f"engine must be columnar or rows, not {engine!r}", code="E901")
        pledges, strikes = self._judge_inputs(
            pledge, reading, include_no_breach, merged, self.strike_records, self.strikes_for
        )
        found = self.judge_engine.judge(
            pledges,
            strikes,
            reading=reading,
            include_no_breach=include_no_breach,
            what_if=what_if or tally is not None,
        )
        if tally is not None and not what_if:
            tally.what_if += sum(not v.in_force for v in found)
            found = [v for v in found if v.in_force]
        return found

    def _judged_pledges(self, pledge: str | None, reading: str | None) -> list[Pledge]:
        """One pledge (which must have ``reading``, when given) or every confirmed one."""
        pledges = [self.pledge(pledge)] if pledge else self.pledges(include_drafts=False)
        if pledge and reading and reading not in {r.by for r in pledges[0].readings}:
            raise NotFoundError(f"pledge {pledge!r} has no reading by {reading!r}", code="E201")
        return pledges

    def _judge_inputs(
        self,
        pledge: str | None,
        reading: str | None,
        include_no_breach: bool,
        merged: bool,
        read_all: Callable[..., _T],
        read_windows: Callable[..., _T],
    ) -> tuple[list[Pledge], _T]:
        """What :meth:`judge` and :meth:`judge_frame` judge: the pledges
        (:meth:`_judged_pledges`) and the strikes, read by ``read_all``
        (:meth:`strike_records` or :meth:`strike_frame`) when ``no_breach`` verdicts are asked
        for, else by ``read_windows`` (:meth:`strikes_for` or :meth:`strike_frame_for`)."""
        pledges = self._judged_pledges(pledge, reading)
        if include_no_breach:
            return pledges, read_all(merged=merged)
        return pledges, read_windows(pledges, reading=reading, merged=merged)

    def judge_frame(
        self,
        *,
        pledge: str | None = None,
        reading: str | None = None,
        include_no_breach: bool = False,
        merged: bool = True,
        what_if: bool = False,
        tally: Tally | None = None,
        why: bool = True,
    ) -> pl.DataFrame:
        """The columnar judge's verdicts as a polars frame (``judge.columnar.VERDICT_SCHEMA``),
        in the order :meth:`judge` returns them; no Python object per strike is built.

        ``why=False`` leaves the sentences out (``ColumnarJudge.explain`` writes them for the
        rows shown)."""
        from trucewatch.judge.columnar import ColumnarJudge

        pledges, frame = self._judge_inputs(
            pledge, reading, include_no_breach, merged, self.strike_frame, self.strike_frame_for
        )
        if self._columnar is None:
            self._columnar = ColumnarJudge()
        return self._columnar.judge_frame(
            pledges,
            frame,
            reading=reading,
            include_no_breach=include_no_breach,
            what_if=what_if,
            tally=tally,
            why=why,
        )

    def strike_frame(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        merged: bool = True,
    ) -> pl.DataFrame:
        """Strikes overlapping [start, end) as the columnar judge reads them (``judge.frame``),
        by (start, id): the same strikes as :meth:`strike_records`, without an object each."""
        from trucewatch.merge.frame import merged_frame, unmerged_frame

        read = merged_frame if merged else unmerged_frame
        with self.ledger.engine.connect() as conn:
            return read(conn, start=start, end=end, attacker=attacker)

    def strike_frame_for(
        self, pledges: Sequence[Pledge], *, reading: str | None = None, merged: bool = True
    ) -> pl.DataFrame:
        """:meth:`strikes_for` as a frame: the strikes of the pledges' dated windows only."""
        import polars as pl

        from trucewatch.judge.frame import empty

        windows = disjoint(_reading_spans(pledges, reading))
        parts = [self.strike_frame(start=lo, end=hi, merged=merged) for lo, hi in windows]
        if not parts:
            return empty()
        return (
            pl.concat(parts).unique("id", keep="first", maintain_order=True).sort(["start", "id"])
        )

    def stored_verdicts(
        self, *, pledge: str | None = None, reading: str | None = None, what_if: bool = False
    ) -> list[Verdict]:
        """The verdicts the ledger keeps up to date on every write, as :meth:`judge` returns
        them (confirmed pledges, in the same order), read instead of judged.

        Only what changed is judged when a report, strike or pledge is written
        (``judge/stored.py``); ``verify`` checks them and ``rebuild`` recomputes them.
        """
        found = self.ledger.stored_verdicts(pledge=pledge, reading=reading)
        order = {
            (p.id, rd.by): (i, j)
            for i, p in enumerate(self.pledges(include_drafts=False))
            for j, rd in enumerate(p.readings)
        }
        last = (len(order), 0)
        found.sort(key=lambda v: (order.get((v.pledge, v.reading), last), v.strike_start, v.strike))
        return found if what_if else [v for v in found if v.in_force]

    def reading_states(self) -> list[ReadingState]:
        """Each confirmed pledge reading's protocol state (the default policy) as the ledger's
        last write that changed its verdicts left it: stage, counts, as of when."""
        return self.ledger.reading_states()

    def state_summaries(self) -> dict[tuple[str, str], StateSummary]:
        """(pledge, reading) -> the stored in-force counts and stage of every confirmed pledge
        reading, without reading the responses (what an overview needs)."""
        from trucewatch.respond.stored import state_summaries

        with self.ledger.engine.connect() as conn:
            return state_summaries(conn)

    def stored_response(
        self, pledge: Pledge, reading: str, *, now: datetime | None = None
    ) -> ProtocolResponse | None:
        """The default policy's stored response for one reading, brought to ``now`` (quiet
        time may have closed its open episode since the last write); None without a state."""
        from trucewatch.respond.engine import Response
        from trucewatch.respond.stored import default_policy, response_now

        moment = now or datetime.now(UTC)
        with self.ledger.engine.connect() as conn:
            found = response_now(conn, pledge, reading, moment, default_policy())
        return None if found is None else Response.from_json(found)

    def verdict_page(
        self,
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
        """One page of the stored verdicts (what-ifs included), by strike start, strike, pledge
        and reading, and the cursor of the next (None: last page); one index range scan each."""
        from trucewatch.judge.stored import verdict_page

        with self.ledger.engine.connect() as conn:
            return verdict_page(
                conn,
                pledge=pledge,
                reading=reading,
                kinds=kinds,
                start=start,
                end=end,
                lookback=lookback,
                in_force=in_force,
                after=after,
                limit=limit,
            )

    def strikes_for(
        self, pledges: Sequence[Pledge], *, reading: str | None = None, merged: bool = True
    ) -> list[Strike]:
        """The strikes that touch some dated reading window of ``pledges``, oldest first.

        Only the ledger's rows in those windows are read (and, merged, their stored
        clusters), so judging a few pledges costs the strikes in their windows, not the ledger.
        """
        return self._strikes_in(_reading_spans(pledges, reading), merged=merged)

    def _strikes_in(
        self, spans: list[tuple[datetime | None, datetime | None]], *, merged: bool = True
    ) -> list[Strike]:
        """The strikes overlapping any of the windows ``spans``, each once, oldest first."""
        found: dict[str, Strike] = {}
        for lo, hi in disjoint(spans):
            for s in self.strike_records(start=lo, end=hi, merged=merged):
                found.setdefault(s.id, s)
        return sorted(found.values(), key=lambda s: (s.start, s.id))

    def verdicts(
        self,
        *,
        pledge: str | None = None,
        reading: str | None = None,
        include_no_breach: bool = False,
        what_if: bool = False,
    ) -> pl.DataFrame:
        """The verdicts of :meth:`judge` as a polars DataFrame."""
        from trucewatch.export import verdicts_frame

        return verdicts_frame(
            self.judge(
                pledge=pledge,
                reading=reading,
                include_no_breach=include_no_breach,
                what_if=what_if,
            )
        )

    # -- claims --------------------------------------------------------------------------

    def add_claims(self, paths: Sequence[Path]) -> list[Recorded]:
        """Validate claim files (all of them first), record each claim and link it."""
        from trucewatch.claims.files import load_claim_files

        return self.record_claims(load_claim_files(list(paths)), note="claims add")

    def add_bundled_claims(self) -> list[Recorded]:
        """The bundled claim texts and claim file: real statements, for demos.

        Each text is recorded as a news report with its strikes and claims; the pledges the
        extractor drafts from them are left out (the registry already holds those pledges).
        """
        from trucewatch.claims.bundled import bundled_claims_path, bundled_texts
        from trucewatch.ingest.news import news_record

        done: list[Recorded] = []
        for item, source in bundled_texts():
            record = news_record(item, source=source, kind=SourceKind.MEDIA, fmt="text")
            self.ledger.record([record.report], record.strikes, note="bundled claim text")
            done.extend(self.record_claims(record.claims, note=f"said in {record.report.id}"))
        return done + self.add_claims([bundled_claims_path()])

    def record_claims(self, claims: Sequence[Claim], note: str | None = None) -> list[Recorded]:
        """Record claims; a claim stating a window adds the speaker's reading when missing."""
        from trucewatch.claims.service import record

        return record(self.ledger, claims, note=note)

    def claims(self, *, pledge: str | None = None) -> list[Claim]:
        """Every claim in the order said (or those about one pledge), linked or not."""
        from trucewatch.ledger.claimstore import list_claims

        found = list_claims(self.ledger)
        if pledge is None:
            return found
        links = self.claim_links(found)
        return [c for c in found if links[c.id].pledge == pledge]

    def claim(self, claim_id: str) -> Claim:
        """One claim by id (or unique prefix)."""
        from trucewatch.ledger.claimstore import claim

        return claim(self.ledger, claim_id)

    def claim_links(self, claims: Sequence[Claim] | None = None) -> dict[str, Link]:
        """The pledge each claim is about: given, settled, or found by the linker now."""
        from trucewatch.claims.service import links
        from trucewatch.ledger.claimstore import list_claims

        chosen = list_claims(self.ledger) if claims is None else claims
        return links(chosen, self.pledges(include_drafts=False))

    def link_claim(self, claim_id: str, pledge_id: str) -> str:
        """Settle which pledge a claim is about, as a ledger entry ('linked' or 'unchanged')."""
        from trucewatch.claims.service import adopt_window
        from trucewatch.ledger.claimstore import link_claim

        outcome = link_claim(self.ledger, claim_id, pledge_id, note="claims link")
        if outcome == "linked":
            adopt_window(self.ledger, self.claim(claim_id), self.pledge(pledge_id))
        return outcome

    def check_claims(
        self, *, pledge: str | None = None, claim: str | None = None
    ) -> list[ClaimCheck]:
        """Each claim beside the verdicts: the speaker's reading, every other, the strictest."""
        from trucewatch.claims.service import check_claims

        if pledge is not None:
            self.pledge(pledge)
        claim_id = self.claim(claim).id if claim is not None else None
        return check_claims(
            self.ledger,
            self.judge_engine,
            self._claim_strikes(pledge, claim_id),
            lambda ids: {r.id: r for r in self.reports(ids)},
            pledge=pledge,
            claim=claim_id,
        )

    def _claim_strikes(self, pledge: str | None, claim: str | None) -> list[Strike]:
        """The strikes a check can look at: those in the dated windows of the pledges checked
        and in the windows the claims state (undated readings are untestable)."""
        from trucewatch.ledger.claimstore import list_claims

        claims = [c for c in list_claims(self.ledger) if claim is None or c.id == claim]
        if claim is not None and pledge is None:
            # One claim is checked against the pledge it is about: only that one's windows.
            link = self.claim_links(claims).get(claim)
            about = link.pledge if link is not None else None
            judged = [p for p in self.pledges(include_drafts=False) if p.id == about]
        else:
            judged = self._judged_pledges(pledge, None)
        spans = _reading_spans(judged)
        spans += [(c.start, c.end) for c in claims if c.start or c.end]
        return self._strikes_in(spans)

    # -- the response protocol -----------------------------------------------------------

    def respond(
        self,
        pledge: str,
        reading: str,
        *,
        policy: Policy | str | Path | None = None,
        as_of: datetime | None = None,
        strikes: Sequence[Strike] | None = None,
    ) -> ReadingResponse:
        """The response policy run over one pledge reading's verdicts, judged now.

        ``strikes`` (merged, e.g. those of the reading's window) spares reading the ledger.
        """
        from trucewatch.respond.service import all_responses, reading_response

        if strikes is None:
            return reading_response(self, pledge, reading, _policy(policy), as_of=as_of)
        found = self.pledge(pledge)
        return all_responses(
            self,
            _policy(policy),
            as_of=as_of,
            pledges=[found],
            readings=[(pledge, reading)],
            strikes=strikes,
        )[0]

    def respond_to(
        self,
        pledge: Pledge,
        reading: str,
        verdicts: Sequence[Verdict],
        *,
        policy: Policy | str | Path | None = None,
        as_of: datetime | None = None,
    ) -> ProtocolResponse:
        """The response policy over verdicts already judged (one pledge reading's, any order).

        For callers that keep verdicts up to date themselves (the web service's index); a
        policy with a severity threshold needs the strikes: use :meth:`respond` for it.
        """
        from trucewatch.respond.engine import respond
        from trucewatch.respond.service import find_reading

        rd = find_reading(pledge, reading)
        ordered = sorted(verdicts, key=lambda v: (v.strike_start, v.strike))
        return respond(
            _policy(policy),
            ordered,
            window_start=rd.start,
            as_of=as_of,
            pledge=pledge.id,
            reading=rd.by,
        )

    def replay(
        self,
        start: date,
        end: date,
        *,
        policy: Policy | str | Path | None = None,
        parties: Sequence[str] = ("RU",),
        scope: Scope | None = None,
        as_of: datetime | None = None,
    ) -> ReplayResult:
        """Had a pledge with this scope held over these Kyiv days, when would stages begin?"""
        from trucewatch.respond.service import replay_period

        return replay_period(
            self,
            _policy(policy),
            start,
            end,
            parties=parties,
            scope=scope,
            as_of=as_of,
        )

    def replay_pledge(
        self,
        pledge: str,
        reading: str,
        *,
        policy: Policy | str | Path | None = None,
        as_of: datetime | None = None,
    ) -> ReadingResponse:
        """The what-if for a real pledge reading: the protocol run as if it had been in force."""
        from trucewatch.respond.service import replay_pledge

        return replay_pledge(self, pledge, reading, _policy(policy), as_of=as_of)

    def watch(
        self,
        config: WatchConfig,
        *,
        once: bool = False,
        baseline: bool = False,
        on_cycle: Callable[[CycleResult], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> CycleResult | None:
        """Post new breaches and stage transitions to ``config.webhook``, never twice.

        What was announced is kept in the ledger (:meth:`alert_state`). An alert state file
        of the earlier JSON form (``config.state``, else ``<ledger>.watch.json``) is imported
        once first, and ``on_notice`` (default: the log) is told so.
        """
        from trucewatch._http import check_url
        from trucewatch.respond.service import default_state_path, get_policy, run_watch

        get_policy(config.policy)  # fail early on a bad policy, and on a bad address (E175)
        check_url(config.webhook)
        state = self.alert_state()
        legacy = config.state or default_state_path(self.db)
        imported = state.import_json(legacy)
        if imported is not None:
            notice = (
                f"imported {imported} delivered alert keys from {legacy} into the ledger; "
                f"the ledger keeps the alert state now (the file is renamed to "
                f"{legacy.name}.imported)"
            )
            (on_notice or _log.warning)(notice)
        return run_watch(
            self,
            config,
            state=state,
            once=once,
            baseline=baseline,
            on_cycle=on_cycle,
            on_error=on_error,
        )

    def alert_state(self) -> AlertState:
        """What the watch has announced: the ledger's alert deliveries (not ledger content)."""
        if self._alerts is None:
            self._alerts = AlertState(self.ledger.engine)
        return self._alerts

    # -- reports and exports -------------------------------------------------------------

    def brief(
        self,
        day: date,
        *,
        policy: Policy | str | Path | None = None,
        boundaries: Path | None = None,
    ) -> Brief:
        """The daily brief for Kyiv-local ``day`` (render it with :meth:`write_brief`)."""
        from trucewatch.report.brief import build_brief

        return build_brief(self, day, policy=policy, boundaries=boundaries)

    def nightly_chart(self, day: date) -> str:
        """The brief's 30-night chart ending on ``day`` (SVG), without the rest of the brief."""
        from trucewatch.report.brief import nightly_chart

        return nightly_chart(self, day)[1]

    def write_brief(
        self,
        day: date,
        target: Path,
        *,
        policy: str | Path | None = None,
        boundaries: Path | None = None,
    ) -> Path:
        """Write the brief to ``target``: a .html page, or a .pdf (needs Chromium)."""
        from trucewatch.errors import InputError
        from trucewatch.report.render import render_html, write_pdf

        suffix = target.suffix.lower()
        if suffix not in (".html", ".htm", ".pdf"):
            raise InputError(f"--out {target}: write a .html or a .pdf file", code="E104")
        html = render_html(self.brief(day, policy=policy, boundaries=boundaries))
        if suffix == ".pdf":
            return write_pdf(html, target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        return target

    def export(
        self,
        fmt: str,
        path: Path,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        pledge: str | None = None,
        mode: str = "points",
    ) -> int:
        """Write strikes (with their verdicts) as csv, parquet, geojson or acled-csv."""
        from trucewatch import export as out

        strikes = self.strike_records(start=start, end=end, attacker=attacker)
        wanted = {s.id for s in strikes}
        verdicts = [
            v for v in self.judge(pledge=pledge, include_no_breach=True) if v.strike in wanted
        ]
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            return out.write_csv(strikes, verdicts, path)
        if fmt == "parquet":
            return out.write_parquet(strikes, verdicts, path)
        if fmt == "geojson":
            return out.write_geojson(strikes, verdicts, path, mode=mode)  # type: ignore[arg-type]
        if fmt == "acled-csv":
            return out.write_acled_csv(strikes, path)
        from trucewatch.errors import InputError

        raise InputError(
            f"export: unknown format {fmt!r}; use csv, parquet, geojson or acled-csv", code="E104"
        )

    def export_partitions(
        self,
        directory: Path,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
    ) -> int:
        """Write the merged strikes as Parquet files by Kyiv month (``export/partitions.py``),
        for ``judge --engine dask``; returns the number of strikes written."""
        from trucewatch.export.partitions import write_month_partitions

        frame = self.strike_frame(start=start, end=end, attacker=attacker)
        write_month_partitions(frame, directory)
        return frame.height

    def judge_parquet(
        self,
        directory: Path,
        *,
        scheduler: str | None = None,
        pledge: str | None = None,
        reading: str | None = None,
        include_no_breach: bool = False,
        what_if: bool = False,
        workers: int | None = None,
    ) -> list[Verdict]:
        """:meth:`judge` over Parquet partitions on a Dask cluster (``judge/scaleout.py``):
        the pledges come from this ledger, the strikes from ``directory``."""
        from trucewatch.judge.columnar import verdicts_of
        from trucewatch.judge.scaleout import judge_parquet

        frame = judge_parquet(
            directory,
            self._judged_pledges(pledge, reading),
            scheduler=scheduler,
            reading=reading,
            include_no_breach=include_no_breach,
            what_if=what_if,
            workers=workers,
        )
        return verdicts_of(frame)

    # -- downloads -----------------------------------------------------------------------

    @staticmethod
    def download(
        source: str,
        *,
        cache: Path | None = None,
        url: str | None = None,
        stamp: str | None = None,
        year: int | None = None,
        country: str = "Ukraine",
        since: date | None = None,
    ) -> list[Path]:
        """Download a public dataset into the cache (airforce, gdelt, viina, acled, boundaries).

        Returns the cached files; ingest them with :meth:`ingest_airforce` or
        :meth:`ingest_format`, or call :meth:`fetch` to do both. Needs no ledger.
        """
        from trucewatch.settings import cache_dir

        folder = cache or cache_dir()
        if source == "airforce":
            from trucewatch.ingest.fetch import AIRFORCE_URL, download

            return [download(url or AIRFORCE_URL, folder, "missile_attacks_daily.csv")]
        if source == "boundaries":
            from trucewatch.report.boundaries import fetch_boundaries

            return [fetch_boundaries(cache)]
        from trucewatch.ingest import sources

        if source == "gdelt":
            return [sources.fetch_gdelt(folder, stamp)]
        if source == "viina":
            return list(sources.fetch_viina(folder, year))
        if source == "acled":
            return [sources.fetch_acled(folder, country=country, since=since)]
        from trucewatch.errors import InputError

        raise InputError(f"fetch: unknown source {source!r}", code="E104")

    def fetch(
        self,
        source: str,
        *,
        progress: Callable[[int], None] | None = None,
        **options: Any,
    ) -> tuple[list[Path], IngestResult]:
        """Download a dataset (see :meth:`download`) and ingest it."""
        paths = self.download(source, **options)
        if source == "airforce":
            return paths, self.ingest_airforce(paths[0])
        labels = paths[1] if source == "viina" else None
        return paths, self.ingest_format(source, paths[0], labels=labels, progress=progress)

    # -- news without a ledger -----------------------------------------------------------

    @staticmethod
    def extract(text: str, published: date, lang: str | None = None) -> Extraction:
        """Strikes and pledges in one news text (extraction contract v2); needs no ledger.

        English, Ukrainian or Russian: `lang` ("en", "uk", "ru"), else detected from the text.
        """
        from trucewatch.extract.dispatch import multi_extractor

        return multi_extractor().extract(text, published, lang)

    @staticmethod
    def extract_many(
        items: Iterable[tuple[str, str, date] | tuple[str, str, date, str | None]],
    ) -> Iterable[tuple[str, Extraction]]:
        """(id, text, published[, lang]) items in, (id, result) out, in order; needs no ledger."""
        from trucewatch.extract.dispatch import multi_extractor

        return multi_extractor().extract_many(
            (item[0], item[1], item[2], item[3] if len(item) > 3 else None) for item in items
        )

    # -- integrity -----------------------------------------------------------------------

    def verify(self) -> VerifyResult:
        return self.ledger.verify()

    def rebuild(self) -> int:
        return self.ledger.rebuild()

    def checkpoint(
        self, key: Path, out: Path | None = None, *, new_key: bool = False
    ) -> Checkpoint:
        """Sign the ledger's head with the ed25519 key in ``key`` (created when ``new_key``),
        append the checkpoint to the log and write it to ``out`` (checked writable first)."""
        if out is not None:
            checkpoints.check_out(out)
        signer = checkpoints.create_key(key) if new_key else checkpoints.load_key(key)
        signed = self.ledger.checkpoint(signer)
        if out is not None:
            checkpoints.write_file(signed, out)
        return signed

    def check_checkpoint(self, path: Path, public_key: Path | None = None) -> CheckpointCheck:
        """Whether the ledger still holds the prefix the checkpoint file signed."""
        pinned = checkpoints.load_public_key(public_key) if public_key else None
        return self.ledger.check_checkpoint(checkpoints.read_file(path), pinned)

    def latest_checkpoint(self) -> Checkpoint | None:
        return self.ledger.latest_checkpoint()

    def latest_checkpoint_check(self) -> CheckpointCheck | None:
        """The newest signed checkpoint in the log, checked against the ledger (None: none)."""
        found = self.ledger.latest_checkpoint()
        return None if found is None else self.ledger.check_checkpoint(found, None)

    # -- for the shared service (trucewatch serve) ---------------------------------------

    def parse_pledges(self, text: str, *, name: str = "<body>") -> list[Pledge]:
        """Validate pledge YAML given as text (errors name ``name`` and the line)."""
        from trucewatch.pledges import parse_pledges

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

    def merged_page(
        self,
        after: tuple[str, str] | None = None,
        limit: int = 100,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        attacker: str | None = None,
        lookback: timedelta | None = None,
    ) -> list[tuple[tuple[str, str], Strike]]:
        """Merged strikes overlapping [start, end), oldest first, paged in SQL.

        Each comes with its page key (pass the last one as ``after`` for the next page); only
        the page's clusters are read, so walking a million strikes never holds them all.
        ``lookback`` (see :meth:`longest_strike`) lets the walk start near ``start``.
        """
        found = self.ledger.merged_page(
            after, limit, start=start, end=end, attacker=attacker, lookback=lookback
        )
        sources = self.ledger.report_sources([r for _, s in found for r in s.reports])
        return [(key, _with_sources(s, sources)) for key, s in found]

    def longest_strike(self) -> timedelta:
        """The longest time span of any recorded strike."""
        return self.ledger.longest_strike()

    def entries_after(self, seq: int, limit: int = 10_000) -> list[tuple[int, str, str]]:
        """(seq, kind, key) of the entries after log position ``seq``, oldest first."""
        return self.ledger.entries_after(seq, limit)

    def strike_spans(self, ids: Sequence[str]) -> dict[str, tuple[datetime, datetime]]:
        """(start, end) of each recorded strike named (retracted ones too)."""
        return self.ledger.strike_spans(ids)

    def strikes_citing(self, report_id: str, limit: int = 200) -> list[Strike]:
        """The merged strikes that cite a report (at most ``limit`` recorded strikes looked at)."""
        out: dict[str, Strike] = {}
        for sid in self.ledger.strikes_citing(report_id, limit):
            merged = self.strike(sid)
            out.setdefault(merged.id, merged)
        return sorted(out.values(), key=lambda s: (s.start, s.id))

    def newest_strike_start(self) -> datetime | None:
        """When the newest recorded strike began."""
        return self.ledger.newest_strike_start()

    def merged_count(self) -> int:
        """How many merged strikes the ledger holds."""
        return self.ledger.merged_count()

    def retract_strike(self, strike_id: str, reason: str, *, author: str | None = None) -> None:
        """A correction: the strike stays in the log but no longer counts."""
        self.ledger.retract_strike(strike_id, reason, author=author)

    def evidence(self, report: Report) -> dict[str, dict[str, list[tuple[int, int]]]]:
        """For a news report (text, page, feed item, Telegram post): each strike id it yields
        -> field -> spans of its text.

        The extractor is deterministic, so re-reading the stored text finds the same strikes
        (same ids) and the spans their fields rest on; other formats have none. It is read in
        the language it was recorded in; a report recorded before the language was kept is read
        in the detected one first, then the others, until the ids are those recorded from it
        (``--lang`` may have chosen another reading).
        """
        from trucewatch.ingest.news import EXTRACTED_FORMATS

        if report.format not in EXTRACTED_FORMATS or report.published is None:
            return {}
        from trucewatch.extract import to_strike
        from trucewatch.extract.dispatch import extract_any
        from trucewatch.extract.lang import LANGUAGES, detect_language

        day = report.published.astimezone(KYIV_ZONE).date()
        if report.lang is not None:
            tries: tuple[str, ...] = (report.lang,)
        else:
            detected = detect_language(report.content)
            tries = (detected, *(other for other in LANGUAGES if other != detected))
        recorded: set[str] | None = None
        first: dict[str, dict[str, list[tuple[int, int]]]] | None = None
        for lang in tries:
            found = {
                to_strike(s, report.id, day).id: {k: list(v) for k, v in s.evidence.items()}
                for s in extract_any(report.content, day, lang).strikes
            }
            if first is None:
                first = found
            if recorded is None:
                recorded = set(self.ledger.strikes_citing(report.id, 200))
            if not recorded or recorded & found.keys():
                return found
        return first or {}

    def responses(
        self, *, policy: str | None = None, as_of: datetime | None = None
    ) -> list[ReadingResponse]:
        """The response protocol over every reading of every confirmed pledge, now (or at
        ``as_of``), from the stored verdicts (nothing is re-judged)."""
        from trucewatch.respond.service import all_responses

        return all_responses(
            self,
            _policy(policy),
            as_of=as_of,
            pledges=self.pledges(include_drafts=False),
            verdicts=self.stored_verdicts(what_if=True),
        )

    def brief_html(self, day: date, *, policy: str | None = None) -> str:
        """The daily brief for a Kyiv day as one self-contained HTML page."""
        from trucewatch.report.render import render_html

        return render_html(self.brief(day, policy=policy))

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


def _check_news_args(source: str | None, lang: str | None) -> None:
    """A source named by nothing (``--source ""``) is E104; a language we do not read, E196."""
    from trucewatch.extract.dispatch import check_language

    if source is not None and not source.strip():
        raise InputError(
            f"source {source!r} is empty; name who published it (outlet or agency)", code="E104"
        )
    problem = None if source is None else name_problem(source)
    if problem is not None:
        raise InputError(f"source {source!r} {problem}", code="E104")
    check_language(lang, "lang")


def _reading_spans(
    pledges: Sequence[Pledge], reading: str | None = None
) -> list[tuple[datetime | None, datetime | None]]:
    """The dated windows of the pledges' readings (of ``reading``'s only, when given)."""
    return [
        (rd.start, rd.end)
        for p in pledges
        for rd in p.readings
        if (reading is None or rd.by == reading) and (rd.start or rd.end)
    ]


def _with_sources(strike: Strike, reports: dict[str, Report]) -> Strike:
    """The strike with the names of who published its reports (for the verdicts' evidence)."""
    names = tuple(dict.fromkeys(reports[r].source for r in strike.reports if r in reports))
    return strike.model_copy(update={"sources": names}) if names else strike


def _policy(policy: Policy | str | Path | None) -> Policy:
    """A policy given as itself, a bundled id, a file, or None for the default."""
    from trucewatch.respond.policy import Policy
    from trucewatch.respond.service import get_policy

    return policy if isinstance(policy, Policy) else get_policy(policy)


def open(db: str | None = None) -> Trucewatch:
    """Open (creating if needed) the ledger at a SQLite path or a ``postgresql://`` URL."""
    return Trucewatch(db)
