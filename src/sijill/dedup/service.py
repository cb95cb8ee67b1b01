"""The review queue and merges: screening officers decide pairs and propose merges; a
supervisor (another user) approves a merge; an approved merge can be undone. Every step is
audited; people outside the actor's offices are not shown or touched."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.dedup import merge as merging
from sijill.dedup.models import DedupPair, PersonMerge
from sijill.dedup.schemas import (
    DecideMergeIn,
    MergeOut,
    NotSameIn,
    PairOut,
    ProposeMergeIn,
)
from sijill.dedup.workflow import MergeStatus, PairStatus, merge_transition, pair_transition
from sijill.errors import InvalidInput, Msg, NotFound, NotPermitted, RuleViolation
from sijill.registry import queries
from sijill.registry import regno as regnos
from sijill.registry.models import FamilyLink, Person
from sijill.timeutil import utcnow


def _person(session: Session, actor: Actor, person_id: uuid.UUID) -> Person | None:
    return session.scalar(select(Person).where(Person.id == person_id, queries.visible(actor)))


def _open_merge(session: Session, pair_id: uuid.UUID) -> PersonMerge | None:
    stmt = select(PersonMerge).where(
        PersonMerge.pair_id == pair_id,
        PersonMerge.status.in_([MergeStatus.PROPOSED.value, MergeStatus.APPROVED.value]),
    )
    return session.scalar(stmt)


def _pair(session: Session, actor: Actor, pair_id: uuid.UUID) -> tuple[DedupPair, Person, Person]:
    pair = session.get(DedupPair, pair_id)
    a = _person(session, actor, pair.person_a_id) if pair else None
    b = _person(session, actor, pair.person_b_id) if pair else None
    if pair is None or a is None or b is None:
        raise NotFound(Msg("No such candidate pair in your offices."))
    return pair, a, b


def _pair_out(session: Session, pair: DedupPair, a: Person, b: Person) -> PairOut:
    found = _open_merge(session, pair.id)
    return PairOut(
        id=pair.id, a=queries.person_out(session, a), b=queries.person_out(session, b),
        score=pair.score, decision=pair.decision, algorithm=pair.algorithm, version=pair.version,
        explanation=list(pair.explanation), status=pair.status, found_at=pair.found_at,
        decided_by=pair.decided_by, reason=pair.reason, merge_id=found.id if found else None,
    )  # fmt: skip


def queue(
    session: Session, actor: Actor, status: PairStatus = PairStatus.OPEN, limit: int = 50
) -> list[PairOut]:
    """Pairs in one state, best score first, both people in the actor's offices."""
    actor.require(Permission.DEDUP_REVIEW)
    stmt = (
        select(DedupPair).where(DedupPair.status == status.value)
        .order_by(DedupPair.score.desc(), DedupPair.id)
    )  # fmt: skip
    found = []
    for pair in session.scalars(stmt):
        a, b = _person(session, actor, pair.person_a_id), _person(session, actor, pair.person_b_id)
        if a is not None and b is not None:
            found.append(_pair_out(session, pair, a, b))
            if len(found) == limit:
                break
    return found


def get_pair(session: Session, actor: Actor, pair_id: uuid.UUID) -> PairOut:
    actor.require(Permission.DEDUP_REVIEW)
    return _pair_out(session, *_pair(session, actor, pair_id))


def not_same(session: Session, actor: Actor, pair_id: uuid.UUID, data: NotSameIn) -> PairOut:
    """Decide that the two are different people; remembered until either record changes."""
    actor.require(Permission.DEDUP_REVIEW)
    pair, a, b = _pair(session, actor, pair_id)
    pair.status = pair_transition(pair.status, PairStatus.NOT_SAME).value
    pair.decided_by, pair.decided_at, pair.reason = actor.username, utcnow(), data.reason
    audit.record(session, actor, "dedup:pair:not_same", "dedup_pair", pair.id,
                 {"a": a.regno, "b": b.regno, "reason": data.reason})  # fmt: skip
    return _pair_out(session, pair, a, b)


def propose_merge(
    session: Session, actor: Actor, pair_id: uuid.UUID, data: ProposeMergeIn
) -> MergeOut:
    """Propose that one record of the pair absorb the other; a supervisor decides."""
    actor.require(Permission.DEDUP_REVIEW)
    pair, a, b = _pair(session, actor, pair_id)
    compact = regnos.compact(data.survivor_regno)
    if compact not in (a.regno, b.regno):
        raise InvalidInput({"survivor_regno": Msg("Choose one of the two records.")})
    survivor, merged = (a, b) if compact == a.regno else (b, a)
    pair.status = pair_transition(pair.status, PairStatus.MERGE_PROPOSED).value
    pair.decided_by, pair.decided_at, pair.reason = actor.username, utcnow(), data.reason
    found = PersonMerge(
        pair_id=pair.id, survivor_id=survivor.id, merged_id=merged.id,
        status=MergeStatus.PROPOSED.value, reason=data.reason, proposed_by=actor.username,
        proposed_by_id=actor.user_id, proposed_at=utcnow(), moved={},
    )  # fmt: skip
    session.add(found)
    session.flush()  # the id goes into the audit entry
    detail = {"survivor": survivor.regno, "merged": merged.regno, "reason": data.reason}
    audit.record(session, actor, "dedup:merge:propose", "person_merge", found.id, detail)
    return _merge_out(found, survivor, merged)


