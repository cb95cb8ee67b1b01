"""Batch deduplication of the registry as a background job: read every current person, find
likely duplicate pairs (``dedup.people.find``), and put the new ones into the review queue.

A pair already in the queue is left as it is, unless it was decided "not the same person"
and one of the two records has changed in a field that matters for matching since (its
fingerprint differs): then it is opened again with the new score. Merged-away records are
not read. The job reads in one transaction, reports progress in short ones, and writes the
pairs in batches.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.dedup import people
from sijill.dedup.models import DedupPair, PersonMerge
from sijill.dedup.people import PersonRow
from sijill.dedup.workflow import MergeStatus, PairStatus
from sijill.errors import Msg
from sijill.jobs import service as jobs
from sijill.jobs.runner import JobContext
from sijill.jobs.schemas import JobOut
from sijill.matching import MatchResult, PersonMatcher
from sijill.registry.models import Document, NameToken, Person, PersonName
from sijill.timeutil import utcnow

KIND = "dedup.run"
CHUNK = 20_000
WRITE_BATCH = 1_000


def fingerprint(row: PersonRow) -> str:
    """A digest of the fields that matter for matching."""
    fields = [
        sorted(row.names), row.sex, row.dob_precision, row.dob_year, row.dob_month, row.dob_day,
        sorted(row.nationalities), sorted(row.documents), row.place_of_birth,
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def _merged_away(session: Session) -> set[uuid.UUID]:
    stmt = select(PersonMerge.merged_id).where(PersonMerge.status == MergeStatus.APPROVED.value)
    return set(session.scalars(stmt))


def _grouped(session: Session, stmt: Any) -> dict[uuid.UUID, list[tuple[uuid.UUID, str]]]:
    grouped: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = defaultdict(list)
    for person_id, key, value in session.execute(stmt):
        grouped[person_id].append((key, value))
    return grouped


def load_rows(session: Session, ids: Iterable[uuid.UUID] | None = None) -> list[PersonRow]:
    """Every current person (or those of ``ids``) as a ``PersonRow``, with the search keys the
    registry stores for each name."""
    stmt = select(Person).order_by(Person.id).execution_options(yield_per=CHUNK)
    if ids is not None:
        stmt = stmt.where(Person.id.in_(list(ids)))
    away = _merged_away(session)
    persons = [p for p in session.scalars(stmt) if p.id not in away]
    rows = []
    for start in range(0, len(persons), CHUNK):
        chunk = [p.id for p in persons[start : start + CHUNK]]
        names = _grouped(session, select(PersonName.person_id, PersonName.id, PersonName.full)
            .where(PersonName.person_id.in_(chunk), PersonName.retired_at.is_(None))
            .order_by(PersonName.person_id, PersonName.position))  # fmt: skip
        tokens = _grouped(session, select(NameToken.person_id, NameToken.name_id, NameToken.token)
            .where(NameToken.person_id.in_(chunk)))  # fmt: skip
        docs = _grouped(session, select(Document.person_id, Document.id, Document.number_normalised)
            .where(Document.person_id.in_(chunk), Document.retired_at.is_(None)))  # fmt: skip
        for person in persons[start : start + CHUNK]:
            rows.append(_row(person, names[person.id], tokens[person.id], docs[person.id]))
    return rows


def _row(
    person: Person,
    names: list[tuple[uuid.UUID, str]],
    tokens: list[tuple[uuid.UUID, str]],
    docs: list[tuple[uuid.UUID, str]],
) -> PersonRow:
    by_name: dict[uuid.UUID, set[str]] = defaultdict(set)
    for name_id, token in tokens:
        by_name[name_id].add(token)
    return PersonRow(
        key=str(person.id),
        names=tuple(full for _, full in names),
        keys=tuple(frozenset(by_name[name_id]) for name_id, _ in names if by_name[name_id]),
        sex=person.sex,
        dob_precision=person.dob_precision,
        dob_year=person.dob_year,
        dob_month=person.dob_month,
        dob_day=person.dob_day,
        nationalities=frozenset(person.nationalities),
        documents=frozenset(number for _, number in docs),
        place_of_birth=person.place_of_birth,
    )


def start(session: Session, actor: Actor) -> JobOut:
    """A queued batch run; the adapter hands it to the runner with ``work``."""
    actor.require(Permission.DEDUP_RUN)
    return jobs.create(session, actor, KIND, Msg("Batch deduplication of the registry"), {})


def store(
    session: Session, job_id: uuid.UUID | None, a: PersonRow, b: PersonRow, result: MatchResult
) -> bool:
    """Queue one pair unless it is already there (see the module's text); True if queued."""
    if a.key > b.key:
        a, b = b, a
    ids = (uuid.UUID(a.key), uuid.UUID(b.key))
    prints = (fingerprint(a), fingerprint(b))
    pair = session.scalars(
        select(DedupPair).where(DedupPair.person_a_id == ids[0], DedupPair.person_b_id == ids[1])
    ).one_or_none()
    if pair is not None:
        unchanged = (pair.fingerprint_a, pair.fingerprint_b) == prints
        if pair.status != PairStatus.NOT_SAME.value or unchanged:
            return False
        pair.status = PairStatus.OPEN.value
    else:
        pair = DedupPair(person_a_id=ids[0], person_b_id=ids[1], status=PairStatus.OPEN.value)
        session.add(pair)
    pair.job_id, pair.found_at = job_id, utcnow()
    pair.score, pair.decision, pair.explanation = result.score, result.decision, result.explanation
    pair.algorithm, pair.version = result.algorithm, result.version
    pair.fingerprint_a, pair.fingerprint_b = prints
    return True


def work(ctx: JobContext) -> dict[str, Any]:
    """The job: read, find, queue, with progress."""
    ctx.actor.require(Permission.DEDUP_RUN)

    def progress(stage: str, done: int, total: int) -> None:
        with ctx.unit() as session:
            ctx.progress(session, done, total, stage)

    progress("reading", 0, 0)
    with ctx.unit() as session:
        rows = load_rows(session)
    pairs = people.find(rows, PersonMatcher(), progress)
    queued = 0
    for start_at in range(0, len(pairs), WRITE_BATCH):
        with ctx.unit() as session:
            for i, j, result in pairs[start_at : start_at + WRITE_BATCH]:
                queued += store(session, ctx.job_id, rows[i], rows[j], result)
            ctx.progress(session, start_at, len(pairs), "queueing")
    figures = {"people": len(rows), "pairs": len(pairs), "queued": queued}
    with ctx.unit() as session:
        audit.record(session, ctx.actor, "dedup:run:finish", "job", ctx.job_id, figures)
    return figures


def queue_pairs(
    session: Session, actor: Actor, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]]
) -> int:
    """Score given pairs of people with ``sijill-person`` and queue those it does not rule
    out (as a run would); returns how many were queued."""
    actor.require(Permission.DEDUP_RUN)
    wanted = list(pairs)
    rows = {r.key: r for r in load_rows(session, {i for pair in wanted for i in pair})}
    matcher, queued = PersonMatcher(), 0
    for a_id, b_id in wanted:
        a, b = rows.get(str(a_id)), rows.get(str(b_id))
        if a is not None and b is not None:
            result = matcher.score(people.match_record(a), people.match_record(b))
            queued += result.decision != "no_match" and store(session, None, a, b, result)
    audit.record(session, actor, "dedup:pairs:queue", "dedup_pair", "given", {"queued": queued})
    return queued
