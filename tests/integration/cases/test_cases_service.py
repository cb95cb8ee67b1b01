"""Cases and pathways through the services: guards, records, papers for other packages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor, make_office
from factories.cases import case_world, move, open_pathway
from factories.db import row_counts
from factories.registry import register
from sijill.access.permissions import Role
from sijill.audit.models import AuditEntry
from sijill.cases import queries
from sijill.cases import service as cases
from sijill.cases.models import CaseFile, CaseTransition
from sijill.cases.schemas import DetailsIn, ItemIn, ItemKind, ItemUpdateIn, TransitionIn
from sijill.cases.workflow import PaperType, Pathway, TransitionRefused
from sijill.errors import Conflict, InvalidInput, NotFound, NotPermitted, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import HoldKind
from sijill.registry.schemas import FamilyLinkIn
from sijill.registry.vocab import Relation

pytestmark = pytest.mark.integration


def test_a_case_is_opened_once_and_audited(session):
    world = case_world(session, make_office(session))
    again = cases.open_case(session, world.officer, world.regno)
    assert session.scalar(select(CaseFile.id).where(CaseFile.person_id == world.person_id)) == again
    tags = session.scalars(select(AuditEntry.tag).where(AuditEntry.tag == "cases:case:opened"))
    assert len(list(tags)) == 1


def test_minors_get_no_case_and_their_papers_follow_a_parent(session):
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    child = register(session, registrar, "Amina Nasser", year=2016)
    parent = register(
        session,
        registrar,
        "Layla Nasser",
        year=1988,
        family=[FamilyLinkIn(relation=Relation.CHILD, regno=child.regno)],
    )
    officer = make_actor(session, Role.SUPERVISOR, office)
    with pytest.raises(RuleViolation) as caught:
        cases.open_case(session, officer, child.regno)
    assert caught.value.details["rule"] == "adults_only"
    assert cases.on_person_registered(session, officer, child.id) is None
    assert cases.on_person_registered(session, officer, parent.id) is not None

    world = type("W", (), {"officer": officer, "regno": parent.regno})
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    assert cases.papers_allowed(session, child.id, "identity_card") != []
    move(session, officer, papers, "under_review", "approved")
    assert cases.papers_allowed(session, child.id, "identity_card") == []
    assert cases.papers_allowed(session, parent.id, "identity_card") == []
    assert cases.papers_allowed(session, parent.id, "residence_permit") != []
    state = queries.case_state(session, child.id)
    assert state.via_parent == parent.id
    assert [(p.pathway, p.status) for p in state.pathways] == [(Pathway.PAPERS, "approved")]


def test_open_missing_cases_opens_adults_only(session):
    office = make_office(session)
    registrar = make_actor(session, Role.REGISTRAR, office)
    for i in range(3):
        register(session, registrar, f"Child {i}", year=2018)
    register(session, registrar, "Adult One", year=1980)
    officer = make_actor(session, Role.SUPERVISOR, office)
    assert cases.open_missing_cases(session, officer, batch=2) == 1  # minors never block
    assert cases.open_missing_cases(session, officer) == 0


def test_a_hold_stops_papers_with_the_rule_and_the_hold_named(session):
    world = case_world(session, make_office(session))
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.RESIDENCE_PERMIT)
    papers = move(session, world.officer, papers, "under_review")
    holds.place(session, world.officer, world.person_id, HoldKind.MANUAL, "manual:1", "check")
    before = row_counts(session)
    with pytest.raises(TransitionRefused) as caught:
        move(session, world.officer, papers, "approved")
    assert caught.value.rule == "no_blocking_hold"
    assert "a supervisor placed a hold" in caught.value.message
    assert row_counts(session) == before
    assert cases.papers_allowed(session, world.person_id, "residence_permit")[0] == (
        "a supervisor placed a hold"
    )


def test_a_papers_decision_records_the_rule_version_who_why_and_basis(session):
    world = case_world(session, make_office(session))
    # years present: an affiliation since 2012 is not needed; a spouse is a family tie
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.RESIDENCE_PERMIT)
    with pytest.raises(TransitionRefused) as caught:
        move(session, world.officer, papers, "under_review", "approved")
    assert caught.value.rule == "eligible_under_active_rules"
    registrar = make_actor(session, Role.REGISTRAR, world.office)
    spouse = register(session, registrar, "Spouse Nasser", sex="F")
    cases.open_case(session, world.officer, spouse.regno)
    _link_spouse(session, world, spouse.regno)
    approved = move(session, world.officer, papers, "approved")
    last = approved.transitions[-1]
    assert (last.to_status, last.rule_version, last.legal_basis) == ("approved", 1, "Decree 7/2025")
    assert last.actor == world.officer.username and last.reason == "to approved"
    assert [t.to_status for t in approved.transitions] == ["requested", "under_review", "approved"]


def _link_spouse(session, world, spouse_regno):
    from sijill.registry import queries as registry_queries
    from sijill.registry import service as registry_service
    from sijill.registry.schemas import PersonUpdate

    current = registry_queries.get_person(session, world.officer, world.regno)
    data = PersonUpdate(
        **{
            **current.model_dump(include={"sex"}),
            "names": [{"full": current.name, "name_type": "primary"}],
            "expected_version": current.version,
            "family": [FamilyLinkIn(relation=Relation.SPOUSE, regno=spouse_regno)],
        },
    )
    registry_service.update_person(session, world.officer, world.regno, data, "married")


def test_army_integration_guards(session):
    world = case_world(session, make_office(session))
    judicial = open_pathway(session, world, Pathway.JUDICIAL)
    with pytest.raises(TransitionRefused) as caught:
        open_pathway(session, world, Pathway.ARMY)
    assert caught.value.rule == "no_open_judicial_matter"
    move(session, world.officer, judicial, "dismissed")

    army = open_pathway(session, world, Pathway.ARMY)
    army = move(session, world.officer, army, "vetting", "training")
    army = cases.add_item(
        session, world.officer, army.id, ItemIn(kind=ItemKind.COURSE, name="Basic training")
    )
    with pytest.raises(TransitionRefused) as caught:
        move(session, world.officer, army, "integrated")
    assert caught.value.rule == "training_complete"
    cases.update_item(session, world.officer, army.items[0].id, ItemUpdateIn(completed=True))
    with pytest.raises(TransitionRefused) as caught:
        move(session, world.officer, army, "integrated")
    assert caught.value.rule == "conduct_acknowledged"
    details = DetailsIn(unit="4th Brigade", rank="private", conduct_acknowledged=True)
    cases.update_details(session, world.officer, army.id, details)
    army = move(session, world.officer, army, "integrated")
    assert (army.status, army.is_open, army.details["unit"]) == ("integrated", False, "4th Brigade")


def test_bad_moves_are_refused(session):
    world = case_world(session, make_office(session))
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    with pytest.raises(Conflict):
        open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    with pytest.raises(TransitionRefused) as caught:
        move(session, world.officer, papers, "issued")
    assert caught.value.rule == "transition_table"
    with pytest.raises(InvalidInput):
        cases.add_item(session, world.officer, papers.id, ItemIn(kind=ItemKind.HEARING, name="x"))
    with pytest.raises(InvalidInput):
        cases.update_details(session, world.officer, papers.id, DetailsIn(court="Idlib"))


def test_roles_and_offices(session):
    world = case_world(session, make_office(session))
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.IDENTITY_CARD)
    step = TransitionIn(target="under_review", reason="r")
    with pytest.raises(NotPermitted):
        cases.move(session, make_actor(session, Role.REGISTRAR, world.office), papers.id, step)
    with pytest.raises(NotFound):
        cases.move(session, make_actor(session, Role.CASE), papers.id, step)
    protection = make_actor(session, Role.PROTECTION, world.office)
    judicial = open_pathway(session, world, Pathway.JUDICIAL)
    moved = cases.move(
        session, protection, judicial.id, TransitionIn(target="investigation", reason="r")
    )
    assert moved.status == "investigation"
    assert (
        session.scalar(
            select(CaseTransition.actor).where(CaseTransition.to_status == "investigation")
        )
        == protection.username
    )


def test_a_refusal_of_residence_records_the_rule_version_and_closes_the_pathway(session):
    world = case_world(session, make_office(session))
    papers = open_pathway(session, world, Pathway.PAPERS, PaperType.RESIDENCE_PERMIT)
    refused = move(session, world.officer, papers, "under_review", "refused")
    assert (refused.status, refused.is_open) == ("refused", False)
    assert refused.transitions[-1].rule_version == 1
    assert refused.transitions[1].rule_version is None  # not a decision
    assert cases.papers_allowed(session, world.person_id, "residence_permit") != []
