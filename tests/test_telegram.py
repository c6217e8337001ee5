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
