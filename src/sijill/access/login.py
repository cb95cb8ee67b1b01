"""Login hardening: failed attempts counted in the database (per user name and per client
address, so it holds across restarts and workers), lockout, server-side sessions that can
be ended, and single-use second-factor recovery codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.models import LoginThrottle, RecoveryCode, User, UserSession
from sijill.access.permissions import Permission, Role
from sijill.audit import service as audit
from sijill.errors import Msg, NotAuthenticated, NotFound
from sijill.timeutil import utcnow

RECOVERY_CODES = 10
_SEEN_EVERY = dt.timedelta(seconds=60)  # last_seen_at is written at most once a minute
# Who the audit log names for what happens before anyone is logged in.
LOGIN_ACTOR = Actor(user_id=None, username="login", role=Role.OBSERVER, office_id=None,
                    office_code=None)  # fmt: skip


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    max_failures_per_address: int = 20
    window: dt.timedelta = dt.timedelta(minutes=15)
    lockout: dt.timedelta = dt.timedelta(minutes=15)


DEFAULT_POLICY = LoginPolicy()


class LockedOut(NotAuthenticated):
    code = "locked_out"
    status = 429
    title = "Too many failed logins"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _keys(username: str, address: str | None) -> list[str]:
    keys = [f"user:{username.strip().lower()[:100]}"]
    if address:
        keys.append(f"addr:{address[:100]}")
    return keys


# ---- throttling ----------------------------------------------------------------------


def check_not_locked(session: Session, username: str, address: str | None) -> None:
    """Refuse (before any password is checked) while the user name or address is locked."""
    now = utcnow()
    until = session.scalar(
        select(func.max(LoginThrottle.locked_until)).where(
            LoginThrottle.key.in_(_keys(username, address)), LoginThrottle.locked_until > now
        )
    )
    if until is not None:
        minutes = max(1, int((until - now).total_seconds() + 59) // 60)
        raise LockedOut(
            Msg(
                "Too many failed logins. Try again in {minutes} minutes, or ask an administrator.",
                minutes=minutes,
            )
        )


def _count_failure(session: Session, key: str, policy: LoginPolicy) -> int:
    """One more failure for ``key`` in its window, atomically (an upsert), on both backends."""
    now = utcnow()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    expired = LoginThrottle.window_start < now - policy.window
    new = insert(LoginThrottle).values(key=key, failures=1, window_start=now)
    stmt = new.on_conflict_do_update(
        index_elements=[LoginThrottle.key],
        set_={
            "failures": case((expired, 1), else_=LoginThrottle.failures + 1),
            "window_start": case((expired, now), else_=LoginThrottle.window_start),
        },
    ).returning(LoginThrottle.failures)
    return int(session.execute(stmt).scalar_one())


def record_failure(
    session: Session, username: str, address: str | None, policy: LoginPolicy, user: User | None
) -> None:
    """Count a failed password or second factor; lock a key that reached its limit."""
    if user is not None:
        audit.record(
            session, LOGIN_ACTOR, "access:login:failed", "user", user.id, {"client": address}
        )
    for key in _keys(username, address):
        limit = policy.max_failures if key.startswith("user:") else policy.max_failures_per_address
        if _count_failure(session, key, policy) >= limit:
            until = utcnow() + policy.lockout
            session.execute(
                update(LoginThrottle).where(LoginThrottle.key == key).values(locked_until=until)
            )
            audit.record(
                session, LOGIN_ACTOR, "access:login:locked", "login", key,
                {"until": until.isoformat(), "client": address},
            )  # fmt: skip


def clear_failures(session: Session, username: str) -> None:
    """A successful login forgets the user name's failures (not the address's)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == _keys(username, None)[0]))


def unlock(session: Session, actor: Actor, user_id: uuid.UUID) -> None:
    """An administrator lifts a user name's lockout (its failures are forgotten)."""
    actor.require(Permission.USERS_MANAGE)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    clear_failures(session, user.username)
    audit.record(session, actor, "access:login:unlocked", "user", user.id)


# ---- server-side sessions ------------------------------------------------------------


def start_session(session: Session, user: User, address: str | None) -> str:
    """A new session for ``user``; returns the token for the cookie (only its hash is kept)."""
    raw = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, token_hash=_sha256(raw), client=address))
    return raw


def user_of_session(session: Session, raw: str, max_age: dt.timedelta) -> User | None:
    """The active user of a live session, or None (ended, expired, unknown, deactivated)."""
    row = session.scalar(select(UserSession).where(UserSession.token_hash == _sha256(raw)))
    now = utcnow()
    if row is None or row.ended_at is not None or row.created_at + max_age < now:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    if now - row.last_seen_at > _SEEN_EVERY:
        row.last_seen_at = now
    return user


def end_session(session: Session, raw: str) -> None:
    """Logging out: the session can no longer be used, even with a copy of the cookie."""
    session.execute(
        update(UserSession)
        .where(UserSession.token_hash == _sha256(raw), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason="logout")
    )


def end_all(session: Session, user_id: uuid.UUID, reason: str) -> int:
    result = session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def end_own_sessions(session: Session, actor: Actor) -> int:
    """Log out everywhere: every session of the acting user ends."""
    if actor.user_id is None:
        raise NotAuthenticated("Only a user has sessions.")
    ended = end_all(session, actor.user_id, "logout_everywhere")
    audit.record(session, actor, "access:session:end_all", "user", actor.user_id, {"ended": ended})
    return ended


def end_user_sessions(session: Session, actor: Actor, user_id: uuid.UUID, reason: str) -> int:
    """An administrator ends every session of a user (also on deactivation)."""
    actor.require(Permission.USERS_MANAGE)
    if session.get(User, user_id) is None:
        raise NotFound("No such user.")
    ended = end_all(session, user_id, reason)
    audit.record(
        session, actor, "access:session:end_all", "user", user_id, {"ended": ended, "why": reason}
    )
    return ended


@dataclass(frozen=True)
class SessionInfo:
    id: uuid.UUID
    client: str | None
    created_at: dt.datetime
    last_seen_at: dt.datetime


def live_sessions(session: Session, user_id: uuid.UUID, max_age: dt.timedelta) -> list[SessionInfo]:
    stmt = (
        select(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
            UserSession.created_at > utcnow() - max_age,
        )
        .order_by(UserSession.created_at.desc())
    )
    return [
        SessionInfo(s.id, s.client, s.created_at, s.last_seen_at) for s in session.scalars(stmt)
    ]


# ---- recovery codes ------------------------------------------------------------------


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_recovery_codes(session: Session, user: User) -> list[str]:
    """Replace ``user``'s recovery codes; the codes are returned once and stored hashed."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(10).upper()  # 80 random bits
        codes.append("-".join(raw[i : i + 5] for i in range(0, 20, 5)))
        session.add(RecoveryCode(user_id=user.id, code_hash=_sha256(raw)))
    return codes


def use_recovery_code(session: Session, user: User, code: str) -> bool:
    """True (and the code is spent) when ``code`` is one of ``user``'s unused codes."""
    result = session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _sha256(_normalise_code(code)),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    if not result.rowcount:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
        return False
    left = session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    audit.record(
        session, LOGIN_ACTOR, "access:user:recovery_code_used", "user", user.id,
        {"codes_left": left},
    )  # fmt: skip
    return True


def recovery_codes_left(session: Session, user_id: uuid.UUID) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def forget_recovery_codes(session: Session, user_id: uuid.UUID) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
