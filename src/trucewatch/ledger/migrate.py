"""Bring a database to the newest schema with Alembic (run on every open; cheap when current)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

__all__ = ["head_revision", "upgrade"]

# Any fixed number: the PostgreSQL advisory lock that serialises concurrent upgrades.
_MIGRATION_LOCK = 0x7472_7563


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("trucewatch.ledger") / "migrations"))
    return cfg


def head_revision() -> str:
    """The newest migration this version of trucewatch knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine) -> None:
    """Apply any migrations the database lacks."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head_revision():
        return
    cfg = _config()
    with engine.begin() as conn:
        # Two processes opening a new ledger at once must not both create its tables: on
        # PostgreSQL they queue on an advisory lock (SQLite's BEGIN IMMEDIATE already does it),
        # and the second finds the schema current.
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
