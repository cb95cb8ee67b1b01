"""Tables of cases: one case per adult, its pathways (current state kept on the row, every
transition kept beside it), items, observers, tasks, eligibility rule files, and the daily and
monthly counts of open pathways that the backlog reads."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sijill.db import Base, UTCDateTime, uuid_pk


class CaseFile(Base):
    __tablename__ = "case_file"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), unique=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    opened_by: Mapped[str] = mapped_column(String(64))
    assigned_to: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class CasePathway(Base):
    """A pathway of a case with its current state (``status`` since ``entered_at``)."""

    __tablename__ = "case_pathway"

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_file.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    pathway: Mapped[str] = mapped_column(String(32))
    document_type: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    is_open: Mapped[bool] = mapped_column(Boolean)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    # army: unit, rank, conduct_acknowledged_at; judicial: court, matter
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_case_pathway_open_entered", "is_open", "entered_at"),
        Index("ix_case_pathway_open_pathway_entered", "is_open", "pathway", "entered_at"),
        Index("ix_case_pathway_open_office_entered", "is_open", "office_id", "entered_at"),
    )


class CaseTransition(Base):
    """One move of a pathway: who, when, why, on what legal basis (never changed)."""

    __tablename__ = "case_transition"

    id: Mapped[uuid.UUID] = uuid_pk()
    pathway_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_pathway.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    rule_version: Mapped[int | None] = mapped_column(Integer)


class PathwayItem(Base):
    """A training course (army), a programme (civilian) or a hearing (judicial)."""

    __tablename__ = "pathway_item"

    id: Mapped[uuid.UUID] = uuid_pk()
    pathway_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_pathway.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(200))
    on_date: Mapped[dt.date | None] = mapped_column(Date)
    sessions_attended: Mapped[int] = mapped_column(Integer, default=0)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64))


class CaseObserver(Base):
    """A named oversight representative: read-only access to this one case."""

    __tablename__ = "case_observer"

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_file.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    assigned_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class CaseTask(Base):
    __tablename__ = "case_task"

    id: Mapped[uuid.UUID] = uuid_pk()
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_file.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[dt.date] = mapped_column(Date)
    assigned_to: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class EligibilityRules(Base):
    """An uploaded rule file. Exactly one is active; the shipped default applies before any."""

    __tablename__ = "eligibility_rules"

    id: Mapped[uuid.UUID] = uuid_pk()
    version: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    activated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class BacklogDay(Base):
    """How many open pathways of (office, pathway, state) entered that state on ``day``.

    Kept up to date by every transition, so the backlog reads a few thousand rows instead of
    every open pathway."""

    __tablename__ = "backlog_day"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), primary_key=True)
    pathway: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)

    # the backlog reads a month's days of one state, or of all: ranges with no table access
    __table_args__ = (
        Index("ix_backlog_day_state_day_office", "pathway", "status", "day", "office_id", "n"),
        Index("ix_backlog_day_day", "day", "pathway", "office_id", "n"),
    )


class BacklogMonth(Base):
    """``backlog_day`` summed by month (``month`` is its first day), kept in the same step.

    The backlog reads these few hundred rows, and the days of only the months where one of its
    answers falls (see :mod:`sijill.cases.ages`)."""

    __tablename__ = "backlog_month"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), primary_key=True)
    pathway: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_backlog_month_state_month", "pathway", "status", "month", "office_id", "n"),
    )
