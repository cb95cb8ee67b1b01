"""Read side of the arms area: one weapon, its history, lists, permits, tasks. Scoped by the
office of the facility where each weapon is."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import serials
from sijill.arms.models import (
    CustodyEvent,
    CustodyTask,
    PermitDecision,
    Weapon,
    WeaponCustody,
    WeaponIntake,
    WeaponMarking,
    WeaponPermit,
    WeaponPhoto,
)
from sijill.arms.schemas import (
    CustodyOut,
    DecisionOut,
    EventOut,
    IntakeOut,
    MarkingOut,
    PermitDocument,
    PermitOut,
    PhotoOut,
    TaskOut,
    WeaponOut,
    WeaponSummary,
)
from sijill.arms.vocab import (
    Condition,
    CustodyStatus,
    EventKind,
    MarkingKind,
    PermitStatus,
    TaskStatus,
    WeaponClass,
    WeaponType,
)
from sijill.errors import Msg, NotFound
from sijill.registry import queries as registry_queries
from sijill.registry import regno as regnos
from sijill.registry.models import ArmedGroup, Facility, Person
from sijill.registry.schemas import PersonSummary


def visible(actor: Actor) -> ColumnElement[bool]:
    """Weapons at the actor's office's facilities, or all for national offices."""
    if actor.national:
        return WeaponCustody.weapon_id.is_not(None)
    return WeaponCustody.office_id == actor.office_id


def load_weapon(session: Session, actor: Actor, ref: str) -> tuple[Weapon, WeaponCustody]:
    actor.require(Permission.WEAPON_READ)
    row = session.execute(
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(Weapon.ref == ref.strip().upper(), visible(actor))
    ).first()
    if row is None:
        raise NotFound(Msg("No weapon {ref} in your offices.", ref=repr(ref)))
    return row[0], row[1]


def names_of(
    session: Session, model: type[Facility] | type[ArmedGroup], ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def _people(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, PersonSummary]:
    if not ids:
        return {}
    people = session.scalars(select(Person).where(Person.id.in_(ids)))
    return {p.id: registry_queries.summary(p) for p in people}


def _permit_refs(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    stmt = select(WeaponPermit.id, WeaponPermit.ref).where(WeaponPermit.id.in_(ids))
    return dict(session.execute(stmt).all())


def _serials(session: Session, weapon_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not weapon_ids:
        return {}
    stmt = (
        select(WeaponMarking.weapon_id, WeaponMarking.as_read)
        .where(WeaponMarking.weapon_id.in_(weapon_ids), WeaponMarking.kind == MarkingKind.SERIAL)
        .order_by(WeaponMarking.position.desc())
    )
    return dict(session.execute(stmt).all())


def summaries(
    session: Session, rows: Sequence[tuple[Weapon, WeaponCustody]]
) -> list[WeaponSummary]:
    serials = _serials(session, [w.id for w, _ in rows])
    places = names_of(session, Facility, {c.facility_id for _, c in rows if c.facility_id})
    return [
        WeaponSummary(
            id=w.id,
            ref=w.ref,
            weapon_class=WeaponClass(w.weapon_class),
            weapon_type=WeaponType(w.weapon_type),
            make=w.make,
            model=w.model,
            serial=serials.get(w.id),
            status=CustodyStatus(c.status),
            facility=places.get(c.facility_id) if c.facility_id else None,
        )
        for w, c in rows
    ]


def _name_of(
    session: Session, model: type[Facility] | type[ArmedGroup], some_id: uuid.UUID | None
) -> str | None:
    if some_id is None:
        return None
    return session.scalar(select(model.name).where(model.id == some_id))


def _custody_out(session: Session, custody: WeaponCustody) -> CustodyOut:
    permit_ref = None
    if custody.permit_id is not None:
        stmt = select(WeaponPermit.ref).where(WeaponPermit.id == custody.permit_id)
        permit_ref = session.scalar(stmt)
    holder = _people(session, {custody.holder_id} if custody.holder_id else set())
    return CustodyOut(
        status=CustodyStatus(custody.status),
        since=custody.at,
        facility=_name_of(session, Facility, custody.facility_id),
        holder=holder.get(custody.holder_id) if custody.holder_id else None,
        permit_ref=permit_ref,
        group=_name_of(session, ArmedGroup, custody.group_id),
    )


def weapon_out(session: Session, weapon: Weapon, custody: WeaponCustody) -> WeaponOut:
    markings = session.scalars(
        select(WeaponMarking)
        .where(WeaponMarking.weapon_id == weapon.id)
        .order_by(WeaponMarking.position)
    )
    photos = session.scalars(
        select(WeaponPhoto)
        .where(WeaponPhoto.weapon_id == weapon.id)
        .order_by(WeaponPhoto.created_at)
    )
    intake_ref = None
    if weapon.intake_id is not None:
        intake_ref = session.scalar(
            select(WeaponIntake.ref).where(WeaponIntake.id == weapon.intake_id)
        )
    return WeaponOut(
        id=weapon.id,
        ref=weapon.ref,
        weapon_class=WeaponClass(weapon.weapon_class),
        weapon_type=WeaponType(weapon.weapon_type),
        make=weapon.make,
        model=weapon.model,
        calibre=weapon.calibre,
        condition=Condition(weapon.condition),
        description=weapon.description,
        duplicate_reason=weapon.duplicate_reason,
        markings=[
            MarkingOut(kind=MarkingKind(m.kind), as_read=m.as_read, normalised=m.normalised)
            for m in markings
        ],
        photos=[
            PhotoOut(id=p.id, sha256=p.sha256, media_type=p.media_type, size=p.size) for p in photos
        ],
        custody=_custody_out(session, custody),
        intake_ref=intake_ref,
    )


def get_weapon(session: Session, actor: Actor, ref: str) -> WeaponOut:
    return weapon_out(session, *load_weapon(session, actor, ref))


def history(session: Session, actor: Actor, ref: str) -> list[EventOut]:
    """Every custody event of one weapon, oldest first."""
    weapon, _ = load_weapon(session, actor, ref)
    stmt = (
        select(CustodyEvent).where(CustodyEvent.weapon_id == weapon.id).order_by(CustodyEvent.seq)
    )
    events = list(session.scalars(stmt))
    places = names_of(session, Facility, {e.facility_id for e in events if e.facility_id})
    groups = names_of(session, ArmedGroup, {e.group_id for e in events if e.group_id})
    people = _people(session, {e.person_id for e in events if e.person_id})
    permit_ids = {e.permit_id for e in events if e.permit_id}
    permits = _permit_refs(session, permit_ids)
    return [
        EventOut(
            seq=e.seq,
            kind=EventKind(e.kind),
            at=e.at,
            facility=places.get(e.facility_id) if e.facility_id else None,
            person=people.get(e.person_id) if e.person_id else None,
            group=groups.get(e.group_id) if e.group_id else None,
            permit_ref=permits.get(e.permit_id) if e.permit_id else None,
            witnesses=list(e.witnesses),
            note=e.note,
            recorded_by=e.recorded_by,
        )
        for e in events
    ]


def list_weapons(
    session: Session,
    actor: Actor,
    status: CustodyStatus | None = None,
    facility_id: uuid.UUID | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[WeaponSummary]:
    """Weapons visible to the actor, newest event first, filtered by status or facility."""
    actor.require(Permission.WEAPON_READ)
    stmt = (
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(visible(actor))
    )
    if status is not None:
        stmt = stmt.where(WeaponCustody.status == status.value)
    if facility_id is not None:
        stmt = stmt.where(WeaponCustody.facility_id == facility_id)
    order = (WeaponCustody.at.desc(), WeaponCustody.weapon_id.desc())
    stmt = stmt.order_by(*order).limit(limit).offset(offset)
    return summaries(session, [(w, c) for w, c in session.execute(stmt)])


def find_by_serial(session: Session, actor: Actor, keys: Sequence[str]) -> list[WeaponSummary]:
    """Weapons visible to the actor with a serial whose key is one of ``keys``."""
    actor.require(Permission.WEAPON_READ)
    stmt = (
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .join(WeaponMarking, WeaponMarking.weapon_id == Weapon.id)
        .where(WeaponMarking.normalised.in_(list(keys)), WeaponMarking.kind == MarkingKind.SERIAL)
        .where(visible(actor))
        .distinct()
    )
    return summaries(session, [(w, c) for w, c in session.execute(stmt)])


def get_intake(session: Session, actor: Actor, ref: str) -> IntakeOut:
    """An intake and every weapon handed in with it: the receipt."""
    actor.require(Permission.WEAPON_READ)
    intake = session.scalar(select(WeaponIntake).where(WeaponIntake.ref == ref.strip().upper()))
    if intake is None or not actor.sees_office(intake.office_id):
        raise NotFound(Msg("No intake {ref} in your offices.", ref=repr(ref)))
    stmt = (
        select(Weapon, WeaponCustody)
        .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
        .where(Weapon.intake_id == intake.id)
        .order_by(Weapon.created_at, Weapon.ref)
    )
    person = _people(session, {intake.person_id} if intake.person_id else set())
    return IntakeOut(
        id=intake.id,
        ref=intake.ref,
        at=intake.at,
        facility=_name_of(session, Facility, intake.facility_id) or "",
        group=_name_of(session, ArmedGroup, intake.group_id),
        handed_in_by=person.get(intake.person_id) if intake.person_id else None,
        witnesses=list(intake.witnesses),
        recorded_by=intake.recorded_by,
        items=summaries(session, [(w, c) for w, c in session.execute(stmt)]),
    )


# ---- permits and tasks ----------------------------------------------------------------------


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
    holder = _people(session, {permit.person_id})[permit.person_id]
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
    serial = _serials(session, [weapon.id]).get(weapon.id)
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
    refs = _permit_refs(session, permit_ids)
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


def serial_candidates(
    session: Session, actor: Actor, serial: str, model: str | None = None
) -> tuple[str, list[WeaponSummary]]:
    """The comparison key of a serial and the weapons already recorded with it."""
    key = serials.normalise(serial, model)
    return key, find_by_serial(session, actor, [key]) if key else []
