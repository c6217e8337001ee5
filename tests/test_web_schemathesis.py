"""Schemathesis over the served /openapi.json: generated requests never get a 5xx.

Every operation is called anonymously and with an admin token (so the write endpoints read
their bodies instead of stopping at 401), a bounded number of examples each so CI stays fast.
Left out: ``/ingest/url`` (it would fetch the generated address from the network) and
``/events`` (a stream that stays open for minutes by design); both have their own tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

import trucewatch
from trucewatch.web import create_app
from webserver import demo_ledger, serving

EXAMPLES = 12
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    db = str(Path(tmp_path_factory.mktemp("schemathesis")) / "tw.db")
    demo_ledger(db)
    with trucewatch.open(db) as tw:
        TOKEN["admin"] = tw.create_token("fuzz", "admin")[1]
    app = create_app(db)
    try:
        with serving(app) as base:
            yield schemathesis.openapi.from_url(f"{base}/openapi.json")
    finally:
        app.state.desk.tw.close()


SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
SKIPPED = r"/ingest/url$|/events$"


def _fuzz(schema: schemathesis.BaseSchema, headers: dict[str, str]) -> list[str]:
    """Every operation, EXAMPLES generated cases each; a line per operation that got a 5xx."""
    problems: list[str] = []
    operations = 0
    for result in schema.exclude(path_regex=SKIPPED).get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @SETTINGS
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers=headers, timeout=120)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} query={case.query!r} "
                f"body={str(case.body)[:200]!r} -> {response.status_code}: {response.text[:300]}"
            )

        try:
            run()
        except AssertionError as exc:
            problems.append(str(exc).splitlines()[0])
    assert operations > 20, f"only {operations} operations found in /openapi.json"
    return problems


def test_no_server_errors_anonymous(web_schema: schemathesis.BaseSchema) -> None:
    assert _fuzz(web_schema, {}) == []


def test_no_server_errors_admin(web_schema: schemathesis.BaseSchema) -> None:
    assert _fuzz(web_schema, {"Authorization": f"Bearer {TOKEN['admin']}"}) == []
