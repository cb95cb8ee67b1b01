"""Intake, custody events and the current state derived from them, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories.arms import hand_in, make_world, stored_weapon, weapon_in
from factories.db import row_counts
from sijill.arms import queries, service
from sijill.arms.models import WeaponCustody
from sijill.arms.schemas import EventIn
from sijill.arms.vocab import CustodyStatus, EventKind
from sijill.audit.models import AuditEntry
from sijill.errors import InvalidInput, NeedsConfirmation, NotPermitted, RuleViolation

pytestmark = pytest.mark.integration


def test_a_group_hands_in_many_weapons_in_one_intake(session):
    world = make_world(session)
    intake = hand_in(session, world, *(weapon_in() for _ in range(40)))
    assert len(intake.items) == 40
    assert {w.status for w in intake.items} == {CustodyStatus.HANDED_IN}
    assert intake.group == world.group.name
    assert queries.get_intake(session, world.arms, intake.ref).ref == intake.ref
    tags = session.scalars(select(AuditEntry.tag).where(AuditEntry.tag.like("arms:%"))).all()
    assert tags.count("arms:weapon:handed_in") == 40
    assert tags.count("arms:intake:create") == 1


def test_the_current_state_follows_the_events(session):
    world = make_world(session)
    ref = stored_weapon(session, world)
    weapon = queries.get_weapon(session, world.arms, ref)
    assert weapon.custody.status is CustodyStatus.STORED
    assert weapon.custody.facility == world.store.name
    assert weapon.custody.group == world.group.name
    lost = EventIn(kind=EventKind.REPORTED_STOLEN, witnesses=["Guard"], note="store broken into")
    assert (
        service.record_event(session, world.arms, ref, lost).custody.status is CustodyStatus.MISSING
    )
    history = queries.history(session, world.arms, ref)
    assert [e.kind for e in history] == [
        EventKind.HANDED_IN,
        EventKind.RECEIVED,
        EventKind.REPORTED_STOLEN,
    ]
    assert history[0].group == world.group.name


def test_destroyed_needs_two_witnesses_and_then_nothing_more(session):
    world = make_world(session)
    ref = stored_weapon(session, world)
    one = EventIn(kind=EventKind.DESTROYED, witnesses=["Only One"])
    before = row_counts(session)
    with pytest.raises(RuleViolation) as refused:
        service.record_event(session, world.arms, ref, one)
    assert refused.value.details["rule"] == "custody.witnesses"
    assert row_counts(session) == before
    two = EventIn(kind=EventKind.DESTROYED, witnesses=["First", "Second"])
    service.record_event(session, world.arms, ref, two)
    moved = EventIn(kind=EventKind.MOVED, facility_id=world.store.id, witnesses=["X"])
    with pytest.raises(RuleViolation) as refused:
        service.record_event(session, world.arms, ref, moved)
    assert refused.value.details["rule"] == "custody.destroyed.moved"
    assert "destroyed cannot be moved" in refused.value.message


def test_an_event_dated_before_the_last_one_is_refused(session):
    world = make_world(session)
    ref = stored_weapon(session, world)
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    event = EventIn(kind=EventKind.MOVED, at=earlier, facility_id=world.store.id, witnesses=["W"])
    with pytest.raises(RuleViolation) as refused:
        service.record_event(session, world.arms, ref, event)
    assert refused.value.details["rule"] == "custody.order"


def test_issue_goes_through_a_permit(session):
    world = make_world(session)
    ref = stored_weapon(session, world)
    with pytest.raises(InvalidInput) as refused:
        service.record_event(session, world.arms, ref, EventIn(kind=EventKind.ISSUED))
    assert "kind" in refused.value.errors


def test_a_serial_seen_before_needs_a_reason(session):
    world = make_world(session)
    hand_in(session, world, weapon_in("AK-47 No. 1O2345"))
    before = row_counts(session)
    with pytest.raises(NeedsConfirmation) as asked:
        hand_in(session, world, weapon_in("1023 45"))
    assert asked.value.field == "items.0.duplicate_reason"
    assert row_counts(session) == before
    again = hand_in(
        session, world, weapon_in("1023 45", duplicate_reason="two rifles, same serial")
    )
    weapon = queries.get_weapon(session, world.arms, again.items[0].ref)
    assert weapon.duplicate_reason == "two rifles, same serial"
    found = queries.find_by_serial(session, world.arms, ["102345"])
    assert len(found) == 2


def test_the_same_serial_twice_in_one_intake_is_asked(session):
    world = make_world(session)
    with pytest.raises(NeedsConfirmation) as asked:
        hand_in(session, world, weapon_in("A-77"), weapon_in("a 77"))
    assert asked.value.field == "items.1.duplicate_reason"


def test_a_refused_intake_row_writes_nothing(session):
    world = make_world(session)
    before = row_counts(session)
    with pytest.raises(InvalidInput) as refused:
        hand_in(session, world, weapon_in(), weapon_in(make="bad\u200btext"))
    assert "items.1.make" in refused.value.errors
    assert row_counts(session) == before


def test_other_offices_do_not_see_the_weapon_and_registrars_record_none(session):
    world, other = make_world(session), make_world(session)
    ref = stored_weapon(session, world)
    with pytest.raises(Exception, match="No weapon"):
        queries.get_weapon(session, other.arms, ref)
    from factories.access import make_actor

    with pytest.raises(NotPermitted):
        queries.list_weapons(session, make_actor(session))
    assert session.scalar(select(WeaponCustody.office_id).limit(1)) is not None
