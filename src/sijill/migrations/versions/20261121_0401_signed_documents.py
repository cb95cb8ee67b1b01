"""signed documents

Revision ID: 0401
Revises: 0301
Create Date: 2026-11-21 23:42:47.176800
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0401"
down_revision: str | None = "0301"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("doc_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("programme_status", sa.String(length=60), nullable=True),
        sa.Column("weapon", sa.JSON(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_document_request_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_request")),
    )
    with op.batch_alter_table("document_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_request_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "issued_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("serial", sa.String(length=24), nullable=False),
        sa.Column("status_index", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("kid", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("qr_text", sa.Text(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=64), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_issued_document_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["document_request.id"],
            name=op.f("fk_issued_document_request_id_document_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_document")),
        sa.UniqueConstraint("request_id", name=op.f("uq_issued_document_request_id")),
        sa.UniqueConstraint("serial", name=op.f("uq_issued_document_serial")),
        sa.UniqueConstraint("status_index", name=op.f("uq_issued_document_status_index")),
    )
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_issued_document_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issued_document_person_id"))

    op.drop_table("issued_document")
    with op.batch_alter_table("document_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_request_person_id"))

    op.drop_table("document_request")
