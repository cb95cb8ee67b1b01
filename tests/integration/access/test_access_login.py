"""Login hardening in the service: lockout per user name and per address, its expiry,
server-side sessions that end, recovery codes, the password policy."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from sqlalchemy import select, update

from factories.access import PASSWORD, give_totp, make_actor, make_user
from factories.db import row_counts
from sijill.access import login as access_login
from sijill.access import service as access_service
from sijill.access.actor import operator_actor
from sijill.access.login import LockedOut, LoginPolicy
from sijill.access.models import LoginThrottle, RecoveryCode, UserSession
from sijill.access.permissions import Role
from sijill.access.schemas import UserIn, UserUpdate
from sijill.audit.models import AuditEntry
from sijill.errors import InvalidInput, NotAuthenticated
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration

POLICY = LoginPolicy(max_failures=3, max_failures_per_address=5)
HOUR = dt.timedelta(hours=1)


def fail(session, username, address="192.0.2.1", times=1):
    for _ in range(times):
        with pytest.raises(NotAuthenticated) as caught:
            access_service.authenticate(session, username, "wrong-password!", address, POLICY)
    return caught.value


def tags(session, tag):
    return session.scalars(select(AuditEntry).where(AuditEntry.tag == tag)).all()


def test_too_many_failures_lock_the_user_name_even_for_the_right_password(session):
    user = make_user(session)
    error = fail(session, user.username, times=3)
    assert not isinstance(error, LockedOut)  # the third failure is still a wrong password
    with pytest.raises(LockedOut) as caught:
        access_service.authenticate(session, user.username, PASSWORD, "198.51.100.9", POLICY)
    assert caught.value.status == 429
    assert "Try again in 15 minutes" in caught.value.message
    assert [e.object_id for e in tags(session, "access:login:failed")] == [str(user.id)] * 3
    assert [e.object_id for e in tags(session, "access:login:locked")] == [f"user:{user.username}"]


def test_an_administrator_lifts_the_lockout(session):
    user = make_user(session)
    fail(session, user.username, times=3)
    access_login.unlock(session, make_actor(session, Role.ADMINISTRATOR), user.id)
    assert access_service.authenticate(session, user.username, PASSWORD, None, POLICY) is user
    assert len(tags(session, "access:login:unlocked")) == 1


def test_the_lockout_expires(session):
    user = make_user(session)
    fail(session, user.username, times=3)
    session.execute(update(LoginThrottle).values(locked_until=utcnow() - dt.timedelta(seconds=1)))
    assert access_service.authenticate(session, user.username, PASSWORD, None, POLICY) is user


def test_failures_outside_the_window_start_a_new_count(session):
    user = make_user(session)
    fail(session, user.username, times=2)
    session.execute(update(LoginThrottle).values(window_start=utcnow() - HOUR))
    fail(session, user.username, times=2)  # 1 and 2 in a new window: no lockout
    assert access_service.authenticate(session, user.username, PASSWORD, None, POLICY) is user


def test_one_address_trying_many_names_is_locked(session):
    user = make_user(session)
    for n in range(5):
        fail(session, f"nobody{n}", address="203.0.113.5")
    with pytest.raises(LockedOut):
        access_service.authenticate(session, user.username, PASSWORD, "203.0.113.5", POLICY)
    assert access_service.authenticate(session, user.username, PASSWORD, "203.0.113.6", POLICY)
    assert tags(session, "access:login:failed") == []  # unknown names: counted, not audited


def test_a_successful_login_forgets_the_names_failures(session):
    user = make_user(session)
    fail(session, user.username, times=2)
    access_service.complete_login(session, user, "192.0.2.1")
    fail(session, user.username, times=2)
    assert access_service.authenticate(session, user.username, PASSWORD, None, POLICY) is user


def test_a_wrong_second_factor_counts_as_a_failure(session):
    user = make_user(session)
    give_totp(session, user)
    for _ in range(3):
        with pytest.raises(NotAuthenticated):
            access_service.check_second_factor(session, user, "000000x", None, POLICY)
    with pytest.raises(LockedOut):
        access_service.check_second_factor(session, user, "000000x", None, POLICY)


def test_sessions_end_on_logout_deactivation_password_change_and_by_an_administrator(session):
    user = make_user(session)
    admin = make_actor(session, Role.ADMINISTRATOR)
    first, second = (access_service.complete_login(session, user) for _ in range(2))
    assert access_login.user_of_session(session, first, HOUR) is user
    access_login.end_session(session, first)
    assert access_login.user_of_session(session, first, HOUR) is None
    assert access_login.user_of_session(session, second, HOUR) is user
    assert access_login.end_user_sessions(session, admin, user.id, "administrator") == 1
    assert access_login.user_of_session(session, second, HOUR) is None
    third = access_service.complete_login(session, user)
    access_service.update_user(session, admin, user.id, UserUpdate(password="fresh-river-stone"))
    assert access_login.user_of_session(session, third, HOUR) is None
    fourth = access_service.complete_login(session, user)
    access_service.update_user(session, admin, user.id, UserUpdate(active=False))
    reasons = session.scalars(select(UserSession.end_reason).order_by(UserSession.ended_at))
    assert reasons.all() == ["logout", "administrator", "password_changed", "deactivated"]
    assert access_login.user_of_session(session, fourth, HOUR) is None


def test_a_session_expires_after_its_maximum_age(session):
    user = make_user(session)
    token = access_service.complete_login(session, user)
    session.execute(update(UserSession).values(created_at=utcnow() - 2 * HOUR))
    assert access_login.user_of_session(session, token, HOUR) is None
    assert access_login.live_sessions(session, user.id, HOUR) == []


def test_logout_everywhere(session):
    user = make_user(session)
    tokens = [access_service.complete_login(session, user, f"192.0.2.{n}") for n in range(3)]
    assert len(access_login.live_sessions(session, user.id, HOUR)) == 3
    assert access_login.end_own_sessions(session, access_service.actor_for(user)) == 3
    assert all(access_login.user_of_session(session, t, HOUR) is None for t in tokens)
    assert tags(session, "access:session:end_all")[0].data == {"ended": 3}


def test_recovery_codes_are_hashed_and_single_use(session):
    user = make_user(session, Role.ADMINISTRATOR)
    secret = access_service.new_totp_secret()

    codes = access_service.enrol_totp(session, user.id, secret, pyotp.TOTP(secret).now())
    assert len(set(codes)) == 10
    stored = session.scalars(select(RecoveryCode.code_hash)).all()
    assert not set(codes) & set(stored)
    access_service.check_second_factor(session, user, codes[3].lower(), None, POLICY)
    with pytest.raises(NotAuthenticated):
        access_service.check_second_factor(session, user, codes[3], None, POLICY)
    assert access_login.recovery_codes_left(session, user.id) == 9
    assert tags(session, "access:user:recovery_code_used")[0].data == {"codes_left": 9}
    access_service.reset_totp(session, operator_actor(), user.id)
    assert access_login.recovery_codes_left(session, user.id) == 0


@pytest.mark.parametrize("password", ["password2026", "ahmad.k-secret-1", "short"])
def test_a_weak_password_is_refused_and_nothing_is_written(session, password):
    before = row_counts(session)
    data = UserIn.model_construct(
        username="ahmad.k", full_name="Ahmad K", role=Role.CASE, office_code="X",
        password=password,
    )  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        access_service.create_user(session, operator_actor(), data)
    assert list(caught.value.errors) == ["password"]
    assert row_counts(session) == before
