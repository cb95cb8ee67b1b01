"""The append-only audit entry. Shaped for the Merkle log: a sequence and a leaf hash."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sijill.db import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    office_code: Mapped[str | None] = mapped_column(String(16))
    tag: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    entry_hash: Mapped[str] = mapped_column(String(64))
