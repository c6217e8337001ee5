"""merge.v1 as a maintained projection: the cluster of every recorded strike.

Revision ID: 0002_scale
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_scale"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_members",
        sa.Column("strike_id", sa.String(40), primary_key=True),
        sa.Column("cluster_id", sa.String(40), nullable=False),
        sa.Column("attacker", sa.String(8)),
        sa.Column("start", sa.String(32), nullable=False),
        sa.Column("end", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_merge_members_cluster", "merge_members", ["cluster_id"])
    op.create_index("ix_merge_members_time", "merge_members", ["attacker", "start"])
    op.create_index("ix_merge_members_end", "merge_members", ["end"])
    # A ledger that already holds strikes gets its clusters computed from them now.
    from trucewatch.merge.stored import rebuild_clusters

    rebuild_clusters(op.get_bind())


def downgrade() -> None:
    op.drop_table("merge_members")
