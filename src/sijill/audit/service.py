"""Write audit entries. Called by every service that changes state, in its transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit.models import AuditEntry
from sijill.timeutil import utcnow


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 of the entry's canonical content: the leaf of the later Merkle log."""
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=dt.UTC)
    body = {
        "at": at.astimezone(dt.UTC).isoformat(),  # the same text whatever the session's zone
        "actor": entry.actor,
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "office": entry.office_code,
        "tag": entry.tag,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


def record(
    session: Session,
    actor: Actor,
    tag: str,
    object_type: str,
    object_id: object,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry (``tag`` is ``source:subject:action``) to the current transaction."""
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.user_id,
        actor=actor.username,
        office_code=actor.office_code,
        tag=tag,
        object_type=object_type,
        object_id=str(object_id),
        data=json.loads(canonical_json(data or {})),
    )
    entry.entry_hash = entry_hash(entry)
    session.add(entry)
    return entry


def entries_for(session: Session, object_ids: Sequence[str], limit: int = 500) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.object_id.in_(object_ids))
        .order_by(AuditEntry.seq.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def recent(session: Session, actor: Actor, limit: int = 200) -> list[AuditEntry]:
    actor.require(Permission.AUDIT_READ)
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)))
