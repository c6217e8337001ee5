"""``fetch telegram``: a channel's preview page of our own, served on 127.0.0.1, read as a feed."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from trucewatch.api import Trucewatch
from trucewatch.errors import InputError
from trucewatch.ingest.telegram import channel_name, preview_url, telegram_items
from trucewatch.model import SourceKind

PAGE = Path(__file__).parent / "fixtures" / "news" / "telegram-preview.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, http.server.ThreadingHTTPServer]]:
    root = tmp_path / "www"
    (root / "s").mkdir(parents=True)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root, httpd
    httpd.shutdown()
    httpd.server_close()


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
    server: tuple[str, Path, http.server.ThreadingHTTPServer], tmp_path: Path
) -> None:
    base, root, httpd = server
    shutil.copy(PAGE, root / "s" / "testchannel")
    db, cache = tmp_path / "tw.db", tmp_path / "cache"
    cmd = [
        sys.executable, "-m", "trucewatch", "--db", str(db), "fetch", "telegram",
        "@testchannel", "--url", f"{base}/s/testchannel", "--cache", str(cache),
        "--kind", "official_ua",
    ]  # fmt: skip
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
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
    httpd.shutdown()  # the server is gone: the cached page is read again, nothing new
    httpd.server_close()
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "2 texts, 0 new reports" in again.stdout
    bad = subprocess.run([*cmd[:7], "no such"], capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and "E197" in bad.stderr and "Traceback" not in bad.stderr
