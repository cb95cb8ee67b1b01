"""What the browser tests share besides fixtures: the live server, a test's world, logging in."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from factories.access import PASSWORD, make_user
from sijill.access import service as access_service
from sijill.access.actor import Actor
from sijill.access.permissions import Role
from sijill.db import unit_of_work


@dataclass(frozen=True)
class LiveServer:
    url: str
    sessions: sessionmaker[Session]


@dataclass(frozen=True)
class World:
    """An office of this test only, with a facility, and a way to add registrars to it."""

    office: str
    facility: str
    sessions: sessionmaker[Session]

    def registrar(self) -> str:
        """A new registrar of this office; returns the user name (password: PASSWORD)."""
        with unit_of_work(self.sessions) as session:
            return make_user(session, Role.REGISTRAR, self.office).username

    def actor(self, username: str) -> Actor:
        with unit_of_work(self.sessions) as session:
            user = access_service.user_by_username(session, username)
            return access_service.actor_for(user)


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
