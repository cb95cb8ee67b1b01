"""weapons custody and permits

Revision ID: 0301
Revises: 0005
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0301"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "declared_inventory",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("weapon_type", sa.String(length=48), nullable=False),
        sa.Column("weapon_class", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["armed_group.id"],
            name=op.f("fk_declared_inventory_group_id_armed_group"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declared_inventory")),
    )
    with op.batch_alter_table("declared_inventory", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_declared_inventory_group_id"), ["group_id"], unique=False
        )

    op.create_table(
        "weapon_intake",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ref", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facility_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("witnesses", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_weapon_intake_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["armed_group.id"], name=op.f("fk_weapon_intake_group_id_armed_group")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_weapon_intake_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_weapon_intake_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapon_intake")),
        sa.UniqueConstraint("ref", name=op.f("uq_weapon_intake_ref")),
    )
    with op.batch_alter_table("weapon_intake", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_weapon_intake_office_id"), ["office_id"], unique=False)

    op.create_table(
        "weapon",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ref", sa.String(length=16), nullable=False),
        sa.Column("weapon_class", sa.String(length=16), nullable=False),
        sa.Column("weapon_type", sa.String(length=48), nullable=False),
        sa.Column("make", sa.String(length=100), nullable=True),
        sa.Column("model", sa.String(length=100), nullable=True),
        sa.Column("calibre", sa.String(length=40), nullable=True),
        sa.Column("condition", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("duplicate_reason", sa.String(length=200), nullable=True),
        sa.Column("intake_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["weapon_intake.id"], name=op.f("fk_weapon_intake_id_weapon_intake")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapon")),
        sa.UniqueConstraint("ref", name=op.f("uq_weapon_ref")),
    )
    with op.batch_alter_table("weapon", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_weapon_intake_id"), ["intake_id"], unique=False)

    op.create_table(
        "weapon_marking",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("as_read", sa.String(length=100), nullable=False),
        sa.Column("normalised", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_weapon_marking_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapon_marking")),
    )
    with op.batch_alter_table("weapon_marking", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_weapon_marking_normalised"), ["normalised"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_weapon_marking_weapon_id"), ["weapon_id"], unique=False
        )

    op.create_table(
        "weapon_permit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ref", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_weapon_permit_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_weapon_permit_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["app_user.id"],
            name=op.f("fk_weapon_permit_requested_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_weapon_permit_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapon_permit")),
        sa.UniqueConstraint("ref", name=op.f("uq_weapon_permit_ref")),
    )
    with op.batch_alter_table("weapon_permit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_weapon_permit_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_weapon_permit_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_weapon_permit_weapon_id"), ["weapon_id"], unique=False)

    op.create_table(
        "weapon_photo",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_weapon_photo_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapon_photo")),
        sa.UniqueConstraint("weapon_id", "sha256", name=op.f("uq_weapon_photo_weapon_id")),
    )
    with op.batch_alter_table("weapon_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_weapon_photo_weapon_id"), ["weapon_id"], unique=False)

    op.create_table(
        "custody_event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facility_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("permit_id", sa.Uuid(), nullable=True),
        sa.Column("witnesses", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_custody_event_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["armed_group.id"], name=op.f("fk_custody_event_group_id_armed_group")
        ),
        sa.ForeignKeyConstraint(
            ["permit_id"],
            ["weapon_permit.id"],
            name=op.f("fk_custody_event_permit_id_weapon_permit"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_custody_event_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_custody_event_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_event")),
        sa.UniqueConstraint("weapon_id", "seq", name=op.f("uq_custody_event_weapon_id")),
    )
    op.create_table(
        "custody_task",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("permit_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_custody_task_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["permit_id"],
            ["weapon_permit.id"],
            name=op.f("fk_custody_task_permit_id_weapon_permit"),
        ),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_custody_task_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_task")),
    )
    with op.batch_alter_table("custody_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custody_task_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_custody_task_weapon_id"), ["weapon_id"], unique=False)

    op.create_table(
        "permit_decision",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("permit_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["permit_id"],
            ["weapon_permit.id"],
            name=op.f("fk_permit_decision_permit_id_weapon_permit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permit_decision")),
    )
    with op.batch_alter_table("permit_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_permit_decision_permit_id"), ["permit_id"], unique=False
        )

    op.create_table(
        "weapon_custody",
        sa.Column("weapon_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("weapon_class", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facility_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("holder_id", sa.Uuid(), nullable=True),
        sa.Column("permit_id", sa.Uuid(), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_weapon_custody_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["armed_group.id"], name=op.f("fk_weapon_custody_group_id_armed_group")
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["person.id"], name=op.f("fk_weapon_custody_holder_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_weapon_custody_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["permit_id"],
            ["weapon_permit.id"],
            name=op.f("fk_weapon_custody_permit_id_weapon_permit"),
        ),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapon.id"], name=op.f("fk_weapon_custody_weapon_id_weapon")
        ),
        sa.PrimaryKeyConstraint("weapon_id", name=op.f("pk_weapon_custody")),
    )
    with op.batch_alter_table("weapon_custody", schema=None) as batch_op:
        batch_op.create_index(
            "ix_weapon_custody_class_status", ["weapon_class", "status"], unique=False
        )
        batch_op.create_index(
            "ix_weapon_custody_facility_status", ["facility_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_weapon_custody_group_class", ["group_id", "weapon_class"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_weapon_custody_holder_id"), ["holder_id"], unique=False
        )
        batch_op.create_index(
            "ix_weapon_custody_office_facility",
            ["office_id", "facility_id", "status"],
            unique=False,
        )
        batch_op.create_index(
            "ix_weapon_custody_office_status", ["office_id", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("weapon_custody", schema=None) as batch_op:
        batch_op.drop_index("ix_weapon_custody_office_status")
        batch_op.drop_index("ix_weapon_custody_office_facility")
        batch_op.drop_index(batch_op.f("ix_weapon_custody_holder_id"))
        batch_op.drop_index("ix_weapon_custody_group_class")
        batch_op.drop_index("ix_weapon_custody_facility_status")
        batch_op.drop_index("ix_weapon_custody_class_status")

    op.drop_table("weapon_custody")
    with op.batch_alter_table("permit_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_permit_decision_permit_id"))

    op.drop_table("permit_decision")
    with op.batch_alter_table("custody_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custody_task_weapon_id"))
        batch_op.drop_index(batch_op.f("ix_custody_task_office_id"))

    op.drop_table("custody_task")
    op.drop_table("custody_event")
    with op.batch_alter_table("weapon_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weapon_photo_weapon_id"))

    op.drop_table("weapon_photo")
    with op.batch_alter_table("weapon_permit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weapon_permit_weapon_id"))
        batch_op.drop_index(batch_op.f("ix_weapon_permit_person_id"))
        batch_op.drop_index(batch_op.f("ix_weapon_permit_office_id"))

    op.drop_table("weapon_permit")
    with op.batch_alter_table("weapon_marking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weapon_marking_weapon_id"))
        batch_op.drop_index(batch_op.f("ix_weapon_marking_normalised"))

    op.drop_table("weapon_marking")
    with op.batch_alter_table("weapon", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weapon_intake_id"))

    op.drop_table("weapon")
    with op.batch_alter_table("weapon_intake", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weapon_intake_office_id"))

    op.drop_table("weapon_intake")
    with op.batch_alter_table("declared_inventory", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declared_inventory_group_id"))

    op.drop_table("declared_inventory")
