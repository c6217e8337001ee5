"""Public Telegram channels through their web preview page (``t.me/s/CHANNEL``), read as a feed.

The preview page lists a channel's latest posts, each with its text, its time and its link.
``fetch telegram`` downloads the page into the cache (so a failed download re-reads the last
copy) and ingests each post as a report, in whatever language it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from trucewatch._inputs import has_words
from trucewatch.errors import InputError
from trucewatch.ingest.charset import html_text
from trucewatch.ingest.news import NewsItem
from trucewatch.times import kyiv_date

__all__ = ["TELEGRAM_BASE", "channel_name", "preview_url", "telegram_items"]

TELEGRAM_BASE = "https://t.me"
#: Telegram's rule for public usernames: 5-32 letters, digits and underscores, a letter first.
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_GIVEN = re.compile(
    r"^(?:https?://)?(?:t\.me|telegram\.me)/(?:s/)?(?P<name>[^/?#]+)/?$|^@?(?P<bare>.+)$"
)


def channel_name(given: str) -> str:
    """The channel's username from "kpszsu", "@kpszsu" or "https://t.me/s/kpszsu"."""
    m = _GIVEN.match(given.strip())
    name = (m.group("name") or m.group("bare")) if m else ""
    if not name or not _USERNAME.match(name):
        raise InputError(
            f"{given!r} is not a public Telegram channel name; give its username "
            "(5-32 letters, digits or _), as in `fetch telegram kpszsu`",
            code="E197",
        )
    return name


def preview_url(channel: str, base: str = TELEGRAM_BASE) -> str:
    """The web preview page of a channel."""
    return f"{base.rstrip('/')}/s/{channel}"


def _kyiv_day(stamp: str | None) -> date | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return kyiv_date(moment)


def telegram_items(
    raw: bytes, *, locator: str | Path, content_type: str | None = None
) -> Iterator[NewsItem]:
    """Each post of a preview page (``content_type``: the HTTP header it came with): its text,
    Kyiv-local date and link, oldest first."""
    import lxml.etree
    import lxml.html

    # lxml reads bytes with no declared charset as Latin-1: decode them first
    html = html_text(raw, str(locator), content_type)
    try:
        page = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(f"{locator}: not an HTML page ({exc})", code="E198") from exc
    posts = page.xpath('//div[contains(concat(" ", @class, " "), " tgme_widget_message ")]')
    if not posts and not page.xpath('//*[contains(@class, "tgme_channel_info")]'):
        raise InputError(
            f"{locator}: not a Telegram channel preview page (no tgme_widget_message posts)",
            code="E198",
        )
    for post in posts:
        # A reply quotes its parent's text inside the reply link: the post's own text is the
        # message text outside it.
        texts = post.xpath(
            './/div[contains(@class, "tgme_widget_message_text")]'
            '[not(ancestor::*[contains(@class, "tgme_widget_message_reply")])]'
        )
        if not texts:
            continue  # a photo or a poll without words
        for br in texts[0].xpath(".//br"):
            br.tail = "\n" + (br.tail or "")
        text = texts[0].text_content().strip()
        if not has_words(text):
            continue  # no words at all ("⚡️🚀"): skipped like a photo
        key = post.get("data-post") or ""
        times = post.xpath(".//time/@datetime")
        yield NewsItem(
            text=text,
            published=_kyiv_day(str(times[0]) if times else None),
            url=f"{TELEGRAM_BASE}/{key}" if key else None,
            title=None,
            locator=f"{locator}#{key.rsplit('/', 1)[-1] if key else '?'}",
        )
