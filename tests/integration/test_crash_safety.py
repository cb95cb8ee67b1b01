"""Crash safety: a bulk restore killed with SIGKILL half-way leaves the database exactly as
before (it runs in one transaction), on SQLite and PostgreSQL; the restore then runs again
and the audit log verifies.

The test runs real ``sijill`` processes against the test database of each backend, so it
fills and empties that database itself (committed, not rolled back)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import MetaData, delete, func, select, text
from sqlalchemy.engine import Engine

pytestmark = pytest.mark.integration


def sijill(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command, with arguments of this test
        [sys.executable, "-m", "sijill", *argv], env=env, capture_output=True, text=True,
        check=False, timeout=600,
    )  # fmt: skip


def counts(engine: Engine) -> dict[str, int]:
    meta = MetaData()
    with engine.connect() as conn:
        meta.reflect(conn)
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in meta.sorted_tables
            if t.name != "alembic_version"
        }


def wipe(engine: Engine) -> None:
    meta = MetaData()
    with engine.begin() as conn:
        meta.reflect(conn)
        for table in reversed(meta.sorted_tables):
            if table.name != "alembic_version":
                conn.execute(delete(table))


def writing(engine: Engine) -> bool:
    """Another process holds the write lock (SQLite) or row locks on a table (PostgreSQL):
    the restore has begun inserting and has not committed."""
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with engine.connect() as conn:
        held = conn.execute(
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid() "
                "AND c.relname IN ('person', 'person_name', 'name_token')"
            )
        ).scalar_one()
    return bool(held)


@pytest.fixture
def env(engine: Engine, tmp_path: Path):
    url = engine.url.render_as_string(hide_password=False)
    wipe(engine)
    yield os.environ | {"SIJILL_DATABASE_URL": url, "SIJILL_DATA_DIR": str(tmp_path)}
    wipe(engine)


def test_a_restore_killed_half_way_leaves_the_database_as_before(engine, env, tmp_path):
    assert sijill(env, "demo", "--bulk", "--people", "500").returncode == 0
    key, backup = tmp_path / "key", tmp_path / "all.sjbk"
    assert sijill(env, "backup", "keygen", "--out", str(key)).returncode == 0
    assert sijill(env, "backup", "create", "--out", str(backup), "--key", str(key)).returncode == 0
    full = counts(engine)
    wipe(engine)
    before = counts(engine)
    assert set(before.values()) == {0}
    process = subprocess.Popen(  # noqa: S603 - our own command, with arguments of this test
        [sys.executable, "-m", "sijill", "backup", "restore", str(backup), "--key", str(key)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while not writing(engine):
            assert process.poll() is None, "the restore ended before it could be killed"
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    engine.dispose()  # no pooled connection from before the crash
    assert counts(engine) == before
    restored = sijill(env, "backup", "restore", str(backup), "--key", str(key))
    assert restored.returncode == 0, restored.stderr
    assert counts(engine) == full
    verified = sijill(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
