"""Load a large synthetic population fast (100,000 to 1,000,000 people), for benchmarks
and trials at scale.

The registry services write about 110 people a second; a million would take hours. This
writer derives every stored value with the same pure functions the services use (script
detection, normalisation, search keys, registry numbers, document number normalisation) and
inserts rows in bulk, one transaction per batch. It writes one audit entry per person
(``demo:person:bulk_create``) but no revision snapshot, so these records show no version
link in their history until they are first corrected. Use the services (``loader``) for
the small demo that a person clicks through.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.audit import service as audit
from sijill.audit.models import AuditEntry
from sijill.db import table_of, unit_of_work
from sijill.demo.loader import LoadResult
from sijill.demo.population import DemoHousehold, generate
from sijill.names.keys import search_keys
from sijill.names.normalise import normalise
from sijill.names.scripts import detect_script
from sijill.registry import candidates
from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    ArmedGroup,
    CandidateKey,
    Document,
    Facility,
    FamilyLink,
    NameToken,
    Person,
    PersonName,
    Placement,
)
from sijill.registry.schemas import PersonIn
from sijill.registry.validation import normalise_document_number
from sijill.registry.vocab import NameType, Relation
from sijill.timeutil import utcnow

BATCH = 2_000
_TABLES = (
    Person,
    PersonName,
    NameToken,
    CandidateKey,
    Document,
    Affiliation,
    Placement,
    FamilyLink,
    AuditEntry,
)


@dataclass
class _Rows:
    by_table: dict[type[Any], list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in _TABLES}
    )

    def add(self, table: type[Any], **values: Any) -> None:
        self.by_table[table].append(values)


@dataclass
class _World:
    facilities: dict[str, Facility]
    groups: dict[str, uuid.UUID]
    regnos: set[str]
    documents: set[tuple[str, str]] = field(default_factory=set)

    def new_regno(self) -> str:
        while True:
            value = regnos.generate()
            if value not in self.regnos:
                self.regnos.add(value)
                return value


def _person(rows: _Rows, world: _World, data: PersonIn, facility: Facility) -> uuid.UUID:
    now = utcnow()
    person_id = uuid.uuid4()
    dob = data.date_of_birth
    primary = next(n for n in data.names if n.name_type == NameType.PRIMARY)
    regno = world.new_regno()
    rows.add(
        Person,
        id=person_id,
        regno=regno,
        version=1,
        sex=data.sex.value,
        dob_precision=dob.precision.value if dob else None,
        dob_year=dob.year if dob else None,
        dob_month=dob.month if dob else None,
        dob_day=dob.day if dob else None,
        place_of_birth=data.place_of_birth,
        birth_country=data.birth_country,
        nationalities=list(dict.fromkeys(data.nationalities)),
        languages=list(dict.fromkeys(data.languages)),
        notes=data.notes,
        primary_name=primary.full,
        office_id=facility.office_id,
        holding_office_id=facility.office_id,
        facility_id=facility.id,
        created_at=now,
        updated_at=now,
        created_by=None,
    )
    for position, name in enumerate(data.names):
        name_id = uuid.uuid4()
        rows.add(
            PersonName,
            id=name_id,
            person_id=person_id,
            position=position,
            full=name.full,
            name_type=name.name_type.value,
            script=detect_script(name.full),
            given=name.given,
            father=name.father,
            grandfather=name.grandfather,
            family=name.family,
            source=name.source,
            normalised=normalise(name.full)[:400],
            created_at=now,
            retired_at=None,
        )
        for key in search_keys(name.full):
            rows.add(NameToken, person_id=person_id, name_id=name_id, token=key)
    _documents(rows, world, data, person_id, now)
    for key_row in candidates.index_rows(person_id, candidates.record_of_input(data)):
        rows.add(CandidateKey, **key_row)
    rows.add(
        Placement,
        id=uuid.uuid4(),
        person_id=person_id,
        facility_id=facility.id,
        since=now,
        until=None,
        reason="registered",
    )
    _audit(rows, person_id, regno, now)
    return person_id


def _documents(rows: _Rows, world: _World, data: PersonIn, person_id: uuid.UUID, now: Any) -> None:
    for position, doc in enumerate(data.documents):
        number = normalise_document_number(doc.number)
        seen = (doc.issuing_state, number) in world.documents
        world.documents.add((doc.issuing_state, number))
        rows.add(
            Document,
            id=uuid.uuid4(),
            person_id=person_id,
            position=position,
            doc_type=doc.doc_type.value,
            issuing_state=doc.issuing_state,
            number=doc.number,
            number_normalised=number,
            status=doc.status.value,
            issue_date=doc.issue_date,
            expiry_date=doc.expiry_date,
            shared_number_reason="presented again at registration" if seen else None,
            created_at=now,
            retired_at=None,
        )


def _audit(rows: _Rows, person_id: uuid.UUID, regno: str, now: Any) -> None:
    entry = AuditEntry(
        at=now,
        actor_id=None,
        actor="demo-bulk",
        office_code=None,
        tag="demo:person:bulk_create",
        object_type="person",
        object_id=str(person_id),
        data={"regno": regno, "version": None},
    )
    values = {
        c: getattr(entry, c)
        for c in (
            "at",
            "actor_id",
            "actor",
            "office_code",
            "tag",
            "object_type",
            "object_id",
            "data",
        )
    }
    rows.add(AuditEntry, **values, entry_hash=audit.entry_hash(entry))


def _household(rows: _Rows, world: _World, household: DemoHousehold) -> int:
    facility = world.facilities[household.head_facility]
    head = _person(rows, world, household.head, facility)
    now = utcnow()
    for group, unit, role, start, end in household.head_group_affiliations:
        rows.add(
            Affiliation,
            id=uuid.uuid4(),
            person_id=head,
            group_id=world.groups[group],
            unit=unit,
            role=role,
            date_from=start,
            date_to=end,
            created_at=now,
            retired_at=None,
        )
    for relation, relative in household.relatives:
        other = _person(rows, world, relative, facility)
        for a, b, rel in ((head, other, relation), (other, head, Relation(relation).inverse)):
            rows.add(
                FamilyLink,
                id=uuid.uuid4(),
                person_id=a,
                relative_id=b,
                relation=rel.value,
                created_at=now,
                retired_at=None,
            )
    return 1 + len(household.relatives)


def _batches(people: int, seed: int) -> Iterator[list[DemoHousehold]]:
    batch: list[DemoHousehold] = []
    for household in generate(people, seed):
        batch.append(household)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_load(factory: sessionmaker[Session], people: int, seed: int) -> LoadResult:
    """Insert about ``people`` people; ``loader.prepare`` must have run first."""
    started = time.perf_counter()
    with unit_of_work(factory) as session:
        world = _World(
            facilities={f.name: f for f in session.scalars(select(Facility))},
            groups={g.name: g.id for g in session.scalars(select(ArmedGroup))},
            regnos=set(session.scalars(select(Person.regno))),
        )
    count = households = duplicates = 0
    for batch in _batches(people, seed):
        rows = _Rows()
        for household in batch:
            count += _household(rows, world, household)
            duplicates += household.duplicate_of is not None
        households += len(batch)
        with unit_of_work(factory) as session:
            for table in _TABLES:
                if rows.by_table[table]:  # Core executemany: no ORM, no RETURNING
                    session.execute(table_of(table).insert(), rows.by_table[table])
    return LoadResult(count, households, duplicates, time.perf_counter() - started)
