"""Offices, users and actors for tests."""

from __future__ import annotations

import itertools

import pyotp
from sqlalchemy.orm import Session

from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.access.models import User
from sijill.access.permissions import Role
from sijill.access.schemas import OfficeIn, UserIn

PASSWORD = "a-long-test-password"
_counter = itertools.count(1)


def make_office(session: Session, code: str | None = None, national: bool = False) -> str:
    code = code or f"OF{next(_counter)}"
    data = OfficeIn(code=code, name=f"Office {code}", national=national)
    access_service.create_office(session, operator_actor(), data)
    return code


def make_user(
    session: Session,
    role: Role = Role.REGISTRAR,
    office: str | None = None,
    username: str | None = None,
    password: str = PASSWORD,
) -> User:
    office = office or make_office(session)
    username = username or f"{role.value.split('_')[0]}{next(_counter)}"
    data = UserIn(
        username=username,
        full_name=f"Test {username}",
        role=role,
        office_code=office,
        password=password,
    )
    access_service.create_user(session, operator_actor(), data)
    return access_service.user_by_username(session, username)


def make_actor(session: Session, role: Role = Role.REGISTRAR, office: str | None = None) -> Actor:
    return access_service.actor_for(make_user(session, role, office))


def make_token(session: Session, user: User) -> str:
    return access_service.create_token(session, access_service.actor_for(user), "test").token


def give_totp(session: Session, user: User) -> pyotp.TOTP:
    """Set a second factor on ``user`` as if enrolled; returns the generator of its codes."""
    user.totp_secret = pyotp.random_base32()
    session.flush()
    return pyotp.TOTP(user.totp_secret)
