"""Bring a database to the newest schema with Alembic (run on every open; cheap when current)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine


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
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
