"""``trucewatch ingest ...``: bring reports from files, pages and feeds into the ledger."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from trucewatch._inputs import check_text
from trucewatch.api import NewsResult
from trucewatch.cli import crash
from trucewatch.cli.common import (
    MAX_ERRORS_SHOWN,
    PARTIAL,
    LangOpt,
    console,
    err_console,
    ingest_with_progress,
    parse_date,
    read_text_arg,
    report_result,
    tw,
)
from trucewatch.ingest.registry import READERS
from trucewatch.model import SourceKind
from trucewatch.plural import noun

app = typer.Typer(help="Ingest reports from files into the ledger.", no_args_is_help=True)

_HELP = {
    "acled": "Ingest an ACLED CSV export (31 columns); re-issued events amend, never duplicate.",
    "ucdp": "Ingest a UCDP GED CSV file.",
    "gdelt": "Ingest a GDELT 2.0 events export (61 tab-separated columns, no header).",
    "viina": "Ingest VIINA event_info (with --labels event_labels) files.",
    "viina-rebuild": "Ingest a VIINA-derived 'rebuild' CSV.",
}


@app.command("airforce")
def ingest_airforce(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="missile_attacks_daily.csv (Petro Ivaniuk layout).")],
    models: Annotated[
        Path | None, typer.Option(help="missiles_and_uavs.csv reference of weapon categories.")
    ] = None,
) -> None:
    """Ingest Ukrainian Air Force daily attack records; bad rows are reported and skipped."""
    report_result(tw(ctx).ingest_airforce(path, models))


def _ingest_command(fmt: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="The input file.")],
        labels: Annotated[
            Path | None, typer.Option(help="VIINA event_labels file (viina only).")
        ] = None,
    ) -> None:
        report_result(ingest_with_progress(tw(ctx), fmt, path, labels))

    command.__doc__ = _HELP[fmt] + " Bad rows are reported with line numbers and skipped."
    return command


for _fmt in READERS:
    app.command(_fmt)(_ingest_command(_fmt))


def report_news(result: NewsResult) -> None:
    """Say what a news ingest added; a feed's skipped items are named and exit 3 (partial),
    or 2 when no item could be used."""
    s = result.summary
    for error in result.errors[:MAX_ERRORS_SHOWN]:
        err_console.print(f"[yellow]skipped[/yellow] {error}", highlight=False, soft_wrap=True)
    # an item the extractor failed on (E899): its traceback goes to the error log
    failed = [e.__cause__ for e in result.errors if e.code == "E899" and e.__cause__]
    if failed:
        logs = sorted({str(crash.record(cause, sys.argv)) for cause in failed})
        err_console.print(f"(the E899 tracebacks are in {', '.join(logs)})", highlight=False)
    if (more := len(result.errors) - MAX_ERRORS_SHOWN) > 0:
        err_console.print(f"... and {more} more bad {noun(more, 'item')}")
    for warning in result.warnings[:MAX_ERRORS_SHOWN]:
        err_console.print(f"[yellow]warning[/yellow] {warning}", highlight=False, soft_wrap=True)
    if (more := len(result.warnings) - MAX_ERRORS_SHOWN) > 0:
        err_console.print(f"... and {more} more {noun(more, 'warning')}")
    console.print(
        f"{result.source}: {result.rows} {noun(result.rows, 'text')}, "
        f"{s.reports_new} new {noun(s.reports_new, 'report')} ({s.reports_known} known), "
        f"{s.strikes_new} new {noun(s.strikes_new, 'strike')}, {s.strikes_amended} amended, "
        f"{len(result.drafts)} draft {noun(len(result.drafts), 'pledge')}, "
        f"{len(result.claims)} {noun(len(result.claims), 'claim')}",
        highlight=False,
    )
    for draft in result.drafts:
        console.print(f"  draft pledge {draft}: review, then `trucewatch pledges confirm {draft}`")
    for claim in result.claims:
        console.print(f"  claim {claim}: see `trucewatch claims show {claim}`")
    if result.errors:
        raise typer.Exit(PARTIAL if result.rows > len(result.errors) else 2)


@app.command("text")
def ingest_text(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Plain text file ('-': standard input).")],
    published: Annotated[str, typer.Option(help="Publication date YYYY-MM-DD.")],
    source: Annotated[str, typer.Option(help="Who published it (outlet or agency).")],
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
    lang: LangOpt = None,
) -> None:
    """Ingest one news text: a report, the strikes it describes, and draft pledges."""
    day = parse_date(published, "--published")
    assert day is not None
    name, text = read_text_arg(file)
    check_text(text, name)
    report_news(
        tw(ctx).ingest_text(text, published=day, source=source, kind=kind, url=url, lang=lang)
    )


@app.command("html")
def ingest_html(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="HTML file or http(s) URL.")],
    source: Annotated[
        str | None,
        typer.Option(
            help="Outlet (default: the host of the page's canonical link or URL, else its "
            "og:site_name, else the file's name)."
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD; overrides the page's own date metadata, and is "
            "needed when the page has none (a date in its body text is never taken for it)."
        ),
    ] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
    lang: LangOpt = None,
) -> None:
    """Ingest a news page: its main text (trafilatura), strikes and draft pledges."""
    day = parse_date(published, "--published")
    report_news(tw(ctx).ingest_html(target, source=source, kind=kind, published=day, lang=lang))


@app.command("rss")
def ingest_rss(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="RSS/Atom file or http(s) URL.")],
    source: Annotated[
        str | None,
        typer.Option(
            help="Outlet (default: each item's link host; an item without a link: the host of "
            "the feed's link or URL, else the feed's title, else the file's name)."
        ),
    ] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
    lang: LangOpt = None,
) -> None:
    """Ingest a news feed: each item a report (dated by the feed), with its strikes and draft
    pledges."""
    report_news(tw(ctx).ingest_rss(target, source=source, kind=kind, lang=lang))
