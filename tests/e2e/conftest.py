"""Browser tests: Debian's Chromium driven by pytest-playwright against a live Sijill.

One uvicorn server per session, on a fresh SQLite database built by the real migrations.
Every test makes its own office, users and people (``world``), so tests share no state.
Chromium comes from Debian (``apt-get install chromium``); Playwright never downloads one.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from browser_support import LiveServer, World, log_in
from playwright.sync_api import Page

from factories.access import make_office
from factories.registry import make_facility
from sijill.config import Environment, Settings
from sijill.db import make_engine, make_session_factory, unit_of_work
from sijill.main import create_app
from sijill.migrations import runner

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        pytest.fail(
            "Browser tests need Debian's Chromium: "
            "apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-noto-core"
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{data_dir / 'sijill.db'}"
    engine = make_engine(url)
    runner.upgrade(engine)
    settings = Settings(
        environment=Environment.TEST,
        data_dir=data_dir,
        secret_key="e2e-" + secrets.token_hex(20),
        secure_cookies=False,
        database_url=url,
    )
    app = create_app(settings)
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="sijill-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live Sijill server did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", make_session_factory(engine))
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()
    engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """Overrides pytest-playwright's fallback (which warns under pytest 9): page.goto("/")."""
    return live_server.url


@pytest.fixture
def world(live_server: LiveServer) -> World:
    with unit_of_work(live_server.sessions) as session:
        office = make_office(session, code=f"E2E{secrets.token_hex(3).upper()}")
        facility = make_facility(session, office).name
    return World(office=office, facility=facility, sessions=live_server.sessions)


@pytest.fixture
def logged_in(world: World) -> Callable[[Page], str]:
    """Log ``page`` in as a new registrar of the test's office; returns the user name."""

    def go(page: Page) -> str:
        username = world.registrar()
        log_in(page, username)
        return username

    return go
