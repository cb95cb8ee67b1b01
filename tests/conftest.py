"""Shared test fixtures: databases (SQLite and PostgreSQL), sessions rolled back per test,
and an app bound to the test's transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.config import Environment, Settings
from sijill.db import make_engine
from sijill.migrations import runner

BACKENDS = ["sqlite", "postgresql"]

# No example database written into the working tree, and no flaky deadlines on a busy CI.
hypothesis_settings.register_profile("sijill", database=None, deadline=None)
hypothesis_settings.load_profile("sijill")


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2id with the smallest cost: the same code path, about 100 times faster.

    The production parameters cost ~0.2 s per hash; the suite creates hundreds of users."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            access_service, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        )
        yield


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if url is None and os.environ.get("CI"):
        raise RuntimeError("CI runs need TEST_DATABASE_URL (set by scripts/test)")
    return url


def _fresh_engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        return make_engine(f"sqlite:///{path}")
    url = _postgres_url()
    if url is None:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL; scripts/test starts a server")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return engine


@pytest.fixture(scope="session", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database built by running the real migrations, once per backend."""
    engine = _fresh_engine(request.param, tmp_path_factory)
    runner.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as conn:
        outer = conn.begin()
        yield conn
        outer.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    """Sessions whose commit only releases a savepoint of the test's transaction."""
    return sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    s = session_factory()
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        data_dir=tmp_path,
        secret_key="test-secret-key-test-secret-key-0123456789",
        secure_cookies=False,
    )
