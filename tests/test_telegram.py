"""``fetch telegram``: a channel's preview page of our own, served on 127.0.0.1, read as a feed."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from conftest import LocalSite, run_cli
from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.ingest.telegram import channel_name, preview_url, telegram_items
from trucewatch.model import SourceKind

PAGE = Path(__file__).parent / "fixtures" / "news" / "telegram-preview.html"


def test_posts_are_read_with_their_text_kyiv_date_and_link() -> None:
    items = list(telegram_items(PAGE.read_bytes(), locator=PAGE.name))
    assert [i.url for i in items] == [
        "https://t.me/testchannel/102",
        "https://t.me/testchannel/103",
    ]
    # 07:45 UTC is 09:45 in Kyiv; 22:30 UTC on 3 February is already 4 February there.
    assert [i.published for i in items] == [date(2026, 2, 3), date(2026, 2, 4)]
    assert items[0].text.startswith("⚡️Повітряні сили ЗСУ") and "\n" in items[0].text


@pytest.mark.parametrize(
    ("given", "name"),
    [("kpszsu", "kpszsu"), ("@kpszsu", "kpszsu"), ("https://t.me/s/kpszsu", "kpszsu")],
)
def test_channel_names(given: str, name: str) -> None:
    assert channel_name(given) == name
    assert preview_url(name) == "https://t.me/s/kpszsu"


@pytest.mark.parametrize("given", ["", "ab", "https://example.org/x", "bad name", "1abcde"])
def test_bad_channel_names_are_typed_errors(given: str) -> None:
    with pytest.raises(InputError) as err:
        channel_name(given)
    assert err.value.code == "E197"


def test_a_page_that_is_not_a_preview_is_a_typed_error() -> None:
    with pytest.raises(InputError) as err:
        list(telegram_items(b"<html><body><p>hello</p></body></html>", locator="x.html"))
    assert err.value.code == "E198" and "x.html" in str(err.value)


def test_fetch_telegram_ingests_posts_caches_and_reuses_the_cache(
    local_site: LocalSite, httpserver: HTTPServer, tmp_path: Path
) -> None:
    base, root = local_site.url, local_site.root
    (root / "s").mkdir()
    shutil.copy(PAGE, root / "s" / "testchannel")
    db, cache = tmp_path / "tw.db", tmp_path / "cache"
    cmd = [
        "fetch", "telegram",
        "@testchannel", "--url", f"{base}/s/testchannel", "--cache", str(cache),
        "--kind", "official_ua",
    ]  # fmt: skip
    first = run_cli(*cmd, db=db)
    assert first.returncode == 0, first.stderr
    assert "2 texts, 2 new reports" in first.stdout
    assert (cache / "telegram" / "testchannel.html").read_bytes() == PAGE.read_bytes()
    with Trucewatch(str(db)) as tw:
        strikes = tw.strike_records(merged=False)
        reports = tw.reports()
    assert {r.source for r in reports} == {"t.me/testchannel"}
    assert {r.source_kind for r in reports} == {SourceKind.OFFICIAL_UA}
    launched = [s.drones.min for s in strikes if s.drones is not None]
    assert launched == [450]
    httpserver.clear()  # the site is down: the cached page is read again, nothing new
    httpserver.expect_request(re.compile("/.*")).respond_with_data("down", status=503)
    again = run_cli(*cmd, db=db)
    assert again.returncode == 0, again.stderr
    assert "2 texts, 0 new reports" in again.stdout
    bad = run_cli(*cmd[:2], "no such", db=db)
    assert bad.returncode != 0 and "E197" in bad.stderr and "Traceback" not in bad.stderr


def _preview(*posts: tuple[int, str]) -> bytes:
    """A preview page of our own with the given (number, inner bubble HTML) posts."""
    body = "".join(
        f'<div class="tgme_widget_message js-widget_message" data-post="ch_test/{n}">'
        f'<div class="tgme_widget_message_bubble">{inner}'
        f'<time datetime="2026-02-03T09:00:00+00:00">11:00</time></div></div>'
        for n, inner in posts
    )
    return f"<html><body><section>{body}</section></body></html>".encode()


def test_a_reply_is_read_with_its_own_text_not_the_quoted_parent() -> None:
    quoted = (
        '<a class="tgme_widget_message_reply" href="https://t.me/ch_test/1">'
        '<div class="tgme_widget_message_text js-message_reply_text">Parent: 450 drones.</div>'
        "</a>"
    )
    own = '<div class="tgme_widget_message_text js-message_text">Update: 3 killed in Odesa.</div>'
    (item,) = telegram_items(_preview((2, quoted + own)), locator="p.html")
    assert item.text == "Update: 3 killed in Odesa." and item.url == "https://t.me/ch_test/2"


def test_a_post_without_words_is_skipped_like_a_photo() -> None:
    emoji = '<div class="tgme_widget_message_text js-message_text">⚡️🚀</div>'
    words = '<div class="tgme_widget_message_text js-message_text">Тривога у Києві.</div>'
    items = list(telegram_items(_preview((1, emoji), (2, words)), locator="p.html"))
    assert [i.url for i in items] == ["https://t.me/ch_test/2"]


def test_fetch_telegram_takes_the_language(local_site: LocalSite, tmp_path: Path) -> None:
    text = "В ночь на 3 февраля над Курской областью уничтожено 20 украинских беспилотников."
    post = f'<div class="tgme_widget_message_text js-message_text">{text}</div>'
    (local_site.root / "s").mkdir()
    (local_site.root / "s" / "ch_test").write_bytes(_preview((7, post)))
    db = tmp_path / "tw.db"
    out = run_cli(
        "fetch", "telegram", "ch_test", "--url", f"{local_site.url}/s/ch_test",
        "--cache", str(tmp_path / "cache"), "--lang", "ru", db=db,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    with Trucewatch(str(db)) as tw:
        (strike,) = tw.strike_records()
    assert [p.name for p in strike.places] == ["Kursk Oblast"]


UK_POST = "Цієї ночі ворог атакував Одесу 25 ударними безпілотниками."


def test_a_strike_from_a_post_traces_back_to_its_channel_and_words(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """The trace from a strike to its sources covers a post: the evidence spans of its
    Ukrainian text, and the strike's page names the channel and links the post."""
    import httpx

    from trucewatch.web import create_app
    from webserver import serving

    post = f'<div class="tgme_widget_message_text js-message_text">{UK_POST}</div>'
    (local_site.root / "s").mkdir()
    (local_site.root / "s" / "ch_test").write_bytes(_preview((9, post)))
    db = tmp_path / "tw.db"
    with Trucewatch(str(db)) as tw:
        tw.ingest_telegram("ch_test", url=f"{local_site.url}/s/ch_test", cache=tmp_path / "cache")
        (report,) = tw.reports()
        (strike,) = tw.strike_records(merged=False)
        spans = tw.evidence(report)
    assert list(spans) == [strike.id]
    assert [UK_POST[a:b] for a, b in spans[strike.id]["drones"]] == ["25 ударними безпілотниками"]
    assert [UK_POST[a:b] for a, b in spans[strike.id]["places"]] == ["Одесу"]
    app = create_app(str(db))
    with serving(app) as base:
        html = httpx.get(f"{base}/strikes/{strike.id}", headers={"Accept": "text/html"}).text
    app.state.desk.tw.close()
    assert ">t.me/ch_test</a>" in html and 'href="https://t.me/ch_test/9"' in html
    assert '<mark data-field="places" title="places">Одесу</mark>' in html
