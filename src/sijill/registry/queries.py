"""Read side of the registry: one person, lists, search, history. Scoped by office."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.audit.models import AuditEntry
from sijill.errors import Msg, NotFound
from sijill.matching import MatchRecord, PersonMatcher
from sijill.matching.blocking import blocking_keys
from sijill.names.keys import search_key_groups
from sijill.names.normalise import normalise
from sijill.registry import candidates, sealing
from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    Document,
    FamilyLink,
    NameToken,
    Person,
    PersonName,
    PersonRevision,
    Placement,
)
from sijill.registry.schemas import (
    AffiliationOut,
    DocumentOut,
    NameOut,
    PersonOut,
    PersonSummary,
    PlacementOut,
    RelativeOut,
)
from sijill.registry.validation import normalise_document_number
from sijill.registry.vocab import DatePrecision, FacilityKind, Relation, Sex

SEARCH_SCORED = 50  # people scored per name query, the most keys shared first
SEARCH_MIN_SCORE = 0.5  # a name scoring less is not shown (it shares two words at most)
_SEARCH_MATCHER = PersonMatcher()


def visible(actor: Actor) -> ColumnElement[bool]:
    """People of the actor's office (registered or held there), or all for national offices."""
    if actor.national:
        return Person.id.is_not(None)
    return or_(Person.office_id == actor.office_id, Person.holding_office_id == actor.office_id)


def dob_text(person: Person) -> str | None:
    if person.dob_year is None:
        return None
    if person.dob_precision == DatePrecision.APPROXIMATE:
        return f"~{person.dob_year}"
    text = f"{person.dob_year:04d}"
    if person.dob_month:
        text += f"-{person.dob_month:02d}"
    if person.dob_day:
        text += f"-{person.dob_day:02d}"
    return text


def summary(person: Person, office_code: str | None = None) -> PersonSummary:
    """The short description of a person; ``office_code`` spares loading the office."""
    return PersonSummary(
        id=person.id,
        regno=regnos.display(person.regno),
        name=person.primary_name,
        sex=Sex(person.sex),
        date_of_birth=dob_text(person),
        nationalities=list(person.nationalities),
        office=office_code or person.office.code,
    )


def relative_out(relation: Relation, relative: Person) -> RelativeOut:
    return RelativeOut(
        relation=relation,
        regno=regnos.display(relative.regno),
        person_id=relative.id,
        name=relative.primary_name,
        sex=Sex(relative.sex),
        date_of_birth=dob_text(relative),
    )


def load_person(session: Session, actor: Actor, regno: str) -> Person:
    """The person with this registry number if the actor may see them, else NotFound."""
    actor.require(Permission.PERSON_READ)
    compact = regnos.compact(regno)
    person = session.scalar(select(Person).where(Person.regno == compact, visible(actor)))
    if person is None:
        raise NotFound(
            Msg("No person with registry number {regno} in your offices.", regno=repr(regno))
        )
    sealing.require_open(session, actor, person)
    return person


def _relatives(session: Session, person: Person) -> list[RelativeOut]:
    stmt = (
        select(FamilyLink, Person)
        .join(Person, Person.id == FamilyLink.relative_id)
        .where(FamilyLink.person_id == person.id, FamilyLink.retired_at.is_(None))
        .order_by(FamilyLink.created_at)
    )
    return [relative_out(Relation(link.relation), rel) for link, rel in session.execute(stmt)]


def _affiliations(session: Session, person: Person) -> list[AffiliationOut]:
    stmt = select(Affiliation).where(
        Affiliation.person_id == person.id, Affiliation.retired_at.is_(None)
    )
    return [
        AffiliationOut(
            group_id=a.group_id,
            group_name=a.group.name,
            unit=a.unit,
            role=a.role,
            date_from=a.date_from,
            date_to=a.date_to,
        )
        for a in session.scalars(stmt.order_by(Affiliation.created_at))
    ]


def _placements(session: Session, person: Person) -> list[PlacementOut]:
    stmt = select(Placement).where(Placement.person_id == person.id)
    return [
        PlacementOut(
            facility_id=p.facility_id,
            facility_name=p.facility.name,
            facility_kind=FacilityKind(p.facility.kind),
            since=p.since,
            until=p.until,
            reason=p.reason,
        )
        for p in session.scalars(stmt.order_by(Placement.since.desc()))
    ]


def person_out(session: Session, person: Person) -> PersonOut:
    return PersonOut(
        **summary(person).model_dump(),
        version=person.version,
        names=[NameOut.model_validate(n) for n in person.names],
        place_of_birth=person.place_of_birth,
        birth_country=person.birth_country,
        languages=list(person.languages),
        documents=[DocumentOut.model_validate(d) for d in person.documents],
        family=_relatives(session, person),
        affiliations=_affiliations(session, person),
        placements=_placements(session, person),
        notes=person.notes,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )


