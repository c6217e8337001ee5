"""Ingest runs: each ingest is recorded as started, then finished, so a cut-short one shows.

Revision ID: 0003_reliab
Revises: 0002_reliab
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_reliab"
down_revision = "0002_reliab"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("outcome", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("ingest_runs")
