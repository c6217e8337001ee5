"""Access tokens of the shared service (web): name, role, scrypt hash, revocation.

Revision ID: 0002_web
Revises: 0002_claims
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_web"
down_revision = "0002_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("tokens")
