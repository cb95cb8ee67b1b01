"""A hold on a person, from the moment it is placed until it is released (never deleted)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sijill.db import Base, UTCDateTime, uuid_pk


class PersonHold(Base):
    __tablename__ = "person_hold"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    # What placed it, so that the same source releases it: "screening:hit:<id>", "manual:<id>"
    source: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    placed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    placed_by: Mapped[str] = mapped_column(String(64))
    released_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    released_by: Mapped[str | None] = mapped_column(String(64), default=None)
    release_reason: Mapped[str | None] = mapped_column(Text, default=None)
