"""Authentication, the second factor, API tokens, and who may manage users and offices."""

from __future__ import annotations

import datetime as dt
import time

import pyotp
import pytest
from sqlalchemy import select

from factories.access import PASSWORD, give_totp, make_actor, make_office, make_user
from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.models import ApiToken, User
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn, UserUpdate
from sijill.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, NotPermitted

pytestmark = pytest.mark.integration

SAME_MESSAGE = "Unknown user name or wrong password."


def test_authenticate_with_the_right_password(session):
    user = make_user(session)
    assert access_service.authenticate(session, user.username, PASSWORD).id == user.id
    assert access_service.authenticate(session, f"  {user.username.upper()} ", PASSWORD) is user


def test_the_password_is_stored_as_an_argon2_hash(session):
    user = make_user(session)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize("case", ["wrong password", "inactive user", "unknown user"])
def test_every_failure_gives_the_same_message(session, case):
    user = make_user(session)
    username, password = user.username, PASSWORD
    if case == "wrong password":
        password = PASSWORD + "x"
    elif case == "inactive user":
        access_service.update_user(session, operator_actor(), user.id, UserUpdate(active=False))
    else:
        username = "nobody-" + username
    with pytest.raises(NotAuthenticated) as caught:
        access_service.authenticate(session, username, password)
    assert caught.value.message == SAME_MESSAGE


def test_complete_login_records_the_time_and_opens_a_session(session):
    user = make_user(session)
    assert user.last_login_at is None
    token = access_service.complete_login(session, user, "192.0.2.7")
    assert user.last_login_at is not None
    assert access_login.user_of_session(session, token, dt.timedelta(hours=1)) is user


def test_totp_verify(session):
    user = make_user(session)
    assert not access_service.needs_totp(user)
    assert not access_service.verify_totp(user, "123456")  # no factor: nothing verifies
    totp = give_totp(session, user)
    assert access_service.needs_totp(user)
    code = totp.now()
    assert access_service.verify_totp(user, code)
    assert access_service.verify_totp(user, f" {code[:3]} {code[3:]} ")
    wrong = f"{(int(code) + 500_000) % 1_000_000:06d}"
    assert not access_service.verify_totp(user, wrong)
    assert not access_service.verify_totp(user, "")
    stale = totp.at(int(time.time()) - 600)  # ten minutes old: outside the window
    assert stale == code or not access_service.verify_totp(user, stale)


def test_enrol_totp_needs_a_matching_code(session):
    user = make_user(session, Role.ADMINISTRATOR)
    secret = access_service.new_totp_secret()
    with pytest.raises(InvalidInput) as caught:
        access_service.enrol_totp(session, user.id, secret, "12345x")
    assert set(caught.value.errors) == {"code"}
    assert user.totp_secret is None
    access_service.enrol_totp(session, user.id, secret, pyotp.TOTP(secret).now())
    assert user.totp_secret == secret
    uri = access_service.totp_uri(secret, user.username)
    assert uri.startswith("otpauth://totp/Sijill:") and f"secret={secret}" in uri


@pytest.mark.parametrize("role", list(Role))
def test_must_enrol_is_for_administrators_without_a_factor(session, role):
    user = make_user(session, role)
    assert access_service.must_enrol_totp(user) is (role == Role.ADMINISTRATOR)
    give_totp(session, user)
    assert access_service.must_enrol_totp(user) is False


def test_token_create_resolve_revoke(session):
    user = make_user(session, Role.CASE)
    me = access_service.actor_for(user)
    new = access_service.create_token(session, me, "  field laptop ")
    assert new.token.startswith("sj_") and len(new.token) > 40
    assert new.info.name == "field laptop" and not new.info.revoked
    stored = session.get(ApiToken, new.info.id)
    assert new.token not in stored.token_hash and len(stored.token_hash) == 64
    actor = access_service.actor_for_token(session, new.token)
    assert (actor.user_id, actor.role) == (user.id, Role.CASE)
    assert stored.last_used_at is not None
    assert [t.id for t in access_service.list_tokens(session, me)] == [new.info.id]
    access_service.revoke_token(session, me, new.info.id)
    assert access_service.list_tokens(session, me)[0].revoked
    with pytest.raises(NotAuthenticated):
        access_service.actor_for_token(session, new.token)


