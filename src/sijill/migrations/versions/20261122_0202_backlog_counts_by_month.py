"""backlog counts by month

The backlog reads open pathways counted by month, and by day only in the months where one of its
answers falls; the month counts are filled from the day counts already there.

Revision ID: 0202
Revises: 0402
Create Date: 2026-11-22 03:29:18.792968
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0202"
down_revision: str | None = "0402"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "backlog_month",
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("pathway", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_backlog_month_office_id_office")
        ),
        sa.PrimaryKeyConstraint(
            "office_id", "pathway", "status", "month", name=op.f("pk_backlog_month")
        ),
    )
    with op.batch_alter_table("backlog_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_backlog_month_state_month",
            ["pathway", "status", "month", "office_id", "n"],
            unique=False,
        )

    with op.batch_alter_table("backlog_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backlog_day_state_day"))
        batch_op.create_index(
            "ix_backlog_day_state_day_office",
            ["pathway", "status", "day", "office_id", "n"],
            unique=False,
        )
        batch_op.create_index(
            "ix_backlog_day_day", ["day", "pathway", "office_id", "n"], unique=False
        )

    day = sa.table(
        "backlog_day",
        *[sa.column(c) for c in ("office_id", "pathway", "status", "n")],
        sa.column("day", sa.Date),
    )
    month: sa.ColumnElement[object]
    if op.get_bind().dialect.name == "postgresql":
        month = sa.cast(sa.func.date_trunc("month", day.c.day), sa.Date)
    else:
        month = sa.func.date(day.c.day, "start of month")
    keys = (day.c.office_id, day.c.pathway, day.c.status, month)
    by_month = sa.select(*keys, sa.func.sum(day.c.n)).group_by(*keys)
    months = sa.table(
        "backlog_month", *[sa.column(c) for c in ("office_id", "pathway", "status", "month", "n")]
    )
    op.execute(
        months.insert().from_select(["office_id", "pathway", "status", "month", "n"], by_month)
    )


def downgrade() -> None:
    with op.batch_alter_table("backlog_day", schema=None) as batch_op:
        batch_op.drop_index("ix_backlog_day_day")
        batch_op.drop_index("ix_backlog_day_state_day_office")
        batch_op.create_index(
            batch_op.f("ix_backlog_day_state_day"), ["pathway", "status", "day", "n"], unique=False
        )

    with op.batch_alter_table("backlog_month", schema=None) as batch_op:
        batch_op.drop_index("ix_backlog_month_state_month")

    op.drop_table("backlog_month")
