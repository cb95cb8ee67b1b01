"""Screening use cases: screen people, record hits and their holds, decide hits.

``screen_person`` runs inside the registration or correction transaction that calls it, so a
person is never stored without their screening. Holds (``sijill.holds``): an undecided hit
holds the person (``SCREENING_UNDECIDED``, source ``screening:hit:<id>``); a confirmed match
holds them until a legal review (``SCREENING_CONFIRMED``); a false positive releases.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import Msg, NotFound, NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry.models import Person
from sijill.registry.queries import visible
from sijill.screening import cache, subjects
from sijill.screening.index import Hit
from sijill.screening.lists import current_versions
from sijill.screening.models import HitDecision, ScreeningHit, ScreeningRun
from sijill.screening.queries import decided_hit
from sijill.screening.schemas import DecisionIn, HitDetail
from sijill.screening.subjects import Subject
from sijill.screening.workflow import Decision, HitStatus, IllegalDecision, RunReason, transition
from sijill.timeutil import utcnow

# Who may screen someone: those who register or correct records, keep the lists, or receive
# transferred people (each arrival is screened when it is linked to a record).
_SCREENERS = (
    Permission.PERSON_REGISTER,
    Permission.PERSON_EDIT,
    Permission.SCREENING_LISTS,
    Permission.TRANSFER_MANAGE,
)


def _source(hit: ScreeningHit) -> str:
    return f"screening:hit:{hit.id}"


def _hold_reason(hit: ScreeningHit) -> str:
    return f"watch-list hit {hit.entry.watch_list.name} {hit.entry.entry_id} ({hit.score:.2f})"


def _log(session: Session, actor: Actor, hit: ScreeningHit, decision: Decision, to: HitStatus,
         reason: str) -> None:  # fmt: skip
    session.add(HitDecision(
        hit_id=hit.id, decision=decision.value, from_status=hit.status, to_status=to.value,
        reason=reason, actor=actor.username, at=utcnow(),
    ))  # fmt: skip
    audit.record(
        session, actor, "screening:hit:decided", "person", hit.person_id,
        {"hit": str(hit.id), "decision": decision.value, "from": hit.status, "to": to.value},
    )  # fmt: skip
    hit.status = to.value


def _new_hit(
    session: Session, actor: Actor, subject: Subject, found: Hit, row_id: uuid.UUID
) -> ScreeningHit:
    now = utcnow()
    hit = ScreeningHit(
        id=uuid.uuid4(), person_id=subject.person_id, entry_row_id=row_id,
        subject=subject.subject[:200], status=HitStatus.OPEN.value, score=found.score,
        decision=found.result.decision, explanation=found.result.explanation,
        algorithm=found.result.algorithm, algorithm_version=found.result.version,
        person_fingerprint=subject.fingerprint, entry_fingerprint=found.entry.fingerprint(),
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(hit)
    session.flush()  # the hold and the audit entry name the hit
    audit.record(
        session, actor, "screening:hit:raised", "person", subject.person_id,
        {"hit": str(hit.id), "entry": found.entry.entry_id, "score": found.score},
    )  # fmt: skip
    holds.place(session, actor, hit.person_id, HoldKind.SCREENING_UNDECIDED, _source(hit),
                _hold_reason(hit))  # fmt: skip
    return hit


def _refresh(
    session: Session, actor: Actor, hit: ScreeningHit, subject: Subject, found: Hit
) -> bool:
    """Update a known hit; reopen a false positive whose person or entry changed in a way
    that matters. True when the hit is raised again."""
    person_fp, entry_fp = subject.fingerprint, found.entry.fingerprint()
    changed = hit.person_fingerprint != person_fp or hit.entry_fingerprint != entry_fp
    hit.score, hit.decision = found.score, found.result.decision
    hit.explanation = found.result.explanation
    hit.person_fingerprint, hit.entry_fingerprint = person_fp, entry_fp
    hit.updated_at = utcnow()
    if hit.status != HitStatus.FALSE_POSITIVE or not changed:
        return False
    _log(session, actor, hit, Decision.REOPEN, HitStatus.OPEN,
         "the person or the list entry changed since it was decided")  # fmt: skip
    holds.place(session, actor, hit.person_id, HoldKind.SCREENING_UNDECIDED, _source(hit),
                _hold_reason(hit))  # fmt: skip
    return True


def apply_hits(
    session: Session,
    actor: Actor,
    subject: Subject,
    found: Sequence[Hit],
    row_ids: Sequence[uuid.UUID],
) -> int:
    """Record the hits of one subject; the number raised (new or reopened)."""
    if not found:
        return 0
    known = {
        (h.entry_row_id, h.subject): h
        for h in session.scalars(
            select(ScreeningHit).where(ScreeningHit.person_id == subject.person_id)
        )
    }
    raised = 0
    for hit in found:
        row_id = row_ids[hit.position]
        existing = known.get((row_id, subject.subject[:200]))
        if existing is None:
            _new_hit(session, actor, subject, hit, row_id)
            raised += 1
        elif _refresh(session, actor, existing, subject, hit):
            raised += 1
    return raised


def record_run(session: Session, actor: Actor, person_id: uuid.UUID, reason: RunReason,
               versions: dict[str, int], hits: int, raised: int) -> None:  # fmt: skip
    session.add(ScreeningRun(
        person_id=person_id, at=utcnow(), actor=actor.username, reason=reason.value,
        versions=versions, hits=hits, new_hits=raised,
    ))  # fmt: skip


def screen_person(
    session: Session,
    actor: Actor,
    person_id: uuid.UUID,
    reason: RunReason = RunReason.REGISTRATION,
) -> int:
    """Screen one person (and their groups) against every current list entry, in the caller's
    transaction; the number of hits raised (new, or reopened false positives)."""
    if not any(actor.can(p) for p in _SCREENERS):
        raise NotPermitted(Msg("Your role may not screen people."))
    loaded = cache.current(session)
    versions = current_versions(session)
    hits = raised = 0
    for subject in subjects.load(session, [person_id]):
        found = loaded.index.screen(subject.record)
        hits += len(found)
        raised += apply_hits(session, actor, subject, found, loaded.row_ids)
    record_run(session, actor, person_id, reason, versions, hits, raised)
    return raised


def screen_unscreened(session: Session, actor: Actor, person_ids: list[uuid.UUID]) -> int:
    """Screen those of these people who have never been screened (relatives registered in
    the same flow as the person they came with); the number of hits raised."""
    if not person_ids:
        return 0
    screened = set(
        session.scalars(
            select(ScreeningRun.person_id).where(ScreeningRun.person_id.in_(person_ids)).distinct()
        )
    )
    fresh = [pid for pid in dict.fromkeys(person_ids) if pid not in screened]
    return sum(screen_person(session, actor, pid) for pid in fresh)


def _visible_hit(session: Session, actor: Actor, hit_id: uuid.UUID) -> ScreeningHit:
    stmt = (
        select(ScreeningHit)
        .join(Person, Person.id == ScreeningHit.person_id)
        .where(ScreeningHit.id == hit_id, visible(actor))
    )
    hit = session.scalar(stmt)
    if hit is None:
        raise NotFound(Msg("No such screening hit in your offices."))
    return hit


def _holds_after(
    session: Session, actor: Actor, hit: ScreeningHit, to: HitStatus, reason: str
) -> None:
    source = _source(hit)
    if to in (HitStatus.CONFIRMED, HitStatus.FALSE_POSITIVE):
        holds.release(session, actor, hit.person_id, HoldKind.SCREENING_UNDECIDED, source, reason)
    if to is HitStatus.CONFIRMED:
        holds.place(session, actor, hit.person_id, HoldKind.SCREENING_CONFIRMED, source,
                    _hold_reason(hit))  # fmt: skip
    if to is HitStatus.REVIEWED:
        holds.release(session, actor, hit.person_id, HoldKind.SCREENING_CONFIRMED, source, reason)


def decide(session: Session, actor: Actor, hit_id: uuid.UUID, data: DecisionIn) -> HitDetail:
    """Decide a hit: confirmed match, false positive, needs more information, or (a legal
    officer or supervisor) the legal review of a confirmed match."""
    decision = Decision(data.decision)
    needed = (
        Permission.SCREENING_LEGAL_REVIEW
        if decision is Decision.LEGAL_REVIEW
        else Permission.SCREENING_DECIDE
    )
    actor.require(needed)
    hit = _visible_hit(session, actor, hit_id)
    try:
        to = transition(HitStatus(hit.status), decision)
    except IllegalDecision as exc:
        raise RuleViolation(Msg("This decision is not allowed: {rule}.", rule=str(exc))) from None
    reason = data.reason.strip()
    _log(session, actor, hit, decision, to, reason)
    _holds_after(session, actor, hit, to, reason)
    return decided_hit(session, actor, hit.id)
