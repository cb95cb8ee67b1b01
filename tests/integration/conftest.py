"""An app bound to the test's transaction, and clients logged in as a given role."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from factories.access import PASSWORD, give_totp, make_token, make_user
from sijill.access.models import User
from sijill.access.permissions import TOTP_REQUIRED, Role
from sijill.config import Settings
from sijill.main import create_app


@pytest.fixture
def app(
    engine: Engine, session_factory: sessionmaker[Session], settings: Settings
) -> Iterator[FastAPI]:
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(settings.model_copy(update={"database_url": url}))
    app.state.engine.dispose()  # requests use the test's transaction instead
    app.state.session_factory = session_factory
    yield app


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="http://testserver")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def login(
    client: TestClient, user: User, password: str = PASSWORD, totp: pyotp.TOTP | None = None
) -> str:
    """Log ``user`` in through the login form (and the second factor when ``totp`` is given);
    returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": user.username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    if totp is not None:
        assert response.headers["location"] == "/login/totp"
        response = client.post(
            "/login/totp", data={"code": totp.now(), "csrf_token": token}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
    assert response.headers["location"] == "/", "not logged in: " + response.headers["location"]
    return csrf_of(client.get("/account").text)


@pytest.fixture
def web_as(app: FastAPI, session: Session) -> Callable[..., tuple[TestClient, User, str]]:
    """A fresh browser-like client logged in as a new user of ``role`` (with a second factor
    for the roles that need one)."""

    def make(
        role: Role = Role.REGISTRAR, office: str | None = None
    ) -> tuple[TestClient, User, str]:
        user = make_user(session, role, office)
        totp = give_totp(session, user) if role in TOTP_REQUIRED else None
        session.commit()
        web = TestClient(app, base_url="http://testserver")
        return web, user, login(web, user, totp=totp)

    return make


@pytest.fixture
def api_as(app: FastAPI, session: Session) -> Callable[..., tuple[TestClient, User]]:
    """An API client holding a token of a new user of ``role``."""

    def make(role: Role = Role.REGISTRAR, office: str | None = None) -> tuple[TestClient, User]:
        user = make_user(session, role, office)
        token = make_token(session, user)
        session.commit()
        api = TestClient(
            app, base_url="http://testserver", headers={"Authorization": f"Bearer {token}"}
        )
        return api, user

    return make
