"""Incremental verdicts: the stored verdicts of every confirmed pledge reading and its protocol
state, kept up to date by each write (judge/stored.py, respond/stored.py).

Revision ID: 0006_incr
Revises: 0005_web
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_incr"
down_revision = "0005_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verdicts",
        sa.Column("pledge", sa.String(80), primary_key=True),
        sa.Column("reading", sa.String(80), primary_key=True),
        sa.Column("strike", sa.String(40), primary_key=True),
        sa.Column("start", sa.String(32), nullable=False),
        sa.Column("end", sa.String(32), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("in_force", sa.Boolean, nullable=False),
        sa.Column("breach_at", sa.String(32)),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_verdicts_strike", "verdicts", ["strike"])
    op.create_table(
        "reading_states",
        sa.Column("pledge", sa.String(80), primary_key=True),
        sa.Column("reading", sa.String(80), primary_key=True),
        sa.Column("policy", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("as_of", sa.String(32), nullable=False),
        sa.Column("stage", sa.Integer),
        sa.Column("breaches", sa.Integer, nullable=False),
        sa.Column("undetermined", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    # Existing ledgers fill both tables from their log: `trucewatch rebuild` (verify says so).


def downgrade() -> None:
    op.drop_table("reading_states")
    op.drop_index("ix_verdicts_strike", "verdicts")
    op.drop_table("verdicts")
