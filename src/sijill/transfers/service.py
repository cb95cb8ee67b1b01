"""Outgoing batches: create, add people and equipment, legal reviews, approvals.

Every change is audited in the caller's transaction. Adding a person after approvals
starts a new approval round: the earlier approvals no longer count.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, RuleViolation
from sijill.registry import queries as registry_queries
from sijill.timeutil import utcnow
from sijill.transfers import checks, queries
from sijill.transfers.models import (
    Approval,
    LegalReview,
    TransferBatch,
    TransferEntry,
    TransferItem,
)
from sijill.transfers.readiness import ReviewOutcome
from sijill.transfers.risk import Outcome
from sijill.transfers.schemas import (
    ApprovalIn,
    BatchIn,
    BatchOut,
    BatchStatus,
    Direction,
    EntryIn,
    ItemIn,
    ReviewIn,
)
from sijill.transfers.workflow import editable, transition


def new_reference() -> str:
    return f"TR-{secrets.token_hex(4).upper()}"


def _require_office(actor: Actor) -> None:
    if actor.office_id is None:
        raise RuleViolation(Msg("A batch belongs to an office: act as a user of one."))


def create_batch(session: Session, actor: Actor, data: BatchIn) -> BatchOut:
    """A new outgoing batch in preparation, held by the actor's office."""
    actor.require(Permission.TRANSFER_MANAGE)
    _require_office(actor)
    assert actor.office_id is not None
    batch = TransferBatch(
        reference=new_reference(),
        direction=Direction.OUTGOING.value,
        status=BatchStatus.PREPARATION.value,
        state=data.state.upper(),
        authority=data.authority,
        crossing_point=data.crossing_point,
        planned_date=data.planned_date,
        office_id=actor.office_id,
        created_by=actor.username,
    )
    session.add(batch)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "transfers:batch:created", "transfer_batch", batch.id,
        {"reference": batch.reference, "state": batch.state, "direction": batch.direction},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def _editable(session: Session, actor: Actor, ref: str) -> TransferBatch:
    actor.require(Permission.TRANSFER_MANAGE)
    batch = queries.load_batch(session, actor, ref)
    if not editable(BatchStatus(batch.status)):
        raise RuleViolation(
            Msg("Batch {ref} is {status}: it can no longer change.", ref=batch.reference,
                status=batch.status)
        )  # fmt: skip
    return batch


def _next_position(
    session: Session, table: type[TransferEntry] | type[TransferItem], batch: TransferBatch
) -> int:
    current = session.scalar(select(func.max(table.position)).where(table.batch_id == batch.id))
    return (current or 0) + 1


def _invalidate_approvals(session: Session, actor: Actor, batch: TransferBatch, why: str) -> None:
    """A change of the people starts a new approval round (the old approvals stay on record)."""
    invalidated = queries.approvers(session, batch)
    batch.approval_round += 1
    if invalidated:
        audit.record(
            session, actor, "transfers:approvals:invalidated", "transfer_batch", batch.id,
            {"approvals": invalidated, "round": batch.approval_round, "why": why},
        )  # fmt: skip


def _new_entry(
    session: Session, actor: Actor, batch: TransferBatch, data: EntryIn,
    members: dict[uuid.UUID, TransferEntry], position: int,
) -> TransferEntry:  # fmt: skip
    person = registry_queries.load_person(session, actor, data.regno)
    if person.id in members:
        raise Conflict(Msg("{regno} is already in this batch.", regno=data.regno), field="regno")
    travels_with = None
    if data.travels_with:
        companion = registry_queries.load_person(session, actor, data.travels_with)
        travels_with = members.get(companion.id)
        if travels_with is None:
            raise InvalidInput({"travels_with": Msg("That person is not in this batch.")})
    entry = TransferEntry(
        batch_id=batch.id, position=position, person_id=person.id,
        travels_with_id=travels_with.id if travels_with else None,
        relation=data.relation or None, added_by=actor.username,
    )  # fmt: skip
    session.add(entry)
    session.flush()  # the id goes into the audit entry and links companions
    members[person.id] = entry
    return entry


def add_people(session: Session, actor: Actor, ref: str, people: Sequence[EntryIn]) -> BatchOut:
    """Add people (each with the batch member they travel with, if any); one new approval
    round for the whole change."""
    batch = _editable(session, actor, ref)
    members = {e.person_id: e for e in queries.entries(session, batch.id) if e.person_id}
    position = _next_position(session, TransferEntry, batch)
    added = []
    for offset, data in enumerate(people):
        entry = _new_entry(session, actor, batch, data, members, position + offset)
        added.append({"entry": str(entry.id), "person": str(entry.person_id),
                      "position": entry.position})  # fmt: skip
    if added:
        _invalidate_approvals(session, actor, batch, f"{len(added)} people added")
        audit.record(
            session, actor, "transfers:people:added", "transfer_batch", batch.id,
            {"people": added},
        )  # fmt: skip
    return queries.batch_out(session, batch)


