"""The pathway state machines: the table, the guards, and the rule named on refusal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.cases.workflow import (
    MACHINES,
    ArmyStatus,
    GuardFacts,
    PapersStatus,
    Pathway,
    TransitionRefused,
    allowed_targets,
    check_open,
    is_open_state,
    transition,
)

pytestmark = pytest.mark.unit

READY_FOR_ARMY = GuardFacts(courses=2, courses_completed=2, conduct_acknowledged=True,
                            legal_basis="Decree 12/2025 art. 4")  # fmt: skip


def refusal(pathway, current, target, facts) -> str:
    with pytest.raises(TransitionRefused) as caught:
        transition(pathway, current, target, facts)
    return caught.value.rule


def test_every_machine_starts_open_and_every_state_is_reachable():
    for pathway, m in MACHINES.items():
        assert is_open_state(pathway, m.initial)
        reached, todo = {m.initial}, [m.initial]
        while todo:
            for nxt in m.table[todo.pop()]:
                if nxt not in reached:
                    reached.add(nxt)
                    todo.append(nxt)
        assert reached == set(m.table), pathway
        assert m.terminal, pathway


def test_papers_happy_path():
    facts = GuardFacts(legal_basis="Residence law art. 7")
    state = PapersStatus.REQUESTED.value
    for target in ("under_review", "approved", "issued"):
        state = transition(Pathway.PAPERS, state, target, facts)
    assert state == "issued" and not is_open_state(Pathway.PAPERS, state)


@pytest.mark.parametrize(
    ("pathway", "current", "target", "facts", "rule"),
    [
        (Pathway.PAPERS, "requested", "issued", GuardFacts(), "transition_table"),
        (Pathway.PAPERS, "issued", "requested", GuardFacts(), "terminal_state"),
        (Pathway.PAPERS, "requested", "flying", GuardFacts(), "unknown_state"),
        (Pathway.PAPERS, "under_review", "approved",
         GuardFacts(blocking_holds=("a watch-list hit is not decided yet",), legal_basis="x"),
         "no_blocking_hold"),
        (Pathway.PAPERS, "under_review", "approved",
         GuardFacts(needs_eligibility=True, eligible=False, legal_basis="x"),
         "eligible_under_active_rules"),
        (Pathway.PAPERS, "under_review", "approved", GuardFacts(), "legal_basis_required"),
        (Pathway.ARMY, "referred", "vetting", GuardFacts(open_judicial_matter=True),
         "no_open_judicial_matter"),
        (Pathway.ARMY, "training", "integrated",
         GuardFacts(courses=2, courses_completed=1, conduct_acknowledged=True, legal_basis="x"),
         "training_complete"),
        (Pathway.ARMY, "training", "integrated",
         GuardFacts(courses=1, courses_completed=1, legal_basis="x"), "conduct_acknowledged"),
        (Pathway.CIVILIAN, "attending", "completed", GuardFacts(programmes=1),
         "programmes_complete"),
        (Pathway.JUDICIAL, "trial", "decided", GuardFacts(), "legal_basis_required"),
        (Pathway.TRANSFER, "legal_review", "approved",
         GuardFacts(blocking_holds=("manual",), legal_basis="x"), "no_blocking_hold"),
    ],
)  # fmt: skip
def test_refusals_name_their_rule(pathway, current, target, facts, rule):
    assert refusal(pathway, current, target, facts) == rule


def test_refusal_message_names_the_holds():
    facts = GuardFacts(blocking_holds=("a supervisor placed a hold",), legal_basis="x")
    with pytest.raises(TransitionRefused) as caught:
        transition(Pathway.PAPERS, "under_review", "approved", facts)
    assert "a supervisor placed a hold" in caught.value.message
    assert caught.value.details == {"rule": "no_blocking_hold"}


def test_army_integration_needs_training_conduct_and_no_judicial_matter():
    assert transition(Pathway.ARMY, "training", "integrated", READY_FOR_ARMY) == "integrated"
    with pytest.raises(TransitionRefused) as caught:
        check_open(Pathway.ARMY, GuardFacts(open_judicial_matter=True))
    assert caught.value.rule == "no_open_judicial_matter"
    check_open(Pathway.CIVILIAN, GuardFacts(open_judicial_matter=True))


def test_identity_cards_need_no_eligibility():
    facts = GuardFacts(needs_eligibility=False, eligible=None, legal_basis="ID law")
    assert transition(Pathway.PAPERS, "under_review", "approved", facts) == "approved"


@given(
    pathway=st.sampled_from(list(Pathway)),
    data=st.data(),
)
def test_any_move_is_either_in_the_table_or_refused(pathway, data):
    """With every guard satisfied, a move succeeds exactly when the table allows it."""
    m = MACHINES[pathway]
    current = data.draw(st.sampled_from(m.states))
    target = data.draw(st.sampled_from(m.states))
    facts = READY_FOR_ARMY if pathway == Pathway.ARMY else GuardFacts(
        programmes=1, programmes_completed=1, legal_basis="law")  # fmt: skip
    if target in allowed_targets(pathway, current):
        assert transition(pathway, current, target, facts) == target
    else:
        with pytest.raises(TransitionRefused):
            transition(pathway, current, target, facts)


def test_statuses_are_enums():
    assert ArmyStatus.INTEGRATED.value in MACHINES[Pathway.ARMY].terminal
