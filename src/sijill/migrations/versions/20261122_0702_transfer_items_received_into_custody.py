"""Transfer items received into custody (the arms intake that took each weapon)

Revision ID: 0702
Revises: 0202
Create Date: 2026-11-22 03:39:21.678783
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0702"
down_revision: str | None = "0202"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("transfer_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intake_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_transfer_item_intake_id_weapon_intake"),
            "weapon_intake",
            ["intake_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("transfer_item", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_transfer_item_intake_id_weapon_intake"), type_="foreignkey"
        )
        batch_op.drop_column("intake_id")
