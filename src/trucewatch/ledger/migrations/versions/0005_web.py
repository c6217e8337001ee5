"""The merged strike list paged in SQL: an index on (start, strike_id) of merge_members.

Revision ID: 0005_web
Revises: 0004_house
"""

from __future__ import annotations

from alembic import op

revision = "0005_web"
down_revision = "0004_house"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_merge_members_walk", "merge_members", ["start", "strike_id"])


def downgrade() -> None:
    op.drop_index("ix_merge_members_walk", "merge_members")
