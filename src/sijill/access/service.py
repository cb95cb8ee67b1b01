"""Use cases of access: offices, users, passwords, second factor, API tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from functools import cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access import login, passwords
from sijill.access.actor import Actor
from sijill.access.models import ApiToken, Office, User
from sijill.access.permissions import TOTP_REQUIRED, Permission, Role
from sijill.access.schemas import (
    NewToken,
    OfficeIn,
    OfficeOut,
    OfficeUpdate,
    TokenOut,
    UserIn,
    UserOut,
    UserUpdate,
)
from sijill.audit import service as audit
from sijill.errors import Conflict, InvalidInput, Msg, NotAuthenticated, NotFound
from sijill.text import no_control
from sijill.timeutil import utcnow

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so both paths take the same time."""
    return _hasher.hash(secrets.token_hex(16))


TOKEN_PREFIX = "sj_"  # noqa: S105 - a visible prefix, not a secret


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        office_id=user.office_id,
        office_code=user.office.code,
        national=user.office.national,
    )


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str | None = None,
    policy: login.LoginPolicy = login.DEFAULT_POLICY,
) -> User:
    """The active user with this password, or NotAuthenticated (same message either way).

    A locked user name or address is refused before the password is looked at; a failure
    is counted (the caller commits it: the failure must outlive the refused request)."""
    login.check_not_locked(session, username, address)
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        _password_matches(_dummy_hash(), password)
    elif _password_matches(user.password_hash, password) and user.active:
        return user
    login.record_failure(session, username, address, policy, user)
    raise NotAuthenticated("Unknown user name or wrong password.")


def check_second_factor(
    session: Session,
    user: User,
    code: str,
    address: str | None = None,
    policy: login.LoginPolicy = login.DEFAULT_POLICY,
) -> None:
    """Accept a current TOTP code or an unused recovery code; a wrong one counts as a
    failed login (so the six digits cannot be guessed)."""
    login.check_not_locked(session, user.username, address)
    if verify_totp(user, code) or login.use_recovery_code(session, user, code):
        return
    login.record_failure(session, user.username, address, policy, user)
    raise NotAuthenticated("The code is wrong or has expired.")


def complete_login(session: Session, user: User, address: str | None = None) -> str:
    """Record the login and start a server-side session; returns the session's token."""
    user.last_login_at = utcnow()
    login.clear_failures(session, user.username)
    audit.record(session, actor_for(user), "access:session:login", "user", user.id)
    return login.start_session(session, user, address)


def needs_totp(user: User) -> bool:
    return user.totp_secret is not None


def must_enrol_totp(user: User) -> bool:
    return user.totp_secret is None and Role(user.role) in TOTP_REQUIRED


def verify_totp(user: User, code: str) -> bool:
    if user.totp_secret is None:
        return False
    return pyotp.TOTP(user.totp_secret).verify(code.strip().replace(" ", ""), valid_window=1)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Sijill")


def enrol_totp(session: Session, user_id: uuid.UUID, secret: str, code: str) -> list[str]:
    """Turn the second factor on; returns the recovery codes, to be shown once."""
    user = _user(session, user_id)
    if not pyotp.TOTP(secret).verify(code.strip().replace(" ", ""), valid_window=1):
        raise InvalidInput({"code": Msg("The code does not match. Check the time on your phone.")})
    user.totp_secret = secret
    audit.record(session, actor_for(user), "access:user:totp_enrolled", "user", user.id)
    return login.new_recovery_codes(session, user)


def reset_totp(session: Session, actor: Actor, user_id: uuid.UUID) -> None:
    """Remove a user's second factor (a lost phone); they must enrol again if required."""
    actor.require(Permission.USERS_MANAGE)
    user = _user(session, user_id)
    if user.totp_secret is None:
        raise Conflict(Msg("{username} has no second factor.", username=user.username))
    user.totp_secret = None
    login.forget_recovery_codes(session, user.id)
    audit.record(session, actor, "access:user:totp_reset", "user", user.id)


# ---- offices -------------------------------------------------------------------------


def create_office(session: Session, actor: Actor, data: OfficeIn) -> OfficeOut:
    actor.require(Permission.USERS_MANAGE)
    if session.scalar(select(Office).where(Office.code == data.code)) is not None:
        raise Conflict(
            Msg("An office with code {code} already exists.", code=data.code), field="code"
        )
    office = Office(code=data.code, name=data.name, national=data.national)
    session.add(office)
    session.flush()  # the id goes into the audit entry
    audit.record(session, actor, "access:office:create", "office", office.id, data.model_dump())
    return OfficeOut.model_validate(office)


def update_office(session: Session, actor: Actor, code: str, data: OfficeUpdate) -> OfficeOut:
    actor.require(Permission.USERS_MANAGE)
    office = session.scalar(select(Office).where(Office.code == code))
    if office is None:
        raise NotFound(Msg("There is no office with code {code}.", code=repr(code)))
    office.name, office.national = data.name, data.national
    audit.record(session, actor, "access:office:update", "office", office.id, data.model_dump())
    return OfficeOut.model_validate(office)


