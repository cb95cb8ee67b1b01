"""What is screened of a registry person: their record and their groups, loaded in bulk.

Read straight from the registry's tables (a re-screen reads the whole registry in batches;
going through one service call per person would be hundreds of times slower).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.matching.records import ORGANIZATION, MatchRecord
from sijill.registry.models import Affiliation, ArmedGroup, Document, Person, PersonName
from sijill.registry.queries import dob_text

BATCH = 2000


@dataclass(frozen=True, slots=True)
class Subject:
    """One thing screened for a person: the person ("") or one of their groups (its name)."""

    person_id: uuid.UUID
    subject: str
    record: MatchRecord

    @property
    def fingerprint(self) -> str:
        """Changes when what the screening compares changes (names, dates, nationalities,
        sex, documents; a group's names)."""
        r = self.record
        data = [sorted(r.names), r.dob, r.sex, sorted(r.nationalities), sorted(r.documents)]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def _names(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    stmt = (
        select(PersonName.person_id, PersonName.full)
        .where(PersonName.person_id.in_(ids), PersonName.retired_at.is_(None))
        .order_by(PersonName.person_id, PersonName.position)
    )
    found: dict[uuid.UUID, list[str]] = {}
    for person_id, full in session.execute(stmt):
        found.setdefault(person_id, []).append(full)
    return found


def _documents(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    stmt = select(Document.person_id, Document.number).where(
        Document.person_id.in_(ids), Document.retired_at.is_(None)
    )
    found: dict[uuid.UUID, list[str]] = {}
    for person_id, number in session.execute(stmt):
        found.setdefault(person_id, []).append(number)
    return found


def _groups(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[ArmedGroup]]:
    stmt = (
        select(Affiliation.person_id, ArmedGroup)
        .join(ArmedGroup, ArmedGroup.id == Affiliation.group_id)
        .where(Affiliation.person_id.in_(ids), Affiliation.retired_at.is_(None))
    )
    found: dict[uuid.UUID, list[ArmedGroup]] = {}
    for person_id, group in session.execute(stmt):
        found.setdefault(person_id, []).append(group)
    return found


def load(session: Session, ids: Sequence[uuid.UUID], groups: bool = True) -> list[Subject]:
    """The subjects of these people (missing ids are skipped)."""
    people = session.scalars(select(Person).where(Person.id.in_(ids))).all()
    names, documents = _names(session, ids), _documents(session, ids)
    affiliations = _groups(session, ids) if groups else {}
    subjects = []
    for person in people:
        own = names.get(person.id) or [person.primary_name]
        record = MatchRecord(
            names=tuple(dict.fromkeys([person.primary_name, *own])),
            dob=dob_text(person),
            sex=person.sex if person.sex in ("M", "F") else None,
            nationalities=tuple(person.nationalities),
            documents=tuple(documents.get(person.id, ())),
            place_of_birth=person.place_of_birth,
        )
        subjects.append(Subject(person.id, "", record))
        for group in affiliations.get(person.id, ()):
            names_ = (group.name, *group.aliases)
            subjects.append(
                Subject(person.id, group.name, MatchRecord(names_, schema=ORGANIZATION))
            )
    return subjects


def all_person_ids(session: Session) -> Iterator[list[uuid.UUID]]:
    """Every person's id, in batches."""
    last: uuid.UUID | None = None
    while True:
        stmt = select(Person.id).order_by(Person.id).limit(BATCH)
        if last is not None:
            stmt = stmt.where(Person.id > last)
        batch = list(session.scalars(stmt))
        if not batch:
            return
        yield batch
        last = batch[-1]
