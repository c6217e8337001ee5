"""``trucewatch extract``, ``ingest text|html|rss`` and ``pledges confirm``: the news side."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from trucewatch.api import NewsResult
from trucewatch.cli.common import console, tw
from trucewatch.errors import InputError
from trucewatch.model import SourceKind


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"{option}: {text!r} is not a date; write YYYY-MM-DD", code="E104"
        ) from exc


def _report(result: NewsResult) -> None:
    s = result.summary
    console.print(
        f"{result.source}: {result.rows} texts, {s.reports_new} new reports "
        f"({s.reports_known} known), {s.strikes_new} new strikes, {s.strikes_amended} amended, "
        f"{len(result.drafts)} draft pledges",
        highlight=False,
    )
    for draft in result.drafts:
        console.print(f"  draft pledge {draft}: review, then `trucewatch pledges confirm {draft}`")


def extract(
    file: Annotated[
        Path | None, typer.Argument(help="Text file to read ('-' or none: standard input).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (resolves 'overnight').")
    ] = None,
    jsonl: Annotated[
        Path | None, typer.Option(help='JSON-lines batch: {"id","published","text"} per line.')
    ] = None,
    evidence: Annotated[
        bool, typer.Option(help="Include the character spans behind each field.")
    ] = False,
) -> None:
    """Extract strikes and pledges from news text as JSON (extraction contract v2)."""
    from trucewatch.extract import Extractor

    extractor = Extractor()
    if jsonl is not None:
        for item_id, result in extractor.extract_many(_batch(jsonl)):
            line = {"id": item_id, **result.to_json(evidence=evidence)}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    day = _day(published, "--published")
    if day is None:
        raise InputError("--published YYYY-MM-DD is required for a single text", code="E104")
    if file is None or str(file) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc.strerror or exc}", code="E102") from exc
    result = extractor.extract(text, day)
    sys.stdout.write(
        json.dumps(result.to_json(evidence=evidence), ensure_ascii=False, indent=2) + "\n"
    )


def _batch(path: Path) -> list[tuple[str, str, date]]:
    """Read a JSON-lines batch, naming the line of any bad entry."""
    items: list[tuple[str, str, date]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", code="E102") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            items.append(
                (str(obj["id"]), str(obj["text"]), date.fromisoformat(str(obj["published"])))
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f'{path}:{number}: expected {{"id", "published": "YYYY-MM-DD", "text"}} ({exc})',
                code="E173",
            ) from exc
    return items


def ingest_text(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Plain text file.")],
    published: Annotated[str, typer.Option(help="Publication date YYYY-MM-DD.")],
    source: Annotated[str, typer.Option(help="Who published it (outlet or agency).")],
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
) -> None:
    """Ingest one news text: a report, the strikes it describes, and draft pledges."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror or exc}", code="E102") from exc
    day = _day(published, "--published")
    assert day is not None
    _report(tw(ctx).ingest_text(text, published=day, source=source, kind=kind, url=url))


def ingest_html(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="HTML file or http(s) URL.")],
    source: Annotated[str | None, typer.Option(help="Outlet (default: the URL's host).")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date, when the page does not say.")
    ] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
) -> None:
    """Ingest a news page: its main text (trafilatura), strikes and draft pledges."""
    day = _day(published, "--published")
    _report(tw(ctx).ingest_html(target, source=source, kind=kind, published=day))


def ingest_rss(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="RSS/Atom file or http(s) URL.")],
    source: Annotated[str | None, typer.Option(help="Outlet (default: each link's host).")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Source kind.")] = SourceKind.MEDIA,
) -> None:
    """Ingest a news feed: each item a report, with its strikes and draft pledges."""
    _report(tw(ctx).ingest_rss(target, source=source, kind=kind))


def confirm(
    ctx: typer.Context,
    pledge_id: Annotated[str, typer.Argument(help="Id of a drafted pledge.")],
) -> None:
    """Confirm a pledge the extractor drafted, so the judge counts it."""
    console.print(f"{pledge_id}: {tw(ctx).confirm_pledge(pledge_id)}", highlight=False)


def register(app: typer.Typer, ingest_app: typer.Typer, pledges_app: typer.Typer) -> None:
    app.command("extract")(extract)
    ingest_app.command("text")(ingest_text)
    ingest_app.command("html")(ingest_html)
    ingest_app.command("rss")(ingest_rss)
    pledges_app.command("confirm")(confirm)
