"""Holds on a person (screening hits, manual holds) that stop papers, permits, transfers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 23:30:49.386774
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_hold",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_by", sa.String(length=64), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=64), nullable=True),
        sa.Column("release_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_hold_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_hold")),
    )
    with op.batch_alter_table("person_hold", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_hold_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_hold", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_hold_person_id"))

    op.drop_table("person_hold")
