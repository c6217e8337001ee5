"""The longest member span kept (``merge_longest``): the stored merge's scan for the clusters
open at a point seeks to that point minus it, instead of reading every member before it.

Revision ID: 0009_mergeq
Revises: 0008_desk
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_mergeq"
down_revision = "0008_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from trucewatch.ledger.schema import merge_longest
    from trucewatch.merge.stored import longest_member

    op.create_table(
        "merge_longest",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    conn = op.get_bind()
    seconds = longest_member(conn).total_seconds()  # no row yet: the longest stored now
    conn.execute(sa.insert(merge_longest).values(id=1, seconds=seconds))


def downgrade() -> None:
    op.drop_table("merge_longest")
