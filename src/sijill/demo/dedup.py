"""Demo duplicate review: the planted second registrations, queued as a run would queue them,
so the duplicate review page has pairs to open without a batch run first."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access.actor import operator_actor
from sijill.db import unit_of_work
from sijill.dedup import batch
from sijill.registry import regno as regnos
from sijill.registry.models import Person


def load(factory: sessionmaker[Session], pairs: list[tuple[str, str]]) -> int:
    """Queue the pairs of registry numbers (first and second registration)."""
    with unit_of_work(factory) as session:
        compact = [(regnos.compact(a), regnos.compact(b)) for a, b in pairs]
        wanted = {n for pair in compact for n in pair}
        stmt = select(Person.regno, Person.id).where(Person.regno.in_(wanted))
        ids: dict[str, uuid.UUID] = {regno: id_ for regno, id_ in session.execute(stmt)}
        known = [(ids[a], ids[b]) for a, b in compact if a in ids and b in ids]
        return batch.queue_pairs(session, operator_actor(), known)
