"""cases and pathways

Revision ID: 0201
Revises: 0401
Create Date: 2026-11-22 00:46:52.990970
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0201"
down_revision: str | None = "0401"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eligibility_rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eligibility_rules")),
        sa.UniqueConstraint("version", name=op.f("uq_eligibility_rules_version")),
    )
    op.create_table(
        "backlog_day",
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("pathway", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_backlog_day_office_id_office")
        ),
        sa.PrimaryKeyConstraint(
            "office_id", "pathway", "status", "day", name=op.f("pk_backlog_day")
        ),
    )
    with op.batch_alter_table("backlog_day", schema=None) as batch_op:
        batch_op.create_index(
            "ix_backlog_day_state_day", ["pathway", "status", "day", "n"], unique=False
        )

    op.create_table(
        "case_file",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("assigned_to", sa.Uuid(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["app_user.id"], name=op.f("fk_case_file_assigned_to_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_case_file_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_file_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
        sa.UniqueConstraint("person_id", name=op.f("uq_case_file_person_id")),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_file_assigned_to"), ["assigned_to"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_file_office_id"), ["office_id"], unique=False)

    op.create_table(
        "case_observer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_by", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_observer_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_case_observer_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_observer")),
    )
    with op.batch_alter_table("case_observer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_observer_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_observer_user_id"), ["user_id"], unique=False)

    op.create_table(
        "case_pathway",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("pathway", sa.String(length=32), nullable=False),
        sa.Column("document_type", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_pathway_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_case_pathway_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_case_pathway_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_pathway")),
    )
    with op.batch_alter_table("case_pathway", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_pathway_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_case_pathway_open_entered", ["is_open", "entered_at"], unique=False
        )
        batch_op.create_index(
            "ix_case_pathway_open_office_entered",
            ["is_open", "office_id", "entered_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_case_pathway_open_pathway_entered",
            ["is_open", "pathway", "entered_at"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_case_pathway_person_id"), ["person_id"], unique=False)

    op.create_table(
        "case_task",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("assigned_to", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["app_user.id"], name=op.f("fk_case_task_assigned_to_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_task_case_id_case_file")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_task")),
    )
    with op.batch_alter_table("case_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_task_assigned_to"), ["assigned_to"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_task_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_transition",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("pathway_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("rule_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["case_pathway.id"],
            name=op.f("fk_case_transition_pathway_id_case_pathway"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_transition")),
    )
    with op.batch_alter_table("case_transition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_transition_pathway_id"), ["pathway_id"], unique=False
        )

    op.create_table(
        "pathway_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("pathway_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("sessions_attended", sa.Integer(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["case_pathway.id"],
            name=op.f("fk_pathway_item_pathway_id_case_pathway"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathway_item")),
    )
    with op.batch_alter_table("pathway_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pathway_item_pathway_id"), ["pathway_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pathway_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pathway_item_pathway_id"))

    op.drop_table("pathway_item")
    with op.batch_alter_table("case_transition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_transition_pathway_id"))

    op.drop_table("case_transition")
    with op.batch_alter_table("case_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_task_case_id"))
        batch_op.drop_index(batch_op.f("ix_case_task_assigned_to"))

    op.drop_table("case_task")
    with op.batch_alter_table("case_pathway", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_pathway_person_id"))
        batch_op.drop_index("ix_case_pathway_open_pathway_entered")
        batch_op.drop_index("ix_case_pathway_open_office_entered")
        batch_op.drop_index("ix_case_pathway_open_entered")
        batch_op.drop_index(batch_op.f("ix_case_pathway_case_id"))

    op.drop_table("case_pathway")
    with op.batch_alter_table("case_observer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_observer_user_id"))
        batch_op.drop_index(batch_op.f("ix_case_observer_case_id"))

    op.drop_table("case_observer")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_file_office_id"))
        batch_op.drop_index(batch_op.f("ix_case_file_assigned_to"))

    op.drop_table("case_file")
    with op.batch_alter_table("backlog_day", schema=None) as batch_op:
        batch_op.drop_index("ix_backlog_day_state_day")

    op.drop_table("backlog_day")
    op.drop_table("eligibility_rules")
