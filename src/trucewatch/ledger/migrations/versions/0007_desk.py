"""The web service reads stored verdicts: indexes that page them in SQL by strike start, over
every pledge or one (judge/stored.py: verdict_page).

Revision ID: 0007_desk
Revises: 0006_incr
"""

from __future__ import annotations

from alembic import op

revision = "0007_desk"
down_revision = "0006_incr"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_verdicts_walk", "verdicts", ["start", "strike", "pledge", "reading"])
    op.create_index("ix_verdicts_pledge_walk", "verdicts", ["pledge", "start", "strike", "reading"])


def downgrade() -> None:
    op.drop_index("ix_verdicts_pledge_walk", "verdicts")
    op.drop_index("ix_verdicts_walk", "verdicts")