def list_offices(session: Session, actor: Actor) -> list[OfficeOut]:
    actor.require(Permission.USERS_MANAGE)
    return [
        OfficeOut.model_validate(o) for o in session.scalars(select(Office).order_by(Office.code))
    ]


def office_by_code(session: Session, code: str) -> Office:
    office = session.scalar(select(Office).where(Office.code == code))
    if office is None:
        raise InvalidInput(
            {"office_code": Msg("There is no office with code {code}.", code=repr(code))}
        )
    return office


# ---- users ---------------------------------------------------------------------------


def _user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        office_code=user.office.code,
        active=user.active,
        totp_enabled=user.totp_secret is not None,
        last_login_at=user.last_login_at,
    )


def _check_password(password: str, username: str) -> None:
    problem = passwords.problem(password, username)
    if problem is not None:
        raise InvalidInput({"password": problem})


def create_user(session: Session, actor: Actor, data: UserIn) -> UserOut:
    actor.require(Permission.USERS_MANAGE)
    _check_password(data.password, data.username)
    if session.scalar(select(User).where(User.username == data.username)) is not None:
        raise Conflict(
            Msg("The user name {name} is taken.", name=repr(data.username)), field="username"
        )
    office = office_by_code(session, data.office_code)
    user = User(
        username=data.username,
        full_name=data.full_name,
        role=data.role.value,
        office=office,
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session,
        actor,
        "access:user:create",
        "user",
        user.id,
        {"username": data.username, "role": data.role.value, "office": data.office_code},
    )
    return user_out(user)


def update_user(session: Session, actor: Actor, user_id: uuid.UUID, data: UserUpdate) -> UserOut:
    actor.require(Permission.USERS_MANAGE)
    user = _user(session, user_id)
    changes: dict[str, object] = {}
    if data.full_name is not None:
        user.full_name = changes["full_name"] = data.full_name
    if data.role is not None:
        user.role = changes["role"] = data.role.value
    if data.office_code is not None:
        user.office = office_by_code(session, data.office_code)
        changes["office"] = data.office_code
    deactivated = data.active is False and user.active
    if data.active is not None:
        user.active = changes["active"] = data.active
    if data.password is not None:
        _check_password(data.password, user.username)
        user.password_hash = hash_password(data.password)
        changes["password"] = "changed"  # noqa: S105 - records that it changed, not the value
    if deactivated or "password" in changes:  # whoever held a session must log in again
        reason = "deactivated" if deactivated else "password_changed"
        changes["sessions_ended"] = login.end_all(session, user.id, reason)
    audit.record(session, actor, "access:user:update", "user", user.id, changes)
    return user_out(user)


def list_users(session: Session, actor: Actor) -> list[UserOut]:
    actor.require(Permission.USERS_MANAGE)
    return [user_out(u) for u in session.scalars(select(User).order_by(User.username))]


def get_user(session: Session, actor: Actor, user_id: uuid.UUID) -> UserOut:
    actor.require(Permission.USERS_MANAGE)
    return user_out(_user(session, user_id))


def user_by_username(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(Msg("No user named {name}.", name=repr(username)))
    return user


# ---- API tokens ----------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token_out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.id,
        name=token.name,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked=token.revoked_at is not None,
    )


def create_token(session: Session, actor: Actor, name: str) -> NewToken:
    """A new API token for the acting user (every role may hold one for its own rights)."""
    if actor.user_id is None:
        raise NotAuthenticated("Only a user can hold an API token.")
    if not name.strip() or len(name) > 100:
        raise InvalidInput({"name": Msg("Give the token a name of 1 to 100 characters.")})
    try:
        no_control(name)
    except ValueError:
        raise InvalidInput({"name": Msg("A name must not contain control characters.")}) from None
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=actor.user_id, name=name.strip(), token_hash=_token_hash(raw))
    session.add(token)
    session.flush()  # the id goes into the audit entry
    audit.record(session, actor, "access:token:create", "api_token", token.id, {"name": name})
    return NewToken(token=raw, info=_token_out(token))


def list_tokens(session: Session, actor: Actor) -> list[TokenOut]:
    stmt = select(ApiToken).where(ApiToken.user_id == actor.user_id).order_by(ApiToken.created_at)
    return [_token_out(t) for t in session.scalars(stmt)]


def revoke_token(session: Session, actor: Actor, token_id: uuid.UUID) -> None:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.user_id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, actor, "access:token:revoke", "api_token", token.id)


def actor_for_token(session: Session, raw: str) -> Actor:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(raw)))
    if token is None or token.revoked_at is not None or not token.user.active:
        raise NotAuthenticated("The API token is unknown or revoked.")
    token.last_used_at = utcnow()
    return actor_for(token.user)


def actor_for_user_id(session: Session, user_id: uuid.UUID) -> Actor | None:
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    return actor_for(user)
