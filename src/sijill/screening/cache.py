"""The screening index of the current list entries, built once per list change per process.

Keyed by the database and the newest snapshot of each list, so an import (here or in another
process) is seen at the next screening. A built index is millions of long-lived objects:
it is moved out of the garbage collector's reach (``gc.freeze``), or every full collection
walks it (measured: pauses of seconds in registration-time screening), and processes forked
to screen with it do not copy its pages by touching them.
"""

from __future__ import annotations

import gc
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.screening.entries import ListEntry
from sijill.screening.index import ListIndex
from sijill.screening.models import ListEntryRow, ListSnapshot


@dataclass(frozen=True)
class LoadedIndex:
    """An index and, at each position, the list entry row it came from."""

    index: ListIndex
    row_ids: list[uuid.UUID]


_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple[object, ...], LoadedIndex]] = {}


def _generation(session: Session) -> tuple[object, ...]:
    stmt = select(ListSnapshot.list_id, func.max(ListSnapshot.version)).group_by(
        ListSnapshot.list_id
    )
    return tuple(sorted((str(list_id), version) for list_id, version in session.execute(stmt)))


def build(rows: Iterable[tuple[uuid.UUID, dict[str, object]]]) -> LoadedIndex:
    index = ListIndex.build(())
    row_ids = []
    for row_id, data in rows:
        index.add(ListEntry.from_dict(data))
        row_ids.append(row_id)
    return LoadedIndex(index, row_ids)


def entry_rows(session: Session, row_ids: Iterable[uuid.UUID] | None = None) -> LoadedIndex:
    """An index of the current (not removed) entries, or of the given rows only."""
    stmt = select(ListEntryRow.id, ListEntryRow.data).where(ListEntryRow.removed_in.is_(None))
    if row_ids is not None:
        stmt = stmt.where(ListEntryRow.id.in_(list(row_ids)))
    return build((row_id, data) for row_id, data in session.execute(stmt.order_by(ListEntryRow.id)))


def current(session: Session) -> LoadedIndex:
    """The index of every current entry, rebuilt when a list has a new snapshot."""
    key = str(session.get_bind().engine.url)
    generation = _generation(session)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
        loaded = entry_rows(session)
        _CACHE[key] = (generation, loaded)
        gc.freeze()
        return loaded
