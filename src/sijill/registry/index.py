"""The name search index (``name_token``): rebuilt when the name keys change."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.db import table_of
from sijill.names.keys import search_keys
from sijill.registry.models import NameToken, PersonName

CHUNK = 5_000


def rebuild_name_index(session: Session, actor: Actor) -> int:
    """Recompute every current name's search keys, in one transaction. Returns the row count.

    Needed after an upgrade that changes ``sijill.names.keys``: rows computed by the old
    keys would no longer be found by queries computed with the new ones.
    """
    actor.require(Permission.REFERENCE_MANAGE)
    session.execute(delete(NameToken))
    current = (
        select(PersonName.id, PersonName.person_id, PersonName.full)
        .where(PersonName.retired_at.is_(None))
        .execution_options(yield_per=CHUNK)
    )
    written = 0
    rows: list[dict[str, object]] = []
    for name_id, person_id, full in session.execute(current):
        rows.extend(
            {"person_id": person_id, "name_id": name_id, "token": key} for key in search_keys(full)
        )
        if len(rows) >= CHUNK:
            session.execute(insert(table_of(NameToken)), rows)
            written, rows = written + len(rows), []
    if rows:
        session.execute(insert(table_of(NameToken)), rows)
        written += len(rows)
    audit.record(
        session, actor, "registry:name_index:rebuild", "name_index", "all", {"tokens": written}
    )
    return written
