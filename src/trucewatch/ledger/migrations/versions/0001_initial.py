"""The append-only log, its head, and the first projections.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_entries_key", "entries", ["key"])
    op.create_table(
        "chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("upstream_key", sa.String(200)),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("source_kind", sa.String(20), nullable=False),
        sa.Column("published", sa.String(32)),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_reports_upstream", "reports", ["format", "upstream_key"])
    op.create_table(
        "strikes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("attacker", sa.String(8)),
        sa.Column("start", sa.String(32), nullable=False),
        sa.Column("end", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("retracted", sa.Boolean, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_strikes_time", "strikes", ["start", "end"])
    op.create_table(
        "strike_reports",
        sa.Column("strike_id", sa.String(40), primary_key=True),
        sa.Column("report_id", sa.String(40), primary_key=True),
    )
    op.create_index("ix_strike_reports_report", "strike_reports", ["report_id"])
    op.create_table(
        "pledges",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("draft", sa.Boolean, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("pledges", "strike_reports", "strikes", "reports", "chain_head", "entries"):
        op.drop_table(name)
