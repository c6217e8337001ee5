"""News in: plain text, HTML pages (main text by trafilatura) and RSS/Atom feeds (feedparser).

Each text is a Report; the extractor's strikes are recorded citing it, and its pledges become
drafts (``draft: true``) until a person confirms them (``pledges confirm ID``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from time import struct_time
from typing import Any, NamedTuple
from urllib.parse import urlparse

from trucewatch._inputs import YEAR_MAX, YEAR_MIN, check_text, decode, limits, read_file
from trucewatch.errors import InputError
from trucewatch.ingest.charset import declared_charset, header_charset, html_text
from trucewatch.model import Claim, Pledge, Report, SourceKind, Strike
from trucewatch.times import KYIV_ZONE, kyiv_date, kyiv_midnight

__all__ = [
    "EXTRACTED_FORMATS",
    "Document",
    "NewsItem",
    "NewsRecord",
    "future_warning",
    "html_item",
    "is_url",
    "news_record",
    "read_source",
    "rss_items",
    "source_name",
    "text_forms",
]


@dataclass(frozen=True)
class NewsItem:
    """One text as received, with what is known of where and when it was published."""

    text: str
    published: date | None
    url: str | None
    title: str | None = None
    locator: str | None = None
    lang: str | None = None  # "en", "uk" or "ru"; None: detected from the text
    # who published it when it has no URL to name them by: a page's og:site_name, else the
    # name of the file it was read from
    site: str | None = None


@dataclass(frozen=True)
class NewsRecord:
    """A news report and what was extracted from it, with the claims it reports."""

    report: Report
    strikes: tuple[Strike, ...]
    pledges: tuple[Pledge, ...]
    claims: tuple[Claim, ...] = ()


#: The formats whose reports are texts the extractor read (the evidence re-reads them).
EXTRACTED_FORMATS = frozenset({"text", "html", "rss", "telegram"})


def is_url(target: str) -> bool:
    # not urlparse: it raises on a malformed address ("http://[::1"), which the fetch names
    return target.split(":", 1)[0].lower() in ("http", "https")


class Document(NamedTuple):
    """What was read: the bytes, the URL (for a web page) and the HTTP Content-Type it came with."""

    raw: bytes
    url: str | None = None
    content_type: str | None = None


def text_forms(text: str) -> tuple[str, ...]:
    """The forms under which the ledger may hold ``text``: the form to store first, then the
    others the same text may have been stored as, most likely first.

    A text is stored with LF line endings, no blanks at the end of a line and at most one final
    newline, so the same text given with CRLF or trailing blanks is the same report. An LF text
    without trailing blanks is stored as given: its id is the id it always had. Texts stored
    before the rule (a CRLF text, a text with trailing blanks) are found by their form as given
    or, without a final newline or with one, by the stored form.
    """
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    core = "\n".join(line.rstrip() for line in lf.split("\n")).rstrip("\n")
    stored = core + "\n" if core and lf.endswith("\n") else core
    return tuple(dict.fromkeys((stored, text, lf, core, core + "\n")))


def read_source(target: str, *, timeout: float = 30.0, public_only: bool = False) -> Document:
    """The bytes of a file or URL, with the URL and its Content-Type when it was one.

    ``public_only`` (a server fetching what its callers name): a public http(s) address only;
    internal addresses (E176) and files on this machine (E175) are refused.
    """
    if is_url(target):
        from trucewatch._http import get_typed  # httpx is loaded when a page is fetched

        raw, content_type = get_typed(
            target, limit=limits().file_bytes, timeout=timeout, public_only=public_only
        )
        return Document(raw, target, content_type)
    if public_only:
        raise InputError(f"{target!r} is not an http(s) address; give a web page", code="E175")
    return Document(read_file(Path(target)))


def html_item(raw: bytes, url: str | None, name: str, content_type: str | None = None) -> NewsItem:
    """The main text of an HTML page (read in its declared charset, ``charset.py``), with its
    date, title and canonical URL when the page gives them."""
    import trafilatura

    html = html_text(raw, name, content_type)
    text = _main_text(html, url=url, page=True)
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the page", code="E170")
    # Only the page's own date (its meta tags, JSON-LD, <time> and date markup, its URL)
    # counts: the extensive search would take any date in the body ("14 January 2024") for it.
    meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    published: date | None = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    title = meta.title if meta is not None else None
    canonical = (meta.url if meta is not None else None) or url
    site = (meta.sitename if meta is not None else None) or None
    if site is None and url is None:
        site = Path(name).name
    return NewsItem(
        text=text, published=published, url=canonical, title=title, locator=name, site=site
    )


def _struct_date(value: struct_time | None) -> date | None:
    """The Kyiv-local day of a feed time (feedparser gives every ``*_parsed`` time in UTC)."""
    if value is None:
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except ValueError:
        return None
    return kyiv_date(moment)


def rss_items(raw: bytes, name: str, content_type: str | None = None) -> Iterator[NewsItem]:
    """Every item of an RSS or Atom feed: title and summary (or content) as its text;
    ``content_type`` is the HTTP header it came with (feedparser weighs its charset). An item
    without a link of its own is named (``site``) by the host of the feed's link, else of the
    feed's URL, else by the feed's title, else by its file's name."""
    import feedparser

    headers = {"content-type": content_type} if content_type else None
    feed = feedparser.parse(_NO_CHARACTER.sub(_no_character, raw), response_headers=headers)
    if _guessed_charset(feed, raw, content_type):
        # no declared charset read the bytes and feedparser fell back to windows-1252: the
        # text would be stored garbled ("Ýòîé íî÷üþ"); refuse it as a page is refused
        decode(
            raw, name, "utf-8", "the feed declares no charset that reads it; re-save it as UTF-8"
        )
    if feed.bozo and not feed.entries:
        raise InputError(
            f"{name}: not a readable RSS/Atom feed ({feed.bozo_exception})", code="E171"
        )
    channel = feed.get("feed", {})
    url = name if is_url(name) else None
    site = (
        source_name(channel.get("link"), "")
        or source_name(url, "")
        or (channel.get("title") or "").strip()
        or Path(name).name
    )
    for i, entry in enumerate(feed.entries, start=1):
        parts = [entry.get("title", "")]
        if entry.get("content"):
            parts.extend(c.get("value", "") for c in entry["content"])
        else:
            parts.append(entry.get("summary", ""))
        text = "\n\n".join(_plain(p) for p in parts if p)
        published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield NewsItem(
            text=text,
            published=published,
            url=entry.get("link"),
            title=entry.get("title"),
            locator=f"{name}#{entry.get('id') or i}",
            site=site,
        )


