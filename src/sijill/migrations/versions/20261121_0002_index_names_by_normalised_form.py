"""Index names by their normalised form, so that an exact spelling is found first

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 21:58:36.579145
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person_name", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_normalised"), ["normalised"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_normalised"))
