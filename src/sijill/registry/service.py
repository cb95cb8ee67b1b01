"""Use cases that change the registry. Each writes its audit entry in the same transaction."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.errors import Conflict, InvalidInput, Msg, NeedsConfirmation, NotFound
from sijill.registry import queries, rows, snapshots
from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    ArmedGroup,
    Document,
    Facility,
    Person,
)
from sijill.registry.schemas import (
    DocumentIn,
    MoveIn,
    NewRelativeIn,
    PersonIn,
    PersonOut,
    PersonUpdate,
)
from sijill.registry.snapshots import NewRecord
from sijill.registry.validation import normalise_document_number, validate_person
from sijill.registry.vocab import Relation
from sijill.timeutil import utcnow


class Limits:
    """Per-deployment limits, passed in by the adapter from settings."""

    def __init__(self, max_field_length: int = 200) -> None:
        self.max_field_length = max_field_length


# ---- references ------------------------------------------------------------------------


def _facility(session: Session, actor: Actor, facility_id: uuid.UUID, path: str) -> Facility:
    facility = session.get(Facility, facility_id)
    if facility is None or not facility.active:
        raise InvalidInput({path: Msg("There is no such facility.")})
    if not actor.sees_office(facility.office_id):
        raise InvalidInput({path: Msg("That facility belongs to another office.")})
    return facility


def _check_groups(session: Session, data: PersonIn) -> None:
    errors = {
        f"affiliations.{i}.group_id": Msg("There is no such group.")
        for i, aff in enumerate(data.affiliations)
        if session.get(ArmedGroup, aff.group_id) is None
    }
    if errors:
        raise InvalidInput(errors)


def _relatives(session: Session, actor: Actor, data: PersonIn) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for i, link in enumerate(data.family):
        if link.regno is None:
            continue
        compact = regnos.compact(link.regno)
        person = session.scalar(
            select(Person).where(Person.regno == compact, queries.visible(actor))
        )
        if person is None:
            raise InvalidInput(
                {f"family.{i}.regno": Msg("No person with this number in your offices.")}
            )
        found[i] = person
    return found


def _check_shared_documents(
    session: Session, actor: Actor, docs: list[DocumentIn], person_id: uuid.UUID | None
) -> None:
    for i, doc in enumerate(docs):
        if doc.shared_number_reason:
            continue
        stmt = (
            select(Person)
            .join(Document, Document.person_id == Person.id)
            .where(
                Document.number_normalised == normalise_document_number(doc.number),
                Document.issuing_state == doc.issuing_state,
                Document.retired_at.is_(None),
            )
        )
        if person_id is not None:
            stmt = stmt.where(Person.id != person_id)
        holder = session.scalars(stmt.limit(1)).first()
        if holder is not None:
            number = f"{doc.number} ({doc.issuing_state})"
            if actor.sees_office(holder.office_id):
                message = Msg(
                    "Document {number} is already held by person {regno}. "
                    "Give a reason to record it anyway.",
                    number=number,
                    regno=regnos.display(holder.regno),
                )
            else:
                message = Msg(
                    "Document {number} is already held by a person of another office. "
                    "Give a reason to record it anyway.",
                    number=number,
                )
            raise NeedsConfirmation(
                message,
                field=f"documents.{i}.shared_number_reason",
                warnings=[f"document_number_shared:{i}"],
            )


# ---- use cases -------------------------------------------------------------------------


def _create(session: Session, actor: Actor, data: PersonIn | NewRelativeIn) -> NewRecord:
    assert actor.office_id is not None, "only a user of an office registers people"
    now = utcnow()
    person = Person(
        id=uuid.uuid4(),
        regno=rows.new_regno(session),
        office_id=actor.office_id,
        created_by=actor.user_id,
        created_at=now,
        updated_at=now,
        version=1,
    )
    rows.set_core(person, data)
    session.add(person)
    return NewRecord(person, rows.sync_names(session, person, data.names, fresh=True))


def _validate(session: Session, actor: Actor, data: PersonIn, limits: Limits) -> None:
    errors = validate_person(data, limits.max_field_length, utcnow().date())
    if errors:
        raise InvalidInput(errors)
    _check_groups(session, data)


def register_person(
    session: Session, actor: Actor, data: PersonIn, limits: Limits | None = None
) -> PersonOut:
    """Register a person with their names, documents, family, affiliations and place."""
    actor.require(Permission.PERSON_REGISTER)
    _validate(session, actor, data, limits or Limits())
    relatives = _relatives(session, actor, data)
    facility = (
        _facility(session, actor, data.facility_id, "facility_id") if data.facility_id else None
    )
    _check_shared_documents(session, actor, data.documents, None)
    new = _create(session, actor, data)
    person = new.person
    new.documents = rows.sync_rows(session, Document, person, data.documents, rows.DOC_FIELDS, True)
    new.affiliations = rows.sync_rows(
        session, Affiliation, person, data.affiliations, rows.AFF_FIELDS, True
    )
    if facility is not None:
        new.placements.append(rows.place(session, person, facility, "registered", fresh=True))
    new.family = _add_family(session, actor, person, data, relatives)
    built = snapshots.new_person_out(session, actor, new)
    return rows.record_version(
        session, actor, person, "create", sorted(PersonIn.model_fields), built=built
    )


def _add_family(
    session: Session, actor: Actor, person: Person, data: PersonIn, known: dict[int, Person]
) -> list[tuple[Relation, Person]]:
    links = []
    for i, link in enumerate(data.family):
        relative = known.get(i)
        if relative is None:
            assert link.new_person is not None  # validated: one of regno / new_person
            new = _create(session, actor, link.new_person)
            relative = new.person
            if person.facility_id is not None:
                facility = session.get_one(Facility, person.facility_id)
                new.placements.append(rows.place(session, relative, facility, "family", fresh=True))
            built = snapshots.new_person_out(session, actor, new)
            rows.record_version(
                session, actor, relative, "create", ["family"], "registered as family", built
            )
        elif relative.id == person.id:
            raise InvalidInput({f"family.{i}.regno": Msg("A person cannot be their own relative.")})
        elif rows.linked(session, person, relative, link.relation):
            continue  # a correction that sends the family it has adds no second link
        rows.link(session, person, relative, link.relation)
        links.append((link.relation, relative))
    return links


def _unlink_family(session: Session, person: Person, numbers: list[str]) -> None:
    """End the links to these relatives, both ways (the retired rows stay in the history)."""
    for i, number in enumerate(numbers):
        compact = regnos.compact(number)
        relative_id = session.scalar(select(Person.id).where(Person.regno == compact))
        if relative_id is None or not rows.unlink(session, person, relative_id):
            raise InvalidInput(
                {f"unlink.{i}": Msg("{regno} is not linked to this person.", regno=number)}
            )


def update_person(
    session: Session,
    actor: Actor,
    regno: str,
    data: PersonUpdate,
    reason: str | None = None,
    limits: Limits | None = None,
) -> PersonOut:
    """Correct a record. Refused if it changed since ``expected_version`` was read."""
    actor.require(Permission.PERSON_EDIT)
    try:
        return _update(session, actor, regno, data, reason, limits)
    except StaleDataError:
        # Another transaction saved this record between our read and our write.
        raise Conflict(
            Msg("This record was changed by someone else meanwhile. Nothing was saved: reload it.")
        ) from None


def _update(
    session: Session,
    actor: Actor,
    regno: str,
    data: PersonUpdate,
    reason: str | None = None,
    limits: Limits | None = None,
) -> PersonOut:
    person = queries.load_person(session, actor, regno)
    # Read the record as committed now (refreshed), then compare: a version read earlier in
    # this session would let a correction committed meanwhile be overwritten.
    _, before = rows.snapshot(session, person)
    if person.version != data.expected_version:
        raise Conflict(
            f"This record was changed by someone else while you were editing: you started from "
            f"version {data.expected_version}, it is now version {person.version}. Nothing was "
            "saved. Reload the record and make your correction again.",
            current_version=person.version,
        )
    _validate(session, actor, data, limits or Limits())
    relatives = _relatives(session, actor, data)
    facility = (
        _facility(session, actor, data.facility_id, "facility_id") if data.facility_id else None
    )
    _check_shared_documents(session, actor, data.documents, person.id)
    person.version = data.expected_version + 1
    rows.set_core(person, data)
    rows.sync_names(session, person, data.names)
    rows.sync_rows(session, Document, person, data.documents, rows.DOC_FIELDS)
    rows.sync_rows(session, Affiliation, person, data.affiliations, rows.AFF_FIELDS)
    if facility is not None and facility.id != person.facility_id:
        rows.place(session, person, facility, reason)
    _add_family(session, actor, person, data, relatives)
    _unlink_family(session, person, data.unlink)
    _, after = rows.snapshot(session, person)
    changed = sorted(k for k in after if after[k] != before.get(k))
    if not changed:
        raise Conflict("Nothing changed: the record is as you submitted it.")
    person.updated_at = utcnow()
    return rows.record_version(session, actor, person, "update", changed, reason)


def move_person(session: Session, actor: Actor, regno: str, data: MoveIn) -> PersonOut:
    """Record that the person is now at another facility (the history keeps where they were)."""
    actor.require(Permission.PERSON_MOVE)
    person = queries.load_person(session, actor, regno)
    facility = _facility(session, actor, data.facility_id, "facility_id")
    if facility.id == person.facility_id:
        raise Conflict("The person is already at this facility.", field="facility_id")
    person.version += 1
    rows.place(session, person, facility, data.reason)
    person.updated_at = utcnow()
    return rows.record_version(session, actor, person, "move", ["placements"], data.reason)


def get_person_by_id(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonOut:
    actor.require(Permission.PERSON_READ)
    person = session.scalar(select(Person).where(Person.id == person_id, queries.visible(actor)))
    if person is None:
        raise NotFound("No such person in your offices.")
    return queries.person_out(session, person)
