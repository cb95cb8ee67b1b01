"""dedup review queue and merges

Revision ID: 0102
Revises: 0101
Create Date: 2026-11-22 00:26:16.649835
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0102"
down_revision: str | None = "0101"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dedup_pair",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_a_id", sa.Uuid(), nullable=False),
        sa.Column("person_b_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=12), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("fingerprint_a", sa.String(length=64), nullable=False),
        sa.Column("fingerprint_b", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["job_id"], ["job.id"], name=op.f("fk_dedup_pair_job_id_job")),
        sa.ForeignKeyConstraint(
            ["person_a_id"], ["person.id"], name=op.f("fk_dedup_pair_person_a_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"], ["person.id"], name=op.f("fk_dedup_pair_person_b_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dedup_pair")),
        sa.UniqueConstraint("person_a_id", "person_b_id", name=op.f("uq_dedup_pair_person_a_id")),
    )
    with op.batch_alter_table("dedup_pair", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dedup_pair_person_a_id"), ["person_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dedup_pair_person_b_id"), ["person_b_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dedup_pair_status"), ["status"], unique=False)

    op.create_table(
        "person_merge",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("pair_id", sa.Uuid(), nullable=False),
        sa.Column("survivor_id", sa.Uuid(), nullable=False),
        sa.Column("merged_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_by_id", sa.Uuid(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("undone_by", sa.String(length=64), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_id"], ["person.id"], name=op.f("fk_person_merge_merged_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["dedup_pair.id"], name=op.f("fk_person_merge_pair_id_dedup_pair")
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["app_user.id"],
            name=op.f("fk_person_merge_proposed_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["survivor_id"], ["person.id"], name=op.f("fk_person_merge_survivor_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merge")),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_merge_merged_id"), ["merged_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merge_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merge_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_merge_survivor_id"), ["survivor_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_merge_survivor_id"))
        batch_op.drop_index(batch_op.f("ix_person_merge_status"))
        batch_op.drop_index(batch_op.f("ix_person_merge_pair_id"))
        batch_op.drop_index(batch_op.f("ix_person_merge_merged_id"))

    op.drop_table("person_merge")
    with op.batch_alter_table("dedup_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dedup_pair_status"))
        batch_op.drop_index(batch_op.f("ix_dedup_pair_person_b_id"))
        batch_op.drop_index(batch_op.f("ix_dedup_pair_person_a_id"))

    op.drop_table("dedup_pair")
