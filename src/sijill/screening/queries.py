"""The read side of screening: the hit queue, one hit side by side, a person's screening
history, and ``flag`` (asked by the later steps: is this person listed?)."""

from __future__ import annotations

import uuid

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Msg, NotFound
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.registry.queries import visible
from sijill.screening.entries import ListEntry
from sijill.screening.models import HitDecision, ListEntryRow, ScreeningHit, ScreeningRun
from sijill.screening.schemas import (
    DecisionOut,
    EntryOut,
    HitDetail,
    HitOut,
    PersonScreening,
    RunOut,
    ScreeningFlag,
)  # fmt: skip
from sijill.screening.workflow import LISTED, UNDECIDED, HitStatus

QUEUE_LIMIT = 200
# Most serious first: undecided before needing information, the engine's "match" before
# "possible", then the score.
_STATUS_ORDER = case(
    (ScreeningHit.status == HitStatus.OPEN.value, 0),
    (ScreeningHit.status == HitStatus.NEEDS_INFORMATION.value, 1),
    else_=2,
)
DECISION_READ = "screening:decision:read"  # a hit's decisions, with their reasons
HITS_READ = "screening:hits:read"  # a person's hits and their statuses
_DECISION_ORDER = case((ScreeningHit.decision == "match", 0), else_=1)


def _hit_out(hit: ScreeningHit, person: Person) -> HitOut:
    return HitOut(
        id=hit.id, person_id=person.id, regno=regnos.display(person.regno),
        person_name=person.primary_name, subject=hit.subject, status=hit.status,
        score=hit.score, decision=hit.decision, list_name=hit.entry.watch_list.name,
        entry_id=hit.entry.entry_id, entry_name=hit.entry.name, created_at=hit.created_at,
        updated_at=hit.updated_at,
    )  # fmt: skip


def queue(
    session: Session, actor: Actor, statuses: frozenset[HitStatus] = UNDECIDED
) -> list[HitOut]:
    """Hits in the actor's offices with these statuses, most serious first."""
    actor.require(Permission.SCREENING_READ)
    stmt = (
        select(ScreeningHit, Person)
        .join(Person, Person.id == ScreeningHit.person_id)
        .where(ScreeningHit.status.in_([s.value for s in statuses]), visible(actor))
        .order_by(
            _STATUS_ORDER, _DECISION_ORDER, ScreeningHit.score.desc(), ScreeningHit.created_at
        )
        .limit(QUEUE_LIMIT)
    )
    return [_hit_out(hit, person) for hit, person in session.execute(stmt)]


def entry_out(row: ListEntryRow) -> EntryOut:
    entry = ListEntry.from_dict(row.data)
    return EntryOut(
        list_name=row.watch_list.name, entry_id=entry.entry_id, name=entry.name,
        kind=entry.schema, aliases=[(a.name, a.quality) for a in entry.aliases],
        original_names=list(entry.original_names), dates_of_birth=list(entry.dates_of_birth),
        places_of_birth=list(entry.places_of_birth), nationalities=list(entry.nationalities),
        documents=list(entry.documents), reason=entry.reason, programme=entry.programme,
        listed_on=entry.listed_on, removed=row.removed_in is not None,
    )  # fmt: skip


def hit_detail(session: Session, actor: Actor, hit_id: uuid.UUID) -> HitDetail:
    """One hit with the list entry as the list says it and the decisions taken; reading
    decisions is audited."""
    detail = decided_hit(session, actor, hit_id)
    if detail.decisions:
        data = {"hit": str(detail.id), "decisions": len(detail.decisions)}
        audit.record(session, actor, DECISION_READ, "person", detail.person_id, data)
    return detail


def decided_hit(session: Session, actor: Actor, hit_id: uuid.UUID) -> HitDetail:
    """:func:`hit_detail` without the audit entry: for the answer to the decision itself."""
    actor.require(Permission.SCREENING_READ)
    stmt = (
        select(ScreeningHit, Person)
        .join(Person, Person.id == ScreeningHit.person_id)
        .where(ScreeningHit.id == hit_id, visible(actor))
    )
    found = session.execute(stmt).first()
    if found is None:
        raise NotFound(Msg("No such screening hit in your offices."))
    hit, person = found
    decisions = session.scalars(
        select(HitDecision).where(HitDecision.hit_id == hit.id).order_by(HitDecision.id)
    )
    return HitDetail(
        **_hit_out(hit, person).model_dump(),
        explanation=list(hit.explanation), algorithm=hit.algorithm,
        algorithm_version=hit.algorithm_version, entry=entry_out(hit.entry),
        decisions=[DecisionOut(decision=d.decision, from_status=d.from_status,
                               to_status=d.to_status, reason=d.reason, actor=d.actor, at=d.at)
                   for d in decisions],
    )  # fmt: skip


def flag(session: Session, person_id: uuid.UUID) -> ScreeningFlag:
    """The screening state of a person, for the steps that issue papers, permits or
    transfers: listed (a confirmed match), awaiting legal review, hits undecided."""
    stmt = (
        select(ScreeningHit.status, func.count())
        .where(ScreeningHit.person_id == person_id)
        .group_by(ScreeningHit.status)
    )
    counts = {HitStatus(status): n for status, n in session.execute(stmt)}
    return ScreeningFlag(
        listed=any(counts.get(s, 0) for s in LISTED),
        awaiting_legal_review=counts.get(HitStatus.CONFIRMED, 0) > 0,
        undecided=sum(counts.get(s, 0) for s in UNDECIDED),
    )


def person_screening(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonScreening:
    """A person's flag, hits and screening history (newest first)."""
    actor.require(Permission.SCREENING_READ)
    person = session.scalar(select(Person).where(Person.id == person_id, visible(actor)))
    if person is None:
        raise NotFound(Msg("No such person in your offices."))
    hits = session.scalars(
        select(ScreeningHit).where(ScreeningHit.person_id == person_id)
        .order_by(_STATUS_ORDER, ScreeningHit.score.desc())
    )  # fmt: skip
    runs = session.scalars(
        select(ScreeningRun).where(ScreeningRun.person_id == person_id)
        .order_by(ScreeningRun.at.desc()).limit(50)
    )  # fmt: skip
    shown = [_hit_out(h, person) for h in hits]
    if shown:  # their statuses are the decisions taken
        audit.record(session, actor, HITS_READ, "person", person_id, {"hits": len(shown)})
    return PersonScreening(
        flag=flag(session, person_id),
        hits=shown,
        runs=[RunOut.model_validate(r) for r in runs],
    )


def for_person_page(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonScreening:
    """What the person page shows: the flag to everyone who sees the person; the hits and
    the history to those who may read screening."""
    if actor.can(Permission.SCREENING_READ):
        return person_screening(session, actor, person_id)
    return PersonScreening(flag=flag(session, person_id), hits=[], runs=[])
