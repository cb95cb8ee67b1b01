"""Permits: four eyes, holds, renew, suspend, revoke and the task to bring the weapon back."""

from __future__ import annotations

import datetime as dt

import pytest

from factories.access import make_actor
from factories.arms import STATES, active_permit, army_pathway, holder, make_world, stored_weapon
from factories.db import row_counts
from factories.registry import register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.arms import permit_queries, permits, queries, service
from sijill.arms.schemas import EventIn, IssueIn, PermitDecisionIn, PermitIn
from sijill.arms.vocab import CustodyStatus, EventKind, PermitAction, PermitStatus, TaskStatus
from sijill.cases import service as cases
from sijill.cases.schemas import PathwayOpenIn
from sijill.cases.workflow import Pathway
from sijill.errors import InvalidInput, NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry import queries as registry_queries

pytestmark = pytest.mark.integration
TODAY = dt.date.today()
A = PermitAction
WEEK = dt.timedelta(days=7)


def _request(session, world, regno, ref):
    data = PermitIn(
        holder=regno, weapon_ref=ref, valid_from=TODAY, valid_until=TODAY + dt.timedelta(days=90)
    )
    return permits.request_permit(session, world.arms, data, STATES)


def test_request_approve_issue_and_the_document(session):
    world = make_world(session)
    permit = active_permit(session, world, issued=True)
    assert permit.status is PermitStatus.ACTIVE
    assert permit.approved_by == world.supervisor.username
    weapon = queries.get_weapon(session, world.arms, permit.weapon.ref)
    assert weapon.custody.status is CustodyStatus.ISSUED
    assert weapon.custody.holder.regno == permit.holder.regno
    document = permit_queries.permit_for_document(session, permit.id)
    assert document.holder_regno == permit.holder.regno
    assert document.holder_names == ["Permit Holder"]
    assert document.weapon_serial == permit.weapon.serial
    assert document.valid_until == permit.valid_until


def test_the_requester_cannot_approve_and_arms_officers_cannot_approve(session):
    world = make_world(session)
    permit = _request(session, world, holder(session, world), stored_weapon(session, world))
    with pytest.raises(NotPermitted):
        permits.decide(
            session, world.arms, permit.ref, PermitAction.APPROVE, PermitDecisionIn(), STATES
        )
    operator = operator_actor()  # holds every permission, so only the four-eyes rule stops it
    regno, ref = holder(session, world, "Other Holder"), stored_weapon(session, world)
    data = PermitIn(holder=regno, weapon_ref=ref, valid_from=TODAY, valid_until=TODAY)
    with pytest.raises(InvalidInput):
        permits.request_permit(session, operator, data, STATES)
    own = permits.request_permit(
        session,
        operator,
        data.model_copy(update={"valid_until": TODAY + dt.timedelta(days=9)}),
        STATES,
    )
    with pytest.raises(RuleViolation) as refused:
        permits.decide(session, operator, own.ref, PermitAction.APPROVE, PermitDecisionIn(), STATES)
    assert refused.value.details["rule"] == "permit.four_eyes"
    refused_permit = permits.decide(
        session,
        world.supervisor,
        own.ref,
        PermitAction.REFUSE,
        PermitDecisionIn(reason="no"),
        STATES,
    )
    assert refused_permit.status is PermitStatus.REFUSED


def test_a_held_person_gets_no_permit(session):
    world = make_world(session)
    regno = holder(session, world, "Held Person")
    person = registry_queries.load_person(session, world.supervisor, regno)
    holds.place(session, world.supervisor, person.id, HoldKind.MANUAL, "manual:1", "pending review")
    ref = stored_weapon(session, world)
    before = row_counts(session)
    with pytest.raises(RuleViolation) as refused:
        _request(session, world, regno, ref)
    assert "a supervisor placed a hold" in refused.value.message
    assert row_counts(session) == before


def test_a_weapon_not_in_store_gets_no_permit(session):
    world = make_world(session)
    permit = active_permit(session, world, issued=True)
    with pytest.raises(RuleViolation) as refused:
        _request(session, world, holder(session, world, "Second Holder"), permit.weapon.ref)
    assert refused.value.details["rule"] == "permit.weapon_stored"


def test_renew_suspend_reinstate_need_reasons(session):
    world = make_world(session)
    permit = active_permit(session, world)
    with pytest.raises(InvalidInput):
        permits.decide(
            session, world.arms, permit.ref, PermitAction.SUSPEND, PermitDecisionIn(), STATES
        )
    later = permit.valid_until + dt.timedelta(days=30)
    renewed = permits.decide(
        session, world.arms, permit.ref, PermitAction.RENEW,
        PermitDecisionIn(reason="still on duty", valid_until=later), STATES,
    )  # fmt: skip
    assert renewed.valid_until == later
    suspended = permits.decide(
        session,
        world.arms,
        permit.ref,
        PermitAction.SUSPEND,
        PermitDecisionIn(reason="inquiry"),
        STATES,
    )
    assert suspended.status is PermitStatus.SUSPENDED
    with pytest.raises(RuleViolation) as refused:
        permits.issue(session, world.arms, permit.ref, IssueIn(witnesses=["Q"]), STATES)
    assert refused.value.details["rule"] == "permit.not_active"
    [*_, last] = permits.decide(
        session,
        world.arms,
        permit.ref,
        PermitAction.REINSTATE,
        PermitDecisionIn(reason="cleared"),
        STATES,
    ).decisions
    assert (last.action, last.reason) == ("reinstate", "cleared")


