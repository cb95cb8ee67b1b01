"""Read side of cases: one case with its pathways and timeline, and each pathway's state."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.models import Office, User
from sijill.cases import access
from sijill.cases.models import (
    CaseFile,
    CaseObserver,
    CasePathway,
    CaseTask,
    CaseTransition,
    PathwayItem,
)
from sijill.cases.schemas import (
    CaseOut,
    CaseState,
    ItemKind,
    ItemOut,
    LinkedOut,
    PathwayOut,
    PathwayState,
    TaskOut,
    TransitionOut,
)
from sijill.cases.workflow import PaperType, Pathway, allowed_targets
from sijill.errors import Msg, NotFound
from sijill.registry import regno as regnos
from sijill.registry.models import FamilyLink, Person
from sijill.registry.vocab import Relation
from sijill.timeutil import utcnow

ADULT_AGE = 18


def is_adult(person: Person, today: dt.date | None = None) -> bool:
    """18 or older by the year of birth; a person of unknown age counts as an adult."""
    if person.dob_year is None:
        return True
    return (today or utcnow().date()).year - person.dob_year >= ADULT_AGE


def has_open_judicial(session: Session, person_id: uuid.UUID) -> bool:
    stmt = select(CasePathway.id).where(
        CasePathway.person_id == person_id,
        CasePathway.pathway == Pathway.JUDICIAL.value,
        CasePathway.is_open.is_(True),
    )
    return session.scalar(stmt.limit(1)) is not None


def parents_if_minor(session: Session, person_id: uuid.UUID) -> list[uuid.UUID]:
    """The parents of a minor (whose papers follow a parent's case); none for an adult."""
    person = session.get(Person, person_id)
    if person is None or is_adult(person):
        return []
    stmt = select(FamilyLink.relative_id).where(
        FamilyLink.person_id == person_id,
        FamilyLink.relation == Relation.PARENT.value,
        FamilyLink.retired_at.is_(None),
    )
    return list(session.scalars(stmt))


def _days(start: dt.datetime, end: dt.datetime | None) -> float:
    return round(((end or utcnow()) - start).total_seconds() / 86400, 1)


def pathway_out(session: Session, row: CasePathway) -> PathwayOut:
    session.flush()  # read back the transitions and items just added
    moves = list(
        session.scalars(
            select(CaseTransition)
            .where(CaseTransition.pathway_id == row.id)
            .order_by(CaseTransition.at, CaseTransition.from_status.is_not(None))
        )
    )
    ends = [m.at for m in moves[1:]] + [row.closed_at if not row.is_open else None]
    items = session.scalars(
        select(PathwayItem).where(PathwayItem.pathway_id == row.id).order_by(PathwayItem.created_at)
    )
    pathway = Pathway(row.pathway)
    regno = session.scalar(select(Person.regno).where(Person.id == row.person_id)) or ""
    return PathwayOut(
        id=row.id,
        regno=regnos.display(regno),
        pathway=pathway,
        document_type=PaperType(row.document_type) if row.document_type else None,
        status=row.status,
        is_open=row.is_open,
        opened_at=row.opened_at,
        entered_at=row.entered_at,
        closed_at=row.closed_at,
        days_in_state=_days(row.entered_at, row.closed_at),
        details=dict(row.details),
        next_states=allowed_targets(pathway, row.status),
        transitions=[
            TransitionOut(
                from_status=m.from_status,
                to_status=m.to_status,
                at=m.at,
                actor=m.actor,
                reason=m.reason,
                legal_basis=m.legal_basis,
                rule_version=m.rule_version,
                days_in_state=_days(m.at, end),
            )
            for m, end in zip(moves, ends, strict=True)
        ],
        items=[
            ItemOut(
                id=i.id,
                kind=ItemKind(i.kind),
                name=i.name,
                on_date=i.on_date,
                sessions_attended=i.sessions_attended,
                completed_at=i.completed_at,
            )
            for i in items
        ],
    )


def _family(session: Session, person: Person) -> list[LinkedOut]:
    stmt = (
        select(FamilyLink.relation, Person)
        .join(Person, Person.id == FamilyLink.relative_id)
        .where(FamilyLink.person_id == person.id, FamilyLink.retired_at.is_(None))
        .where(FamilyLink.relation.in_([Relation.SPOUSE.value, Relation.CHILD.value]))
    )
    return [
        LinkedOut(
            relation=rel, regno=regnos.display(p.regno), name=p.primary_name, minor=not is_adult(p)
        )
        for rel, p in session.execute(stmt)
    ]


def tasks_out(session: Session, where: object, limit: int = 500) -> list[TaskOut]:
    stmt = (
        select(CaseTask, Person.regno, Person.primary_name, User.username)
        .join(CaseFile, CaseFile.id == CaseTask.case_id)
        .join(Person, Person.id == CaseFile.person_id)
        .outerjoin(User, User.id == CaseTask.assigned_to)
        .where(where)  # type: ignore[arg-type]  # a boolean column expression
        .order_by(CaseTask.done_at.is_not(None), CaseTask.due_on)
        .limit(limit)
    )
    today = utcnow().date()
    return [
        TaskOut(
            id=t.id,
            regno=regnos.display(r),
            person_name=name,
            title=t.title,
            due_on=t.due_on,
            assignee=user,
            done_at=t.done_at,
            overdue=t.done_at is None and t.due_on < today,
        )
        for t, r, name, user in session.execute(stmt)
    ]


@dataclass(frozen=True)
class CasePerson:
    person_id: uuid.UUID
    regno: str
    name: str
    adult: bool


def case_person(session: Session, actor: Actor, regno: str) -> CasePerson:
    """The person at the head of a case page (for observers too)."""
    person = access.person_for_read(session, actor, regno)
    return CasePerson(
        person.id, regnos.display(person.regno), person.primary_name, is_adult(person)
    )


def get_case(session: Session, actor: Actor, regno: str) -> CaseOut | None:
    """The person's case with its pathways, family, observers and tasks; None if no case."""
    person = access.person_for_read(session, actor, regno)
    case = session.scalar(select(CaseFile).where(CaseFile.person_id == person.id))
    if case is None:
        return None
    rows = session.scalars(
        select(CasePathway).where(CasePathway.case_id == case.id).order_by(CasePathway.opened_at)
    )
    observers = session.scalars(
        select(User.username)
        .join(CaseObserver, CaseObserver.user_id == User.id)
        .where(CaseObserver.case_id == case.id, CaseObserver.revoked_at.is_(None))
    )
    assignee = session.get(User, case.assigned_to) if case.assigned_to else None
    return CaseOut(
        id=case.id,
        person_id=person.id,
        regno=regnos.display(person.regno),
        person_name=person.primary_name,
        office=session.get_one(Office, case.office_id).code,
        opened_at=case.opened_at,
        assigned_to=assignee.username if assignee else None,
        pathways=[pathway_out(session, row) for row in rows],
        family=_family(session, person),
        observers=list(observers),
        tasks=tasks_out(session, CaseTask.case_id == case.id),
    )


def require_case(session: Session, actor: Actor, regno: str) -> CaseOut:
    case = get_case(session, actor, regno)
    if case is None:
        raise NotFound(Msg("{regno} has no case yet.", regno=regno))
    return case


def case_state(session: Session, person_id: uuid.UUID) -> CaseState:
    """Each pathway's current state, for other packages (no actor: they check their own).

    A minor without a case of their own gets the first parent's case that exists."""
    via = None
    case_id = session.scalar(select(CaseFile.id).where(CaseFile.person_id == person_id))
    if case_id is None:
        for parent in parents_if_minor(session, person_id):
            case_id = session.scalar(select(CaseFile.id).where(CaseFile.person_id == parent))
            if case_id is not None:
                via = parent
                break
    rows: list[CasePathway] = []
    if case_id is not None:
        stmt = select(CasePathway).where(CasePathway.case_id == case_id)
        rows = list(session.scalars(stmt.order_by(CasePathway.opened_at)))
    return CaseState(
        person_id=person_id,
        case_id=case_id,
        via_parent=via,
        pathways=[
            PathwayState(
                pathway=Pathway(r.pathway),
                status=r.status,
                is_open=r.is_open,
                document_type=PaperType(r.document_type) if r.document_type else None,
                entered_at=r.entered_at,
            )
            for r in rows
        ],
    )
