"""In-process commands close their ledger: no PostgreSQL connection outlives a command."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from conftest import PG_URL, run_cli


@pytest.mark.postgres
def test_commands_leave_no_connection_open(pg_url: str) -> None:
    name = f"tw_close_{uuid.uuid4().hex[:10]}"
    url = f"{pg_url}&application_name={name}"
    for args in (["pledges", "registry"], ["strikes", "list"], ["verify"]):
        result = run_cli(*args, db=url)
        assert result.returncode == 0, result.stderr
    engine = create_engine(PG_URL)
    try:
        with engine.connect() as conn:
            left = conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n"),
                {"n": name},
            ).scalar_one()
    finally:
        engine.dispose()
    assert left == 0
