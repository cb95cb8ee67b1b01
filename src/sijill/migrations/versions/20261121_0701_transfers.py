"""transfers

Revision ID: 0701
Revises: 0102
Create Date: 2026-11-21 23:48:26.415764
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0701"
down_revision: str | None = "0102"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transfer_country_risk",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("group_kind", sa.String(length=20), nullable=True),
        sa.Column("group_value", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_country_risk")),
        sa.UniqueConstraint(
            "state",
            "group_kind",
            "group_value",
            "version",
            name=op.f("uq_transfer_country_risk_state"),
        ),
    )
    with op.batch_alter_table("transfer_country_risk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_country_risk_state"), ["state"], unique=False)

    op.create_table(
        "transfer_batch",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("crossing_point", sa.String(length=200), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("approval_round", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=True),
        sa.Column("received_count", sa.Integer(), nullable=True),
        sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handed_over_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_transfer_batch_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_batch")),
        sa.UniqueConstraint("reference", name=op.f("uq_transfer_batch_reference")),
    )
    with op.batch_alter_table("transfer_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_batch_office_id"), ["office_id"], unique=False
        )

    op.create_table(
        "transfer_approval",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["transfer_batch.id"],
            name=op.f("fk_transfer_approval_batch_id_transfer_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_approval")),
        sa.UniqueConstraint(
            "batch_id", "round", "approved_by", name=op.f("uq_transfer_approval_batch_id")
        ),
    )
    with op.batch_alter_table("transfer_approval", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_approval_batch_id"), ["batch_id"], unique=False
        )

    op.create_table(
        "transfer_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("weapon_serial", sa.String(length=64), nullable=True),
        sa.Column("weapon_category", sa.String(length=64), nullable=True),
        sa.Column("present", sa.Boolean(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["transfer_batch.id"],
            name=op.f("fk_transfer_item_batch_id_transfer_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_item")),
    )
    with op.batch_alter_table("transfer_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_item_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "transfer_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("travels_with_id", sa.Uuid(), nullable=True),
        sa.Column("relation", sa.String(length=12), nullable=True),
        sa.Column("declared", sa.JSON(), nullable=True),
        sa.Column("present", sa.Boolean(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["transfer_batch.id"],
            name=op.f("fk_transfer_entry_batch_id_transfer_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_transfer_entry_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["travels_with_id"],
            ["transfer_entry.id"],
            name=op.f("fk_transfer_entry_travels_with_id_transfer_entry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_entry")),
    )
    with op.batch_alter_table("transfer_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_entry_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_transfer_entry_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "transfer_protection_factor",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_transfer_protection_factor_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_protection_factor")),
    )
    with op.batch_alter_table("transfer_protection_factor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_protection_factor_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "transfer_discrepancy",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=True),
        sa.Column("item_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["transfer_batch.id"],
            name=op.f("fk_transfer_discrepancy_batch_id_transfer_batch"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["transfer_entry.id"],
            name=op.f("fk_transfer_discrepancy_entry_id_transfer_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["transfer_item.id"],
            name=op.f("fk_transfer_discrepancy_item_id_transfer_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_discrepancy")),
    )
    with op.batch_alter_table("transfer_discrepancy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_discrepancy_batch_id"), ["batch_id"], unique=False
        )

    op.create_table(
        "transfer_legal_review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["transfer_entry.id"],
            name=op.f("fk_transfer_legal_review_entry_id_transfer_entry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_legal_review")),
    )
    with op.batch_alter_table("transfer_legal_review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_legal_review_entry_id"), ["entry_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transfer_legal_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_legal_review_entry_id"))

    op.drop_table("transfer_legal_review")
    with op.batch_alter_table("transfer_discrepancy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_discrepancy_batch_id"))

    op.drop_table("transfer_discrepancy")
    with op.batch_alter_table("transfer_protection_factor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_protection_factor_person_id"))

    op.drop_table("transfer_protection_factor")
    with op.batch_alter_table("transfer_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_entry_person_id"))
        batch_op.drop_index(batch_op.f("ix_transfer_entry_batch_id"))

    op.drop_table("transfer_entry")
    with op.batch_alter_table("transfer_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_item_batch_id"))

    op.drop_table("transfer_item")
    with op.batch_alter_table("transfer_approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_approval_batch_id"))

    op.drop_table("transfer_approval")
    with op.batch_alter_table("transfer_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_batch_office_id"))

    op.drop_table("transfer_batch")
    with op.batch_alter_table("transfer_country_risk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_country_risk_state"))

    op.drop_table("transfer_country_risk")
