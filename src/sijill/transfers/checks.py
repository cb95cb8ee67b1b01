"""Readiness of every person of an outgoing batch: the facts gathered from the other
modules (through ``guards``), then the pure rules (``risk``, ``readiness``)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.errors import Msg
from sijill.holds.rules import HoldKind
from sijill.registry import regno as regnos
from sijill.timeutil import utcnow
from sijill.transfers import guards, queries, register
from sijill.transfers.models import LegalReview, TransferBatch, TransferEntry
from sijill.transfers.readiness import Facts, Readiness, ReviewOutcome, check
from sijill.transfers.risk import Assessment, Outcome, assess
from sijill.transfers.schemas import AssessmentOut, ReadinessOut


def latest_reviews(session: Session, entry_ids: list[uuid.UUID]) -> dict[uuid.UUID, ReviewOutcome]:
    """The outcome of the latest legal review of each entry."""
    found: dict[uuid.UUID, ReviewOutcome] = {}
    for start in range(0, len(entry_ids), 500):
        stmt = (
            select(LegalReview.entry_id, LegalReview.outcome)
            .where(LegalReview.entry_id.in_(entry_ids[start : start + 500]))
            .order_by(LegalReview.reviewed_at)
        )
        for entry_id, outcome in session.execute(stmt):
            found[entry_id] = ReviewOutcome(outcome)
    return found


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut(
        outcome=assessment.outcome, level=assessment.level, reasons=list(assessment.reasons)
    )


def assessments(
    session: Session, actor: Actor, batch: TransferBatch, rows: list[TransferEntry]
) -> dict[uuid.UUID, Assessment]:
    """The non-refoulement assessment of each entry linked to a registry person."""
    ids = [e.person_id for e in rows if e.person_id is not None]
    ratings = register.current_ratings(session)
    traits = guards.traits(session, ids)
    factors = register.factor_kinds(session, ids)
    holds = guards.transfer_holds(session, ids)
    show = actor.can(Permission.PROTECTION_FACTORS)
    found = {}
    for entry in rows:
        pid = entry.person_id
        if pid is None or pid not in traits:
            continue
        confirmed = any(h.kind == HoldKind.SCREENING_CONFIRMED for h in holds.get(pid, []))
        found[entry.id] = assess(
            batch.state, ratings, traits[pid], factors.get(pid, set()), confirmed, show
        )
    return found


def entries_needing_review(
    session: Session, actor: Actor, batch: TransferBatch
) -> list[TransferEntry]:
    rows = queries.entries(session, batch.id)
    found = assessments(session, actor, batch, rows)
    return [e for e in rows if e.id in found and found[e.id].outcome == Outcome.LEGAL_REVIEW]


def _facts(
    session: Session, actor: Actor, batch: TransferBatch
) -> list[tuple[TransferEntry, Facts | None, Assessment | None]]:
    rows = queries.entries(session, batch.id)
    ids = [e.person_id for e in rows if e.person_id is not None]
    found = assessments(session, actor, batch, rows)
    confirmed = guards.identity_confirmed(session, ids)
    screened = guards.screening_dates(session, ids)
    holds = guards.transfer_holds(session, ids)
    cases = guards.transfer_case_open(session, ids)
    reviews = latest_reviews(session, [e.id for e in rows])
    approvals = len(queries.approvers(session, batch))
    out: list[tuple[TransferEntry, Facts | None, Assessment | None]] = []
    for entry in rows:
        pid = entry.person_id
        if pid is None or entry.id not in found:
            out.append((entry, None, None))
            continue
        facts = Facts(
            identity_confirmed=pid in confirmed,
            screened_on=screened.get(pid),
            holds=holds.get(pid, []),
            assessment=found[entry.id],
            review=reviews.get(entry.id),
            approvals=approvals,
            case_open=cases.get(pid),
        )
        out.append((entry, facts, found[entry.id]))
    return out


def batch_readiness(
    session: Session, actor: Actor, batch: TransferBatch, max_age_days: int
) -> list[ReadinessOut]:
    today: dt.date = utcnow().date()
    rows = _facts(session, actor, batch)
    persons = queries.people(session, [e.person_id for e, _, _ in rows if e.person_id])
    result = []
    for entry, facts, assessment in rows:
        person = persons.get(entry.person_id) if entry.person_id else None
        readiness = (
            check(facts, today, max_age_days)
            if facts is not None
            else Readiness(False, [Msg("not linked to a person of the registry")])
        )
        result.append(
            ReadinessOut(
                position=entry.position,
                regno=regnos.display(person.regno) if person else None,
                name=queries.entry_name(entry, person),
                ready=readiness.ready,
                blocking=list(readiness.blocking),
                warnings=list(readiness.warnings),
                assessment=_assessment_out(assessment) if assessment else None,
                review=facts.review if facts else None,
            )
        )
    return result


def readiness(session: Session, actor: Actor, ref: str, max_age_days: int) -> list[ReadinessOut]:
    """Readiness of each person of the batch, with the reasons that block them."""
    return batch_readiness(session, actor, queries.load_batch(session, actor, ref), max_age_days)
