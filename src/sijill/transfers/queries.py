"""Read side of transfers: one batch, the list, scoped by office."""

from __future__ import annotations

import contextlib
import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, lazyload, selectinload

from sijill.access.actor import Actor
from sijill.access.models import Office
from sijill.access.permissions import Permission
from sijill.errors import Msg, NotFound
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.transfers import guards
from sijill.transfers.models import (
    Approval,
    Discrepancy,
    TransferBatch,
    TransferEntry,
    TransferItem,
)
from sijill.transfers.schemas import (
    BatchOut,
    BatchStatus,
    BatchSummary,
    Direction,
    DiscrepancyKind,
    DiscrepancyOut,
    EntryOut,
    ItemOut,
)


def load_batch(session: Session, actor: Actor, ref: str) -> TransferBatch:
    """The batch with this reference (or id) if the actor's offices hold it, else NotFound."""
    actor.require(Permission.TRANSFER_READ)
    clause = TransferBatch.reference == ref.strip().upper()
    with contextlib.suppress(ValueError):
        clause = or_(clause, TransferBatch.id == uuid.UUID(ref))
    batch = session.scalar(select(TransferBatch).where(clause))
    if batch is None or not actor.sees_office(batch.office_id):
        raise NotFound(Msg("No transfer batch {ref} in your offices.", ref=repr(ref)))
    return batch


def entries(session: Session, batch_id: uuid.UUID) -> list[TransferEntry]:
    stmt = (
        select(TransferEntry)
        .where(TransferEntry.batch_id == batch_id, TransferEntry.removed_at.is_(None))
        .order_by(TransferEntry.position)
    )
    return list(session.scalars(stmt))


def items(session: Session, batch_id: uuid.UUID) -> list[TransferItem]:
    stmt = select(TransferItem).where(TransferItem.batch_id == batch_id)
    return list(session.scalars(stmt.order_by(TransferItem.position)))


def member_people(session: Session, batch_id: uuid.UUID) -> dict[uuid.UUID, Person]:
    """The registry rows of the people of a batch with their current names (two queries, not
    one per person: the manifest prints each person's names)."""
    member = select(TransferEntry.person_id).where(
        TransferEntry.batch_id == batch_id, TransferEntry.removed_at.is_(None)
    )
    stmt = (
        select(Person)
        .options(lazyload(Person.office), selectinload(Person.names))
        .where(Person.id.in_(member))
    )
    return {p.id: p for p in session.scalars(stmt)}


def labels(session: Session, people: guards.People) -> dict[uuid.UUID, tuple[str, str]]:
    """The displayed registry number and the name of each person."""
    found: dict[uuid.UUID, tuple[str, str]] = {}
    for condition in people.where(Person.id):
        stmt = select(Person.id, Person.regno, Person.primary_name).where(condition)
        found.update((pid, (regnos.display(r), name)) for pid, r, name in session.execute(stmt))
    return found


def approvers(session: Session, batch: TransferBatch) -> list[str]:
    """The supervisors who approved the batch in its current round."""
    stmt = select(Approval.approved_by).where(
        Approval.batch_id == batch.id, Approval.round == batch.approval_round
    )
    return sorted(set(session.scalars(stmt)))


def entry_name(entry: TransferEntry, person: Person | None) -> str:
    if person is not None:
        return person.primary_name
    return str((entry.declared or {}).get("name", ""))


def _entry_out(
    entry: TransferEntry, person: Person | None, positions: dict[uuid.UUID, int]
) -> EntryOut:
    return EntryOut(
        id=entry.id,
        position=entry.position,
        person_id=entry.person_id,
        regno=regnos.display(person.regno) if person else None,
        name=entry_name(entry, person),
        travels_with=positions.get(entry.travels_with_id) if entry.travels_with_id else None,
        relation=entry.relation,
        declared=entry.declared,
        present=entry.present,
    )


def _summary_fields(batch: TransferBatch, n_people: int, n_items: int) -> dict[str, object]:
    return {
        "id": batch.id,
        "reference": batch.reference,
        "direction": Direction(batch.direction),
        "status": BatchStatus(batch.status),
        "state": batch.state,
        "authority": batch.authority,
        "crossing_point": batch.crossing_point,
        "planned_date": batch.planned_date,
        "people": n_people,
        "items": n_items,
    }


def batch_out(session: Session, batch: TransferBatch) -> BatchOut:
    rows = entries(session, batch.id)
    persons = member_people(session, batch.id)
    positions = {e.id: e.position for e in rows}
    equipment = items(session, batch.id)
    discrepancies = session.scalars(
        select(Discrepancy)
        .where(Discrepancy.batch_id == batch.id)
        .order_by(Discrepancy.recorded_at)
    )
    return BatchOut(
        **_summary_fields(batch, len(rows), len(equipment)),
        office=session.get_one(Office, batch.office_id).code,
        created_by=batch.created_by,
        approval_round=batch.approval_round,
        approvals=approvers(session, batch),
        source=batch.source,
        manifest_sha256=batch.manifest_sha256,
        received_count=batch.received_count,
        entries=[
            _entry_out(e, persons.get(e.person_id) if e.person_id else None, positions)
            for e in rows
        ],
        equipment=[ItemOut.model_validate(i, from_attributes=True) for i in equipment],
        discrepancies=[
            DiscrepancyOut(
                id=d.id,
                kind=DiscrepancyKind(d.kind),
                description=d.description,
                recorded_by=d.recorded_by,
                resolved_by=d.resolved_by,
                resolution=d.resolution,
            )
            for d in discrepancies
        ],
    )


def get_batch(session: Session, actor: Actor, ref: str) -> BatchOut:
    return batch_out(session, load_batch(session, actor, ref))


def list_batches(session: Session, actor: Actor) -> list[BatchSummary]:
    actor.require(Permission.TRANSFER_READ)
    stmt = select(TransferBatch).order_by(TransferBatch.created_at.desc())
    if not actor.national:
        stmt = stmt.where(TransferBatch.office_id == actor.office_id)
    batches = list(session.scalars(stmt))
    counts = _counts(session, TransferEntry, [b.id for b in batches], active=True)
    item_counts = _counts(session, TransferItem, [b.id for b in batches], active=False)
    return [
        BatchSummary(**_summary_fields(b, counts.get(b.id, 0), item_counts.get(b.id, 0)))
        for b in batches
    ]


def _counts(
    session: Session,
    table: type[TransferEntry] | type[TransferItem],
    ids: list[uuid.UUID],
    active: bool,
) -> dict[uuid.UUID, int]:
    if not ids:
        return {}
    stmt = select(table.batch_id, func.count()).where(table.batch_id.in_(ids))
    if active:
        stmt = stmt.where(TransferEntry.removed_at.is_(None))
    return {bid: n for bid, n in session.execute(stmt.group_by(table.batch_id))}
