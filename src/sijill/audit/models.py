"""The append-only audit entry. Shaped for the Merkle log: a sequence and a leaf hash."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, Text
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


class AuditCheckpoint(Base):
    """A signed checkpoint of the audit log (c2sp.org/tlog-checkpoint), append-only.

    The Merkle tree's leaves are the entries' ``entry_hash`` in ``seq`` order; ``note`` is the
    signed checkpoint of its first ``tree_size`` leaves. The other columns are conveniences
    that the signature does not cover: ``seq_ranges`` and ``fingerprints`` (the first 4 bytes
    of each entry hash) describe the entries added since the previous checkpoint, so that
    verification can name an entry that was changed, moved, removed or inserted (the signed
    root detects it, these say which); ``border`` holds the right border of the tree, so the
    next checkpoint hashes only the entries added since.
    """

    __tablename__ = "audit_checkpoint"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    origin: Mapped[str] = mapped_column(String(200))
    tree_size: Mapped[int] = mapped_column(BigInteger, unique=True)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    note: Mapped[str] = mapped_column(Text)
    seq_ranges: Mapped[list[list[int]]] = mapped_column(JSON)
    fingerprints: Mapped[bytes] = mapped_column(LargeBinary)
    border: Mapped[bytes] = mapped_column(LargeBinary)
