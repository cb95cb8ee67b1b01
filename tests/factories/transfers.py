"""Transfers for tests: ratings, batches with people ready to go."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from factories.registry import person_in
from sijill.access.actor import Actor, operator_actor
from sijill.registry import service as registry_service
from sijill.registry.schemas import DocumentIn, PersonOut
from sijill.registry.vocab import DocumentType
from sijill.transfers import register, service
from sijill.transfers.risk import GroupKind, RiskLevel
from sijill.transfers.schemas import BatchIn, BatchOut, EntryIn, RatingIn

MAX_AGE = 90
_numbers = itertools.count(10_000_001)


def rate(
    session: Session,
    state: str,
    level: RiskLevel,
    group: tuple[GroupKind, str] | None = None,
    source: str = "Test source",
) -> None:
    kind, value = group if group else (None, None)
    data = RatingIn(state=state, level=level, source=source, group_kind=kind, group_value=value)
    register.record_rating(session, operator_actor(), data)


def identified(
    session: Session, actor: Actor, name: str, passport: str | None = None, **extra: object
) -> PersonOut:
    """A person holding a passport (identity confirmed)."""
    number = passport or f"P{next(_numbers)}"
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="UZ", number=number)
    return registry_service.register_person(
        session, actor, person_in(name, documents=[doc], **extra)
    )


def make_batch(session: Session, actor: Actor, state: str = "UZ", *people: str) -> BatchOut:
    batch = service.create_batch(
        session, actor, BatchIn(state=state, authority="Border Service", crossing_point="Post 7")
    )
    for regno in people:
        batch = service.add_person(session, actor, batch.reference, EntryIn(regno=regno))
    return batch
