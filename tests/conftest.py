"""Shared fixtures: fresh ledgers on SQLite and on the real PostgreSQL, and the shared data."""

from __future__ import annotations

import functools
import http.server
import io
import os
import threading
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AIRFORCE = SHARED / "data" / "petroivaniuk_missile_attacks" / "missile_attacks_daily.csv"
MODELS = SHARED / "data" / "petroivaniuk_missile_attacks" / "missiles_and_uavs.csv"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Downloads and watch state go to a temporary cache, never the user's ~/.cache/trucewatch."""
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's folder and notes each request's path and headers."""

    site: LocalSite

    def do_GET(self) -> None:
        self.site.requests.append((self.path, dict(self.headers.items())))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class LocalSite:
    """A static web site on 127.0.0.1 serving the files in ``root``; ``requests`` it saw."""

    root: Path
    url: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[LocalSite]:
    """The one local HTTP server of the tests that download files (no outside network)."""
    site = LocalSite(tmp_path / "www")
    site.root.mkdir()
    handler = type("Handler", (_SiteHandler,), {"site": site})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site.root))
    )
    site.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site
    httpd.shutdown()
    httpd.server_close()


@dataclass
class CliResult:
    """What a command printed and its exit code (named as subprocess names them)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: Path | str | None = None, stdin: str | None = None) -> CliResult:
    """Run ``trucewatch ARGS`` in this process (typer's CliRunner), as ``run()`` would.

    A user error is printed and coded by the entry point's own ``user_error``; anything else
    that escapes is a bug, and its traceback goes on stderr so tests that look for one find it.
    """
    from rich.console import Console
    from typer.testing import CliRunner

    from trucewatch.cli.main import app, user_error

    argv = (["--db", str(db)] if db is not None else []) + list(args)
    result = CliRunner().invoke(app, argv, input=stdin)
    stderr, code = result.stderr, result.exit_code
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        translated = user_error(exc)
        if translated is None:
            stderr += "Traceback (most recent call last):\n" + "".join(
                traceback.format_exception(type(exc), exc, exc.__traceback__)
            )
        else:
            line, code = translated
            out = io.StringIO()
            Console(file=out, soft_wrap=True).print(line, highlight=False, soft_wrap=True)
            stderr += out.getvalue()
    return CliResult(code, result.stdout, stderr)


needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason="../shared (the project's shared data) is not beside this clone; CI always has it",
)


def _pg_available() -> bool:
    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except OperationalError:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    return _pg_available()


@pytest.fixture
def pg_url(pg_available: bool) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must test PostgreSQL, but nothing listens on 127.0.0.1:5432 (database test)"
            )
        pytest.skip("PostgreSQL is not listening on 127.0.0.1:5432 (database test)")
    schema = f"tw_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty ledger location on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "tw.db")
    return str(request.getfixturevalue("pg_url"))