#: A numeric character reference: feedparser's loose parser raises on one naming no character.
_CHARREF = rb"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<dec>[0-9]+));"
_NO_CHARACTER = re.compile(_CHARREF)


def _no_character(m: re.Match[bytes]) -> bytes:
    """A reference to a surrogate or past U+10FFFF ("&#xD800;", "&#x110000;") as U+FFFD, the
    mark of a character lost, which the text policy refuses by item as a page's parser has it;
    every other reference as written."""
    base = 16 if m["hex"] is not None else 10
    digits = (m["hex"] or m["dec"]).lstrip(b"0") or b"0"
    code = int(digits, base) if len(digits) <= 8 else -1  # more digits: past U+10FFFF
    if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return m.group()
    return b"&#xFFFD;"


def _guessed_charset(feed: Any, raw: bytes, content_type: str | None) -> bool:
    """feedparser read the feed as windows-1252 though nothing declared it."""
    import feedparser

    if not isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        return False
    declared = {declared_charset(raw), header_charset(content_type)}
    return feed.get("encoding") == "windows-1252" and "windows-1252" not in declared


def _plain(fragment: str) -> str:
    """Feed summaries are often HTML: keep the text."""
    if "<" not in fragment:
        return fragment.strip()
    text = _main_text(f"<html><body><p>{fragment}</p></body></html>")
    return (text or "").strip()


