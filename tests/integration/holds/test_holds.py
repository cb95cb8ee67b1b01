"""Holds: placed once per source, released by the same source, audited, asked by action."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factories.access import make_actor
from factories.registry import register
from sijill.audit.models import AuditEntry
from sijill.errors import InvalidInput
from sijill.holds import service as holds
from sijill.holds.rules import Action, HoldKind

pytestmark = pytest.mark.integration


def _person_id(session, actor, name):
    return register(session, actor, name).id


def test_a_hold_blocks_until_its_source_releases_it(session):
    actor = make_actor(session)
    pid = _person_id(session, actor, "Hold Person")
    assert holds.blocking(session, pid, Action.PAPERS) == []

    first = holds.place(session, actor, pid, HoldKind.SCREENING_UNDECIDED, "screening:hit:1", "hit")
    again = holds.place(session, actor, pid, HoldKind.SCREENING_UNDECIDED, "screening:hit:1", "hit")
    assert again.id == first.id
    holds.place(session, actor, pid, HoldKind.SCREENING_UNDECIDED, "screening:hit:2", "hit")
    assert len(holds.blocking(session, pid, Action.WEAPON_PERMIT)) == 2

    assert holds.release(session, actor, pid, HoldKind.SCREENING_UNDECIDED, "screening:hit:1", "fp")
    assert not holds.release(
        session, actor, pid, HoldKind.SCREENING_UNDECIDED, "screening:hit:1", "x"
    )
    [left] = holds.blocking(session, pid, Action.TRANSFER)
    assert left.source == "screening:hit:2"
    assert left.description == "a watch-list hit is not decided yet"

    tags = session.scalars(
        select(AuditEntry.tag).where(AuditEntry.tag.like("holds:%")).order_by(AuditEntry.seq)
    ).all()
    assert tags == ["holds:hold:placed", "holds:hold:placed", "holds:hold:released"]


def test_active_holds_of_many_people(session):
    actor = make_actor(session)
    a = _person_id(session, actor, "Hold One")
    b = _person_id(session, actor, "Hold Two")
    holds.place(session, actor, b, HoldKind.MANUAL, "manual:1", "awaiting papers check")
    found = holds.active(session, [a, b])
    assert list(found) == [b]
    assert found[b][0].reason == "awaiting papers check"


def test_a_hold_needs_a_reason(session):
    actor = make_actor(session)
    pid = _person_id(session, actor, "Hold Three")
    with pytest.raises(InvalidInput):
        holds.place(session, actor, pid, HoldKind.MANUAL, "manual:2", "  ")
    assert holds.active(session, [pid]) == {}
