"""The Python API every command and the web layer sit on: ``trucewatch.open(db)``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from trucewatch.errors import NotFoundError, RowError
from trucewatch.ingest.base import Parsed
from trucewatch.ingest.news import NewsItem
from trucewatch.judge.engine import Judge
from trucewatch.ledger.chain import StoredEntry
from trucewatch.ledger.store import Ledger, RecordSummary, VerifyResult
from trucewatch.model import Claim, Pledge, Report, SourceKind, Strike, Verdict

if TYPE_CHECKING:
    from trucewatch.claims.check import ClaimCheck
    from trucewatch.claims.link import Link
    from trucewatch.claims.service import Recorded

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
            if record.claims:
                done = self.record_claims(record.claims, note=f"said in {record.report.id}")
                result.claims.extend(r.claim.id for r in done if r.outcome != "unchanged")
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
            self.strike_records(),
            lambda ids: {r.id: r for r in self.reports(ids)},
            pledge=pledge,
            claim=claim_id,
        )

    # -- integrity -----------------------------------------------------------------------

    def verify(self) -> VerifyResult:
        return self.ledger.verify()

    def rebuild(self) -> int:
        return self.ledger.rebuild()


def open(db: str | None = None) -> Trucewatch:
    """Open (creating if needed) the ledger at a SQLite path or a ``postgresql://`` URL."""
    return Trucewatch(db)
