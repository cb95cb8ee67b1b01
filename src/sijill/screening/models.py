"""Tables of screening: lists and their snapshots, entries, screening runs, hits, decisions.

A list's entries are kept in their current state (``ListEntryRow``, never deleted: a removed
entry carries the snapshot that removed it); each import is a ``ListSnapshot`` whose
``SnapshotChange`` rows say what it added, changed or removed. A hit is one (person, entry)
pair, kept across re-screens; its decisions are appended, never edited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sijill.db import Base, UTCDateTime, uuid_pk
from sijill.timeutil import utcnow


class WatchList(Base):
    __tablename__ = "watch_list"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(120), unique=True)
    format: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ListSnapshot(Base):
    __tablename__ = "list_snapshot"
    __table_args__ = (UniqueConstraint("list_id", "version"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    list_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watch_list.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)

    watch_list: Mapped[WatchList] = relationship(lazy="joined")


class ListEntryRow(Base):
    __tablename__ = "list_entry"
    __table_args__ = (UniqueConstraint("list_id", "entry_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    list_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("watch_list.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(120))  # the list's own id: "QDi.430"
    schema: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(400))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # ListEntry.to_dict()
    content_hash: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    changed_in: Mapped[uuid.UUID] = mapped_column(ForeignKey("list_snapshot.id"))
    removed_in: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("list_snapshot.id"))

    watch_list: Mapped[WatchList] = relationship(lazy="joined")


class SnapshotChange(Base):
    __tablename__ = "snapshot_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("list_snapshot.id"), index=True)
    entry_row_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("list_entry.id"))
    change: Mapped[str] = mapped_column(String(8))  # added, changed, removed


class ScreeningRun(Base):
    """One screening of one person: when, why, against which list versions, the result."""

    __tablename__ = "screening_run"
    __table_args__ = (Index("ix_screening_run_person_at", "person_id", "at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(40))  # registration, correction, rescreen...
    versions: Mapped[dict[str, int]] = mapped_column(JSON)  # list name -> snapshot version
    hits: Mapped[int] = mapped_column(Integer)
    new_hits: Mapped[int] = mapped_column(Integer)


class ScreeningHit(Base):
    __tablename__ = "screening_hit"
    __table_args__ = (
        UniqueConstraint("person_id", "entry_row_id", "subject"),
        Index("ix_screening_hit_status_score", "status", "score"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    entry_row_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("list_entry.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))  # "" for the person, else the group's name
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(12))  # the engine's: match or possible
    explanation: Mapped[list[str]] = mapped_column(JSON)
    algorithm: Mapped[str] = mapped_column(String(40))
    algorithm_version: Mapped[str] = mapped_column(String(12))
    person_fingerprint: Mapped[str] = mapped_column(String(64))
    entry_fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    entry: Mapped[ListEntryRow] = relationship(lazy="joined")


class HitDecision(Base):
    __tablename__ = "hit_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_hit.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
