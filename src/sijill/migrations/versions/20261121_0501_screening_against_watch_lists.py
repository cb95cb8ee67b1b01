"""screening against watch lists

Revision ID: 0501
Revises: 0601
Create Date: 2026-11-21 23:46:25.711595
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0501"
down_revision: str | None = "0601"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watch_list",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("format", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_list")),
        sa.UniqueConstraint("name", name=op.f("uq_watch_list_name")),
    )
    op.create_table(
        "list_snapshot",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("list_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"], ["watch_list.id"], name=op.f("fk_list_snapshot_list_id_watch_list")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_snapshot")),
        sa.UniqueConstraint("list_id", "version", name=op.f("uq_list_snapshot_list_id")),
    )
    with op.batch_alter_table("list_snapshot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_snapshot_list_id"), ["list_id"], unique=False)

    op.create_table(
        "list_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("list_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.String(length=120), nullable=False),
        sa.Column("schema", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("changed_in", sa.Uuid(), nullable=False),
        sa.Column("removed_in", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_in"],
            ["list_snapshot.id"],
            name=op.f("fk_list_entry_changed_in_list_snapshot"),
        ),
        sa.ForeignKeyConstraint(
            ["list_id"], ["watch_list.id"], name=op.f("fk_list_entry_list_id_watch_list")
        ),
        sa.ForeignKeyConstraint(
            ["removed_in"],
            ["list_snapshot.id"],
            name=op.f("fk_list_entry_removed_in_list_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_entry")),
        sa.UniqueConstraint("list_id", "entry_id", name=op.f("uq_list_entry_list_id")),
    )
    with op.batch_alter_table("list_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_entry_list_id"), ["list_id"], unique=False)

    op.create_table(
        "screening_hit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("entry_row_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("algorithm_version", sa.String(length=12), nullable=False),
        sa.Column("person_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("entry_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_row_id"],
            ["list_entry.id"],
            name=op.f("fk_screening_hit_entry_row_id_list_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_screening_hit_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hit")),
        sa.UniqueConstraint(
            "person_id", "entry_row_id", "subject", name=op.f("uq_screening_hit_person_id")
        ),
    )
    with op.batch_alter_table("screening_hit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_screening_hit_entry_row_id"), ["entry_row_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_screening_hit_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_screening_hit_status_score", ["status", "score"], unique=False)

    op.create_table(
        "screening_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("new_hits", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_screening_run_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_run")),
    )
    with op.batch_alter_table("screening_run", schema=None) as batch_op:
        batch_op.create_index("ix_screening_run_person_at", ["person_id", "at"], unique=False)

    op.create_table(
        "snapshot_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("entry_row_id", sa.Uuid(), nullable=False),
        sa.Column("change", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_row_id"],
            ["list_entry.id"],
            name=op.f("fk_snapshot_change_entry_row_id_list_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["list_snapshot.id"],
            name=op.f("fk_snapshot_change_snapshot_id_list_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot_change")),
    )
    with op.batch_alter_table("snapshot_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_snapshot_change_snapshot_id"), ["snapshot_id"], unique=False
        )

    op.create_table(
        "hit_decision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Uuid(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hit.id"], name=op.f("fk_hit_decision_hit_id_screening_hit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_decision")),
    )
    with op.batch_alter_table("hit_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hit_decision_hit_id"), ["hit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hit_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hit_decision_hit_id"))

    op.drop_table("hit_decision")
    with op.batch_alter_table("snapshot_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_change_snapshot_id"))

    op.drop_table("snapshot_change")
    with op.batch_alter_table("screening_run", schema=None) as batch_op:
        batch_op.drop_index("ix_screening_run_person_at")

    op.drop_table("screening_run")
    with op.batch_alter_table("screening_hit", schema=None) as batch_op:
        batch_op.drop_index("ix_screening_hit_status_score")
        batch_op.drop_index(batch_op.f("ix_screening_hit_person_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hit_entry_row_id"))

    op.drop_table("screening_hit")
    with op.batch_alter_table("list_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_entry_list_id"))

    op.drop_table("list_entry")
    with op.batch_alter_table("list_snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_snapshot_list_id"))

    op.drop_table("list_snapshot")
    op.drop_table("watch_list")
