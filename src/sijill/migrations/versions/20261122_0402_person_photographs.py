"""person photographs

Revision ID: 0402
Revises: 0501
Create Date: 2026-11-22 03:10:19.995259
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0402"
down_revision: str | None = "0501"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_photo",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_photo_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_photo")),
    )
    with op.batch_alter_table("person_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_photo_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_photo_person_id"))

    op.drop_table("person_photo")
