"""Tables of deduplication: the review queue of candidate pairs, and merges.

Nothing here is deleted: a decided pair keeps its decision, an undone merge keeps its row
with the time it was undone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sijill.db import Base, UTCDateTime, uuid_pk


class DedupPair(Base):
    """A candidate pair in the review queue. ``person_a_id`` < ``person_b_id`` (as text).
    ``fingerprint_a``/``_b`` digest the fields that matter for matching, so a pair decided
    "not the same person" is proposed again only if one of them changes."""

    __tablename__ = "dedup_pair"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_a_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    person_b_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    job_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("job.id"))
    score: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(12))
    algorithm: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(12))
    explanation: Mapped[list[str]] = mapped_column(JSON, default=list)
    fingerprint_a: Mapped[str] = mapped_column(String(64))
    fingerprint_b: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), index=True)
    found_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(64), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)

    __table_args__ = (UniqueConstraint("person_a_id", "person_b_id"),)


class PersonMerge(Base):
    """A merge of ``merged_id`` into ``survivor_id``: proposed, then approved by another user
    (a supervisor), perhaps undone. ``moved`` lists the rows re-pointed to the survivor and
    the alias names added, so an undo puts everything back exactly."""

    __tablename__ = "person_merge"

    id: Mapped[uuid.UUID] = uuid_pk()
    pair_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dedup_pair.id"), index=True)
    survivor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    reason: Mapped[str] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(64), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    decision_reason: Mapped[str | None] = mapped_column(Text, default=None)
    undone_by: Mapped[str | None] = mapped_column(String(64), default=None)
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
