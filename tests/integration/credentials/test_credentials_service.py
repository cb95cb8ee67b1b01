"""Request → supervisor approval → issue → reissue → revoke, the guards, and publishing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from factories import cases as cases_factory
from factories import credentials as factory
from factories.access import make_actor, make_office
from factories.db import row_counts
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.credentials import service, signing, statuslist, trustlist, views
from sijill.credentials.models import IssuedDocument
from sijill.credentials.payload import DocType
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn, RevokeIn
from sijill.credentials.signing import Outcome
from sijill.credentials.workflow import DocumentStatus, RequestStatus
from sijill.demo import arms as demo_arms
from sijill.demo import credentials as demo_credentials
from sijill.demo import loader
from sijill.errors import Conflict, InvalidInput, NotFound, NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration


def _verify(text, trust_bytes, status_bytes):
    now = int(utcnow().timestamp())
    trust = trustlist.load(trust_bytes)
    token, why = signing.read_status_list(status_bytes, trust, now)
    return signing.verify_text(text, trust, token, now, why)


def test_issue_verify_reissue_and_revoke(session, tmp_path):
    office = make_office(session)
    issuer = factory.issuer(tmp_path / "keys")
    person, request_id, officer = factory.approved(session, office)
    first = service.issue_document(session, officer, request_id, issuer)
    assert first.serial == "SJ-IC-00000000" and first.status == DocumentStatus.VALID

    supervisor = make_actor(session, Role.SUPERVISOR, office)
    trust, status = service.publish(session, supervisor, issuer)
    result = _verify(first.qr_text, trust, status)
    assert result.outcome == Outcome.VALID
    holder = result.document.holder
    assert (holder.full_name, holder.arabic_name) == (
        "Abdulrahman Khaled al-Hassan",
        "عبد الرحمن خالد الحسن",
    )
    assert holder.date_of_birth == "19870312" and result.document.regno == person.regno

    again = service.request_document(
        session, officer, person.regno, DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
    )
    service.decide_request(session, supervisor, again.id, True, DecisionIn())
    second = service.issue_document(session, officer, again.id, issuer)
    revoked = service.revoke_document(session, supervisor, second.serial, RevokeIn(reason="lost"))
    assert revoked.status == DocumentStatus.REVOKED and revoked.end_reason == "lost"

    trust, status = service.publish(session, supervisor, issuer)
    assert _verify(first.qr_text, trust, status).outcome == Outcome.REVOKED  # superseded
    assert _verify(second.qr_text, trust, status).outcome == Outcome.REVOKED
    listing = views.person_documents(session, officer, person.regno)
    assert [d.status for d in listing.documents] == [
        DocumentStatus.REVOKED,
        DocumentStatus.SUPERSEDED,
    ]
    assert {r.status for r in listing.requests} == {RequestStatus.ISSUED}
    tags = session.scalars(
        select(AuditEntry.tag).where(AuditEntry.tag.like("credentials:%")).order_by(AuditEntry.seq)
    ).all()
    assert tags == [
        "credentials:request:made",
        "credentials:request:approved",
        "credentials:document:issued",
        "credentials:lists:published",
        "credentials:request:made",
        "credentials:request:approved",
        "credentials:document:superseded",
        "credentials:document:issued",
        "credentials:document:revoked",
        "credentials:lists:published",
    ]


def test_the_requester_cannot_approve_and_an_unapproved_request_is_not_issued(session, tmp_path):
    office = make_office(session)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    person = factory.papers_holder(session, office)
    data = DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
    request = service.request_document(session, supervisor, person.regno, data)
    with pytest.raises(RuleViolation, match="second person"):
        service.decide_request(session, supervisor, request.id, True, DecisionIn())
    with pytest.raises(RuleViolation, match="approval"):
        service.issue_document(session, supervisor, request.id, factory.issuer(tmp_path / "k"))
    with pytest.raises(Conflict):
        service.request_document(session, supervisor, person.regno, data)


def test_papers_need_an_approved_papers_pathway_at_request_approval_and_issue(session, tmp_path):
    office = make_office(session)
    officer = make_actor(session, Role.CASE, office)
    person = factory.arabic_person(session, office)
    card = DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
    with pytest.raises(RuleViolation, match="No approved identity_card in the papers pathway"):
        service.request_document(session, officer, person.regno, card)
    pathway = cases_factory.approved_papers(session, person.regno)
    request = service.request_document(session, officer, person.regno, card)
    cases_factory.move(session, operator_actor(), pathway, "withdrawn")
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    with pytest.raises(RuleViolation, match="No approved identity_card"):
        service.decide_request(session, supervisor, request.id, True, DecisionIn())
    pathway = cases_factory.approved_papers(session, person.regno)
    service.decide_request(session, supervisor, request.id, True, DecisionIn())
    cases_factory.move(session, operator_actor(), pathway, "withdrawn")
    with pytest.raises(RuleViolation, match="No approved identity_card"):
        service.issue_document(session, officer, request.id, factory.issuer(tmp_path / "k"))


def test_a_hold_refuses_the_request_approval_and_issue(session, tmp_path):
    office = make_office(session)
    person, request_id, officer = factory.approved(session, office, DocType.WEAPON_PERMIT)
    holds.place(session, officer, person.id, HoldKind.SCREENING_UNDECIDED, "screening:hit:9", "hit")
    before = row_counts(session)
    with pytest.raises(RuleViolation, match="watch-list hit is not decided"):
        service.issue_document(session, officer, request_id, factory.issuer(tmp_path / "k"))
    with pytest.raises(RuleViolation, match="On hold"):
        service.request_document(
            session, officer, person.regno, DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
        )
    with pytest.raises(RuleViolation, match="On hold"):
        service.issue_for_person(
            session, officer, person.regno, DocType.IDENTITY_CARD, factory.issuer(tmp_path / "k")
        )
    assert row_counts(session) == before


def test_bad_requests_write_nothing(session):
    office = make_office(session)
    officer = make_actor(session, Role.CASE, office)
    person = factory.arabic_person(session, office)
    screening = make_actor(session, Role.SCREENING, office)
    other_office = make_actor(session, Role.CASE, make_office(session))
    before = row_counts(session)
    with pytest.raises(InvalidInput):
        service.request_document(
            session, officer, person.regno, DocumentRequestIn(doc_type=DocType.WEAPON_PERMIT)
        )
    with pytest.raises(InvalidInput):
        service.request_document(
            session,
            officer,
            person.regno,
            DocumentRequestIn(doc_type=DocType.IDENTITY_CARD, programme_status="x"),
        )
    with pytest.raises(NotPermitted):
        service.request_document(
            session,
            screening,
            person.regno,
            DocumentRequestIn(doc_type=DocType.IDENTITY_CARD),
        )
    with pytest.raises(NotFound):
        service.request_document(
            session, other_office, person.regno, DocumentRequestIn(doc_type=DocType.IDENTITY_CARD)
        )
    assert row_counts(session) == before


def test_the_status_list_holds_every_issued_document(session, tmp_path):
    office = make_office(session)
    issuer = factory.issuer(tmp_path / "keys")
    serials = []
    for doc_type in (DocType.IDENTITY_CARD, DocType.WEAPON_PERMIT, DocType.RESIDENCE_PERMIT):
        _, request_id, officer = factory.approved(session, office, doc_type)
        serials.append(service.issue_document(session, officer, request_id, issuer).serial)
    supervisor = make_actor(session, Role.SUPERVISOR, office)
    service.revoke_document(session, supervisor, serials[1], RevokeIn(reason="weapon returned"))
    values = service.status_list(session)
    assert [values.get(i) for i in range(3)] == [0, statuslist.Status.INVALID, 0]
    assert serials == ["SJ-IC-00000000", "SJ-WP-00000001", "SJ-RP-00000002"]


def test_the_demo_issues_a_few_documents(session, tmp_path):
    loader.prepare(session)
    factory_ = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint")
    office = make_office(session)
    for _ in range(18):  # the demo permits go to every third person: six holders
        factory.arabic_person(session, office, spouse=True)  # eligible for residence
    session.commit()
    demo_arms.load(factory_, seed=7)  # the loader's order: weapons and permits first
    assert demo_credentials.load(factory_, factory.issuer(tmp_path / "keys")) == 6
    counts = row_counts(session)
    assert counts["issued_document"] == 6 and counts["document_request"] == 9
    weapon_docs = session.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.doc_type == DocType.WEAPON_PERMIT.value)
        .order_by(IssuedDocument.status_index)
    ).all()
    assert [d.status for d in weapon_docs] == [DocumentStatus.VALID, DocumentStatus.REVOKED]
    assert "suspended: Under inquiry" in (weapon_docs[1].end_reason or "")
