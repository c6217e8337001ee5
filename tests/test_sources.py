"""fetch gdelt / viina / acled against a local HTTP server standing in for the public sites."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from trucewatch.errors import FetchError
from trucewatch.ingest.sources import fetch_acled, fetch_gdelt, fetch_viina

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SECRET = "hunter2-not-for-logs"


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


class _Site:
    """The public sites' answers, served by pytest-httpserver; ``seen`` (path, Authorization)."""

    base = ""
    seen: ClassVar[list[tuple[str, str]]] = []

    @classmethod
    def answer(cls, request: Request) -> Response:
        query = request.query_string.decode()
        path = request.path + (f"?{query}" if query else "")
        cls.seen.append((path, request.headers.get("Authorization") or ""))
        if request.method == "POST":
            body = request.get_data(as_text=True)
            if path == "/oauth/token" and SECRET in body:
                token = json.dumps({"access_token": "token-123"})
                return Response(token, 200, content_type="application/json")
            return Response(f"bad login for {body}", 400)
        gdelt = (FIXTURES / "gdelt_export.CSV").read_bytes()
        if path == "/gdeltv2/lastupdate.txt":
            lines = [
                f"123 abc {cls.base}/gdeltv2/20260203001500.export.CSV.zip",
                f"456 def {cls.base}/gdeltv2/20260203001500.mentions.CSV.zip",
            ]
            return Response("\n".join(lines), 200, content_type="text/plain")
        if path == "/gdeltv2/20260203001500.export.CSV.zip":
            return Response(_zip("20260203001500.export.CSV", gdelt), 200)
        if path.startswith("/viina/event_info_latest_2025.zip"):
            info = (FIXTURES / "viina_event_info.csv").read_bytes()
            return Response(_zip("event_info_latest_2025.csv", info), 200)
        if path.startswith("/viina/event_labels_latest_2025.zip"):
            labels = (FIXTURES / "viina_event_labels.csv").read_bytes()
            return Response(_zip("event_labels_latest_2025.csv", labels), 200)
        if path.startswith("/api/acled/read"):
            if request.headers.get("Authorization") != "Bearer token-123":
                return Response("no", 401)
            return Response((FIXTURES / "acled.csv").read_bytes(), 200, content_type="text/csv")
        return Response("missing", 404)


@pytest.fixture
def site(httpserver: HTTPServer) -> str:
    _Site.base = httpserver.url_for("").rstrip("/")
    _Site.seen = []
    httpserver.expect_request(re.compile("/.*")).respond_with_handler(_Site.answer)
    return _Site.base


def test_gdelt_newest_file_from_lastupdate(site: str, tmp_path: Path) -> None:
    path = fetch_gdelt(tmp_path, lastupdate=f"{site}/gdeltv2/lastupdate.txt")
    assert path.name == "20260203001500.export.CSV"
    assert path.read_bytes() == (FIXTURES / "gdelt_export.CSV").read_bytes()


def test_viina_year_files(site: str, tmp_path: Path) -> None:
    info, labels = fetch_viina(tmp_path, 2025, base=f"{site}/viina")
    assert info.read_bytes() == (FIXTURES / "viina_event_info.csv").read_bytes()
    assert labels.name == "event_labels_latest_2025.csv"


def test_acled_uses_the_users_account_and_never_prints_it(
    site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ACLED_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("ACLED_USERNAME", raising=False)
    monkeypatch.delenv("ACLED_PASSWORD", raising=False)
    with pytest.raises(FetchError, match="ACLED_USERNAME"):
        fetch_acled(tmp_path, base=site)
    monkeypatch.setenv("ACLED_USERNAME", "analyst@example.org")
    monkeypatch.setenv("ACLED_PASSWORD", "wrong")
    with pytest.raises(FetchError) as refused:
        fetch_acled(tmp_path, base=site)
    assert "wrong" not in str(refused.value) and "HTTP 400" in str(refused.value)
    monkeypatch.setenv("ACLED_PASSWORD", SECRET)
    path = fetch_acled(tmp_path, base=site, since=date(2024, 1, 1))
    assert path.read_bytes() == (FIXTURES / "acled.csv").read_bytes()
    read = [p for p, _ in _Site.seen if p.startswith("/api/acled/read")]
    assert "event_date=2024-01-01" in read[-1] and "country=Ukraine" in read[-1]
    assert all(SECRET not in p for p, _ in _Site.seen)
