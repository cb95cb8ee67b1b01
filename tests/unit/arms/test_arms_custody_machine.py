"""The custody state machine and the permit transitions, without a database."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sijill.arms import custody
from sijill.arms.custody import Event
from sijill.arms.vocab import (
    CLASS_OF,
    CustodyStatus,
    EventKind,
    PermitAction,
    PermitStatus,
    WeaponClass,
    WeaponType,
)
from sijill.errors import RuleViolation

pytestmark = pytest.mark.unit

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
STORE, CAMP = uuid.uuid4(), uuid.uuid4()
HOLDER, PERMIT, GROUP = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def ev(kind: EventKind, minutes: int = 0, **extra) -> Event:
    defaults = {"facility_id": STORE, "witnesses": ("A", "B")}
    if kind is EventKind.ISSUED:
        defaults |= {"facility_id": None, "person_id": HOLDER, "permit_id": PERMIT}
    return Event(kind=kind, at=T0 + dt.timedelta(minutes=minutes), **(defaults | extra))


def test_a_whole_life():
    state = custody.replay(
        [
            ev(EventKind.HANDED_IN, facility_id=CAMP, group_id=GROUP),
            ev(EventKind.RECEIVED, 1),
            ev(EventKind.ISSUED, 2),
        ]
    )
    assert state is not None
    assert (state.status, state.holder_id, state.permit_id) == (
        CustodyStatus.ISSUED,
        HOLDER,
        PERMIT,
    )
    assert (state.facility_id, state.group_id, state.events) == (STORE, GROUP, 3)
    state = custody.apply(state, ev(EventKind.RETURNED, 3))
    assert (state.status, state.holder_id, state.permit_id) == (CustodyStatus.STORED, None, None)
    state = custody.apply(state, ev(EventKind.DESTROYED, 4))
    assert state.status is CustodyStatus.DESTROYED


REFUSED = [
    ([], EventKind.RECEIVED, "custody.first_event"),
    ([EventKind.HANDED_IN], EventKind.ISSUED, "custody.handed_in.issued"),
    ([EventKind.HANDED_IN, EventKind.RECEIVED, EventKind.DESTROYED], EventKind.ISSUED,
     "custody.destroyed.issued"),
    ([EventKind.HANDED_IN, EventKind.REPORTED_LOST], EventKind.DESTROYED,
     "custody.missing.destroyed"),
    ([EventKind.HANDED_IN, EventKind.RECEIVED, EventKind.ISSUED], EventKind.DESTROYED,
     "custody.issued.destroyed"),
]  # fmt: skip


@pytest.mark.parametrize(("before", "kind", "rule"), REFUSED)
def test_refused_moves_name_their_rule(before, kind, rule):
    state = custody.replay(ev(k, i) for i, k in enumerate(before))
    with pytest.raises(RuleViolation) as refused:
        custody.apply(state, ev(kind, 10))
    assert refused.value.details["rule"] == rule


def test_destroyed_needs_two_different_witnesses():
    state = custody.replay([ev(EventKind.HANDED_IN), ev(EventKind.RECEIVED, 1)])
    with pytest.raises(RuleViolation, match="2 different witnesses"):
        custody.apply(state, ev(EventKind.DESTROYED, 2, witnesses=("Ali", " ali ")))


def test_issue_needs_a_permit_and_a_facility_is_needed_to_move():
    state = custody.replay([ev(EventKind.HANDED_IN), ev(EventKind.RECEIVED, 1)])
    with pytest.raises(RuleViolation, match="only under a permit"):
        custody.apply(state, ev(EventKind.ISSUED, 2, permit_id=None))
    with pytest.raises(RuleViolation, match="needs the facility"):
        custody.apply(state, ev(EventKind.MOVED, 2, facility_id=None))


@given(st.lists(st.sampled_from(list(EventKind)), max_size=12))
def test_any_sequence_is_either_refused_or_keeps_the_invariants(kinds):
    state = None
    for i, kind in enumerate(kinds):
        before = state.status if state else None
        try:
            state = custody.apply(state, ev(kind, i))
        except RuleViolation:
            assert kind not in custody.ALLOWED[before]
            continue
        assert kind in custody.ALLOWED[before]
        assert (state.holder_id is not None) == (state.status is CustodyStatus.ISSUED)
        assert state.status in custody.RESULT.values()
    if state is not None and state.status is CustodyStatus.DESTROYED:
        assert custody.ALLOWED[state.status] == frozenset()


def test_permit_transitions():
    assert (
        custody.permit_transition(PermitStatus.REQUESTED, PermitAction.APPROVE)
        is PermitStatus.ACTIVE
    )
    with pytest.raises(RuleViolation) as refused:
        custody.permit_transition(PermitStatus.REVOKED, PermitAction.RENEW)
    assert refused.value.details["rule"] == "permit.revoked.renew"


def test_every_type_has_its_un_register_class():
    assert CLASS_OF[WeaponType.ASSAULT_RIFLE] is WeaponClass.SMALL_ARM
    assert CLASS_OF[WeaponType.MORTAR_UNDER_75MM] is WeaponClass.LIGHT_WEAPON
    assert CLASS_OF[WeaponType.PORTABLE_ANTI_AIRCRAFT_LAUNCHER] is WeaponClass.LIGHT_WEAPON
    assert CLASS_OF[WeaponType.BATTLE_TANK] is WeaponClass.HEAVY_WEAPON
    assert CLASS_OF[WeaponType.MISSILE_OR_LAUNCHER] is WeaponClass.HEAVY_WEAPON
    heavy = [t for t in WeaponType if t.weapon_class is WeaponClass.HEAVY_WEAPON]
    assert len(heavy) == 7  # UN Register categories I-VII
