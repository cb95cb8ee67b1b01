"""Describe a record just registered from what was written, without reading it back.

A registration writes a dozen rows; reading them back through ``queries.person_out`` would
cost a flush and six queries per person. The description built here is the same
``PersonOut`` (a test compares the two)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.registry import queries
from sijill.registry.models import (
    Affiliation,
    ArmedGroup,
    Document,
    Person,
    PersonName,
    Placement,
)
from sijill.registry.schemas import (
    AffiliationOut,
    DocumentOut,
    NameOut,
    PersonOut,
    PlacementOut,
)
from sijill.registry.vocab import FacilityKind, Relation


@dataclass
class NewRecord:
    """The rows a registration wrote for one person."""

    person: Person
    names: list[PersonName]
    documents: list[Document] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    family: list[tuple[Relation, Person]] = field(default_factory=list)


def _affiliation(session: Session, row: Affiliation) -> AffiliationOut:
    group = session.get_one(ArmedGroup, row.group_id)  # in the identity map: checked before
    return AffiliationOut(
        group_id=row.group_id,
        group_name=group.name,
        unit=row.unit,
        role=row.role,
        date_from=row.date_from,
        date_to=row.date_to,
    )


def _placement(row: Placement) -> PlacementOut:
    return PlacementOut(
        facility_id=row.facility.id,
        facility_name=row.facility.name,
        facility_kind=FacilityKind(row.facility.kind),
        since=row.since,
        until=row.until,
        reason=row.reason,
    )


def new_person_out(session: Session, actor: Actor, new: NewRecord) -> PersonOut:
    person = new.person
    assert actor.office_code is not None, "only a user of an office registers people"
    return PersonOut(
        **queries.summary(person, actor.office_code).model_dump(),
        version=person.version,
        names=[NameOut.model_validate(n) for n in new.names],
        place_of_birth=person.place_of_birth,
        birth_country=person.birth_country,
        languages=list(person.languages or []),
        documents=[DocumentOut.model_validate(d) for d in new.documents],
        family=[queries.relative_out(relation, rel) for relation, rel in new.family],
        affiliations=[_affiliation(session, a) for a in new.affiliations],
        placements=[_placement(p) for p in reversed(new.placements)],
        notes=person.notes,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )
