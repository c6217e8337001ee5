"""Pages and feeds read over HTTP take the charset of the Content-Type header when the document
declares none; the HTML standard's order decides otherwise: a BOM, then the header, then the
document's own declaration. A local server of ours sends windows-1251 text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from conftest import run_cli
from trucewatch.api import Trucewatch
from trucewatch.ingest.charset import header_charset, html_text

RU = "Этой ночью российские войска атаковали Харьков 40 ударными беспилотниками."
PAGE = (
    "<html><head>{meta}<title>Атака</title>"
    '<meta property="article:published_time" content="2026-02-03T08:00:00+02:00"></head>'
    f"<body><article><h1>Атака на Харьков</h1><p>{RU} Погибли три человека.</p>"
    "</article></body></html>"
)
FEED = (
    "<rss version='2.0'><channel><title>Лента</title><item><guid>k1</guid>"
    "<pubDate>Tue, 03 Feb 2026 09:00:00 +0200</pubDate>"
    f"<description>{RU}</description></item></channel></rss>"
)


def _serve(server: HTTPServer, path: str, body: bytes, content_type: str) -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type)
    return server.url_for(path)


def _content(db: Path) -> str:
    with Trucewatch(str(db)) as tw:
        return "\n".join(r.content for r in tw.reports())


def test_a_page_without_a_declaration_is_read_in_the_header_charset(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    body = PAGE.format(meta="").encode("cp1251")
    url = _serve(httpserver, "/ru.html", body, "text/html; charset=windows-1251")
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        tw.ingest_html(url)
    assert RU in _content(tmp_path / "tw.db")


def test_the_cli_reads_a_feed_in_the_header_charset(httpserver: HTTPServer, tmp_path: Path) -> None:
    url = _serve(
        httpserver, "/feed", FEED.encode("cp1251"), 'application/rss+xml; charset="Windows-1251"'
    )
    out = run_cli("ingest", "rss", url, db=tmp_path / "tw.db")
    assert out.returncode == 0, out.stderr
    assert RU in _content(tmp_path / "tw.db")


def test_fetch_telegram_reads_the_header_charset_also_from_its_cache(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    post = f'<div class="tgme_widget_message_text js-message_text">{RU}</div>'
    page = (
        '<html><body><div class="tgme_widget_message" data-post="ch_test/3">'
        f'{post}<time datetime="2026-02-03T09:00:00+00:00">11:00</time></div></body></html>'
    )
    url = _serve(httpserver, "/s/ch_test", page.encode("cp1251"), "text/html; charset=cp1251")
    cmd = ["fetch", "telegram", "ch_test", "--url", url, "--cache", str(tmp_path / "cache")]
    out = run_cli(*cmd, db=tmp_path / "tw.db")
    assert out.returncode == 0, out.stderr
    assert RU in _content(tmp_path / "tw.db")
    httpserver.clear()  # down: the cached copy is read again, in the charset it came with
    httpserver.expect_request("/s/ch_test").respond_with_data("down", status=503)
    again = run_cli(*cmd, db=tmp_path / "again.db")
    assert again.returncode == 0, again.stderr
    assert RU in _content(tmp_path / "again.db")


def test_the_order_is_bom_then_header_then_the_page() -> None:
    # the header beats the page's <meta> (both could read these bytes)
    meta_koi = PAGE.format(meta='<meta charset="koi8-r">').encode("cp1251")
    assert RU in html_text(meta_koi, "p.html", "text/html; charset=windows-1251")
    # a BOM beats the header
    bom = codecs.BOM_UTF8 + PAGE.format(meta="").encode("utf-8")
    assert RU in html_text(bom, "p.html", "text/html; charset=windows-1251")
    # the page's own declaration is used when the header names none (or one nobody knows)
    meta_1251 = PAGE.format(meta='<meta charset="windows-1251">').encode("cp1251")
    for header in (None, "text/html", "text/html; charset=x-nonsense"):
        assert RU in html_text(meta_1251, "p.html", header)
    # a header that cannot read the bytes gives way to the page's declaration that can
    assert RU in html_text(meta_1251, "p.html", "text/html; charset=utf-8")


def test_header_charset_reads_the_parameter() -> None:
    assert header_charset('text/html; charset="UTF-8"') == "utf-8"
    assert header_charset("text/html;charset=windows-1251; foo=bar") == "windows-1251"
    assert header_charset("text/html; charset=ISO-8859-1") == "windows-1252"
    assert header_charset("text/html") is None
    assert header_charset(None) is None
    assert header_charset("text/html; charset=x-nonsense") is None


@pytest.mark.parametrize("declaration", ["", '<?xml version="1.0" encoding="utf-8"?>'])
def test_a_feed_in_an_undeclared_charset_is_refused_not_stored_garbled(
    tmp_path: Path, declaration: str
) -> None:
    """feedparser falls back to windows-1252 when no declared charset reads the bytes: a
    windows-1251 feed was stored as 'Ýòîé íî÷üþ'. Like a page, it is E805 naming the byte."""
    feed = tmp_path / "feed.xml"
    feed.write_bytes((declaration + FEED).encode("cp1251"))
    out = run_cli("ingest", "rss", str(feed), db=tmp_path / "tw.db")
    assert out.returncode == 2 and "E805" in out.stderr and "byte 0x" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    with Trucewatch(str(tmp_path / "tw.db")) as tw:
        assert tw.reports() == []
