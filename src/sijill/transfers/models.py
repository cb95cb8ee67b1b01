"""Tables of transfers. Ratings and protection factors are never overwritten: a new rating
is a new version, a withdrawn factor is retired."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sijill.db import Base, UTCDateTime, uuid_pk
from sijill.timeutil import utcnow


class CountryRisk(Base):
    """One version of the rating of a receiving state (or of a group of people sent there)."""

    __tablename__ = "transfer_country_risk"

    id: Mapped[uuid.UUID] = uuid_pk()
    state: Mapped[str] = mapped_column(String(2), index=True)
    group_kind: Mapped[str | None] = mapped_column(String(20))
    group_value: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("state", "group_kind", "group_value", "version"),)


class ProtectionFactor(Base):
    """An individual protection factor recorded by a protection officer (sensitive)."""

    __tablename__ = "transfer_protection_factor"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    retired_by: Mapped[str | None] = mapped_column(String(64), default=None)


class TransferBatch(Base):
    __tablename__ = "transfer_batch"

    id: Mapped[uuid.UUID] = uuid_pk()
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    direction: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    # outgoing: the receiving state; incoming: the sending state
    state: Mapped[str] = mapped_column(String(2))
    authority: Mapped[str] = mapped_column(String(200))
    crossing_point: Mapped[str] = mapped_column(String(200))
    planned_date: Mapped[dt.date | None] = mapped_column(Date)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    # Bumped whenever the people change: approvals of an earlier round no longer count.
    approval_round: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str | None] = mapped_column(String(40))  # incoming: how it was imported
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    received_count: Mapped[int | None] = mapped_column(Integer)
    handed_over_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    handed_over_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class TransferEntry(Base):
    """One person in a batch: a registry person (outgoing, or incoming once linked) and, for
    incoming batches, the details the sender declared."""

    __tablename__ = "transfer_entry"

    id: Mapped[uuid.UUID] = uuid_pk()
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_batch.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    travels_with_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("transfer_entry.id"))
    relation: Mapped[str | None] = mapped_column(String(12))
    declared: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    present: Mapped[bool | None] = mapped_column(default=None)  # at the handover
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(64))
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)

    batch: Mapped[TransferBatch] = relationship(lazy="raise")


class TransferItem(Base):
    """An item of the equipment manifest. Weapons carry a serial and a category; those of an
    incoming batch are received into custody through the arms service (``intake_id``)."""

    __tablename__ = "transfer_item"

    id: Mapped[uuid.UUID] = uuid_pk()
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_batch.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    weapon_serial: Mapped[str | None] = mapped_column(String(64))
    weapon_category: Mapped[str | None] = mapped_column(String(64))
    present: Mapped[bool | None] = mapped_column(default=None)
    # incoming: the arms intake (receipt) that took this weapon into custody on arrival
    intake_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("weapon_intake.id"), default=None
    )
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(64))


class LegalReview(Base):
    __tablename__ = "transfer_legal_review"

    id: Mapped[uuid.UUID] = uuid_pk()
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_entry.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text)
    reviewed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by: Mapped[str] = mapped_column(String(64))


class Approval(Base):
    __tablename__ = "transfer_approval"

    id: Mapped[uuid.UUID] = uuid_pk()
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_batch.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("batch_id", "round", "approved_by"),)


class Discrepancy(Base):
    __tablename__ = "transfer_discrepancy"

    id: Mapped[uuid.UUID] = uuid_pk()
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer_batch.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("transfer_entry.id"))
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("transfer_item.id"))
    description: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    resolution: Mapped[str | None] = mapped_column(Text, default=None)
