"""The newest signed checkpoint (the brief's last lines, ``checkpoint verify``) is found through a
partial index of the checkpoint entries, not by scanning the log from its end.

Revision ID: 0011_ckpt
Revises: 0010_cols
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_ckpt"
down_revision = "0010_cols"
branch_labels = None
depends_on = None

_KIND = sa.text("kind = 'checkpoint.signed'")


def upgrade() -> None:
    op.create_index(
        "ix_entries_checkpoints", "entries", ["seq"], sqlite_where=_KIND, postgresql_where=_KIND
    )


def downgrade() -> None:
    op.drop_index("ix_entries_checkpoints", "entries")
