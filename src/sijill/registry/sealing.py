"""Sealed records: a protection officer seals a person at risk; search then shows a masked
entry (registry number and "sealed"), and opening the record needs a stated reason, which
is kept (``SealOpening``) and audited. Reads of a sealed record are audited too."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Conflict, DomainError, Msg, NotFound
from sijill.registry import regno as regnos
from sijill.registry.models import Person, PersonSeal, SealOpening
from sijill.registry.schemas import (
    LiftSealIn,
    OpenSealedIn,
    PersonOut,
    PersonSummary,
    RelativeOut,
    SealedOut,
    SealIn,
    SealOpeningOut,
)
from sijill.registry.vocab import SealKind, Sex
from sijill.timeutil import utcnow

OPEN_FOR = dt.timedelta(hours=1)  # how long an opened record stays open to the one who opened it
SEALED = "sealed"


class SealedRecord(DomainError):
    code = "sealed"
    status = 403
    title = "Sealed record"


def _find(session: Session, actor: Actor, regno: str) -> Person:
    person = session.scalar(select(Person).where(Person.regno == regnos.compact(regno)))
    if person is None or not (
        actor.sees_office(person.office_id) or actor.sees_office(person.holding_office_id)
    ):
        raise NotFound(
            Msg("No person with registry number {regno} in your offices.", regno=repr(regno))
        )
    return person


def sealed_ids(session: Session, person_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not person_ids:
        return set()
    stmt = select(PersonSeal.person_id).where(PersonSeal.person_id.in_(person_ids))
    return set(session.scalars(stmt))


def _opened_ids(session: Session, actor: Actor, person_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    if not person_ids:
        return set()
    mine = (
        SealOpening.actor_id == actor.user_id
        if actor.user_id is not None
        else SealOpening.actor == actor.username
    )
    stmt = select(SealOpening.person_id).where(
        SealOpening.person_id.in_(person_ids), mine, SealOpening.opened_at > utcnow() - OPEN_FOR
    )
    return set(session.scalars(stmt))


def _closed(session: Session, actor: Actor, person_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Those of ``person_ids`` that are sealed and not opened by ``actor`` lately."""
    sealed = sealed_ids(session, person_ids)
    return sealed - _opened_ids(session, actor, list(sealed))


def mask(session: Session, actor: Actor, people: list[PersonSummary]) -> list[PersonSummary]:
    """Search results with every sealed person the actor has not opened reduced to their
    registry number and office; opened ones keep their details and say they are sealed."""
    sealed = sealed_ids(session, [p.id for p in people])
    closed = sealed - _opened_ids(session, actor, list(sealed))
    return [
        PersonSummary(
            id=p.id, regno=p.regno, name=SEALED, sex=Sex.UNKNOWN, date_of_birth=None,
            nationalities=[], office=p.office, sealed=True,
        )
        if p.id in closed
        else p.model_copy(update={"sealed": p.id in sealed})
        for p in people
    ]  # fmt: skip


def _mask_family(session: Session, actor: Actor, family: list[RelativeOut]) -> list[RelativeOut]:
    closed = _closed(session, actor, [r.person_id for r in family])
    return [
        r.model_copy(update={"name": SEALED, "date_of_birth": None, "sealed": True})
        if r.person_id in closed
        else r
        for r in family
    ]


def require_open(session: Session, actor: Actor, person: Person) -> None:
    """Refuse a sealed record that ``actor`` has not opened with a reason (within the hour)."""
    if _closed(session, actor, [person.id]):
        raise SealedRecord(
            Msg(
                "{regno} is sealed. State why you need it to open it; this is recorded.",
                regno=regnos.display(person.regno),
            ),
            regno=regnos.display(person.regno),
        )


def reading(session: Session, actor: Actor, out: PersonOut) -> PersonOut:
    """A record about to be shown: sealed relatives masked, and a read of a sealed record
    (its family members included) written to the audit log."""
    if sealed_ids(session, [out.id]):
        audit.record(session, actor, "registry:person:read_sealed", "person", out.id)
        out = out.model_copy(update={"sealed": True})
    return out.model_copy(update={"family": _mask_family(session, actor, out.family)})


def seal(session: Session, actor: Actor, regno: str, data: SealIn) -> None:
    actor.require(Permission.PERSON_SEAL)
    person = _find(session, actor, regno)
    if session.get(PersonSeal, person.id) is not None:
        raise Conflict(Msg("{regno} is already sealed.", regno=regnos.display(person.regno)))
    session.add(
        PersonSeal(
            person_id=person.id, kind=data.kind.value, reason=data.reason, sealed_by=actor.username
        )
    )
    audit.record(
        session, actor, "registry:person:seal", "person", person.id,
        {"kind": data.kind.value, "reason": data.reason},
    )  # fmt: skip


def lift(session: Session, actor: Actor, regno: str, data: LiftSealIn) -> None:
    actor.require(Permission.PERSON_SEAL)
    person = _find(session, actor, regno)
    row = session.get(PersonSeal, person.id)
    if row is None:
        raise Conflict(Msg("{regno} is not sealed.", regno=regnos.display(person.regno)))
    session.delete(row)
    audit.record(
        session, actor, "registry:person:unseal", "person", person.id, {"reason": data.reason}
    )


def open_record(session: Session, actor: Actor, regno: str, data: OpenSealedIn) -> str:
    """Open a sealed record for ``actor`` for :data:`OPEN_FOR`; returns its registry number."""
    actor.require(Permission.PERSON_READ)
    person = _find(session, actor, regno)
    if session.get(PersonSeal, person.id) is None:
        raise Conflict(Msg("{regno} is not sealed.", regno=regnos.display(person.regno)))
    session.add(
        SealOpening(
            person_id=person.id, actor_id=actor.user_id, actor=actor.username,
            office_code=actor.office_code, reason=data.reason,
        )
    )  # fmt: skip
    audit.record(
        session, actor, "registry:person:open_sealed", "person", person.id, {"reason": data.reason}
    )
    return regnos.display(person.regno)


def sealed_people(session: Session, actor: Actor) -> list[SealedOut]:
    """Every sealed person of the actor's offices, with who opened the record and why."""
    actor.require(Permission.PERSON_SEAL)
    rows = session.execute(
        select(PersonSeal, Person)
        .join(Person, Person.id == PersonSeal.person_id)
        .order_by(PersonSeal.sealed_at.desc())
    ).all()
    visible = [
        (seal, p)
        for seal, p in rows
        if actor.sees_office(p.office_id) or actor.sees_office(p.holding_office_id)
    ]
    openings: dict[uuid.UUID, list[SealOpeningOut]] = {}
    stmt = select(SealOpening).where(SealOpening.person_id.in_([p.id for _, p in visible]))
    for o in session.scalars(stmt.order_by(SealOpening.opened_at.desc())):
        openings.setdefault(o.person_id, []).append(SealOpeningOut.model_validate(o))
    return [
        SealedOut(
            regno=regnos.display(p.regno), person_id=p.id, name=p.primary_name,
            kind=SealKind(seal.kind), reason=seal.reason, sealed_by=seal.sealed_by,
            sealed_at=seal.sealed_at, openings=openings.get(p.id, []),
        )
        for seal, p in visible
    ]  # fmt: skip
