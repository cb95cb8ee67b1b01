"""Use cases that change the registry. Each writes its audit entry in the same transaction."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, NeedsConfirmation, NotFound
from sijill.names.keys import search_keys
from sijill.names.normalise import normalise
from sijill.names.scripts import detect_script
from sijill.registry import queries, snapshots
from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    ArmedGroup,
    Document,
    Facility,
    FamilyLink,
    NameToken,
    Person,
    PersonName,
    PersonRevision,
    Placement,
)
from sijill.registry.schemas import (
    DocumentIn,
    MoveIn,
    NameIn,
    NewRelativeIn,
    PersonIn,
    PersonOut,
    PersonUpdate,
)
from sijill.registry.snapshots import NewRecord
from sijill.registry.validation import normalise_document_number, validate_person
from sijill.registry.vocab import NameType, Relation
from sijill.timeutil import utcnow

_NAME_FIELDS = ("full", "name_type", "given", "father", "grandfather", "family", "source")
_DOC_FIELDS = (
    "doc_type",
    "issuing_state",
    "number",
    "status",
    "issue_date",
    "expiry_date",
    "shared_number_reason",
)
_AFF_FIELDS = ("group_id", "unit", "role", "date_from", "date_to")
_SNAPSHOT_EXCLUDE = {"created_at", "updated_at", "version"}


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


# ---- rows ------------------------------------------------------------------------------


def _new_regno(session: Session) -> str:
    while True:
        value = regnos.generate()
        if session.scalar(select(Person.id).where(Person.regno == value)) is None:
            return value


def _set_core(person: Person, data: PersonIn | NewRelativeIn) -> None:
    person.sex = data.sex.value
    dob = data.date_of_birth
    person.dob_precision = dob.precision.value if dob else None
    person.dob_year = dob.year if dob else None
    person.dob_month = dob.month if dob else None
    person.dob_day = dob.day if dob else None
    person.nationalities = list(dict.fromkeys(data.nationalities))
    primary = next(n for n in data.names if n.name_type == NameType.PRIMARY)
    person.primary_name = primary.full
    if isinstance(data, PersonIn):
        person.place_of_birth = data.place_of_birth
        person.birth_country = data.birth_country
        person.languages = list(dict.fromkeys(data.languages))
        person.notes = data.notes


def _row_key(obj: Any, fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(str(getattr(obj, f)) if getattr(obj, f) is not None else None for f in fields)


def _sync_names(
    session: Session, person: Person, names: list[NameIn], fresh: bool = False
) -> list[PersonName]:
    """Make the person's current names ``names``; returns the current name rows."""
    current = [] if fresh else queries.name_rows(session, person.id)
    existing = {_row_key(n, _NAME_FIELDS): n for n in current}
    now = utcnow()
    rows = []
    for position, name in enumerate(names):
        row = existing.pop(_row_key(name, _NAME_FIELDS), None)
        if row is None:
            row = PersonName(
                id=uuid.uuid4(),
                person_id=person.id,
                script=detect_script(name.full),
                normalised=normalise(name.full)[:400],
                created_at=now,
                **{f: getattr(name, f) for f in _NAME_FIELDS},
            )
            session.add(row)
        row.position = position
        rows.append(row)
    for stale in existing.values():
        stale.retired_at = now
    if not fresh:
        session.execute(delete(NameToken).where(NameToken.person_id == person.id))
    session.add_all(
        NameToken(person_id=person.id, name_id=row.id, token=key)
        for row in rows
        for key in search_keys(row.full)
    )
    return rows


def _sync_rows(
    session: Session,
    model: type[Document] | type[Affiliation],
    person: Person,
    items: list[Any],
    fields: tuple[str, ...],
    fresh: bool = False,
) -> list[Any]:
    existing: dict[tuple[Any, ...], Document | Affiliation] = {}
    if not fresh:
        current = select(model).where(model.person_id == person.id, model.retired_at.is_(None))
        for found in session.scalars(current):
            existing[_row_key(found, fields)] = cast(Document | Affiliation, found)
    rows = []
    for position, item in enumerate(items):
        row: Document | Affiliation | None = existing.pop(_row_key(item, fields), None)
        if row is None:
            values = {f: getattr(item, f) for f in fields}
            if model is Document:
                values["number_normalised"] = normalise_document_number(item.number)
            row = model(id=uuid.uuid4(), person_id=person.id, **values)
            session.add(row)
        if isinstance(row, Document):
            row.position = position
        rows.append(row)
    now = utcnow()
    for stale in existing.values():
        stale.retired_at = now
    return rows


def _place(
    session: Session, person: Person, facility: Facility, reason: str | None, fresh: bool = False
) -> Placement:
    now = utcnow()
    if not fresh:
        open_rows = select(Placement).where(
            Placement.person_id == person.id, Placement.until.is_(None)
        )
        for open_row in session.scalars(open_rows):
            open_row.until = now
    placement = Placement(
        id=uuid.uuid4(), person_id=person.id, facility=facility, since=now, reason=reason
    )
    session.add(placement)
    person.facility_id = facility.id
    person.holding_office_id = facility.office_id
    return placement


