"""The Python API every command and the web layer sit on: ``trucewatch.open(db)``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import polars as pl

from trucewatch.errors import NotFoundError, RowError
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.news import NewsItem
from trucewatch.judge.engine import Judge
from trucewatch.ledger import checkpoint as checkpoints
from trucewatch.ledger import runs
from trucewatch.ledger.chain import StoredEntry
from trucewatch.ledger.checkpoint import Checkpoint, CheckpointCheck
from trucewatch.ledger.store import Ledger, RecordSummary, VerifyResult
from trucewatch.model import Pledge, Report, SourceKind, Strike, Verdict

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
    ) -> IngestResult:
        """Record what a reader yields, ``batch`` items per transaction (constant memory).

        Bad rows are collected and skipped; the good ones are kept. A strike that the same
        input reports again in a later batch is amended, never duplicated.
        """
        run = runs.started(self.ledger.engine, note or f"ingest {source}")
        try:
            result = self._ingest(items, source, note, on_item, batch)
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
                result.summary.add(self.ledger.record(reports, strikes, note=note))
                reports, strikes = [], []
            if on_item is not None:
                on_item()
        result.summary.add(self.ledger.record(reports, strikes, note=note))
        return result

    def ingest_format(
        self,
        fmt: str,
        path: Path,
        *,
        labels: Path | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> IngestResult:
        """Ingest a dataset file: ``acled``, ``ucdp``, ``gdelt``, ``viina``, ``viina-rebuild``."""
        from trucewatch.ingest.registry import reader_for

        items = reader_for(fmt)(path, labels=labels, progress=progress)
        return self.ingest(items, source=str(path), note=f"ingest {fmt} {path.name}")

    def ingest_airforce(self, path: Path, models: Path | None = None) -> IngestResult:
        """Ingest an air-force ``missile_attacks_daily.csv``."""
        from trucewatch.ingest.airforce import read_airforce
        from trucewatch.ingest.weapons import WeaponTable

        table = WeaponTable.from_reference(models) if models else WeaponTable()
        return self.ingest(
            read_airforce(path, table), source=str(path), note=f"ingest airforce {path.name}"
        )

    def ingest_news(
        self,
        items: Iterable[NewsItem],
        *,
        fmt: str,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        published: date | None = None,
    ) -> NewsResult:
        """Record news texts as reports, their extracted strikes, and their pledges as drafts."""
        from trucewatch.ingest.news import news_record, source_name

        result = NewsResult(source or fmt, RecordSummary())
        for item in items:
            name = source or source_name(item.url, fmt)
            record = news_record(item, source=name, kind=kind, fmt=fmt, published=published)
            result.rows += 1
            result.summary.add(self.ledger.record([record.report], record.strikes))
            for draft in record.pledges:
                if (
                    self.ledger.add_pledge(draft, note=f"drafted from {record.report.id}")
                    == "added"
                ):
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
    ) -> NewsResult:
        """One plain news text."""
        from trucewatch.ingest.news import NewsItem

        item = NewsItem(text=text, published=published, url=url, locator=source)
        return self.ingest_news([item], fmt="text", source=source, kind=kind)

    def ingest_html(
        self,
        target: str,
        *,
        source: str | None = None,
        kind: SourceKind = SourceKind.MEDIA,
        published: date | None = None,
    ) -> NewsResult:
        """An HTML page (file or URL): its main text by trafilatura."""
        from trucewatch.ingest.news import html_item, read_source

        raw, url = read_source(target)
        item = html_item(raw, url, target)
        return self.ingest_news([item], fmt="html", source=source, kind=kind, published=published)

    def ingest_rss(
        self, target: str, *, source: str | None = None, kind: SourceKind = SourceKind.MEDIA
    ) -> NewsResult:
        """An RSS or Atom feed (file or URL): each item a report."""
        from trucewatch.ingest.news import read_source, rss_items

        raw, _ = read_source(target)
        return self.ingest_news(rss_items(raw, target), fmt="rss", source=source, kind=kind)

    def confirm_pledge(self, pledge_id: str) -> str:
        """A person confirms a drafted pledge: a new ledger entry without the draft mark."""
        pledge = self.pledge(pledge_id)
        if not pledge.draft:
            return "unchanged"
        return self.ledger.add_pledge(pledge.model_copy(update={"draft": False}), note="confirmed")

    # -- pledges -------------------------------------------------------------------------

    def add_pledges(self, paths: Sequence[Path]) -> list[tuple[str, str]]:
        """Validate pledge files (all of them first) and add or amend each pledge."""
        from trucewatch.pledgefile import load_pledge_files

        loaded = load_pledge_files(list(paths))
        return [(p.id, self.ledger.add_pledge(p)) for p in loaded]

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

    def checkpoint(
        self, key: Path, out: Path | None = None, *, new_key: bool = False
    ) -> Checkpoint:
        """Sign the ledger's head with the ed25519 key in ``key`` (created when ``new_key``),
        append the checkpoint to the log and write it to ``out``."""
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


def open(db: str | None = None) -> Trucewatch:
    """Open (creating if needed) the ledger at a SQLite path or a ``postgresql://`` URL."""
    return Trucewatch(db)
