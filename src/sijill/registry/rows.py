"""Writing the rows of a person record: names and their search keys, documents,
affiliations, placements, family links, and the revision + audit entry of each version.
Used by the registry's use cases (service.py); never called by an adapter."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any, cast

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.audit import service as audit
from sijill.names.keys import search_keys
from sijill.names.normalise import normalise
from sijill.names.scripts import detect_script
from sijill.registry import queries
from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    Document,
    Facility,
    FamilyLink,
    NameToken,
    Person,
    PersonName,
    PersonRevision,
    Placement,
)
from sijill.registry.schemas import NameIn, NewRelativeIn, PersonIn, PersonOut
from sijill.registry.validation import normalise_document_number
from sijill.registry.vocab import NameType, Relation
from sijill.timeutil import utcnow

NAME_FIELDS = ("full", "name_type", "given", "father", "grandfather", "family", "source")
DOC_FIELDS = (
    "doc_type",
    "issuing_state",
    "number",
    "status",
    "issue_date",
    "expiry_date",
    "shared_number_reason",
)
AFF_FIELDS = ("group_id", "unit", "role", "date_from", "date_to")
SNAPSHOT_EXCLUDE = {"created_at", "updated_at", "version"}


def new_regno(session: Session) -> str:
    while True:
        value = regnos.generate()
        if session.scalar(select(Person.id).where(Person.regno == value)) is None:
            return value


def set_core(person: Person, data: PersonIn | NewRelativeIn) -> None:
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


def row_key(obj: Any, fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(str(getattr(obj, f)) if getattr(obj, f) is not None else None for f in fields)


def sync_names(
    session: Session, person: Person, names: list[NameIn], fresh: bool = False
) -> list[PersonName]:
    """Make the person's current names ``names``; returns the current name rows."""
    current = [] if fresh else queries.name_rows(session, person.id)
    existing = {row_key(n, NAME_FIELDS): n for n in current}
    now = utcnow()
    rows = []
    for position, name in enumerate(names):
        row = existing.pop(row_key(name, NAME_FIELDS), None)
        if row is None:
            row = PersonName(
                id=uuid.uuid4(),
                person_id=person.id,
                script=detect_script(name.full),
                normalised=normalise(name.full)[:400],
                created_at=now,
                **{f: getattr(name, f) for f in NAME_FIELDS},
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


def sync_rows(
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
            existing[row_key(found, fields)] = cast(Document | Affiliation, found)
    rows = []
    for position, item in enumerate(items):
        row: Document | Affiliation | None = existing.pop(row_key(item, fields), None)
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


def place(
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


def link(session: Session, person: Person, relative: Person, relation: Any) -> None:
    session.add(FamilyLink(person_id=person.id, relative_id=relative.id, relation=relation.value))
    session.add(
        FamilyLink(person_id=relative.id, relative_id=person.id, relation=relation.inverse.value)
    )


def unlink(session: Session, person: Person, relative_id: Any) -> bool:
    """Retire the links between two people, both ways; False if there were none."""
    stmt = select(FamilyLink).where(
        FamilyLink.retired_at.is_(None),
        or_(
            and_(FamilyLink.person_id == person.id, FamilyLink.relative_id == relative_id),
            and_(FamilyLink.person_id == relative_id, FamilyLink.relative_id == person.id),
        ),
    )
    links = list(session.scalars(stmt))
    for link in links:
        link.retired_at = utcnow()
    return bool(links)


def linked(session: Session, person: Person, relative: Person, relation: Relation) -> bool:
    stmt = select(FamilyLink.id).where(
        FamilyLink.person_id == person.id,
        FamilyLink.relative_id == relative.id,
        FamilyLink.relation == relation.value,
        FamilyLink.retired_at.is_(None),
    )
    return session.scalar(stmt.limit(1)) is not None


def snapshot(session: Session, person: Person) -> tuple[PersonOut, dict[str, Any]]:
    session.flush()  # the snapshot reads back the rows just written
    session.refresh(person)
    out = queries.person_out(session, person)
    snap = out.model_dump(mode="json", exclude=SNAPSHOT_EXCLUDE)
    return out, snap


def record_version(
    session: Session,
    actor: Actor,
    person: Person,
    action: str,
    changed: list[str],
    reason: str | None = None,
    built: PersonOut | None = None,
) -> PersonOut:
    if built is None:
        out, snap = snapshot(session, person)
    else:
        out, snap = built, built.model_dump(mode="json", exclude=SNAPSHOT_EXCLUDE)
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