def test_tokens_of_others_are_invisible_and_cannot_be_revoked(session):
    mine, theirs = make_actor(session), make_actor(session)
    token = access_service.create_token(session, theirs, "theirs")
    assert access_service.list_tokens(session, mine) == []
    with pytest.raises(NotFound):
        access_service.revoke_token(session, mine, token.info.id)
    assert access_service.actor_for_token(session, token.token).user_id == theirs.user_id


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_names_are_checked(session, name):
    with pytest.raises(InvalidInput):
        access_service.create_token(session, make_actor(session), name)


def test_the_operator_cannot_hold_a_token(session):
    with pytest.raises(NotAuthenticated):
        access_service.create_token(session, operator_actor(), "cli")


def test_a_token_of_a_deactivated_user_stops_working(session):
    user = make_user(session)
    token = access_service.create_token(session, access_service.actor_for(user), "t").token
    access_service.update_user(session, operator_actor(), user.id, UserUpdate(active=False))
    with pytest.raises(NotAuthenticated):
        access_service.actor_for_token(session, token)
    assert access_service.actor_for_user_id(session, user.id) is None


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_manage_users_and_offices(session, role):
    actor = make_actor(session, role)
    target = make_user(session)
    calls = [
        lambda: access_service.list_users(session, actor),
        lambda: access_service.get_user(session, actor, target.id),
        lambda: access_service.list_offices(session, actor),
        lambda: access_service.create_office(session, actor, OfficeIn(code="NEW", name="N")),
        lambda: access_service.update_user(session, actor, target.id, UserUpdate(active=False)),
        lambda: access_service.create_user(
            session,
            actor,
            UserIn(username="new", full_name="N", role=Role.ADMINISTRATOR,
                   office_code=actor.office_code, password=PASSWORD),
        ),
    ]  # fmt: skip
    for call in calls:
        with pytest.raises(NotPermitted):
            call()
    assert target.active


def test_administrator_manages_users_and_offices(session):
    admin = make_actor(session, Role.ADMINISTRATOR)
    office = access_service.create_office(
        session, admin, OfficeIn(code="RAQ", name="Raqqa", national=False)
    )
    assert office.code in [o.code for o in access_service.list_offices(session, admin)]
    user = access_service.create_user(
        session,
        admin,
        UserIn(username="amina", full_name="Amina", role=Role.CASE, office_code="RAQ",
               password=PASSWORD),
    )  # fmt: skip
    changed = access_service.update_user(
        session, admin, user.id, UserUpdate(role=Role.SUPERVISOR, office_code=admin.office_code)
    )
    assert (changed.role, changed.office_code) == (Role.SUPERVISOR, admin.office_code)
    access_service.update_user(session, admin, user.id, UserUpdate(password="fresh-river-stone"))
    assert access_service.authenticate(session, "amina", "fresh-river-stone").id == user.id
    with pytest.raises(NotAuthenticated):
        access_service.authenticate(session, "amina", PASSWORD)


def test_duplicates_and_unknown_offices_are_refused(session):
    admin = make_actor(session, Role.ADMINISTRATOR)
    code = make_office(session)
    with pytest.raises(Conflict):
        access_service.create_office(session, admin, OfficeIn(code=code, name="Again"))
    existing = make_user(session)
    data = dict(full_name="X", role=Role.CASE, password=PASSWORD)
    with pytest.raises(Conflict):
        access_service.create_user(
            session, admin, UserIn(username=existing.username, office_code=code, **data)
        )
    with pytest.raises(InvalidInput) as caught:
        access_service.create_user(
            session, admin, UserIn(username="fresh", office_code="NOPE", **data)
        )
    assert set(caught.value.errors) == {"office_code"}
    assert session.scalar(select(User).where(User.username == "fresh")) is None
    with pytest.raises(NotFound):
        access_service.get_user(session, admin, existing.office_id)  # an id of no user