def test_revoking_an_issued_permit_opens_a_task_closed_by_the_return(session):
    world = make_world(session)
    permit = active_permit(session, world, issued=True)
    with pytest.raises(NotPermitted):
        permits.decide(
            session,
            world.arms,
            permit.ref,
            PermitAction.REVOKE,
            PermitDecisionIn(reason="x"),
            STATES,
        )
    permits.decide(
        session, world.supervisor, permit.ref, PermitAction.REVOKE,
        PermitDecisionIn(reason="left the army"), STATES,
    )  # fmt: skip
    [task] = permit_queries.list_tasks(session, world.arms)
    assert (task.permit_ref, task.reason) == (permit.ref, "left the army")
    back = EventIn(kind=EventKind.RETURNED, facility_id=world.store.id, person=permit.holder.regno,
                   witnesses=["Quartermaster"])  # fmt: skip
    weapon = service.record_event(session, world.arms, permit.weapon.ref, back)
    assert weapon.custody.status is CustodyStatus.STORED and weapon.custody.holder is None
    assert permit_queries.list_tasks(session, world.arms) == []
    assert [t.status for t in permit_queries.list_tasks(session, world.arms, None)] == [
        TaskStatus.DONE
    ]


def test_a_revoked_permit_cannot_come_back(session):
    world = make_world(session)
    permit = active_permit(session, world)
    permits.decide(
        session,
        world.supervisor,
        permit.ref,
        PermitAction.REVOKE,
        PermitDecisionIn(reason="r"),
        STATES,
    )
    with pytest.raises(RuleViolation) as refused:
        permits.decide(
            session,
            world.arms,
            permit.ref,
            PermitAction.REINSTATE,
            PermitDecisionIn(reason="r"),
            STATES,
        )
    assert refused.value.details["rule"] == "permit.revoked.reinstate"
    other = make_actor(session, Role.SUPERVISOR, world.office)
    assert permit_queries.get_permit(session, other, permit.ref).status is PermitStatus.REVOKED


def test_the_holder_needs_a_case_integrated_into_the_army(session):
    world = make_world(session)
    registrar = make_actor(session, Role.REGISTRAR, world.office)
    regno = register(session, registrar, "Not Yet Integrated").regno
    ref = stored_weapon(session, world)
    before = row_counts(session)
    with pytest.raises(RuleViolation) as refused:
        _request(session, world, regno, ref)
    assert refused.value.details["rule"] == "permit.holder_case"
    assert "integrated" in refused.value.message
    assert row_counts(session) == before
    army_pathway(session, regno, "vetting", "training")
    with pytest.raises(RuleViolation) as refused:
        _request(session, world, regno, ref)
    assert refused.value.details["rule"] == "permit.holder_case"
    data = PermitIn(holder=regno, weapon_ref=ref, valid_from=TODAY, valid_until=TODAY + WEEK)
    in_training = ("training", "integrated")  # an operator who arms trainees says so
    permit = permits.request_permit(session, world.arms, data, in_training)
    assert permit.status is PermitStatus.REQUESTED


def test_an_open_judicial_pathway_refuses_the_request(session):
    world = make_world(session)
    regno = holder(session, world)
    ref = stored_weapon(session, world)
    judicial = PathwayOpenIn(pathway=Pathway.JUDICIAL, reason="complaint received")
    cases.open_pathway(session, operator_actor(), regno, judicial)
    with pytest.raises(RuleViolation) as refused:
        _request(session, world, regno, ref)
    assert refused.value.details["rule"] == "permit.holder_judicial"


def test_approval_renewal_and_reinstatement_check_the_case_again(session):
    world = make_world(session)
    regno = holder(session, world)
    requested = _request(session, world, regno, stored_weapon(session, world))
    active = active_permit(session, world, regno=regno)
    judicial = PathwayOpenIn(pathway=Pathway.JUDICIAL, reason="complaint received")
    cases.open_pathway(session, operator_actor(), regno, judicial)
    with pytest.raises(RuleViolation) as refused:
        permits.decide(
            session, world.supervisor, requested.ref, A.APPROVE, PermitDecisionIn(), STATES
        )
    assert refused.value.details["rule"] == "permit.holder_judicial"
    later = PermitDecisionIn(reason="still on duty", valid_until=TODAY + dt.timedelta(days=900))
    with pytest.raises(RuleViolation, match="open judicial"):
        permits.decide(session, world.arms, active.ref, A.RENEW, later, STATES)
    inquiry = PermitDecisionIn(reason="judicial inquiry")
    suspended = permits.decide(session, world.arms, active.ref, A.SUSPEND, inquiry, STATES)
    assert suspended.status is PermitStatus.SUSPENDED  # ending a permit asks nothing
    with pytest.raises(RuleViolation, match="open judicial"):
        permits.decide(session, world.arms, active.ref, A.REINSTATE, inquiry, STATES)
