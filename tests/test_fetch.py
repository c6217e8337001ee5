"""``fetch airforce`` against a local HTTP server serving the shared copy (no outside network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from conftest import AIRFORCE, LocalSite, needs_shared, run_cli
from trucewatch.errors import FetchError
from trucewatch.ingest.fetch import download


@pytest.fixture
def server(local_site: LocalSite) -> tuple[str, Path]:
    return local_site.url, local_site.root


def _modified_since(site: LocalSite) -> list[str]:
    return [headers.get("If-Modified-Since", "") for _, headers in site.requests]


@needs_shared
def test_fetch_airforce_downloads_caches_and_ingests(
    server: tuple[str, Path], local_site: LocalSite, tmp_path: Path
) -> None:
    base, root = server
    shutil.copy(AIRFORCE, root / "missile_attacks_daily.csv")
    cache = tmp_path / "cache"
    db = tmp_path / "tw.db"
    cmd = [
        "fetch",
        "airforce",
        "--url",
        f"{base}/missile_attacks_daily.csv",
        "--cache",
        str(cache),
    ]
    first = run_cli(*cmd, db=db)
    assert first.returncode == 0, first.stderr
    assert "new reports" in first.stdout
    assert (cache / "missile_attacks_daily.csv").read_bytes() == AIRFORCE.read_bytes()
    second = run_cli(*cmd, db=db)
    assert second.returncode == 0 and "nothing new" in second.stdout
    # The second request was conditional on the cached copy's Last-Modified.
    hits = _modified_since(local_site)
    assert hits[0] == "" and hits[1] != ""


def test_download_unpacks_a_zip_and_reports_http_errors(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    import zipfile

    base, root = server
    with zipfile.ZipFile(root / "bundle.zip", "w") as archive:
        archive.writestr("data/missile_attacks_daily.csv", "time_start,time_end\n")
    path = download(f"{base}/bundle.zip", tmp_path / "c", "missile_attacks_daily.csv")
    assert path.read_text() == "time_start,time_end\n"
    with pytest.raises(FetchError, match="HTTP 404"):
        download(f"{base}/missing.csv", tmp_path / "d", "x.csv")


def test_unreachable_server_uses_the_cache_or_says_why(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="cannot download"):
        download("http://127.0.0.1:9/none.csv", tmp_path / "e", "none.csv", timeout=2)
    cached = tmp_path / "f" / "none.csv"
    cached.parent.mkdir()
    cached.write_text("cached")
    assert download("http://127.0.0.1:9/none.csv", tmp_path / "f", "none.csv", timeout=2) == cached


def test_a_page_is_read_streamed_with_retries_and_a_size_limit(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """``get_bytes`` (news pages, GDELT's index): a 503 is asked again, a page over the limit
    is refused while it streams (E804), other statuses and a dead server are FetchErrors."""
    from trucewatch._http import get_bytes
    from trucewatch.errors import InputError

    httpserver.expect_ordered_request("/flaky").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data("<p>the page</p>")
    assert get_bytes(httpserver.url_for("/flaky"), limit=1000, backoff=0.01) == b"<p>the page</p>"
    httpserver.expect_request("/big").respond_with_data("x" * 5000)
    with pytest.raises(InputError) as info:
        get_bytes(httpserver.url_for("/big"), limit=1000)
    assert info.value.code == "E804" and "TRUCEWATCH_MAX_FILE_BYTES" in str(info.value)
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match="HTTP 404") as gone:
        get_bytes(httpserver.url_for("/gone"), limit=1000)
    assert gone.value.code == "E403"
    with pytest.raises(FetchError, match="cannot download") as dead:
        get_bytes("http://127.0.0.1:9/none", limit=1000, timeout=2, backoff=0.01)
    assert dead.value.code == "E401"
