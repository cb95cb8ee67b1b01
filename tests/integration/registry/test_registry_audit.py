"""Every state change writes exactly one audit entry, in its own transaction, with a hash
that can be recomputed from the stored entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from factories.access import make_actor, make_office, make_user
from factories.registry import make_facility, make_group, person_in, register
from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn, UserUpdate
from sijill.audit import service as audit
from sijill.audit.models import AuditEntry
from sijill.registry import reference
from sijill.registry import service as registry_service
from sijill.registry.models import Person
from sijill.registry.schemas import (
    FacilityIn,
    FamilyLinkIn,
    GroupIn,
    MoveIn,
    NameIn,
    NewRelativeIn,
    PersonUpdate,
)
from sijill.registry.vocab import FacilityKind, Relation

pytestmark = pytest.mark.integration


def new_entries(session, action: Callable[[], Any]) -> tuple[Any, list[AuditEntry]]:
    last = session.scalar(select(func.max(AuditEntry.seq))) or 0
    result = action()
    session.flush()
    session.expire_all()  # what follows is read back from the database
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq)
    ).all()
    return result, list(entries)


def assert_sound(entry: AuditEntry) -> None:
    assert entry.entry_hash == audit.entry_hash(entry)
    assert len(entry.entry_hash) == 64
    assert entry.at.tzinfo is not None
    assert entry.tag.count(":") == 2


@pytest.fixture
def world(session):
    actor = make_actor(session)
    camp = make_facility(session, actor.office_code)
    base = make_facility(session, actor.office_code)
    person = register(session, actor, "Yusuf Karimov")
    return actor, camp, base, person


def test_registration_writes_one_entry_per_person(session, world):
    actor, *_ = world
    child = NewRelativeIn(names=[NameIn(full="Aisha Karimova")])
    data = person_in(
        "Farid Nabiev", family=[FamilyLinkIn(relation=Relation.CHILD, new_person=child)]
    )
    out, entries = new_entries(
        session, lambda: registry_service.register_person(session, actor, data)
    )
    assert [e.tag for e in entries] == ["registry:person:create", "registry:person:create"]
    child_regno = out.family[0].regno.replace("-", "")
    by_object = {e.object_id: e for e in entries}
    assert set(by_object) == {str(out.id), str(out.family[0].person_id)}
    mine = by_object[str(out.id)]
    assert (mine.actor, mine.actor_id, mine.office_code) == (
        actor.username,
        actor.user_id,
        actor.office_code,
    )
    assert mine.data["regno"] == out.regno.replace("-", "")
    assert mine.data["version"] == 1
    assert len(mine.data["sha256"]) == 64
    assert by_object[str(out.family[0].person_id)].data["regno"] == child_regno
    for entry in entries:
        assert_sound(entry)


def test_correction_and_move_write_one_entry_each(session, world):
    actor, camp, base, person = world
    data = PersonUpdate(**person_in("Yusuf Qarimov").model_dump(), expected_version=1)
    _, entries = new_entries(
        session,
        lambda: registry_service.update_person(session, actor, person.regno, data, "typo"),
    )
    (entry,) = entries
    assert (entry.tag, entry.object_id) == ("registry:person:update", str(person.id))
    assert entry.data["changed"] == ["name", "names"]
    assert entry.data["reason"] == "typo"
    assert_sound(entry)
    for facility, version in ((camp, 3), (base, 4)):
        move = MoveIn(facility_id=facility.id, reason="transfer")
        _, entries = new_entries(
            session, lambda m=move: registry_service.move_person(session, actor, person.regno, m)
        )
        (entry,) = entries
        assert (entry.tag, entry.data["version"]) == ("registry:person:move", version)
        assert_sound(entry)


def test_reference_and_access_changes_write_one_entry_each(session):
    op = operator_actor()
    office = make_office(session)
    user = make_user(session, Role.REGISTRAR, office)
    me = access_service.actor_for(user)
    group_id: list[Any] = []
    token_id: list[Any] = []
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("access:office:create", lambda: access_service.create_office(
            session, op, OfficeIn(code="AUD1", name="Audit office"))),
        ("access:user:create", lambda: access_service.create_user(
            session, op, UserIn(username="auditee", full_name="A", role=Role.CASE,
                                office_code="AUD1", password="audit-pass-2026"))),
        ("access:user:update", lambda: access_service.update_user(
            session, op, user.id, UserUpdate(active=False, password="quiet-river-2026"))),
        ("registry:group:create", lambda: group_id.append(
            reference.create_group(session, op, GroupIn(name="Audit group")).id)),
        ("registry:group:update", lambda: reference.update_group(
            session, op, group_id[0], GroupIn(name="Audit group", aliases=["AG"]))),
        ("registry:facility:create", lambda: reference.create_facility(
            session, op, FacilityIn(name="Audit camp", kind=FacilityKind.OTHER,
                                    office_code=office))),
        ("access:token:create", lambda: token_id.append(
            access_service.create_token(session, me, "laptop").info.id)),
        ("access:token:revoke", lambda: access_service.revoke_token(session, me, token_id[0])),
        ("access:session:login", lambda: access_service.complete_login(session, user)),
    ]  # fmt: skip
    for tag, step in steps:
        _, entries = new_entries(session, step)
        assert [e.tag for e in entries] == [tag]
        assert_sound(entries[0])
    changes = session.scalars(select(AuditEntry).where(AuditEntry.tag == "access:user:update"))
    assert changes.one().data == {"active": False, "password": "changed", "sessions_ended": 0}


def test_revoking_twice_writes_one_entry(session):
    user = make_user(session)
    me = access_service.actor_for(user)
    token = access_service.create_token(session, me, "laptop")
    access_service.revoke_token(session, me, token.info.id)
    _, entries = new_entries(
        session, lambda: access_service.revoke_token(session, me, token.info.id)
    )
    assert entries == []


def test_entry_and_change_share_one_transaction(session, world):
    actor, *_ = world
    people = session.scalar(select(func.count()).select_from(Person))
    entries = session.scalar(select(func.count()).select_from(AuditEntry))
    savepoint = session.begin_nested()
    registry_service.register_person(session, actor, person_in("Rustam Karimov"))
    session.flush()
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries + 1
    savepoint.rollback()
    assert session.scalar(select(func.count()).select_from(Person)) == people
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries


def test_a_tampered_entry_no_longer_matches_its_hash(session, world):
    actor, *_ = world
    _, (entry,) = new_entries(session, lambda: register(session, actor, "Rustam Karimov"))
    entry.data = {**entry.data, "version": 5}
    assert audit.entry_hash(entry) != entry.entry_hash


def test_recent_entries_need_audit_read(session, world):
    from sijill.errors import NotPermitted

    actor, *_ = world
    supervisor = make_actor(session, Role.SUPERVISOR, actor.office_code)
    person = register(session, actor, "Rustam Karimov")
    (latest,) = audit.recent(session, supervisor, limit=1)
    assert (latest.tag, latest.object_id) == ("registry:person:create", str(person.id))
    with pytest.raises(NotPermitted):
        audit.recent(session, actor)


def test_factories_leave_the_same_entries_as_the_services(session):
    def build():
        make_group(session)
        make_facility(session, make_office(session))

    _, entries = new_entries(session, build)
    assert [e.tag for e in entries] == [
        "registry:group:create",
        "access:office:create",
        "registry:facility:create",
    ]
