"""Who works on a case: the assigned officer, named observers, tasks with due dates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.access.permissions import Permission, Role, allows
from sijill.audit import service as audit
from sijill.cases import access, queries
from sijill.cases.models import CaseFile, CaseObserver, CaseTask
from sijill.cases.schemas import TaskIn, TaskOut, UsernameIn
from sijill.errors import Conflict, InvalidInput, Msg, NotFound
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.timeutil import utcnow


def _case(session: Session, actor: Actor, regno: str) -> CaseFile:
    person = access.person_for_write(session, actor, regno)
    case = session.scalar(select(CaseFile).where(CaseFile.person_id == person.id))
    if case is None:
        raise NotFound(Msg("{regno} has no case yet: open one first.", regno=regno))
    return case


def _user(session: Session, username: str, field: str) -> User:
    try:
        return access_service.user_by_username(session, username)
    except NotFound:
        raise InvalidInput({field: Msg("No user {name}.", name=username)}) from None


def _officer(session: Session, username: str, field: str) -> User:
    user = _user(session, username, field)
    if not user.active or not allows(Role(user.role), Permission.CASE_MANAGE):
        raise InvalidInput({field: Msg("{name} is not an active case officer.", name=username)})
    return user


def assign(session: Session, actor: Actor, regno: str, data: UsernameIn) -> None:
    """Give the case to an officer (a supervisor's decision)."""
    actor.require(Permission.CASE_ASSIGN)
    case = _case(session, actor, regno)
    officer = _officer(session, data.username, "username")
    case.assigned_to = officer.id
    case.assigned_at = utcnow()
    audit.record(
        session,
        actor,
        "cases:case:assigned",
        "person",
        case.person_id,
        {"officer": officer.username},
    )


def add_observer(session: Session, actor: Actor, regno: str, data: UsernameIn) -> None:
    """Name an oversight representative (an observer user) who may read this case only."""
    actor.require(Permission.CASE_JUDICIAL)
    case = _case(session, actor, regno)
    user = _user(session, data.username, "username")
    if Role(user.role) != Role.OBSERVER:
        raise InvalidInput({"username": Msg("{name} is not an observer.", name=data.username)})
    if access.is_observer_of(session, access_service.actor_for(user), case.id):
        raise Conflict(Msg("{name} already observes this case.", name=data.username))
    session.add(
        CaseObserver(
            case_id=case.id, user_id=user.id, assigned_at=utcnow(), assigned_by=actor.username
        )
    )
    audit.record(
        session,
        actor,
        "cases:observer:added",
        "person",
        case.person_id,
        {"observer": user.username},
    )


def remove_observer(session: Session, actor: Actor, regno: str, data: UsernameIn) -> None:
    actor.require(Permission.CASE_JUDICIAL)
    case = _case(session, actor, regno)
    stmt = (
        select(CaseObserver)
        .join(User, User.id == CaseObserver.user_id)
        .where(CaseObserver.case_id == case.id, CaseObserver.revoked_at.is_(None))
        .where(User.username == data.username)
    )
    row = session.scalar(stmt)
    if row is None:
        raise NotFound(Msg("{name} does not observe this case.", name=data.username))
    row.revoked_at = utcnow()
    audit.record(
        session,
        actor,
        "cases:observer:removed",
        "person",
        case.person_id,
        {"observer": data.username},
    )


def add_task(session: Session, actor: Actor, regno: str, data: TaskIn) -> TaskOut:
    actor.require(Permission.CASE_MANAGE)
    case = _case(session, actor, regno)
    assignee = _officer(session, data.assignee, "assignee").id if data.assignee else None
    task = CaseTask(
        id=uuid.uuid4(),
        case_id=case.id,
        title=data.title,
        due_on=data.due_on,
        assigned_to=assignee or case.assigned_to,
        created_at=utcnow(),
        created_by=actor.username,
    )
    session.add(task)
    audit.record(
        session,
        actor,
        "cases:task:added",
        "person",
        case.person_id,
        {"task": str(task.id), "title": data.title, "due_on": data.due_on.isoformat()},
    )
    return queries.tasks_out(session, CaseTask.id == task.id)[0]


def complete_task(session: Session, actor: Actor, task_id: uuid.UUID) -> TaskOut:
    actor.require(Permission.CASE_MANAGE)
    task = session.get(CaseTask, task_id)
    case = session.get(CaseFile, task.case_id) if task else None
    if task is None or case is None or not access.may_write_person(session, actor, case.person_id):
        raise NotFound(Msg("No such task in your offices."))
    if task.done_at is not None:
        raise Conflict(Msg("This task is already done."))
    task.done_at = utcnow()
    audit.record(
        session, actor, "cases:task:done", "person", case.person_id, {"task": str(task.id)}
    )
    return queries.tasks_out(session, CaseTask.id == task.id)[0]


@dataclass(frozen=True)
class WorkList:
    tasks: list[TaskOut]
    cases: list[tuple[str, str]]  # (regno, name) of the cases assigned to the officer


def work_list(session: Session, actor: Actor) -> WorkList:
    """The actor's open tasks (theirs, or on their cases) and the cases assigned to them."""
    actor.require(Permission.CASE_MANAGE)
    mine = or_(
        CaseTask.assigned_to == actor.user_id,
        CaseTask.case_id.in_(select(CaseFile.id).where(CaseFile.assigned_to == actor.user_id)),
    )
    tasks = queries.tasks_out(session, mine & CaseTask.done_at.is_(None))
    stmt = (
        select(Person.regno, Person.primary_name)
        .join(CaseFile, CaseFile.person_id == Person.id)
        .where(CaseFile.assigned_to == actor.user_id)
        .order_by(CaseFile.assigned_at)
        .limit(500)
    )
    return WorkList(tasks, [(regnos.display(r), n) for r, n in session.execute(stmt)])


def observed_cases(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(registry number, name) of the cases the actor is named to observe, oldest first."""
    stmt = (
        select(Person.regno, Person.primary_name)
        .join(CaseFile, CaseFile.person_id == Person.id)
        .join(CaseObserver, CaseObserver.case_id == CaseFile.id)
        .where(CaseObserver.user_id == actor.user_id, CaseObserver.revoked_at.is_(None))
        .order_by(CaseObserver.assigned_at)
        .limit(500)
    )
    return [(regnos.display(r), n) for r, n in session.execute(stmt)]
