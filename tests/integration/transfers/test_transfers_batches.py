"""Outgoing batches: readiness, non-refoulement gate, legal review and two approvals."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.db import row_counts
from factories.registry import register as register_plain
from factories.transfers import MAX_AGE, identified, make_batch, rate
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.errors import Conflict, NotFound, NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.transfers import checks, register, service
from sijill.transfers.readiness import ReviewOutcome
from sijill.transfers.risk import FactorKind, GroupKind, Outcome, RiskLevel
from sijill.transfers.schemas import ApprovalIn, EntryIn, FactorIn, ReviewIn

pytestmark = pytest.mark.integration


@pytest.fixture
def office(session):
    return make_office(session)


@pytest.fixture
def case(session, office):
    return make_actor(session, Role.CASE, office)


@pytest.fixture
def registrar(session, office):
    return make_actor(session, Role.REGISTRAR, office)


def _tags(session, prefix="transfers:"):
    stmt = select(AuditEntry.tag).where(AuditEntry.tag.like(prefix + "%")).order_by(AuditEntry.seq)
    return session.scalars(stmt).all()


def test_a_low_risk_person_with_a_passport_is_ready(session, case, registrar):
    rate(session, "UZ", RiskLevel.LOW)
    person = identified(session, registrar, "Ready Person")
    batch = make_batch(session, case, "UZ", person.regno)
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.ready, line.blocking
    assert line.assessment.outcome == Outcome.MAY_PROCEED


def test_blocking_reasons_are_named(session, case, registrar):
    rate(session, "UZ", RiskLevel.LOW)
    plain = register_plain(session, registrar, "No Papers Person")
    held = identified(session, registrar, "Held Person")
    holds.place(session, operator_actor(), held.id, HoldKind.SCREENING_UNDECIDED, "s:1", "hit")
    batch = make_batch(session, case, "UZ", plain.regno, held.regno)
    first, second = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert first.blocking == [
        "identity not confirmed: no identity document held",
        "no open case in the transfer pathway",
        "never screened against the watch lists",
    ]
    assert second.blocking == ["a watch-list hit is not decided yet"]


def test_an_unrated_state_needs_a_legal_review(session, case, registrar):
    person = identified(session, registrar, "Unrated Person")
    batch = make_batch(session, case, "KZ", person.regno)
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.assessment.outcome == Outcome.LEGAL_REVIEW
    assert "no risk rating is recorded for KZ" in line.assessment.reasons
    assert line.blocking == ["non-refoulement: a legal review is needed"]


def test_a_prohibited_group_is_refused_and_cannot_be_cleared(session, case, registrar, office):
    rate(session, "CN", RiskLevel.ELEVATED)
    rate(session, "CN", RiskLevel.PROHIBITED, (GroupKind.LANGUAGE, "ug"), "UNHCR position 2026")
    uyghur = identified(session, registrar, "Abdurehim Tursun", languages=["ug"])
    other = identified(session, registrar, "Li Wei")
    batch = make_batch(session, case, "CN", uyghur.regno, other.regno)
    first, second = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert first.assessment.outcome == Outcome.PROHIBITED
    assert first.blocking == ["non-refoulement: transfer to this state is prohibited"]
    assert any("UNHCR position 2026" in r for r in first.assessment.reasons)
    assert second.ready
    legal = make_actor(session, Role.PROTECTION, office)
    with pytest.raises(RuleViolation, match="prohibited"):
        service.record_review(
            session, legal, batch.reference,
            ReviewIn(regno=uyghur.regno, outcome=ReviewOutcome.CLEARED, note="no"),
        )  # fmt: skip


def test_high_risk_needs_review_then_two_different_supervisors(session, case, registrar, office):
    rate(session, "UZ", RiskLevel.LOW)
    person = identified(session, registrar, "Asylum Seeker")
    legal = make_actor(session, Role.PROTECTION, office)
    register.add_factor(session, legal, person.regno, FactorIn(kind=FactorKind.ASYLUM_CLAIM))
    batch = make_batch(session, case, "UZ", person.regno)
    sup1 = make_actor(session, Role.SUPERVISOR, office)
    sup2 = make_actor(session, Role.SUPERVISOR, office)
    with pytest.raises(RuleViolation, match="need a legal review"):
        service.approve(session, sup1, batch.reference, ApprovalIn())
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.assessment.reasons[-1] == "individual protection factors are recorded"
    review = ReviewIn(regno=person.regno, outcome=ReviewOutcome.CLEARED, note="Claim rejected")
    service.record_review(session, legal, batch.reference, review)
    service.approve(session, sup1, batch.reference, ApprovalIn())
    with pytest.raises(Conflict):
        service.approve(session, sup1, batch.reference, ApprovalIn())
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert line.blocking == ["needs 2 approvals by different supervisors (1 so far)"]
    service.approve(session, sup2, batch.reference, ApprovalIn())
    [line] = checks.readiness(session, legal, batch.reference, MAX_AGE)
    assert line.ready and "protection factor: asylum_claim" in line.assessment.reasons
    assert "transfers:batch:approved" in _tags(session)


def test_a_person_added_after_approval_invalidates_it(session, case, registrar, office):
    person = identified(session, registrar, "Reviewed Person")
    batch = make_batch(session, case, "KZ", person.regno)
    legal = make_actor(session, Role.PROTECTION, office)
    review = ReviewIn(regno=person.regno, outcome=ReviewOutcome.CLEARED, note="ok")
    service.record_review(session, legal, batch.reference, review)
    for _ in range(2):
        service.approve(
            session, make_actor(session, Role.SUPERVISOR, office), batch.reference, ApprovalIn()
        )
    assert checks.readiness(session, case, batch.reference, MAX_AGE)[0].ready
    late = identified(session, registrar, "Late Person")
    after = service.add_person(session, case, batch.reference, EntryIn(regno=late.regno))
    assert after.approvals == []
    assert not checks.readiness(session, case, batch.reference, MAX_AGE)[0].ready
    assert "transfers:approvals:invalidated" in _tags(session)


def test_a_confirmed_match_without_legal_review_is_refused(session, case, registrar, office):
    rate(session, "UZ", RiskLevel.LOW)
    person = identified(session, registrar, "Listed Person")
    holds.place(session, operator_actor(), person.id, HoldKind.SCREENING_CONFIRMED, "s:2", "UN")
    batch = make_batch(session, case, "UZ", person.regno)
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert "a confirmed watch-list match has no legal review" in line.blocking
    assert line.assessment.outcome == Outcome.LEGAL_REVIEW
    legal = make_actor(session, Role.PROTECTION, office)
    service.record_review(
        session, legal, batch.reference,
        ReviewIn(regno=person.regno, outcome=ReviewOutcome.REFUSED, note="risk of torture"),
    )  # fmt: skip
    [line] = checks.readiness(session, case, batch.reference, MAX_AGE)
    assert "non-refoulement: the legal review refused this transfer" in line.blocking


def test_family_travels_with_and_duplicates_are_refused(session, case, registrar):
    father = identified(session, registrar, "Father Person")
    child = identified(session, registrar, "Child Person")
    batch = make_batch(session, case, "UZ", father.regno)
    batch = service.add_person(
        session, case, batch.reference,
        EntryIn(regno=child.regno, travels_with=father.regno, relation="child"),
    )  # fmt: skip
    assert batch.entries[1].travels_with == 1
    before = row_counts(session)
    with pytest.raises(Conflict):
        service.add_person(session, case, batch.reference, EntryIn(regno=child.regno))
    assert row_counts(session) == before


def test_roles_and_offices(session, case, registrar):
    person = identified(session, registrar, "Scoped Person")
    batch = make_batch(session, case, "UZ", person.regno)
    with pytest.raises(NotPermitted):
        make_batch(session, registrar, "UZ")
    stranger = make_actor(session, Role.CASE)
    with pytest.raises(NotFound):
        checks.readiness(session, stranger, batch.reference, MAX_AGE)
