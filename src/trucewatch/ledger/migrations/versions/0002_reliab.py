"""The chain head row exists from the start, so concurrent first writers lock the same row.

Revision ID: 0002_reliab
Revises: 0002_web

Before this, the first append created the head row, and two writers on an empty PostgreSQL
ledger could both see "no head" and collide on ``entries_pkey``. A ledger that already holds
entries but no head row has been tampered with; it is left as it is so ``verify`` reports it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_reliab"
down_revision = "0002_web"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    conn = op.get_bind()
    heads = conn.execute(sa.text("SELECT count(*) FROM chain_head")).scalar_one()
    logged = conn.execute(sa.text("SELECT count(*) FROM entries")).scalar_one()
    if not heads and not logged:
        conn.execute(
            sa.text("INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, :genesis)"),
            {"genesis": GENESIS},
        )


def downgrade() -> None:
    op.execute("DELETE FROM chain_head WHERE seq = 0")
