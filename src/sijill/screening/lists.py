"""Import a watch list as a new versioned snapshot: entries added, changed, removed.

A failed or malformed import changes nothing: the file is parsed whole before anything is
written, and the caller's transaction holds every write.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg, NotFound
from sijill.screening.entries import ListEntry, ListFormatError
from sijill.screening.models import ListEntryRow, ListSnapshot, SnapshotChange, WatchList
from sijill.screening.schemas import ChangeOut, SnapshotDetail, SnapshotOut
from sijill.screening.sources import FORMATS, parse_list
from sijill.screening.workflow import Change


@dataclass(frozen=True)
class ListFile:
    """What an import reads: the list's bytes (OFAC CSV: sdn.csv, and alt.csv)."""

    data: bytes
    source: str  # a file name or URL, shown with the snapshot
    alt: bytes | None = None
    mapping: Mapping[str, str] | None = None


def snapshot_out(row: ListSnapshot) -> SnapshotOut:
    return SnapshotOut(
        id=row.id, list_name=row.watch_list.name, format=row.watch_list.format,
        version=row.version, imported_at=row.imported_at, imported_by=row.imported_by,
        source=row.source, sha256=row.sha256, entries=row.entries, added=row.added,
        changed=row.changed, removed=row.removed,
    )  # fmt: skip


def _watch_list(session: Session, name: str, fmt: str) -> WatchList:
    found = session.scalars(select(WatchList).where(WatchList.name == name)).first()
    if found is None:
        found = WatchList(name=name, format=fmt)
        session.add(found)
        session.flush()  # the id goes into the snapshot
    elif found.format != fmt:
        raise InvalidInput({"format": Msg("The list {name} is in the {fmt} format.",
                                          name=name, fmt=found.format)})  # fmt: skip
    return found


def _parse(fmt: str, upload: ListFile, max_bytes: int) -> list[ListEntry]:
    if fmt not in FORMATS:
        raise InvalidInput({"format": Msg("Unknown list format {fmt}.", fmt=fmt)})
    try:
        return parse_list(fmt, upload.data, alt=upload.alt, mapping=upload.mapping,
                          max_bytes=max_bytes)  # fmt: skip
    except ListFormatError as exc:
        raise InvalidInput(
            {"file": Msg("The list cannot be read: {error}", error=str(exc))}
        ) from None


def _apply(
    session: Session, watch: WatchList, snap: ListSnapshot, entries: list[ListEntry]
) -> None:
    current = {
        row.entry_id: row
        for row in session.scalars(select(ListEntryRow).where(ListEntryRow.list_id == watch.id))
    }
    changes: list[tuple[ListEntryRow, Change]] = []
    for entry in entries:
        row = current.pop(entry.entry_id, None)
        digest = entry.content_hash()
        if row is not None and row.removed_in is None and row.content_hash == digest:
            continue
        kind = Change.ADDED if row is None or row.removed_in is not None else Change.CHANGED
        if row is None:
            row = ListEntryRow(id=uuid.uuid4(), list_id=watch.id, entry_id=entry.entry_id)
            session.add(row)
        changes.append((row, kind))
        row.schema, row.name, row.data = entry.schema, entry.name[:400], entry.to_dict()
        row.content_hash, row.fingerprint = digest, entry.fingerprint()
        row.changed_in, row.removed_in = snap.id, None
    for row in current.values():
        if row.removed_in is None:
            row.removed_in = snap.id
            changes.append((row, Change.REMOVED))
    session.flush()  # the entry rows exist before the changes that name them
    session.add_all(
        SnapshotChange(snapshot_id=snap.id, entry_row_id=row.id, change=kind.value)
        for row, kind in changes
    )
    kinds = [kind for _, kind in changes]
    snap.added, snap.changed = kinds.count(Change.ADDED), kinds.count(Change.CHANGED)
    snap.removed = kinds.count(Change.REMOVED)


def import_list(
    session: Session, actor: Actor, name: str, fmt: str, upload: ListFile, max_bytes: int
) -> SnapshotOut:
    """Read a list file and store it as the list's next snapshot."""
    actor.require(Permission.SCREENING_LISTS)
    if not name.strip():
        raise InvalidInput({"name": Msg("A list needs a name.")})
    entries = _parse(fmt, upload, max_bytes)
    watch = _watch_list(session, name.strip()[:120], fmt)
    last = session.scalar(
        select(func.max(ListSnapshot.version)).where(ListSnapshot.list_id == watch.id)
    )
    snap = ListSnapshot(
        id=uuid.uuid4(), list_id=watch.id, version=(last or 0) + 1, imported_by=actor.username,
        source=upload.source[:400], sha256=hashlib.sha256(upload.data).hexdigest(),
        entries=len(entries), added=0, changed=0, removed=0,
    )  # fmt: skip
    session.add(snap)
    session.flush()  # changes refer to the snapshot
    _apply(session, watch, snap, entries)
    session.flush()  # the snapshot's counts are read back below
    audit.record(
        session, actor, "screening:list:imported", "watch_list", watch.id,
        {"list": watch.name, "version": snap.version, "entries": len(entries),
         "added": snap.added, "changed": snap.changed, "removed": snap.removed},
    )  # fmt: skip
    return snapshot_out(snap)


def _require_reader(actor: Actor) -> None:
    if not actor.can(Permission.SCREENING_LISTS):
        actor.require(Permission.SCREENING_READ)


def snapshots(session: Session, actor: Actor) -> list[SnapshotOut]:
    _require_reader(actor)
    stmt = select(ListSnapshot).order_by(
        ListSnapshot.imported_at.desc(), ListSnapshot.version.desc()
    )
    return [snapshot_out(row) for row in session.scalars(stmt)]


def snapshot_detail(session: Session, actor: Actor, snapshot_id: uuid.UUID) -> SnapshotDetail:
    _require_reader(actor)
    snap = session.get(ListSnapshot, snapshot_id)
    if snap is None:
        raise NotFound(Msg("No such list snapshot."))
    stmt = (
        select(SnapshotChange.change, ListEntryRow.entry_id, ListEntryRow.name, ListEntryRow.schema)
        .join(ListEntryRow, ListEntryRow.id == SnapshotChange.entry_row_id)
        .where(SnapshotChange.snapshot_id == snapshot_id)
        .order_by(SnapshotChange.change, ListEntryRow.entry_id)
    )
    changes = [
        ChangeOut(change=c, entry_id=e, name=n, kind=k) for c, e, n, k in session.execute(stmt)
    ]
    return SnapshotDetail(snapshot=snapshot_out(snap), changes=changes)


def current_versions(session: Session) -> dict[str, int]:
    """The newest snapshot version of each list."""
    stmt = (
        select(WatchList.name, func.max(ListSnapshot.version))
        .join(ListSnapshot, ListSnapshot.list_id == WatchList.id)
        .group_by(WatchList.name)
    )
    return {name: version for name, version in session.execute(stmt)}
