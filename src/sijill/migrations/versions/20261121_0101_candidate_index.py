"""Candidate index: blocking keys of every person, for duplicate checks and name search

Revision ID: 0101
Revises: 0201
Create Date: 2026-11-21 23:58:04.937152
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0101"
down_revision: str | None = "0201"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidate_key",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("dob_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_candidate_key_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_key")),
    )
    with op.batch_alter_table("candidate_key", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_key_key_dob_year", ["key", "dob_year", "person_id", "sex"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_candidate_key_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("candidate_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_key_person_id"))
        batch_op.drop_index("ix_candidate_key_key_dob_year")

    op.drop_table("candidate_key")
