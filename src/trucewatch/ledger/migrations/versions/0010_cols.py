"""The judged and listed fields of a strike as columns of the ``strikes`` projection, backfilled
from the payloads, so that the judge and ``strikes list`` read columns instead of decoding JSON.

Revision ID: 0010_cols
Revises: 0009_mergeq
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010_cols"
down_revision = "0009_mergeq"
branch_labels = None
depends_on = None

PAGE = 20_000


def _added() -> list[sa.Column[Any]]:
    from trucewatch.ledger.schema import strikes

    old = {"id", "attacker", "start", "end", "version", "seq", "retracted", "payload"}
    return [c for c in strikes.columns if c.name not in old]


def upgrade() -> None:
    added = _added()
    for column in added:
        op.add_column("strikes", sa.Column(column.name, column.type, nullable=True))
    _backfill(op.get_bind(), [c.name for c in added])


def _backfill(conn: sa.Connection, names: list[str]) -> None:
    """Fill the new columns of every strike from its payload, read a page of ids at a time."""
    from trucewatch.ledger.projections import strike_columns
    from trucewatch.ledger.schema import strikes

    postgres = conn.dialect.name == "postgresql"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cols = ", ".join(f'"{n}"' for n in names)
    if postgres:
        cursor.execute(
            f"CREATE TEMP TABLE strike_cols ON COMMIT DROP AS SELECT id, {cols} FROM strikes "
            "WITH NO DATA"
        )
        sets = ", ".join(f'"{n}" = c."{n}"' for n in names)
    else:
        sets = ", ".join(f'"{n}" = ?' for n in names)
    last: str | None = None
    while True:
        query = sa.select(strikes.c.id, strikes.c.payload).order_by(strikes.c.id).limit(PAGE)
        if last is not None:
            query = query.where(strikes.c.id > last)
        page = conn.execute(query).all()
        if not page:
            break
        last = page[-1][0]
        rows = [(sid, strike_columns(json.loads(payload))) for sid, payload in page]
        if postgres:
            with cursor.copy(f"COPY strike_cols (id, {cols}) FROM STDIN") as copy:
                for sid, values in rows:
                    copy.write_row((sid, *(values[n] for n in names)))
        else:
            cursor.executemany(
                f"UPDATE strikes SET {sets} WHERE id = ?",
                [(*(values[n] for n in names), sid) for sid, values in rows],
            )
    if postgres:  # one join of every strike: a join per page scanned the table each time
        cursor.execute("ANALYZE strike_cols")
        cursor.execute(f"UPDATE strikes s SET {sets} FROM strike_cols c WHERE s.id = c.id")


def downgrade() -> None:
    with op.batch_alter_table("strikes") as batch:
        for column in reversed(_added()):
            batch.drop_column(column.name)
