"""The table of roles and permissions, and the actor that carries it into the services."""

from __future__ import annotations

import uuid

import pytest

from sijill.access.actor import Actor, operator_actor
from sijill.access.permissions import (
    ROLE_PERMISSIONS,
    TOTP_REQUIRED,
    Permission,
    Role,
    allows,
)
from sijill.errors import NotPermitted

pytestmark = pytest.mark.unit

PEOPLE = {p for p in Permission if p.value.startswith("person:")} - {Permission.PERSON_SEAL}
READ = {Permission.PERSON_READ, Permission.PERSON_HISTORY, Permission.REFERENCE_READ}


def actor(role: Role, office: uuid.UUID | None = None, national: bool = False) -> Actor:
    return Actor(uuid.uuid4(), "someone", role, office or uuid.uuid4(), "OF1", national)


def test_every_role_has_an_entry() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_observer_reads_nothing() -> None:
    assert ROLE_PERMISSIONS[Role.OBSERVER] == frozenset()
    assert not any(allows(Role.OBSERVER, p) for p in Permission)


def test_administrator_manages_but_cannot_read_or_change_people() -> None:
    assert not PEOPLE & ROLE_PERMISSIONS[Role.ADMINISTRATOR]
    assert allows(Role.ADMINISTRATOR, Permission.USERS_MANAGE)
    assert allows(Role.ADMINISTRATOR, Permission.REFERENCE_MANAGE)


def test_only_the_administrator_manages_users_and_reference_data() -> None:
    for permission in (Permission.USERS_MANAGE, Permission.REFERENCE_MANAGE):
        assert {r for r in Role if allows(r, permission)} == {Role.ADMINISTRATOR}


@pytest.mark.parametrize("permission", sorted(PEOPLE))
def test_registrar_registers_reads_corrects_and_moves(permission: Permission) -> None:
    assert allows(Role.REGISTRAR, permission)


def test_who_registers_edits_and_moves() -> None:
    def holders(p: Permission) -> set[Role]:
        return {r for r in Role if allows(r, p)}

    assert holders(Permission.PERSON_REGISTER) == {Role.REGISTRAR, Role.SUPERVISOR}
    assert holders(Permission.PERSON_EDIT) == {Role.REGISTRAR, Role.SUPERVISOR}
    assert holders(Permission.PERSON_MOVE) == {Role.REGISTRAR, Role.CASE, Role.SUPERVISOR}
    assert holders(Permission.AUDIT_READ) == {Role.SUPERVISOR, Role.ADMINISTRATOR}
    assert holders(Permission.PERSON_SEAL) == {Role.PROTECTION}


@pytest.mark.parametrize("role", sorted(set(Role) - {Role.OBSERVER, Role.ADMINISTRATOR}))
def test_every_officer_reads_people_and_their_history(role: Role) -> None:
    assert ROLE_PERMISSIONS[role] >= READ


def test_writers_can_also_read() -> None:
    writes = {Permission.PERSON_REGISTER, Permission.PERSON_EDIT, Permission.PERSON_MOVE}
    for role, permissions in ROLE_PERMISSIONS.items():
        if permissions & writes:
            assert Permission.PERSON_READ in permissions, role


def test_administrators_need_a_second_factor() -> None:
    assert Role.ADMINISTRATOR in TOTP_REQUIRED
    assert Role.REGISTRAR not in TOTP_REQUIRED


def test_require_raises_not_permitted_naming_role_and_permission() -> None:
    observer = actor(Role.OBSERVER)
    with pytest.raises(NotPermitted) as caught:
        observer.require(Permission.PERSON_READ)
    assert caught.value.status == 403
    assert "observer" in caught.value.message and "person:read" in caught.value.message
    actor(Role.REGISTRAR).require(Permission.PERSON_REGISTER)  # does not raise


def test_the_operator_may_do_everything_everywhere() -> None:
    op = operator_actor()
    assert all(op.can(p) for p in Permission)
    assert op.sees_office(uuid.uuid4())
    assert op.user_id is None and op.username == "operator"


def test_office_scope() -> None:
    mine, other = uuid.uuid4(), uuid.uuid4()
    local = actor(Role.REGISTRAR, mine)
    assert local.sees_office(mine)
    assert not local.sees_office(other)
    assert not local.sees_office(None)
    national = actor(Role.REGISTRAR, mine, national=True)
    assert national.sees_office(other)
