"""Groups (factions, with aliases) and facilities: reference data kept by administrators."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, NotFound
from sijill.registry.models import ArmedGroup, Facility
from sijill.registry.schemas import FacilityIn, FacilityOut, FacilityUpdate, GroupIn, GroupOut
from sijill.registry.validation import Errors, check_text
from sijill.registry.vocab import FacilityKind


def _check(errors: Errors, path: str, value: str | None) -> None:
    check_text(errors, path, value, 200)


def _group_out(group: ArmedGroup) -> GroupOut:
    return GroupOut(id=group.id, name=group.name, aliases=list(group.aliases))


def create_group(session: Session, actor: Actor, data: GroupIn) -> GroupOut:
    actor.require(Permission.REFERENCE_MANAGE)
    errors: Errors = {}
    _check(errors, "name", data.name)
    for i, alias in enumerate(data.aliases):
        _check(errors, f"aliases.{i}", alias)
    if errors:
        raise InvalidInput(errors)
    if session.scalar(select(ArmedGroup).where(ArmedGroup.name == data.name)) is not None:
        raise Conflict(
            Msg("A group named {name} exists already.", name=repr(data.name)), field="name"
        )
    aliases = [a for a in dict.fromkeys(data.aliases) if a and a != data.name]
    group = ArmedGroup(name=data.name, aliases=aliases)
    session.add(group)
    session.flush()  # the id goes into the audit entry
    audit.record(session, actor, "registry:group:create", "group", group.id, data.model_dump())
    return _group_out(group)


def update_group(session: Session, actor: Actor, group_id: uuid.UUID, data: GroupIn) -> GroupOut:
    actor.require(Permission.REFERENCE_MANAGE)
    group = session.get(ArmedGroup, group_id)
    if group is None:
        raise NotFound("No such group.")
    errors: Errors = {}
    for i, alias in enumerate(data.aliases):
        _check(errors, f"aliases.{i}", alias)
    _check(errors, "name", data.name)
    if errors:
        raise InvalidInput(errors)
    group.name = data.name
    group.aliases = [a for a in dict.fromkeys(data.aliases) if a and a != data.name]
    audit.record(session, actor, "registry:group:update", "group", group.id, data.model_dump())
    return _group_out(group)


def list_groups(session: Session, actor: Actor) -> list[GroupOut]:
    actor.require(Permission.REFERENCE_READ)
    return [_group_out(g) for g in session.scalars(select(ArmedGroup).order_by(ArmedGroup.name))]


def _facility_out(facility: Facility) -> FacilityOut:
    return FacilityOut(
        id=facility.id,
        name=facility.name,
        kind=FacilityKind(facility.kind),
        office_code=facility.office.code,
        location=facility.location,
        active=facility.active,
    )


def create_facility(session: Session, actor: Actor, data: FacilityIn) -> FacilityOut:
    actor.require(Permission.REFERENCE_MANAGE)
    errors: Errors = {}
    _check(errors, "name", data.name)
    _check(errors, "location", data.location)
    if errors:
        raise InvalidInput(errors)
    if session.scalar(select(Facility).where(Facility.name == data.name)) is not None:
        raise Conflict(
            Msg("A facility named {name} exists already.", name=repr(data.name)), field="name"
        )
    office = access_service.office_by_code(session, data.office_code)
    facility = Facility(name=data.name, kind=data.kind.value, office=office, location=data.location)
    session.add(facility)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "registry:facility:create", "facility", facility.id, data.model_dump()
    )
    return _facility_out(facility)


def update_facility(
    session: Session, actor: Actor, facility_id: uuid.UUID, data: FacilityUpdate
) -> FacilityOut:
    """Rename, re-describe, close or reopen a facility; the people placed there stay."""
    actor.require(Permission.REFERENCE_MANAGE)
    facility = session.get(Facility, facility_id)
    if facility is None:
        raise NotFound(Msg("No such facility."))
    errors: Errors = {}
    _check(errors, "name", data.name)
    _check(errors, "location", data.location)
    if errors:
        raise InvalidInput(errors)
    same_name = select(Facility).where(Facility.name == data.name, Facility.id != facility.id)
    if session.scalar(same_name) is not None:
        raise Conflict(
            Msg("A facility named {name} exists already.", name=repr(data.name)), field="name"
        )
    facility.name, facility.kind = data.name, data.kind.value
    facility.location, facility.active = data.location, data.active
    audit.record(
        session, actor, "registry:facility:update", "facility", facility.id, data.model_dump()
    )
    return _facility_out(facility)


def list_facilities(
    session: Session, actor: Actor, all_offices: bool = False, closed: bool = False
) -> list[FacilityOut]:
    """Facilities the actor may place people in (their office's, or all for national users);
    with ``closed``, also those no longer taking people (for administration)."""
    actor.require(Permission.REFERENCE_READ)
    stmt = select(Facility).order_by(Facility.name)
    if not closed:
        stmt = stmt.where(Facility.active.is_(True))
    rows = session.scalars(stmt)
    return [_facility_out(f) for f in rows if all_offices or actor.sees_office(f.office_id)]
