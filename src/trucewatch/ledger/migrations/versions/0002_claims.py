"""Claims: public statements about pledges, projected from ``claim.*`` entries.

Revision ID: 0002_claims
Revises: 0002_scale
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_claims"
down_revision = "0002_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("said", sa.String(32), nullable=False),
        sa.Column("speaker", sa.String(8)),
        sa.Column("pledge", sa.String(80)),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_pledge", "claims", ["pledge"])


def downgrade() -> None:
    op.drop_index("ix_claims_pledge", table_name="claims")
    op.drop_table("claims")
