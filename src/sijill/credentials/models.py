"""Document requests and the documents issued from them (never deleted)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sijill.db import Base, UTCDateTime, uuid_pk


class DocumentRequest(Base):
    __tablename__ = "document_request"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    programme_status: Mapped[str | None] = mapped_column(String(60), default=None)
    weapon: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    requested_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    decided_by: Mapped[str | None] = mapped_column(String(64), default=None)
    decision_note: Mapped[str | None] = mapped_column(Text, default=None)


class IssuedDocument(Base):
    __tablename__ = "issued_document"

    id: Mapped[uuid.UUID] = uuid_pk()
    serial: Mapped[str] = mapped_column(String(24), unique=True)
    status_index: Mapped[int] = mapped_column(Integer, unique=True)
    doc_type: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document_request.id"), unique=True)
    status: Mapped[str] = mapped_column(String(12))
    kid: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(64))
    qr_text: Mapped[str] = mapped_column(Text)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    ended_by: Mapped[str | None] = mapped_column(String(64), default=None)
    end_reason: Mapped[str | None] = mapped_column(Text, default=None)
