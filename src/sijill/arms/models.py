"""Tables of the arms area. Custody events are append-only; ``weapon_custody`` is the current
state derived from them, written in the same transaction as each event and never by hand."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sijill.db import Base, UTCDateTime, uuid_pk
from sijill.timeutil import utcnow


class Weapon(Base):
    __tablename__ = "weapon"

    id: Mapped[uuid.UUID] = uuid_pk()
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    weapon_class: Mapped[str] = mapped_column(String(16))
    weapon_type: Mapped[str] = mapped_column(String(48))
    make: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    calibre: Mapped[str | None] = mapped_column(String(40))
    condition: Mapped[str] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)
    duplicate_reason: Mapped[str | None] = mapped_column(String(200))
    intake_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("weapon_intake.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))

    intake: Mapped[WeaponIntake | None] = relationship(lazy="raise")


class WeaponMarking(Base):
    __tablename__ = "weapon_marking"

    id: Mapped[uuid.UUID] = uuid_pk()
    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(24))
    as_read: Mapped[str] = mapped_column(String(100))
    normalised: Mapped[str] = mapped_column(String(100), index=True)

    weapon: Mapped[Weapon] = relationship(lazy="raise")


class WeaponPhoto(Base):
    __tablename__ = "weapon_photo"

    id: Mapped[uuid.UUID] = uuid_pk()
    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))

    weapon: Mapped[Weapon] = relationship(lazy="raise")

    __table_args__ = (UniqueConstraint("weapon_id", "sha256"),)


class WeaponIntake(Base):
    """A group (or a person) handing in weapons at a collection point: one receipt."""

    __tablename__ = "weapon_intake"

    id: Mapped[uuid.UUID] = uuid_pk()
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facility.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("armed_group.id"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    witnesses: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str] = mapped_column(String(64))


class CustodyEvent(Base):
    __tablename__ = "custody_event"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    facility_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("facility.id"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("armed_group.id"))
    permit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("weapon_permit.id"))
    witnesses: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    weapon: Mapped[Weapon] = relationship(lazy="raise")
    permit: Mapped[WeaponPermit | None] = relationship(lazy="raise")

    __table_args__ = (UniqueConstraint("weapon_id", "seq"),)


class WeaponCustody(Base):
    """Where each weapon is now: derived from its events, one row per weapon."""

    __tablename__ = "weapon_custody"

    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    weapon_class: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    facility_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("facility.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    holder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    permit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("weapon_permit.id"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("armed_group.id"))
    events: Mapped[int] = mapped_column(Integer)

    weapon: Mapped[Weapon] = relationship(lazy="raise")
    permit: Mapped[WeaponPermit | None] = relationship(lazy="raise")

    __table_args__ = (
        Index("ix_weapon_custody_office_status", "office_id", "status"),
        # the location report of one office: grouped by facility and state from the index alone
        Index("ix_weapon_custody_office_facility", "office_id", "facility_id", "status"),
        Index("ix_weapon_custody_facility_status", "facility_id", "status"),
        Index("ix_weapon_custody_facility_at", "facility_id", "at", "weapon_id"),
        Index("ix_weapon_custody_group_class", "group_id", "weapon_class"),
        Index("ix_weapon_custody_class_status", "weapon_class", "status"),
    )


class WeaponCount(Base):
    """How many weapons are at each facility, in each state and class: derived from the
    current-state rows, kept up to date in the same transaction, so that the location
    report reads a few hundred rows rather than every weapon."""

    __tablename__ = "weapon_count"

    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facility.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    weapon_class: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class WeaponPermit(Base):
    __tablename__ = "weapon_permit"

    id: Mapped[uuid.UUID] = uuid_pk()
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    conditions: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    weapon: Mapped[Weapon] = relationship(lazy="raise")


class PermitDecision(Base):
    """Every change of a permit: who, when, why (never updated)."""

    __tablename__ = "permit_decision"

    id: Mapped[uuid.UUID] = uuid_pk()
    permit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon_permit.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(200))

    permit: Mapped[WeaponPermit] = relationship(lazy="raise")


class CustodyTask(Base):
    """Something the arms officers must do: bring back the weapon of a revoked permit."""

    __tablename__ = "custody_task"

    id: Mapped[uuid.UUID] = uuid_pk()
    weapon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("weapon.id"), index=True)
    permit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("weapon_permit.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    weapon: Mapped[Weapon] = relationship(lazy="raise")


class DeclaredInventory(Base):
    """What a group declared it holds, by weapon type (a record, never edited)."""

    __tablename__ = "declared_inventory"

    id: Mapped[uuid.UUID] = uuid_pk()
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("armed_group.id"), index=True)
    weapon_type: Mapped[str] = mapped_column(String(48))
    weapon_class: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer)
    declared_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