# A space grouping a number's thousands ("1&nbsp;200"): trafilatura writes every space as " ",
# and "1 200" reads as two numbers. It is carried through as a mark, then put back as U+00A0.
_GROUP_SPACE = re.compile(
    r"(?<=\d)(?:&(?:nbsp|thinsp|numsp|#160|#xa0|#8199|#x2007|#8201|#x2009|#8239|#x202f);|"
    r"[\u00a0\u2007\u2009\u202f])(?=\d{3}(?!\d))",
    re.I,
)
_GROUP_MARK = "\u2027"  # a hyphenation point: trafilatura keeps it
_MARKED = re.compile(rf"(?<=\d){_GROUP_MARK}(?=\d)")


def _main_text(html: str, url: str | None = None, page: bool = False) -> str | None:
    """The main text of an HTML page (without its comments and tables) or of a fragment, by
    trafilatura, its numbers' thousands still grouped."""
    import trafilatura

    marked = _GROUP_SPACE.sub(_GROUP_MARK, html)
    if page:
        text = trafilatura.extract(marked, url=url, include_comments=False, include_tables=False)
    else:
        text = trafilatura.extract(marked, url=url)
    return None if text is None else _MARKED.sub("\u00a0", text)


def news_record(
    item: NewsItem,
    *,
    source: str,
    kind: SourceKind,
    fmt: str,
    published: date | None = None,
    in_feed: bool = False,
) -> NewsRecord:
    """Extract strikes, draft pledges and claims from one text and wrap it as a report.

    ``published`` overrides the item's own date. A feed's items (``in_feed``) carry their own
    dates and cannot be given one by hand, so their date errors do not advise --published.
    """
    from trucewatch.claims.text import claims_from_extraction
    from trucewatch.extract import to_pledge_draft, to_strike
    from trucewatch.extract.dispatch import extract_any
    from trucewatch.extract.lang import detect_language

    day = published or item.published
    advice = "the feed gives no usable date for it" if in_feed else "pass --published YYYY-MM-DD"
    if day is None:
        raise InputError(
            f"{item.locator or source}: publication date unknown; {advice}", code="E172"
        )
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise InputError(
            f"{item.locator or source}: published {day} is outside the years "
            f"{YEAR_MIN}-{YEAR_MAX}; {advice}",
            code="E808",
        )
    check_text(item.text, item.locator or source)
    lang = item.lang or detect_language(item.text)
    report = Report.of_content(
        item.text,
        source=source,
        source_kind=kind,
        format=fmt,
        url=item.url,
        published=kyiv_midnight(day),
        locator=item.locator,
        lang=lang,
    )
    found = extract_any(item.text, day, lang)
    strikes = tuple(_claimed(to_strike(s, report.id, day), kind) for s in found.strikes)
    pledges = tuple(to_pledge_draft(p, report.id, day) for p in found.pledges)
    # A claim quotes its sentence and names its speaker, window and count by English words
    # ("Peskov said", "more than 100 times"); in a Ukrainian or Russian text none are found
    # and the source's party would stand in for the speaker, so only English makes claims.
    claims = tuple(claims_from_extraction(found, report, day)) if lang == "en" else ()
    return NewsRecord(report, strikes, pledges, claims)


def _claimed(strike: Strike, kind: SourceKind) -> Strike:
    """A party's official text is that party's account, as the air-force rows are UA's;
    a claim the text itself attributes (to whoever it quotes) stands."""
    if strike.claimed_by is not None or kind.party is None:
        return strike
    return strike.model_copy(update={"claimed_by": kind.party})


def future_warning(day: date, where: str) -> str | None:
    """A warning when a publication day lies after today in Kyiv (a typo, most often), else
    None: "overnight" in it resolves to a night that has not come."""
    today = datetime.now(KYIV_ZONE).date()
    if day <= today:
        return None
    return (
        f"{where}: published {day} is after today ({today} in Kyiv); its strikes are dated "
        "from it. Check the date."
    )


def source_name(url: str | None, fallback: str) -> str:
    """A source named by the host of its URL (``www.`` dropped), else the fallback."""
    if url:
        host = urlparse(url).hostname
        if host:
            return host.removeprefix("www.")
    return fallback