def add_person(session: Session, actor: Actor, ref: str, data: EntryIn) -> BatchOut:
    return add_people(session, actor, ref, [data])


def add_items(session: Session, actor: Actor, ref: str, items: Sequence[ItemIn]) -> BatchOut:
    batch = _editable(session, actor, ref)
    position = _next_position(session, TransferItem, batch)
    rows = [
        TransferItem(
            batch_id=batch.id, position=position + offset, description=data.description,
            quantity=data.quantity, weapon_serial=data.weapon_serial or None,
            weapon_category=data.weapon_category or None, added_by=actor.username,
        )
        for offset, data in enumerate(items)
    ]  # fmt: skip
    session.add_all(rows)
    session.flush()  # the ids go into the audit entry
    audit.record(
        session, actor, "transfers:items:added", "transfer_batch", batch.id,
        {"items": [{"item": str(i.id), "position": i.position, "serial": i.weapon_serial}
                   for i in rows]},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def add_item(session: Session, actor: Actor, ref: str, data: ItemIn) -> BatchOut:
    return add_items(session, actor, ref, [data])


def record_review(session: Session, actor: Actor, ref: str, data: ReviewIn) -> BatchOut:
    """A protection/legal officer's review of one person's transfer (cleared or refused)."""
    actor.require(Permission.TRANSFER_LEGAL_REVIEW)
    batch = queries.load_batch(session, actor, ref)
    person = registry_queries.load_person(session, actor, data.regno)
    entry = next((e for e in queries.entries(session, batch.id) if e.person_id == person.id), None)
    if entry is None:
        raise InvalidInput({"regno": Msg("That person is not in this batch.")})
    found = checks.assessments(session, actor, batch, [entry])
    if entry.id in found and found[entry.id].outcome == Outcome.PROHIBITED:
        raise RuleViolation(
            Msg("Transfer of {regno} to {state} is prohibited: a review cannot clear it.",
                regno=data.regno, state=batch.state)
        )  # fmt: skip
    review = LegalReview(
        entry_id=entry.id, outcome=data.outcome.value, note=data.note, reviewed_by=actor.username
    )
    session.add(review)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "transfers:review:recorded", "transfer_batch", batch.id,
        {"review": str(review.id), "person": str(person.id), "outcome": review.outcome,
         "override": data.outcome == ReviewOutcome.CLEARED},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def approve(session: Session, actor: Actor, ref: str, data: ApprovalIn) -> BatchOut:
    """A supervisor's approval of the batch's high-risk transfers (each person already
    reviewed and cleared); two different supervisors are needed."""
    actor.require(Permission.TRANSFER_APPROVE)
    batch = queries.load_batch(session, actor, ref)
    if not editable(BatchStatus(batch.status)):
        raise RuleViolation(Msg("Only a batch in preparation can be approved."))
    if actor.username in queries.approvers(session, batch):
        raise Conflict(Msg("You already approved this batch: a different supervisor must."))
    overridden = checks.entries_needing_review(session, actor, batch)
    reviews = checks.latest_reviews(session, [e.id for e in overridden])
    unreviewed = [e.position for e in overridden if reviews.get(e.id) != ReviewOutcome.CLEARED]
    if unreviewed:
        raise RuleViolation(
            Msg("Lines {lines} need a legal review that clears them before approval.",
                lines=", ".join(str(p) for p in unreviewed))
        )  # fmt: skip
    session.add(
        Approval(batch_id=batch.id, round=batch.approval_round, approved_by=actor.username,
                 note=data.note)
    )  # fmt: skip
    audit.record(
        session, actor, "transfers:batch:approved", "transfer_batch", batch.id,
        {"round": batch.approval_round, "overrides": [str(e.person_id) for e in overridden]},
    )  # fmt: skip
    session.flush()  # the approval counts in the answer
    return queries.batch_out(session, batch)


def cancel(session: Session, actor: Actor, ref: str, reason: str) -> BatchOut:
    actor.require(Permission.TRANSFER_MANAGE)
    if not reason.strip():
        raise InvalidInput({"reason": Msg("Cancelling a batch needs a reason.")})
    batch = queries.load_batch(session, actor, ref)
    direction, status = Direction(batch.direction), BatchStatus(batch.status)
    batch.status = transition(direction, status, BatchStatus.CANCELLED).value
    batch.closed_at = utcnow()
    audit.record(
        session, actor, "transfers:batch:cancelled", "transfer_batch", batch.id,
        {"reason": reason.strip()},
    )  # fmt: skip
    return queries.batch_out(session, batch)
