"""fetch gdelt / viina / acled against a local HTTP server standing in for the public sites."""

from __future__ import annotations

import http.server
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from trucewatch.errors import FetchError
from trucewatch.ingest.sources import fetch_acled, fetch_gdelt, fetch_viina

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SECRET = "hunter2-not-for-logs"


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


class _Site(http.server.BaseHTTPRequestHandler):
    base = ""
    seen: ClassVar[list[tuple[str, str]]] = []

    def _send(self, status: int, body: bytes, kind: str = "application/octet-stream") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.headers.get("Authorization") or ""))
        gdelt = (FIXTURES / "gdelt_export.CSV").read_bytes()
        if self.path == "/gdeltv2/lastupdate.txt":
            lines = [
                f"123 abc {self.base}/gdeltv2/20260203001500.export.CSV.zip",
                f"456 def {self.base}/gdeltv2/20260203001500.mentions.CSV.zip",
            ]
            self._send(200, "\n".join(lines).encode(), "text/plain")
        elif self.path == "/gdeltv2/20260203001500.export.CSV.zip":
            self._send(200, _zip("20260203001500.export.CSV", gdelt))
        elif self.path.startswith("/viina/event_info_latest_2025.zip"):
            info = (FIXTURES / "viina_event_info.csv").read_bytes()
            self._send(200, _zip("event_info_latest_2025.csv", info))
        elif self.path.startswith("/viina/event_labels_latest_2025.zip"):
            labels = (FIXTURES / "viina_event_labels.csv").read_bytes()
            self._send(200, _zip("event_labels_latest_2025.csv", labels))
        elif self.path.startswith("/api/acled/read"):
            if self.headers.get("Authorization") != "Bearer token-123":
                self._send(401, b"no")
            else:
                self._send(200, (FIXTURES / "acled.csv").read_bytes(), "text/csv")
        else:
            self._send(404, b"missing")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if self.path == "/oauth/token" and SECRET in body:
            self._send(200, json.dumps({"access_token": "token-123"}).encode(), "application/json")
        else:
            self._send(400, f"bad login for {body}".encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Site.seen = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield _Site.base
    httpd.shutdown()
    httpd.server_close()


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