def get_person(session: Session, actor: Actor, regno: str) -> PersonOut:
    return sealing.reading(session, actor, person_out(session, load_person(session, actor, regno)))


def list_people(
    session: Session, actor: Actor, limit: int = 50, offset: int = 0
) -> list[PersonSummary]:
    actor.require(Permission.PERSON_READ)
    stmt = select(Person).where(visible(actor)).order_by(Person.created_at.desc(), Person.regno)
    people = [summary(p) for p in session.scalars(stmt.limit(limit).offset(offset))]
    return sealing.mask(session, actor, people)


def count_people(session: Session, actor: Actor) -> int:
    actor.require(Permission.PERSON_READ)
    return session.scalar(select(func.count()).select_from(Person).where(visible(actor))) or 0


def _by_name(actor: Actor, groups: Sequence[Sequence[str]]) -> Select[Person]:
    """People holding at least one key of every group (one group per word of the query)."""
    holders = [
        Person.id.in_(select(NameToken.person_id).where(NameToken.token.in_(group)))
        for group in groups
    ]
    return select(Person).where(and_(*holders), visible(actor))


def search(session: Session, actor: Actor, query: str, limit: int = 50) -> list[PersonSummary]:
    """People whose registry number, document number or names match ``query``: the exact
    number first, then names written exactly so (after normalisation), then names whose
    search keys match every word of the query in any script or spelling."""
    actor.require(Permission.PERSON_READ)
    query = query.strip()[:200]
    if not query:
        return []
    found: dict[uuid.UUID, Person] = {}
    compact = regnos.parse(query)
    if compact is not None:
        for p in session.scalars(select(Person).where(Person.regno == compact, visible(actor))):
            found[p.id] = p
    number = normalise_document_number(query)
    if len(number) >= 4:
        holders = select(Document.person_id).where(
            Document.number_normalised == number, Document.retired_at.is_(None)
        )
        stmt = select(Person).where(Person.id.in_(holders), visible(actor))
        for p in session.scalars(stmt.limit(limit)):
            found[p.id] = p
    exact = normalise(query)
    if exact and len(found) < limit:
        same = select(PersonName.person_id).where(
            PersonName.normalised == exact, PersonName.retired_at.is_(None)
        )
        stmt = select(Person).where(Person.id.in_(same), visible(actor))
        for p in session.scalars(stmt.limit(limit - len(found))):
            found.setdefault(p.id, p)
    if len(found) < limit:
        for p in _by_name_ranked(session, actor, query, limit):
            if len(found) >= limit:
                break
            found.setdefault(p.id, p)
    return sealing.mask(session, actor, [summary(p) for p in found.values()])


def _by_name_ranked(session: Session, actor: Actor, query: str, limit: int) -> list[Person]:
    """People named like ``query``. A query of two name parts or more goes through the
    candidate index and is ranked by the matching engine's name score (any script, any
    spelling, any order, part of a longer name); a query of one word, which makes no pair,
    through the word index."""
    record = MatchRecord(names=(query,))
    if any(key.startswith("p:") for key in blocking_keys(record)):
        found = candidates.candidates(
            session, record, _SEARCH_MATCHER, where=visible(actor), scored=SEARCH_SCORED
        )
        return [s.person for s in found if s.result.score >= SEARCH_MIN_SCORE][:limit]
    groups = [group for group in search_key_groups(query) if group]
    if not groups:
        return []
    return list(session.scalars(_by_name(actor, groups).limit(limit)))


@dataclass(frozen=True)
class HistoryItem:
    seq: int
    at: str
    actor: str
    tag: str
    version: int | None
    changed: list[str]
    reason: str | None


def history(session: Session, actor: Actor, regno: str) -> list[HistoryItem]:
    """Who changed what and when: every audit entry about the person, newest first."""
    actor.require(Permission.PERSON_HISTORY)
    person = load_person(session, actor, regno)
    entries: list[AuditEntry] = audit.entries_for(session, [str(person.id)])
    return [
        HistoryItem(
            seq=e.seq,
            at=e.at.isoformat(timespec="seconds"),
            actor=e.actor,
            tag=e.tag,
            version=e.data.get("version"),
            changed=list(e.data.get("changed", [])),
            reason=e.data.get("reason"),
        )
        for e in entries
    ]


def revision(session: Session, actor: Actor, regno: str, version: int) -> dict[str, Any]:
    """The whole record as it was at ``version``."""
    actor.require(Permission.PERSON_HISTORY)
    person = load_person(session, actor, regno)
    rev = session.scalar(
        select(PersonRevision).where(
            PersonRevision.person_id == person.id, PersonRevision.version == version
        )
    )
    if rev is None:
        raise NotFound(Msg("No version {version} of {regno}.", version=version, regno=regno))
    return dict(rev.snapshot)


def name_rows(session: Session, person_id: uuid.UUID) -> list[PersonName]:
    stmt = select(PersonName).where(
        PersonName.person_id == person_id, PersonName.retired_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(PersonName.position)))
