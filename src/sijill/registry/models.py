"""Tables of the registry. Rows of a person's details are never deleted: a correction
retires the old row (``retired_at``) and adds the new one, and every version of the whole
record is kept as a revision snapshot."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sijill.access.models import Office
from sijill.db import Base, UTCDateTime, uuid_pk
from sijill.timeutil import utcnow


def _retired() -> Mapped[dt.datetime | None]:
    return mapped_column(UTCDateTime, default=None)


class Person(Base):
    __tablename__ = "person"

    id: Mapped[uuid.UUID] = uuid_pk()
    regno: Mapped[str] = mapped_column(String(12), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    sex: Mapped[str] = mapped_column(String(1))
    dob_precision: Mapped[str | None] = mapped_column(String(12))
    dob_year: Mapped[int | None] = mapped_column(Integer)
    dob_month: Mapped[int | None] = mapped_column(Integer)
    dob_day: Mapped[int | None] = mapped_column(Integer)
    place_of_birth: Mapped[str | None] = mapped_column(String(200))
    birth_country: Mapped[str | None] = mapped_column(String(2))
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    primary_name: Mapped[str] = mapped_column(String(200))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    holding_office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("office.id"), index=True)
    facility_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("facility.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))

    office: Mapped[Office] = relationship(foreign_keys=[office_id], lazy="joined")
    names: Mapped[list[PersonName]] = relationship(
        primaryjoin="and_(Person.id == PersonName.person_id, PersonName.retired_at.is_(None))",
        viewonly=True,
        order_by="PersonName.position",
    )
    documents: Mapped[list[Document]] = relationship(
        primaryjoin="and_(Person.id == Document.person_id, Document.retired_at.is_(None))",
        viewonly=True,
        order_by="Document.position",
    )

    # Optimistic concurrency: every UPDATE says "WHERE version = <the version I read>"; the
    # services set the new version themselves, once per change.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012


class PersonName(Base):
    __tablename__ = "person_name"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[str] = mapped_column(String(200))
    name_type: Mapped[str] = mapped_column(String(16))
    script: Mapped[str] = mapped_column(String(12))
    given: Mapped[str | None] = mapped_column(String(200))
    father: Mapped[str | None] = mapped_column(String(200))
    grandfather: Mapped[str | None] = mapped_column(String(200))
    family: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(200))
    normalised: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = _retired()

    person: Mapped[Person] = relationship(lazy="raise")


class NameToken(Base):
    """Search index: one row per (current name, search key). Rebuilt when names change."""

    __tablename__ = "name_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    name_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person_name.id"))
    token: Mapped[str] = mapped_column(String(64))

    person: Mapped[Person] = relationship(lazy="raise")
    name: Mapped[PersonName] = relationship(lazy="raise")

    __table_args__ = (
        Index("ix_name_token_token_person", "token", "person_id"),
        Index("ix_name_token_person_id", "person_id"),
    )


class CandidateKey(Base):
    """Candidate index for duplicate checks and name search: one row per (person, blocking
    key) of ``sijill.matching.blocking``, with the person's year of birth and sex. Rewritten
    with the person on every registration and correction."""

    __tablename__ = "candidate_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    dob_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(1))

    person: Mapped[Person] = relationship(lazy="raise")

    # Covering: retrieval reads (key, year, person, sex) from the index alone.
    __table_args__ = (
        Index("ix_candidate_key_key_dob_year", "key", "dob_year", "person_id", "sex"),
    )


class Document(Base):
    __tablename__ = "identity_document"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    doc_type: Mapped[str] = mapped_column(String(24))
    issuing_state: Mapped[str] = mapped_column(String(2))
    number: Mapped[str] = mapped_column(String(64))
    number_normalised: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(32))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    shared_number_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = _retired()

    person: Mapped[Person] = relationship(lazy="raise")


class FamilyLink(Base):
    """``relative`` is ``relation`` of ``person``; the inverse row is written alongside."""

    __tablename__ = "family_link"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    relative_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    relation: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = _retired()

    person: Mapped[Person] = relationship(foreign_keys=[person_id], lazy="raise")
    relative: Mapped[Person] = relationship(foreign_keys=[relative_id], lazy="raise")


class ArmedGroup(Base):
    __tablename__ = "armed_group"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Affiliation(Base):
    __tablename__ = "affiliation"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("armed_group.id"), index=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    date_from: Mapped[str | None] = mapped_column(String(10))
    date_to: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = _retired()

    group: Mapped[ArmedGroup] = relationship(lazy="joined")
    person: Mapped[Person] = relationship(lazy="raise")


class Facility(Base):
    __tablename__ = "facility"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    location: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    office: Mapped[Office] = relationship(lazy="joined")


class Placement(Base):
    """Where a person was, from when to when. The open row is where they are now."""

    __tablename__ = "placement"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    facility_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("facility.id"))
    since: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(200))

    facility: Mapped[Facility] = relationship(lazy="joined")
    person: Mapped[Person] = relationship(lazy="raise")


class PersonRevision(Base):
    """A full snapshot of a person record at one version (never updated, never deleted)."""

    __tablename__ = "person_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(200))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)

    person: Mapped[Person] = relationship(lazy="raise")

    __table_args__ = (UniqueConstraint("person_id", "version"),)


class PersonSeal(Base):
    """A sealed person (at risk): search shows a masked entry, and opening the record needs
    a stated reason. Lifting the seal deletes this row; the audit log keeps both."""

    __tablename__ = "person_seal"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # vocab.SealKind
    reason: Mapped[str] = mapped_column(Text)
    sealed_by: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SealOpening(Base):
    """Someone opened a sealed record, and why. It stays open to them for a while."""

    __tablename__ = "seal_opening"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor: Mapped[str] = mapped_column(String(64))
    office_code: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PersonPhoto(Base):
    """A person's photograph, normalised (JPEG, no metadata) and kept in the database so that
    backups carry it. The current one has no ``retired_at``; a new upload retires it, and
    the earlier ones stay, since documents already issued carry their hash."""

    __tablename__ = "person_photo"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    image: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = _retired()

    person: Mapped[Person] = relationship(lazy="raise")
