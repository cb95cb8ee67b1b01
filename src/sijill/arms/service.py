"""Use cases that change weapons and their custody. Each writes its audit entry in the same
transaction; the current-state row is written only here, from the pure custody machine."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import custody, queries, serials
from sijill.arms.models import (
    CustodyEvent,
    CustodyTask,
    Weapon,
    WeaponCustody,
    WeaponIntake,
    WeaponMarking,
)
from sijill.arms.schemas import EventIn, IntakeIn, IntakeOut, WeaponIn, WeaponOut
from sijill.arms.vocab import CustodyStatus, EventKind, MarkingKind, TaskStatus
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg, NeedsConfirmation, NotFound
from sijill.registry import queries as registry_queries
from sijill.registry.models import ArmedGroup, Facility, Person
from sijill.registry.validation import Errors, check_text
from sijill.timeutil import utcnow

CLOCK_SKEW = dt.timedelta(minutes=5)


def new_ref(prefix: str) -> str:
    """A short reference printed on receipts and permits (56 random bits)."""
    return prefix + secrets.token_hex(7).upper()


def facility(session: Session, actor: Actor, facility_id: uuid.UUID | None, path: str) -> Facility:
    found = session.get(Facility, facility_id) if facility_id else None
    if found is None or not found.active:
        raise InvalidInput({path: Msg("There is no such facility.")})
    if not actor.sees_office(found.office_id):
        raise InvalidInput({path: Msg("That facility belongs to another office.")})
    return found


def person(session: Session, actor: Actor, regno: str | None, path: str) -> Person | None:
    if not regno:
        return None
    try:
        return registry_queries.load_person(session, actor, regno)
    except NotFound as exc:
        raise InvalidInput({path: Msg("No person with this number in your offices.")}) from exc


def event_time(at: dt.datetime | None, path: str = "at") -> dt.datetime:
    now = utcnow()
    if at is None:
        return now
    if at.tzinfo is None:
        raise InvalidInput({path: Msg("Give the time with its UTC offset.")})
    if at > now + CLOCK_SKEW:
        raise InvalidInput({path: Msg("This time is in the future.")})
    return at.astimezone(dt.UTC)


def _state(row: WeaponCustody | None) -> custody.Custody | None:
    if row is None:
        return None
    return custody.Custody(
        status=CustodyStatus(row.status),
        at=row.at,
        facility_id=row.facility_id,
        holder_id=row.holder_id,
        permit_id=row.permit_id,
        group_id=row.group_id,
        events=row.events,
    )


def apply_event(
    session: Session,
    actor: Actor,
    weapon: Weapon,
    row: WeaponCustody | None,
    event: custody.Event,
    note: str | None = None,
) -> WeaponCustody:
    """Append ``event`` to the weapon's history and update its current state, or refuse."""
    state = custody.apply(_state(row), event)
    office_id = row.office_id if row is not None else None
    if event.facility_id is not None:
        office_id = session.get_one(Facility, event.facility_id).office_id
    assert office_id is not None, "the first event names its facility"
    session.add(
        CustodyEvent(
            weapon_id=weapon.id, seq=state.events, kind=event.kind.value, at=event.at,
            facility_id=event.facility_id, person_id=event.person_id, group_id=event.group_id,
            permit_id=event.permit_id, witnesses=list(event.witnesses), note=note,
            recorded_by=actor.username,
        )
    )  # fmt: skip
    if row is None:
        row = WeaponCustody(weapon_id=weapon.id, weapon_class=weapon.weapon_class)
        session.add(row)
    row.status, row.at, row.events = state.status.value, state.at, state.events
    row.facility_id, row.office_id, row.group_id = state.facility_id, office_id, state.group_id
    row.holder_id, row.permit_id = state.holder_id, state.permit_id
    if event.kind is EventKind.RETURNED:
        session.execute(
            update(CustodyTask)
            .where(CustodyTask.weapon_id == weapon.id, CustodyTask.status == TaskStatus.OPEN)
            .values(status=TaskStatus.DONE.value, closed_at=utcnow())
        )
    audit.record(
        session, actor, f"arms:weapon:{event.kind.value}", "weapon", weapon.id,
        {"ref": weapon.ref, "seq": state.events, "status": state.status.value},
    )  # fmt: skip
    return row


# Events recorded through ``record_event``; the others have their own use case.
_DIRECT = frozenset(EventKind) - {EventKind.HANDED_IN, EventKind.ISSUED}


def record_event(session: Session, actor: Actor, ref: str, data: EventIn) -> WeaponOut:
    """Record what happened to a weapon (received, moved, returned, lost, destroyed...)."""
    actor.require(Permission.WEAPON_RECORD)
    if data.kind not in _DIRECT:
        how = "an intake" if data.kind is EventKind.HANDED_IN else "an approved permit"
        raise InvalidInput({"kind": Msg("This event is recorded through {how}.", how=how)})
    weapon, row = queries.load_weapon(session, actor, ref)
    errors: Errors = {}
    for i, witness in enumerate(data.witnesses):
        check_text(errors, f"witnesses.{i}", witness, 200)
    check_text(errors, "note", data.note, 200)
    if errors:
        raise InvalidInput(errors)
    place = facility(session, actor, data.facility_id, "facility_id") if data.facility_id else None
    who = person(session, actor, data.person, "person")
    event = custody.Event(
        kind=data.kind,
        at=event_time(data.at),
        facility_id=place.id if place else None,
        person_id=who.id if who else None,
        witnesses=tuple(data.witnesses),
    )
    apply_event(session, actor, weapon, row, event, data.note)
    return queries.weapon_out(session, weapon, row)


