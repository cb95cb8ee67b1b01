"""Transfers for tests: ratings, batches with people ready to go."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from factories.registry import person_in
from sijill import intake
from sijill.access.actor import Actor, operator_actor
from sijill.cases import service as cases_service
from sijill.cases.schemas import PathwayOpenIn
from sijill.cases.workflow import Pathway
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
    session: Session,
    actor: Actor,
    name: str,
    *aliases: str,
    passport: str | None = None,
    **extra: object,
) -> PersonOut:
    """An adult holding a passport (identity confirmed), registered through intake (so
    screened, with a case) and with a transfer pathway proposed in that case."""
    number = passport or f"P{next(_numbers)}"
    doc = DocumentIn(doc_type=DocumentType.PASSPORT, issuing_state="UZ", number=number)
    person = intake.register(session, actor, person_in(name, *aliases, documents=[doc], **extra))
    proposal = PathwayOpenIn(pathway=Pathway.TRANSFER, reason="return agreed with the state")
    cases_service.open_pathway(session, operator_actor(), person.regno, proposal)
    return person


def make_batch(session: Session, actor: Actor, state: str = "UZ", *people: str) -> BatchOut:
    batch = service.create_batch(
        session, actor, BatchIn(state=state, authority="Border Service", crossing_point="Post 7")
    )
    for regno in people:
        batch = service.add_person(session, actor, batch.reference, EntryIn(regno=regno))
    return batch
