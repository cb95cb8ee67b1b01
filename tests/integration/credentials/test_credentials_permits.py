"""A weapon-permit document signs an arms permit: its data come from the permit, a permit
that is missing, not active, someone else's or out of its validity is refused (at request,
approval and issue), and suspending or revoking the permit revokes its documents."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import arms as arms_factory
from factories import credentials as factory
from factories.access import make_actor, make_office
from factories.arms import STATES
from factories.db import row_counts
from sijill.access.permissions import Role
from sijill.arms import permits
from sijill.arms.schemas import PermitDecisionIn, PermitIn
from sijill.arms.vocab import PermitAction
from sijill.credentials import permit_decisions, service, signing, statuslist, trustlist
from sijill.credentials.payload import YEAR_SECONDS, DocType
from sijill.credentials.schemas import DecisionIn, DocumentRequestIn
from sijill.credentials.signing import Outcome
from sijill.credentials.workflow import DocumentStatus
from sijill.errors import InvalidInput, RuleViolation
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration


def _request(permit_ref: str | None) -> DocumentRequestIn:
    return DocumentRequestIn(doc_type=DocType.WEAPON_PERMIT, permit_ref=permit_ref)


def test_the_signed_weapon_and_validity_come_from_the_permit(session, tmp_path):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    permit = arms_factory.active_permit(session, world, regno=person.regno)
    _, request_id, officer = factory.approved(
        session, office, DocType.WEAPON_PERMIT, person=person, permit_ref=permit.ref
    )
    issuer = factory.issuer(tmp_path / "keys")
    issued = service.issue_document(session, officer, request_id, issuer)

    trust_bytes, status_bytes = service.publish(session, world.supervisor, issuer)
    now = int(utcnow().timestamp())
    trust = trustlist.load(trust_bytes)
    token, why = signing.read_status_list(status_bytes, trust, now)
    result = signing.verify_text(issued.qr_text, trust, token, now, why)
    assert result.outcome == Outcome.VALID
    weapon = result.document.weapon
    assert weapon.serial == permit.weapon.serial
    assert weapon.category == "assault_rifle" and weapon.make_model == "Synthetic Arsenal AK-47"
    permit_end = dt.datetime.combine(permit.valid_until, dt.time(23, 59, 59), dt.UTC)
    year_later = result.document.issued_at + YEAR_SECONDS  # the type's own validity
    assert result.document.expires_at == min(year_later, int(permit_end.timestamp()))


def test_a_document_never_outlives_a_shorter_permit(session, tmp_path):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    arms_factory.army_integrated(session, person.regno)
    today = dt.date.today()
    data = PermitIn(holder=person.regno, weapon_ref=arms_factory.stored_weapon(session, world),
                    valid_from=today, valid_until=today + dt.timedelta(days=20))  # fmt: skip
    permit = permits.request_permit(session, world.arms, data, STATES)
    permits.decide(
        session, world.supervisor, permit.ref, PermitAction.APPROVE, PermitDecisionIn(), STATES
    )
    _, request_id, officer = factory.approved(
        session, office, DocType.WEAPON_PERMIT, person=person, permit_ref=permit.ref
    )
    issued = service.issue_document(session, officer, request_id, factory.issuer(tmp_path / "k"))
    assert issued.expires_at.date() == today + dt.timedelta(days=20)


def test_a_permit_that_may_not_be_signed_is_refused_and_nothing_written(session):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    officer = make_actor(session, Role.CASE, office)
    others = arms_factory.active_permit(session, world).ref
    arms_factory.army_integrated(session, person.regno)
    today = dt.date.today()
    later = PermitIn(holder=person.regno, weapon_ref=arms_factory.stored_weapon(session, world),
                     valid_from=today + dt.timedelta(days=10),
                     valid_until=today + dt.timedelta(days=100))  # fmt: skip
    future = permits.request_permit(session, world.arms, later, STATES).ref
    pending = PermitIn(holder=person.regno, weapon_ref=arms_factory.stored_weapon(session, world),
                       valid_from=today, valid_until=today + dt.timedelta(days=100))  # fmt: skip
    requested = permits.request_permit(session, world.arms, pending, STATES).ref
    permits.decide(
        session, world.supervisor, future, PermitAction.APPROVE, PermitDecisionIn(), STATES
    )
    before = row_counts(session)
    cases = [
        ("P-NOSUCH", "No arms permit"),
        (others, "belongs to another person"),
        (requested, "is requested, not active"),
        (future, "not today"),
    ]
    for ref, why in cases:
        with pytest.raises(RuleViolation, match=why):
            service.request_document(session, officer, person.regno, _request(ref))
    with pytest.raises(InvalidInput):
        service.request_document(session, officer, person.regno, _request(None))
    with pytest.raises(InvalidInput):
        service.request_document(
            session,
            officer,
            person.regno,
            DocumentRequestIn(doc_type=DocType.IDENTITY_CARD, permit_ref=others),
        )
    assert row_counts(session) == before


def test_a_permit_suspended_after_the_request_refuses_approval_and_issue(session, tmp_path):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    permit = arms_factory.active_permit(session, world, regno=person.regno)
    officer = make_actor(session, Role.CASE, office)
    request = service.request_document(session, officer, person.regno, _request(permit.ref))
    suspend = PermitDecisionIn(reason="Under inquiry")
    permits.decide(session, world.arms, permit.ref, PermitAction.SUSPEND, suspend, STATES)
    with pytest.raises(RuleViolation, match="is suspended, not active"):
        service.decide_request(session, world.supervisor, request.id, True, DecisionIn())
    permits.decide(session, world.arms, permit.ref, PermitAction.REINSTATE, suspend, STATES)
    service.decide_request(session, world.supervisor, request.id, True, DecisionIn())
    revoke = PermitDecisionIn(reason="Left the unit")
    permits.decide(session, world.supervisor, permit.ref, PermitAction.REVOKE, revoke, STATES)
    with pytest.raises(RuleViolation, match="is revoked, not active"):
        service.issue_document(session, officer, request.id, factory.issuer(tmp_path / "k"))
    with pytest.raises(RuleViolation, match="is revoked, not active"):
        service.issue_for_person(
            session, officer, person.regno, DocType.WEAPON_PERMIT, factory.issuer(tmp_path / "k"),
            permit.ref,
        )  # fmt: skip


@pytest.mark.parametrize("action", [PermitAction.SUSPEND, PermitAction.REVOKE])
def test_ending_a_permit_revokes_its_documents_only(session, tmp_path, action):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    issuer = factory.issuer(tmp_path / "keys")
    first = arms_factory.active_permit(session, world, regno=person.regno)
    second = arms_factory.active_permit(session, world, regno=person.regno)
    serials = []
    for permit in (first, second):  # two permits, two documents: neither supersedes the other
        _, request_id, officer = factory.approved(
            session, office, DocType.WEAPON_PERMIT, person=person, permit_ref=permit.ref
        )
        serials.append(service.issue_document(session, officer, request_id, issuer).serial)
    actor = world.arms if action is PermitAction.SUSPEND else world.supervisor
    data = PermitDecisionIn(reason="Weapon misused")
    permit_decisions.decide(session, actor, first.ref, action, data, STATES)

    ended = service.get_document(session, world.supervisor, serials[0])
    kept = service.get_document(session, world.supervisor, serials[1])
    assert ended.status == DocumentStatus.REVOKED and kept.status == DocumentStatus.VALID
    status = {PermitAction.SUSPEND: "suspended", PermitAction.REVOKE: "revoked"}[action]
    assert ended.end_reason == f"permit {first.ref} {status}: Weapon misused"
    assert ended.ended_by == actor.username
    values = service.status_list(session)
    assert values.get(ended.status_index) == statuslist.Status.INVALID
    assert values.get(kept.status_index) == statuslist.Status.VALID


def test_the_api_permit_decision_revokes_the_document(api_as, session, tmp_path):
    office = make_office(session)
    world = arms_factory.make_world(session, office)
    person = factory.arabic_person(session, office)
    permit = arms_factory.active_permit(session, world, regno=person.regno)
    _, request_id, officer = factory.approved(
        session, office, DocType.WEAPON_PERMIT, person=person, permit_ref=permit.ref
    )
    serial = service.issue_document(session, officer, request_id, factory.issuer(tmp_path)).serial
    session.commit()
    arms, _ = api_as(Role.ARMS, office)
    response = arms.post(f"/api/v1/permits/{permit.ref}/suspend", json={"reason": "Inquiry"})
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    session.expire_all()
    document = service.get_document(session, world.supervisor, serial)
    assert document.status == DocumentStatus.REVOKED
    assert document.end_reason == f"permit {permit.ref} suspended: Inquiry"