# ---- intake ------------------------------------------------------------------------------


def _keys(item: WeaponIn) -> list[tuple[int, str]]:
    return [
        (j, key)
        for j, m in enumerate(item.markings)
        if m.kind is MarkingKind.SERIAL and (key := serials.normalise(m.text, item.model))
    ]


def _check_items(errors: Errors, items: list[WeaponIn]) -> None:
    for i, item in enumerate(items):
        for name in ("make", "model", "calibre"):
            check_text(errors, f"items.{i}.{name}", getattr(item, name), 100)
        check_text(errors, f"items.{i}.duplicate_reason", item.duplicate_reason, 200)
        for j, marking in enumerate(item.markings):
            check_text(errors, f"items.{i}.markings.{j}.text", marking.text, 100)


def check_duplicates(session: Session, actor: Actor, items: list[WeaponIn]) -> None:
    """Refuse a serial seen before (recorded, or twice in this intake) unless a reason is given."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        keys = _keys(item)
        twice = [key for _, key in keys if key in seen]
        for _, key in keys:
            seen.setdefault(key, i)
        if item.duplicate_reason:
            continue
        if twice:
            raise NeedsConfirmation(
                Msg("Serial {serial} appears twice in this intake. Give a reason to record "
                    "both.", serial=twice[0]),
                field=f"items.{i}.duplicate_reason", warnings=[f"serial_twice:{i}"],
            )  # fmt: skip
        found = session.execute(
            select(Weapon.ref, WeaponCustody.status)
            .join(WeaponMarking, WeaponMarking.weapon_id == Weapon.id)
            .join(WeaponCustody, WeaponCustody.weapon_id == Weapon.id)
            .where(WeaponMarking.normalised.in_([k for _, k in keys]))
            .where(WeaponMarking.kind == MarkingKind.SERIAL)
            .limit(1)
        ).first()
        if found is not None:
            raise NeedsConfirmation(
                Msg("The serial matches weapon {ref} ({status}). Give a reason to record it "
                    "as another weapon.", ref=found[0], status=found[1].replace("_", " ")),
                field=f"items.{i}.duplicate_reason", warnings=[f"serial_known:{found[0]}"],
            )  # fmt: skip


def _new_weapon(session: Session, actor: Actor, item: WeaponIn, intake_id: uuid.UUID) -> Weapon:
    weapon = Weapon(
        id=uuid.uuid4(), ref=new_ref("W"), weapon_class=item.weapon_type.weapon_class.value,
        weapon_type=item.weapon_type.value, make=item.make, model=item.model,
        calibre=item.calibre, condition=item.condition.value, description=item.description,
        duplicate_reason=item.duplicate_reason, intake_id=intake_id, created_by=actor.username,
    )  # fmt: skip
    session.add(weapon)
    for j, marking in enumerate(item.markings):
        session.add(
            WeaponMarking(
                weapon_id=weapon.id, position=j, kind=marking.kind.value, as_read=marking.text,
                normalised=serials.normalise(marking.text, item.model),
            )
        )  # fmt: skip
    return weapon


def intake(session: Session, actor: Actor, data: IntakeIn) -> IntakeOut:
    """Weapons handed in together: one intake, one handed-in event per weapon, one receipt."""
    actor.require(Permission.WEAPON_RECORD)
    errors: Errors = {}
    for i, witness in enumerate(data.witnesses):
        check_text(errors, f"witnesses.{i}", witness, 200)
    _check_items(errors, data.items)
    if data.group_id is not None and session.get(ArmedGroup, data.group_id) is None:
        errors["group_id"] = Msg("There is no such group.")
    if errors:
        raise InvalidInput(errors)
    place = facility(session, actor, data.facility_id, "facility_id")
    who = person(session, actor, data.handed_in_by, "handed_in_by")
    at = event_time(data.at)
    check_duplicates(session, actor, data.items)
    record = WeaponIntake(
        id=uuid.uuid4(), ref=new_ref("I"), at=at, facility_id=place.id, office_id=place.office_id,
        group_id=data.group_id, person_id=who.id if who else None, witnesses=data.witnesses,
        recorded_by=actor.username,
    )  # fmt: skip
    session.add(record)
    session.flush()  # the weapons refer to the intake
    event = custody.Event(
        kind=EventKind.HANDED_IN, at=at, facility_id=place.id, group_id=data.group_id,
        person_id=who.id if who else None, witnesses=tuple(data.witnesses),
    )  # fmt: skip
    for item in data.items:
        weapon = _new_weapon(session, actor, item, record.id)
        apply_event(session, actor, weapon, None, event)
    audit.record(
        session, actor, "arms:intake:create", "intake", record.id,
        {"ref": record.ref, "weapons": len(data.items)},
    )  # fmt: skip
    return queries.get_intake(session, actor, record.ref)
