"""Shared fixtures: fresh ledgers on SQLite and on the real PostgreSQL, and the shared data."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import threading
import traceback
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings
from pytest_httpserver import HTTPServer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import NotFound
from werkzeug.utils import send_from_directory
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from datetime import date

    from trucewatch.extract import Extractor

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AIRFORCE = SHARED / "data" / "petroivaniuk_missile_attacks" / "missile_attacks_daily.csv"
MODELS = SHARED / "data" / "petroivaniuk_missile_attacks" / "missiles_and_uavs.csv"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Hypothesis profiles (issue 11). Tests that set no max_examples of their own (the property
# suite in test_properties.py) run 2,000 examples per target under ``ci`` (.ci/run sets
# $TRUCEWATCH_HYPOTHESIS=ci), 100,000 under ``nightly`` ($TRUCEWATCH_HYPOTHESIS=nightly;
# bench/properties.py runs it target by target with a wall-clock cap), and 200 under ``dev``,
# the default for local runs.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
# ``ci`` is derandomized: a clean clone's run shows exactly what CI will find (new random
# cases are nightly's job).
settings.register_profile(
    "ci", max_examples=2000, deadline=None, suppress_health_check=_QUIET, derandomize=True
)
settings.register_profile(
    "nightly", max_examples=100_000, deadline=None, suppress_health_check=_QUIET
)
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("TRUCEWATCH_HYPOTHESIS", "dev"))


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Downloads and watch state go to a temporary cache, never the user's ~/.cache/trucewatch."""
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver (the tests' one local HTTP server) listens on 127.0.0.1 only."""
    return ("127.0.0.1", 0)


@dataclass
class LocalSite:
    """A static web site on 127.0.0.1 serving the files in ``root``; ``requests`` it saw."""

    root: Path
    url: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
def local_site(tmp_path: Path, httpserver: HTTPServer) -> LocalSite:
    """The files of a folder, served by pytest-httpserver (conditional GET included)."""
    site = LocalSite(tmp_path / "www", url=httpserver.url_for("").rstrip("/"))
    site.root.mkdir()

    def serve(request: Request) -> Response:
        query = request.query_string.decode()
        site.requests.append(
            (request.path + (f"?{query}" if query else ""), dict(request.headers.items()))
        )
        try:
            return send_from_directory(site.root, request.path.lstrip("/"), request.environ)
        except NotFound:
            return Response("not found", status=404)

    httpserver.expect_request(re.compile("/.*"), method="GET").respond_with_handler(serve)
    return site


@dataclass
class Receiver:
    """What the local webhook saw; ``fail_next`` makes it answer ``fail_status`` N times."""

    url: str = ""
    fail_next: int = 0
    fail_status: int = 503
    requests: int = 0
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def delivered(self) -> Counter[str]:
        """How many times each alert key was accepted."""
        return Counter(b["key"] for b in self.bodies)

    def seen(self) -> list[tuple[str, str | None]]:
        """(kind, strike or stage) of each accepted alert, in order."""
        return [
            (b["kind"], b["strike"] if b["kind"] == "breach" else str(b["stage"]))
            for b in self.bodies
        ]


@pytest.fixture
def receiver(httpserver: HTTPServer) -> Receiver:
    """A webhook on pytest-httpserver that counts what arrives and can fail on purpose."""
    state = Receiver(url=httpserver.url_for("/hook"))

    def accept(request: Request) -> Response:
        body = json.loads(request.get_data())
        with state.lock:
            state.requests += 1
            failing = state.fail_next > 0
            if failing:
                state.fail_next -= 1
            else:
                state.bodies.append(body)
                state.headers.append(request.headers.get("Idempotency-Key") or "")
        return Response(status=state.fail_status if failing else 200)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(accept)
    return state


@dataclass
class CliResult:
    """What a command printed and its exit code (named as subprocess names them)."""

    returncode: int
    stdout: str
    stderr: str


def bench_module(name: str) -> Any:
    """``bench/<name>.py`` loaded as a module (its synthetic-data writers serve tests too)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(scope="session")
def ex() -> Extractor:
    """One English extractor for every extraction test (building one loads spaCy)."""
    from trucewatch.extract import Extractor

    return Extractor()


def contract_pledges(ex: Extractor, text: str, published: date) -> list[dict[str, Any]]:
    """The pledges an extractor reads in a text, as the contract's JSON objects."""
    result: list[dict[str, Any]] = ex.extract(text, published).to_contract()["pledges"]
    return result


def sides_told(ex: Extractor, text: str, published: date) -> set[tuple[str, str]]:
    """Each pledge a text tells as (party, status)."""
    return {(p["party"], p["status"]) for p in contract_pledges(ex, text, published)}