def _merge_out(found: PersonMerge, survivor: Person, merged: Person) -> MergeOut:
    return MergeOut(
        id=found.id, pair_id=found.pair_id, survivor_regno=regnos.display(survivor.regno),
        merged_regno=regnos.display(merged.regno), status=found.status, reason=found.reason,
        proposed_by=found.proposed_by, proposed_at=found.proposed_at,
        decided_by=found.decided_by, decided_at=found.decided_at,
        undone_by=found.undone_by, undone_at=found.undone_at,
    )  # fmt: skip


def _merge(
    session: Session, actor: Actor, merge_id: uuid.UUID
) -> tuple[PersonMerge, DedupPair, Person, Person]:
    found = session.get(PersonMerge, merge_id)
    survivor = _person(session, actor, found.survivor_id) if found else None
    merged = _person(session, actor, found.merged_id) if found else None
    if found is None or survivor is None or merged is None:
        raise NotFound(Msg("No such merge in your offices."))
    pair = session.get(DedupPair, found.pair_id)
    assert pair is not None
    return found, pair, survivor, merged


def get_merge(session: Session, actor: Actor, merge_id: uuid.UUID) -> MergeOut:
    actor.require(Permission.DEDUP_REVIEW)
    found, _, survivor, merged = _merge(session, actor, merge_id)
    return _merge_out(found, survivor, merged)


def _linked(session: Session, a: Person, b: Person) -> bool:
    stmt = select(FamilyLink.id).where(
        FamilyLink.person_id == a.id, FamilyLink.relative_id == b.id,
        FamilyLink.retired_at.is_(None),
    )  # fmt: skip
    return session.scalar(stmt) is not None


def decide_merge(
    session: Session, actor: Actor, merge_id: uuid.UUID, data: DecideMergeIn
) -> MergeOut:
    """A supervisor, not the proposer, approves (the merge is done) or rejects."""
    actor.require(Permission.MERGE_APPROVE)
    found, pair, survivor, merged = _merge(session, actor, merge_id)
    if found.proposed_by == actor.username:
        raise NotPermitted(Msg("A merge is approved by another user than the one proposing it."))
    if not data.approve:
        found.status = merge_transition(found.status, MergeStatus.REJECTED).value
        pair.status = pair_transition(pair.status, PairStatus.OPEN).value
    else:
        if _linked(session, survivor, merged):
            raise RuleViolation(Msg("Relatives are not merged: remove the family link first."))
        found.status = merge_transition(found.status, MergeStatus.APPROVED).value
        pair.status = pair_transition(pair.status, PairStatus.MERGED).value
        found.moved = merging.apply(session, survivor, merged)
    found.decided_by, found.decided_at, found.decision_reason = (
        actor.username, utcnow(), data.reason,
    )  # fmt: skip
    tag = "dedup:merge:approve" if data.approve else "dedup:merge:reject"
    audit.record(session, actor, tag, "person_merge", found.id,
                 {"survivor": survivor.regno, "merged": merged.regno, "reason": data.reason,
                  "moved": {k: len(v) for k, v in found.moved.items()}})  # fmt: skip
    return _merge_out(found, survivor, merged)


def undo_merge(session: Session, actor: Actor, merge_id: uuid.UUID) -> MergeOut:
    """Undo an approved merge: both records as they were before it."""
    actor.require(Permission.MERGE_APPROVE)
    found, pair, survivor, merged = _merge(session, actor, merge_id)
    found.status = merge_transition(found.status, MergeStatus.UNDONE).value
    pair.status = pair_transition(pair.status, PairStatus.OPEN).value
    merging.undo(session, found.moved, merged.id)
    found.undone_by, found.undone_at = actor.username, utcnow()
    audit.record(session, actor, "dedup:merge:undo", "person_merge", found.id,
                 {"survivor": survivor.regno, "merged": merged.regno})  # fmt: skip
    return _merge_out(found, survivor, merged)


def merges(session: Session, actor: Actor, status: MergeStatus | None = None) -> list[MergeOut]:
    """Merges visible to the actor, newest first; all states unless ``status``."""
    actor.require(Permission.DEDUP_REVIEW)
    stmt = select(PersonMerge).order_by(PersonMerge.proposed_at.desc())
    if status is not None:
        stmt = stmt.where(PersonMerge.status == status.value)
    found = []
    for row in session.scalars(stmt):
        survivor, merged = (
            _person(session, actor, row.survivor_id),
            _person(session, actor, row.merged_id),
        )
        if survivor is not None and merged is not None:
            found.append(_merge_out(row, survivor, merged))
    return found


def merges_of(session: Session, actor: Actor, regno: str) -> list[MergeOut]:
    """Merges a person took part in, either side."""
    person = queries.load_person(session, actor, regno)
    stmt = select(PersonMerge.id).where(
        or_(PersonMerge.survivor_id == person.id, PersonMerge.merged_id == person.id)
    )
    return [get_merge(session, actor, merge_id) for merge_id in session.scalars(stmt)]


def merged_into(session: Session, actor: Actor, regno: str) -> str | None:
    """The survivor's registry number if this record was merged into another, else None."""
    person = queries.load_person(session, actor, regno)
    stmt = select(PersonMerge.survivor_id).where(
        PersonMerge.merged_id == person.id, PersonMerge.status == MergeStatus.APPROVED.value
    )
    survivor_id = session.scalar(stmt)
    survivor = _person(session, actor, survivor_id) if survivor_id else None
    return regnos.display(survivor.regno) if survivor else None
