"""Who may see or change a case: office scoping, and named observers of one case."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission, Role
from sijill.cases.models import CaseFile, CaseObserver
from sijill.errors import Msg, NotFound, NotPermitted
from sijill.registry import queries as registry_queries
from sijill.registry import regno as regnos
from sijill.registry.models import Person


def visible_people(actor: Actor) -> ColumnElement[bool]:
    return registry_queries.visible(actor)


def _not_found(regno: str) -> NotFound:
    return NotFound(
        Msg("No person with registry number {regno} in your offices.", regno=repr(regno))
    )


def person_for_write(session: Session, actor: Actor, regno: str) -> Person:
    """The person if the actor's offices hold them (the permission is checked by the caller)."""
    stmt = select(Person).where(Person.regno == regnos.compact(regno), visible_people(actor))
    person = session.scalar(stmt)
    if person is None:
        raise _not_found(regno)
    return person


def may_write_person(session: Session, actor: Actor, person_id: uuid.UUID) -> bool:
    stmt = select(Person.id).where(Person.id == person_id, visible_people(actor))
    return session.scalar(stmt) is not None


def is_observer_of(session: Session, actor: Actor, case_id: uuid.UUID) -> bool:
    if actor.role != Role.OBSERVER or actor.user_id is None:
        return False
    stmt = select(CaseObserver.id).where(
        CaseObserver.case_id == case_id,
        CaseObserver.user_id == actor.user_id,
        CaseObserver.revoked_at.is_(None),
    )
    return session.scalar(stmt) is not None


def person_for_read(session: Session, actor: Actor, regno: str) -> Person:
    """The person whose case the actor may read: their offices, or an observer's one case."""
    if actor.can(Permission.CASE_READ):
        return person_for_write(session, actor, regno)
    if actor.role == Role.OBSERVER:
        stmt = (
            select(Person, CaseFile.id)
            .join(CaseFile, CaseFile.person_id == Person.id)
            .where(Person.regno == regnos.compact(regno))
        )
        found = session.execute(stmt).first()
        if found is not None and is_observer_of(session, actor, found[1]):
            person: Person = found[0]
            return person
        raise NotPermitted(Msg("You are not an observer of this case."))
    raise NotPermitted(
        f"Your role ({actor.role.value}) may not do this ({Permission.CASE_READ.value})."
    )