def _link(session: Session, person: Person, relative: Person, relation: Any) -> None:
    session.add(FamilyLink(person_id=person.id, relative_id=relative.id, relation=relation.value))
    session.add(
        FamilyLink(person_id=relative.id, relative_id=person.id, relation=relation.inverse.value)
    )


def _linked(session: Session, person: Person, relative: Person, relation: Relation) -> bool:
    stmt = select(FamilyLink.id).where(
        FamilyLink.person_id == person.id,
        FamilyLink.relative_id == relative.id,
        FamilyLink.relation == relation.value,
        FamilyLink.retired_at.is_(None),
    )
    return session.scalar(stmt.limit(1)) is not None


def _snapshot(session: Session, person: Person) -> tuple[PersonOut, dict[str, Any]]:
    session.flush()  # the snapshot reads back the rows just written
    session.refresh(person)
    out = queries.person_out(session, person)
    snap = out.model_dump(mode="json", exclude=_SNAPSHOT_EXCLUDE)
    return out, snap


def _record(
    session: Session,
    actor: Actor,
    person: Person,
    action: str,
    changed: list[str],
    reason: str | None = None,
    built: PersonOut | None = None,
) -> PersonOut:
    if built is None:
        out, snap = _snapshot(session, person)
    else:
        out, snap = built, built.model_dump(mode="json", exclude=_SNAPSHOT_EXCLUDE)
    digest = hashlib.sha256(audit.canonical_json(snap)).hexdigest()
    session.add(
        PersonRevision(
            person_id=person.id,
            version=person.version,
            at=person.updated_at,
            actor=actor.username,
            reason=reason,
            snapshot=snap,
        )
    )
    data = {"regno": person.regno, "version": person.version, "changed": changed, "sha256": digest}
    if reason:
        data["reason"] = reason
    audit.record(session, actor, f"registry:person:{action}", "person", person.id, data)
    return out


# ---- use cases -------------------------------------------------------------------------


def _create(session: Session, actor: Actor, data: PersonIn | NewRelativeIn) -> NewRecord:
    assert actor.office_id is not None, "only a user of an office registers people"
    now = utcnow()
    person = Person(
        id=uuid.uuid4(),
        regno=_new_regno(session),
        office_id=actor.office_id,
        created_by=actor.user_id,
        created_at=now,
        updated_at=now,
        version=1,
    )
    _set_core(person, data)
    session.add(person)
    return NewRecord(person, _sync_names(session, person, data.names, fresh=True))


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
    new.documents = _sync_rows(session, Document, person, data.documents, _DOC_FIELDS, True)
    new.affiliations = _sync_rows(
        session, Affiliation, person, data.affiliations, _AFF_FIELDS, True
    )
    if facility is not None:
        new.placements.append(_place(session, person, facility, "registered", fresh=True))
    new.family = _add_family(session, actor, person, data, relatives)
    built = snapshots.new_person_out(session, actor, new)
    return _record(session, actor, person, "create", sorted(PersonIn.model_fields), built=built)


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
                new.placements.append(_place(session, relative, facility, "family", fresh=True))
            built = snapshots.new_person_out(session, actor, new)
            _record(session, actor, relative, "create", ["family"], "registered as family", built)
        elif relative.id == person.id:
            raise InvalidInput({f"family.{i}.regno": Msg("A person cannot be their own relative.")})
        elif _linked(session, person, relative, link.relation):
            continue  # a correction that sends the family it has adds no second link
        _link(session, person, relative, link.relation)
        links.append((link.relation, relative))
    return links


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
    _, before = _snapshot(session, person)
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
    _set_core(person, data)
    _sync_names(session, person, data.names)
    _sync_rows(session, Document, person, data.documents, _DOC_FIELDS)
    _sync_rows(session, Affiliation, person, data.affiliations, _AFF_FIELDS)
    if facility is not None and facility.id != person.facility_id:
        _place(session, person, facility, reason)
    _add_family(session, actor, person, data, relatives)
    _, after = _snapshot(session, person)
    changed = sorted(k for k in after if after[k] != before.get(k))
    if not changed:
        raise Conflict("Nothing changed: the record is as you submitted it.")
    person.updated_at = utcnow()
    return _record(session, actor, person, "update", changed, reason)


def move_person(session: Session, actor: Actor, regno: str, data: MoveIn) -> PersonOut:
    """Record that the person is now at another facility (the history keeps where they were)."""
    actor.require(Permission.PERSON_MOVE)
    person = queries.load_person(session, actor, regno)
    facility = _facility(session, actor, data.facility_id, "facility_id")
    if facility.id == person.facility_id:
        raise Conflict("The person is already at this facility.", field="facility_id")
    person.version += 1
    _place(session, person, facility, data.reason)
    person.updated_at = utcnow()
    return _record(session, actor, person, "move", ["placements"], data.reason)


def get_person_by_id(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonOut:
    actor.require(Permission.PERSON_READ)
    person = session.scalar(select(Person).where(Person.id == person_id, queries.visible(actor)))
    if person is None:
        raise NotFound("No such person in your offices.")
    return queries.person_out(session, person)
