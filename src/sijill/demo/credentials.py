"""Demo documents: a few people with papers requested, approved and issued (one revoked
card) and some approved and waiting, so a new user can issue and verify a card in the first
minutes; two weapon-permit documents signed from the demo arms permits, the second revoked
by suspending its permit. Through the services, as the demo officers and supervisor."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.models import User
from sijill.arms.guards import DEFAULT_ARMY_STATES
from sijill.arms.models import WeaponPermit
from sijill.arms.schemas import PermitDecisionIn
from sijill.arms.vocab import PermitAction, PermitStatus
from sijill.cases import service as cases
from sijill.cases.schemas import PathwayOpenIn, TransitionIn
from sijill.cases.workflow import PaperType, Pathway
from sijill.credentials import guards, permit_decisions, service
from sijill.credentials.issuer import Issuer
from sijill.credentials.payload import DocType
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn, RevokeIn
from sijill.db import unit_of_work
from sijill.errors import Conflict, RuleViolation
from sijill.registry.models import Person

PLAN = (
    (DocType.IDENTITY_CARD, "issue"),
    (DocType.IDENTITY_CARD, "issue"),
    (DocType.RESIDENCE_PERMIT, "issue"),
    (DocType.IDENTITY_CARD, "revoke"),
    (DocType.IDENTITY_CARD, "approve"),
    (DocType.RESIDENCE_PERMIT, "approve"),
    (DocType.IDENTITY_CARD, "request"),
)


def _actor(session: Session, username: str) -> Actor:
    return access_service.actor_for(access_service.user_by_username(session, username))


def _one(
    session: Session,
    regno: str,
    doc_type: DocType,
    step: str,
    issuer: Issuer,
    permit_ref: str | None = None,
) -> None:
    officer, supervisor = _actor(session, "case"), _actor(session, "supervisor")
    if doc_type in guards.PAPER_TYPE:
        _papers_pathway(session, supervisor, regno, guards.PAPER_TYPE[doc_type])
    data = DocumentRequestIn(
        doc_type=doc_type,
        reason="demo",
        programme_status="reintegration" if doc_type == DocType.RESIDENCE_PERMIT else None,
        permit_ref=permit_ref,
    )
    request = service.request_document(session, officer, regno, data)
    if step == "request":
        return
    service.decide_request(session, supervisor, request.id, True, DecisionIn(note="demo"))
    if step == "approve":
        return
    issued = service.issue_document(session, officer, request.id, issuer)
    if step == "revoke":
        service.revoke_document(
            session, supervisor, issued.serial, RevokeIn(reason="reported lost")
        )


def _weapon_permits(session: Session, issuer: Issuer) -> int:
    """Sign the first two active demo arms permits; suspend the second permit (its document
    is revoked with it). The number of documents issued."""
    active = session.execute(
        select(WeaponPermit.ref, Person.regno)
        .join(Person, Person.id == WeaponPermit.person_id)
        .where(WeaponPermit.status == PermitStatus.ACTIVE.value)
        .order_by(WeaponPermit.requested_at)
    ).all()
    issued = 0
    for permit_ref, regno in active:
        try:
            with session.begin_nested():  # a held person: the next permit
                _one(session, regno, DocType.WEAPON_PERMIT, "issue", issuer, permit_ref)
        except (RuleViolation, Conflict):
            continue
        issued += 1
        if issued == 2:
            reason = PermitDecisionIn(reason="Under inquiry")
            arms = _actor(session, "arms")
            permit_decisions.decide(
                session, arms, permit_ref, PermitAction.SUSPEND, reason, DEFAULT_ARMY_STATES
            )
            break
    return issued


def _papers_pathway(session: Session, supervisor: Actor, regno: str, paper: PaperType) -> None:
    """Approve the person's papers pathway for ``paper`` through the case services, unless
    the cases demo already did: credentials issue papers only on an approved pathway."""
    person_id = session.scalar(select(Person.id).where(Person.regno == regno))
    if person_id is None or not cases.papers_allowed(session, person_id, paper.value):
        return
    cases.open_case(session, supervisor, regno)
    data = PathwayOpenIn(pathway=Pathway.PAPERS, document_type=paper, reason="demo")
    pathway = cases.open_pathway(session, supervisor, regno, data)
    for target in ("under_review", "approved"):
        step = TransitionIn(target=target, reason="demo", legal_basis="Decree 7/2025")
        cases.move(session, supervisor, pathway.id, step)


def load(factory: sessionmaker[Session], issuer: Issuer) -> int:
    """Request, approve and issue the demo documents; returns how many were issued."""
    with unit_of_work(factory) as session:
        if session.scalar(select(User.id).where(User.username == "supervisor")) is None:
            return 0
        regnos = session.scalars(select(Person.regno).order_by(Person.created_at).limit(40))
        plan = iter(PLAN)
        step = next(plan, None)
        for regno in regnos:
            if step is None:
                break
            try:
                with session.begin_nested():  # a held person or an open request: the next one
                    _one(session, regno, step[0], step[1], issuer)
            except (RuleViolation, Conflict):
                continue
            step = next(plan, None)
        weapon_permits = _weapon_permits(session, issuer)
    return sum(1 for _, s in PLAN if s in ("issue", "revoke")) + weapon_permits
