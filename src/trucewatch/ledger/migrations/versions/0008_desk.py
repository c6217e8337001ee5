"""The protocol state's lookups of one reading's breaches by time (respond/stored.py: an
episode's first, deciding and last breach before a change) read an index, not the reading.

Revision ID: 0008_desk
Revises: 0007_desk
"""

from __future__ import annotations

from alembic import op

revision = "0008_desk"
down_revision = "0007_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_verdicts_breach_at", "verdicts", ["pledge", "reading", "breach_at", "strike"]
    )


def downgrade() -> None:
    op.drop_index("ix_verdicts_breach_at", "verdicts")
