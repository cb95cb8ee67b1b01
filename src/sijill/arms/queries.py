"""Read side of the arms area: one weapon, its history, lists, intakes and serials (permits
and custody tasks: ``permit_queries``). Scoped by the office of the facility where each
weapon is."""

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
    Weapon,
    WeaponCustody,
    WeaponIntake,
    WeaponMarking,
    WeaponPermit,
    WeaponPhoto,
)
from sijill.arms.schemas import (
    CustodyOut,
    EventOut,
    IntakeOut,
    MarkingOut,
    PhotoOut,
    WeaponOut,
    WeaponSummary,
)
from sijill.arms.vocab import (
    Condition,
    CustodyStatus,
    EventKind,
    MarkingKind,
    WeaponClass,
    WeaponType,
)
from sijill.errors import Msg, NotFound
from sijill.registry import queries as registry_queries
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


def people_by_id(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, PersonSummary]:
    if not ids:
        return {}
    people = session.scalars(select(Person).where(Person.id.in_(ids)))
    return {p.id: registry_queries.summary(p) for p in people}


def permit_refs(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    stmt = select(WeaponPermit.id, WeaponPermit.ref).where(WeaponPermit.id.in_(ids))
    return dict(session.execute(stmt).all())


def serials_of(session: Session, weapon_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
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
    serials = serials_of(session, [w.id for w, _ in rows])
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
    holder = people_by_id(session, {custody.holder_id} if custody.holder_id else set())
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
    people = people_by_id(session, {e.person_id for e in events if e.person_id})
    permit_ids = {e.permit_id for e in events if e.permit_id}
    permits = permit_refs(session, permit_ids)
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
    person = people_by_id(session, {intake.person_id} if intake.person_id else set())
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


def serial_candidates(
    session: Session, actor: Actor, serial: str, model: str | None = None
) -> tuple[str, list[WeaponSummary]]:
    """The comparison key of a serial and the weapons already recorded with it."""
    key = serials.normalise(serial, model)
    return key, find_by_serial(session, actor, [key]) if key else []
