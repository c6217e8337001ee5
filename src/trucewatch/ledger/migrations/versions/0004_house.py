"""Alert deliveries: what the watch has announced, kept in the ledger database.

Revision ID: 0004_house
Revises: 0003_reliab
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_house"
down_revision = "0003_reliab"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_deliveries",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("claim", sa.String(32), nullable=False),
        sa.Column("claimed_at", sa.String(32), nullable=False),
        sa.Column("delivered_at", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("alert_deliveries")
