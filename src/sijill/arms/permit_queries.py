"""Read side of weapon permits and custody tasks: one permit with its decisions, lists, and
what the credentials area signs for a permit. Scoped by the permit's (or task's) office."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms.models import CustodyTask, PermitDecision, Weapon, WeaponCustody, WeaponPermit
from sijill.arms.queries import people_by_id, permit_refs, serials_of, summaries
from sijill.arms.schemas import DecisionOut, PermitDocument, PermitOut, TaskOut, WeaponSummary
from sijill.arms.vocab import PermitStatus, TaskStatus, WeaponClass, WeaponType
from sijill.errors import Msg, NotFound
from sijill.registry import queries as registry_queries
from sijill.registry import regno as regnos
from sijill.registry.models import Person


def load_permit(session: Session, actor: Actor, ref: str) -> WeaponPermit:
    actor.require(Permission.WEAPON_READ)
    permit = session.scalar(select(WeaponPermit).where(WeaponPermit.ref == ref.strip().upper()))
    if permit is None or not actor.sees_office(permit.office_id):
        raise NotFound(Msg("No permit {ref} in your offices.", ref=repr(ref)))
    return permit


def _weapon_summary(session: Session, weapon_id: uuid.UUID) -> WeaponSummary:
    row = session.execute(
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(Weapon.id == weapon_id)
    ).one()
    return summaries(session, [row])[0]


def permit_out(session: Session, permit: WeaponPermit) -> PermitOut:
    decisions = session.scalars(
        select(PermitDecision)
        .where(PermitDecision.permit_id == permit.id)
        .order_by(PermitDecision.at)
    )
    holder = people_by_id(session, {permit.person_id})[permit.person_id]
    return PermitOut(
        id=permit.id,
        ref=permit.ref,
        status=PermitStatus(permit.status),
        holder=holder,
        weapon=_weapon_summary(session, permit.weapon_id),
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
        conditions=permit.conditions,
        requested_by=permit.requested_by,
        approved_by=permit.approved_by,
        decisions=[
            DecisionOut(
                action=d.action,
                status=PermitStatus(d.status),
                at=d.at,
                actor=d.actor,
                reason=d.reason,
            )
            for d in decisions
        ],
    )


def get_permit(session: Session, actor: Actor, ref: str) -> PermitOut:
    return permit_out(session, load_permit(session, actor, ref))


def list_permits(
    session: Session, actor: Actor, status: PermitStatus | None = None, limit: int = 200
) -> list[PermitOut]:
    actor.require(Permission.WEAPON_READ)
    stmt = select(WeaponPermit).order_by(WeaponPermit.requested_at.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(WeaponPermit.status == status.value)
    if not actor.national:
        stmt = stmt.where(WeaponPermit.office_id == actor.office_id)
    return [permit_out(session, p) for p in session.scalars(stmt)]


def permit_for_document(session: Session, permit_id: uuid.UUID) -> PermitDocument:
    """What the credentials area signs for a permit: holder, weapon and validity.

    No actor: the credentials service that calls it checks its own permission first."""
    permit = session.get(WeaponPermit, permit_id)
    if permit is None:
        raise NotFound(Msg("No such permit."))
    return _permit_document(session, permit)


def permit_document_by_ref(session: Session, ref: str) -> PermitDocument:
    """``permit_for_document`` by the permit's ref (the one the arms pages show)."""
    permit = session.scalar(select(WeaponPermit).where(WeaponPermit.ref == ref.strip().upper()))
    if permit is None:
        raise NotFound(Msg("No permit {ref}.", ref=repr(ref)))
    return _permit_document(session, permit)


def _permit_document(session: Session, permit: WeaponPermit) -> PermitDocument:
    person = session.get(Person, permit.person_id)
    weapon = session.get(Weapon, permit.weapon_id)
    assert person is not None and weapon is not None, "foreign keys hold"
    serial = serials_of(session, [weapon.id]).get(weapon.id)
    return PermitDocument(
        permit_ref=permit.ref,
        status=PermitStatus(permit.status),
        holder_id=person.id,
        holder_regno=regnos.display(person.regno),
        holder_names=[n.full for n in registry_queries.name_rows(session, person.id)],
        weapon_ref=weapon.ref,
        weapon_serial=serial,
        weapon_class=WeaponClass(weapon.weapon_class),
        weapon_type=WeaponType(weapon.weapon_type),
        weapon_make=weapon.make,
        weapon_model=weapon.model,
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
    )


def active_permits_of(session: Session, person_id: uuid.UUID) -> list[PermitDocument]:
    """The person's active permits, newest first (what a weapon-permit document may sign)."""
    stmt = (
        select(WeaponPermit)
        .where(
            WeaponPermit.person_id == person_id,
            WeaponPermit.status == PermitStatus.ACTIVE.value,
        )
        .order_by(WeaponPermit.requested_at.desc())
    )
    return [_permit_document(session, p) for p in session.scalars(stmt)]


def list_tasks(
    session: Session, actor: Actor, status: TaskStatus | None = TaskStatus.OPEN
) -> list[TaskOut]:
    actor.require(Permission.WEAPON_READ)
    stmt = select(CustodyTask).order_by(CustodyTask.created_at.desc()).limit(500)
    if status is not None:
        stmt = stmt.where(CustodyTask.status == status.value)
    if not actor.national:
        stmt = stmt.where(CustodyTask.office_id == actor.office_id)
    tasks = list(session.scalars(stmt))
    permit_ids = {t.permit_id for t in tasks if t.permit_id}
    refs = permit_refs(session, permit_ids)
    return [
        TaskOut(
            id=t.id,
            status=TaskStatus(t.status),
            weapon=_weapon_summary(session, t.weapon_id),
            permit_ref=refs.get(t.permit_id) if t.permit_id else None,
            reason=t.reason,
            created_at=t.created_at,
        )
        for t in tasks
    ]
