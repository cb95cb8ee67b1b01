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
from sijill.timeutil import utcnow
from sijill.transfers import guards, queries, register
from sijill.transfers.models import LegalReview, TransferBatch, TransferEntry
from sijill.transfers.readiness import Facts, Hold, Readiness, ReviewOutcome, check
from sijill.transfers.risk import Assessment, Outcome, assess
from sijill.transfers.schemas import AssessmentOut, ReadinessOut


def latest_reviews(
    session: Session, entry_ids: list[uuid.UUID], batch_id: uuid.UUID | None = None
) -> dict[uuid.UUID, ReviewOutcome]:
    """The outcome of the latest legal review of each entry (of every entry of ``batch_id``
    when given)."""
    stmt = select(LegalReview.entry_id, LegalReview.outcome).order_by(LegalReview.reviewed_at)
    if batch_id is not None:
        member = select(TransferEntry.id).where(TransferEntry.batch_id == batch_id)
        conditions = [LegalReview.entry_id.in_(member)]
    else:
        conditions = [
            LegalReview.entry_id.in_(entry_ids[i : i + 500]) for i in range(0, len(entry_ids), 500)
        ]
    found: dict[uuid.UUID, ReviewOutcome] = {}
    for condition in conditions:
        for entry_id, outcome in session.execute(stmt.where(condition)):
            found[entry_id] = ReviewOutcome(outcome)
    return found


def members(batch: TransferBatch, rows: list[TransferEntry]) -> guards.People:
    """The registry people of a whole batch (``rows`` are all its entries)."""
    query = select(TransferEntry.person_id).where(
        TransferEntry.batch_id == batch.id,
        TransferEntry.removed_at.is_(None),
        TransferEntry.person_id.is_not(None),
    )
    return guards.People([e.person_id for e in rows if e.person_id is not None], query)


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut(
        outcome=assessment.outcome, level=assessment.level, reasons=list(assessment.reasons)
    )


def _assess(
    session: Session, actor: Actor, batch: TransferBatch, rows: list[TransferEntry],
    people: guards.People, holds: dict[uuid.UUID, list[Hold]],
) -> dict[uuid.UUID, Assessment]:  # fmt: skip
    ratings = register.current_ratings(session)
    traits = guards.traits(session, people)
    factors = register.factor_kinds(session, people)
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


def assessments(
    session: Session, actor: Actor, batch: TransferBatch, rows: list[TransferEntry]
) -> dict[uuid.UUID, Assessment]:
    """The non-refoulement assessment of each of ``rows`` linked to a registry person."""
    people = guards.People([e.person_id for e in rows if e.person_id is not None])
    return _assess(session, actor, batch, rows, people, guards.transfer_holds(session, people))


def entries_needing_review(
    session: Session, actor: Actor, batch: TransferBatch
) -> list[TransferEntry]:
    rows = queries.entries(session, batch.id)
    people = members(batch, rows)
    holds = guards.transfer_holds(session, people)
    found = _assess(session, actor, batch, rows, people, holds)
    return [e for e in rows if e.id in found and found[e.id].outcome == Outcome.LEGAL_REVIEW]


Row = tuple[TransferEntry, Facts | None, Assessment | None]


def _facts(
    session: Session, actor: Actor, batch: TransferBatch, rows: list[TransferEntry]
) -> list[Row]:
    people = members(batch, rows)
    holds = guards.transfer_holds(session, people)
    found = _assess(session, actor, batch, rows, people, holds)
    confirmed = guards.identity_confirmed(session, people)
    screened = guards.screening_dates(session, people)
    cases = guards.transfer_case_open(session, people)
    reviews = latest_reviews(session, [], batch.id)
    approvals = len(queries.approvers(session, batch))
    out: list[Row] = []
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
            case_open=cases.get(pid, False),
        )
        out.append((entry, facts, found[entry.id]))
    return out


def batch_readiness(
    session: Session,
    actor: Actor,
    batch: TransferBatch,
    max_age_days: int,
    entries: list[TransferEntry] | None = None,
) -> list[ReadinessOut]:
    """``entries``: the batch's entries when the caller has them already."""
    today: dt.date = utcnow().date()
    if entries is None:
        entries = queries.entries(session, batch.id)
    rows = _facts(session, actor, batch, entries)
    labels = queries.labels(session, members(batch, [e for e, _, _ in rows]))
    result = []
    for entry, facts, assessment in rows:
        regno, name = labels.get(entry.person_id, (None, None)) if entry.person_id else (None, None)
        readiness = (
            check(facts, today, max_age_days)
            if facts is not None
            else Readiness(False, [Msg("not linked to a person of the registry")])
        )
        result.append(
            ReadinessOut(
                position=entry.position,
                regno=regno,
                name=name if name is not None else queries.entry_name(entry, None),
                ready=readiness.ready,
                blocking=list(readiness.blocking),
                assessment=_assessment_out(assessment) if assessment else None,
                review=facts.review if facts else None,
            )
        )
    return result


def readiness(session: Session, actor: Actor, ref: str, max_age_days: int) -> list[ReadinessOut]:
    """Readiness of each person of the batch, with the reasons that block them."""
    return batch_readiness(session, actor, queries.load_batch(session, actor, ref), max_age_days)
