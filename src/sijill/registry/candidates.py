"""Candidate retrieval: the people of the registry worth scoring against one record.

The index (``candidate_key``) holds the blocking keys of ``sijill.matching.blocking`` for
every person, with their year of birth; ``index_person`` rewrites a person's rows in the
transaction that registers or corrects them, ``rebuild`` recomputes them all. ``candidates``
finds the people sharing a key with a record, the nearest in year of birth first when a key
is common, pre-ranks them by the number of keys shared, and scores the best with the
matching engine (``sijill-person``). The duplicate check at registration and name search
use it; so can any other use case that needs "who in the registry is this?".
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Executable,
    Integer,
    Row,
    String,
    bindparam,
    delete,
    insert,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.db import table_of
from sijill.matching import MatchRecord, MatchResult, PersonMatcher
from sijill.matching.blocking import birth_year, blocking_keys, lookup_keys
from sijill.matching.records import PartialDate
from sijill.registry.models import CandidateKey, Document, Person, PersonName
from sijill.registry.schemas import PersonIn, PersonOut
from sijill.registry.vocab import DatePrecision

PER_KEY = 50  # people read per key: the nearest in year of birth when a key is common
SCORED = 10  # people scored per record, the likeliest first (a score takes 1-4 ms)
UNKNOWN_DISTANCE = 999
CHUNK = 5_000


def record_of(
    names: Iterable[str],
    dob: str | None,
    sex: str | None,
    nationalities: Iterable[str] = (),
    documents: Iterable[str] = (),
    place_of_birth: str | None = None,
) -> MatchRecord:
    """A registry record as the matching engine reads it ("U" sex is unknown)."""
    return MatchRecord(
        names=tuple(dict.fromkeys(names)),
        dob=dob,
        sex=sex if sex in ("M", "F") else None,
        nationalities=tuple(nationalities),
        documents=tuple(documents),
        place_of_birth=place_of_birth,
    )


def record_of_out(person: PersonOut) -> MatchRecord:
    return record_of(
        (n.full for n in person.names),
        person.date_of_birth,
        person.sex.value,
        person.nationalities,
        (d.number for d in person.documents),
        person.place_of_birth,
    )


def record_of_input(data: PersonIn) -> MatchRecord:
    """The record a registration form or request describes."""
    dob = data.date_of_birth
    dob_text = None
    if dob is not None:
        approximate = dob.precision == DatePrecision.APPROXIMATE
        dob_text = str(PartialDate(dob.year, dob.month, dob.day, approximate))
    return record_of(
        (n.full for n in data.names),
        dob_text,
        data.sex.value,
        data.nationalities,
        (d.number for d in data.documents),
        data.place_of_birth,
    )


def index_rows(person_id: uuid.UUID, record: MatchRecord) -> list[dict[str, object]]:
    """The index rows of one person (bulk loaders insert them themselves)."""
    year, sex = birth_year(record), record.sex or "U"
    return [
        {"person_id": person_id, "key": key, "dob_year": year, "sex": sex}
        for key in sorted(blocking_keys(record))
    ]


def index_person(session: Session, person: PersonOut, fresh: bool = False) -> None:
    """Make the person's index rows those of ``person`` (in the caller's transaction)."""
    if not fresh:
        session.execute(delete(CandidateKey).where(CandidateKey.person_id == person.id))
    rows = index_rows(person.id, record_of_out(person))
    if rows:
        session.execute(insert(table_of(CandidateKey)), rows)


# The person id as stored (hex text on SQLite): only the people kept are made UUIDs.
_COLUMNS: Final = (
    type_coerce(CandidateKey.person_id, String).label("person_id"),
    CandidateKey.dob_year,
    CandidateKey.sex,
)


def _uuid(stored: object) -> uuid.UUID:
    return stored if isinstance(stored, uuid.UUID) else uuid.UUID(str(stored))


def _key_statement() -> Executable:
    """The people holding ``:key``: at most ``:limit`` born in ``:year`` or after, as many
    born before, and as many of unknown year (an index range scan each). Built once."""
    base = select(*_COLUMNS).where(CandidateKey.key == bindparam("key"))
    year, limit = bindparam("year", type_=Integer), bindparam("limit", type_=Integer)
    after = base.where(CandidateKey.dob_year >= year).order_by(CandidateKey.dob_year)
    before = base.where(CandidateKey.dob_year < year).order_by(CandidateKey.dob_year.desc())
    unknown = base.where(CandidateKey.dob_year.is_(None))
    parts = [q.limit(limit).subquery() for q in (after, before, unknown)]
    return union_all(*(select(p.c.person_id, p.c.dob_year, p.c.sex) for p in parts))


_NEAR_YEAR: Final = _key_statement()
_ANY_YEAR: Final = (
    select(*_COLUMNS)
    .where(CandidateKey.key == bindparam("key"))
    .limit(bindparam("limit", type_=Integer))
)


@dataclass
class _Seen:
    exact: int = 0  # own pair, single and document keys shared
    edit: bool = False  # found by an edit key or a probe key only (one letter apart)
    distance: int = UNKNOWN_DISTANCE
    other_sex: bool = False

    def rank(self) -> tuple[int, bool, bool, int]:
        return (-self.exact, not self.edit, self.other_sex, self.distance)


def retrieve(
    session: Session,
    record: MatchRecord,
    exclude: uuid.UUID | None = None,
    per_key: int = PER_KEY,
) -> list[uuid.UUID]:
    """People sharing a key with ``record`` (its ``lookup_keys``), the likeliest first: most
    of its own pair, single and document keys shared (the edit keys of one pair, shared by
    every namesake, count once), then the same sex (or unknown), then the nearest year."""
    year = birth_year(record)
    own = {key for key in blocking_keys(record) if not key.startswith("e:")}
    seen: dict[object, _Seen] = defaultdict(_Seen)
    statement = _ANY_YEAR if year is None else _NEAR_YEAR
    for key in sorted(lookup_keys(record)):
        params = {"key": key, "year": year, "limit": per_key}
        rows = list(session.execute(statement, params).all())
        if year is not None:
            rows.sort(key=lambda r: UNKNOWN_DISTANCE if r[1] is None else abs(r[1] - year))
        for person_id, dob_year, sex in rows[:per_key]:
            entry = seen[person_id]
            if key in own:
                entry.exact += 1
            else:
                entry.edit = True
            if year is not None and dob_year is not None:
                entry.distance = abs(dob_year - year)
            entry.other_sex = record.sex is not None and sex in ("M", "F") and sex != record.sex
    ranked = (_uuid(p) for p in sorted(seen, key=lambda p: seen[p].rank()))
    return [p for p in ranked if p != exclude]


@dataclass(frozen=True, slots=True)
class Scored:
    """A person of the registry scored against a record."""

    person: Person
    result: MatchResult


def load_records(
    session: Session, ids: Sequence[uuid.UUID], where: ColumnElement[bool] | None = None
) -> list[tuple[Person, MatchRecord]]:
    """The people ``ids`` (those meeting ``where``) with their records, in the order given."""
    if not ids:
        return []
    stmt = select(Person).where(Person.id.in_(ids))
    if where is not None:
        stmt = stmt.where(where)
    people = {p.id: p for p in session.scalars(stmt)}
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    current_names = select(PersonName.person_id, PersonName.full).where(
        PersonName.person_id.in_(people), PersonName.retired_at.is_(None)
    )
    for person_id, full in session.execute(current_names.order_by(PersonName.position)):
        names[person_id].append(full)
    documents: dict[uuid.UUID, list[str]] = defaultdict(list)
    current_docs = select(Document.person_id, Document.number).where(
        Document.person_id.in_(people), Document.retired_at.is_(None)
    )
    for person_id, number in session.execute(current_docs):
        documents[person_id].append(number)
    return [(people[i], _record(people[i], names[i], documents[i])) for i in ids if i in people]


def dob_of(person: Person | Row[Any]) -> str | None:
    if person.dob_year is None:
        return None
    approximate = person.dob_precision == DatePrecision.APPROXIMATE
    return str(PartialDate(person.dob_year, person.dob_month, person.dob_day, approximate))


def _record(person: Person, names: list[str], documents: list[str]) -> MatchRecord:
    return record_of(
        names or [person.primary_name],
        dob_of(person),
        person.sex,
        person.nationalities,
        documents,
        person.place_of_birth,
    )


def candidates(
    session: Session,
    record: MatchRecord,
    matcher: PersonMatcher,
    exclude: uuid.UUID | None = None,
    where: ColumnElement[bool] | None = None,
    scored: int = SCORED,
) -> list[Scored]:
    """The people of the registry most like ``record``, best first, each with the engine's
    score, decision and explanation (every decision, ``no_match`` included)."""
    ids = retrieve(session, record, exclude)[:scored]
    found = [
        Scored(person, matcher.score(record, stored))
        for person, stored in load_records(session, ids, where)
    ]
    return sorted(found, key=lambda s: -s.result.score)


def _record_batches(session: Session) -> Iterator[list[tuple[uuid.UUID, MatchRecord]]]:
    """Every person's record, ``CHUNK`` people at a time in id order, read as columns (no
    ORM objects): one query for the people, one for their names, one for their documents."""
    person = select(
        Person.id, Person.primary_name, Person.dob_year, Person.dob_month, Person.dob_day,
        Person.dob_precision, Person.sex, Person.nationalities, Person.place_of_birth,
    ).order_by(Person.id)  # fmt: skip
    last: uuid.UUID | None = None
    while True:
        page = person if last is None else person.where(Person.id > last)
        rows = session.execute(page.limit(CHUNK)).all()
        if not rows:
            return
        last = rows[-1].id
        ids = [row.id for row in rows]
        names: dict[uuid.UUID, list[str]] = defaultdict(list)
        current_names = select(PersonName.person_id, PersonName.full).where(
            PersonName.person_id.in_(ids), PersonName.retired_at.is_(None)
        )
        for person_id, full in session.execute(current_names.order_by(PersonName.position)):
            names[person_id].append(full)
        documents: dict[uuid.UUID, list[str]] = defaultdict(list)
        current_docs = select(Document.person_id, Document.number).where(
            Document.person_id.in_(ids), Document.retired_at.is_(None)
        )
        for person_id, number in session.execute(current_docs):
            documents[person_id].append(number)
        yield [(row.id, _row_record(row, names[row.id], documents[row.id])) for row in rows]


def _row_record(row: Any, names: list[str], documents: list[str]) -> MatchRecord:
    return record_of(
        names or [row.primary_name],
        dob_of(row),
        row.sex,
        row.nationalities,
        documents,
        row.place_of_birth,
    )


def _batch_rows(batch: list[tuple[uuid.UUID, MatchRecord]]) -> list[dict[str, object]]:
    return [row for person_id, record in batch for row in index_rows(person_id, record)]


def _rows_in_parallel(
    batches: Iterator[list[tuple[uuid.UUID, MatchRecord]]], workers: int
) -> Iterator[list[dict[str, object]]]:
    """``_batch_rows`` of each batch in worker processes, in order, a few batches ahead of
    the insertions (the batches are read here, in the caller's transaction)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[list[dict[str, object]]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_batch_rows, batch))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def rebuild(session: Session, actor: Actor, workers: int = 1) -> int:
    """Recompute every person's blocking keys, in one transaction. Returns the row count.

    In bulk: the index's own indexes are dropped, the rows inserted in batches (one
    multi-row insert per ``CHUNK`` people), and the indexes made again over the whole table.
    With ``workers`` > 1 the keys are computed in that many processes."""
    actor.require(Permission.REFERENCE_MANAGE)
    table = table_of(CandidateKey)
    connection = session.connection()
    session.execute(delete(CandidateKey))
    for index in table.indexes:
        index.drop(connection)
    batches = _record_batches(session)
    written = 0
    for rows in _rows_in_parallel(batches, workers) if workers > 1 else map(_batch_rows, batches):
        if rows:
            session.execute(insert(table), rows)
        written += len(rows)
    for index in table.indexes:
        index.create(connection)
    audit.record(
        session,
        actor,
        "registry:candidate_index:rebuild",
        "candidate_index",
        "all",
        {"keys": written},
    )
    return written
