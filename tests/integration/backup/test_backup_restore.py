"""A backup restores every table exactly: dump the test database, empty it, restore the
backup into it, and compare every row of every table (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import MetaData, delete, select, text

from factories.access import make_actor, make_user
from factories.photos import give_photo
from factories.registry import register
from sijill.access import service as access_service
from sijill.access.permissions import Role
from sijill.audit import service as audit
from sijill.backup import service as backup_service
from sijill.backup.stream import BackupDamaged, new_key, parse_key
from sijill.errors import Conflict
from sijill.registry import sealing
from sijill.registry.schemas import SealIn
from sijill.registry.vocab import SealKind

pytestmark = pytest.mark.integration

KEY = parse_key(new_key())


def every_row(conn) -> dict[str, list[tuple]]:
    meta = MetaData()
    meta.reflect(conn)
    return {
        t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
        for t in meta.sorted_tables
    }


def empty(conn) -> None:
    meta = MetaData()
    meta.reflect(conn)
    for table in reversed(meta.sorted_tables):
        if table.name != "alembic_version":
            conn.execute(delete(table))


@pytest.fixture
def filled(session, connection):
    """People with a family, a photograph, a sealed record, users with sessions, audit
    entries."""
    registrar = make_actor(session, Role.REGISTRAR)
    parent = register(session, registrar, "Zainab Karimova", document="AB1234567")
    give_photo(session, registrar, parent.regno)
    register(session, registrar, "أحمد حسين الشرع")
    protection = make_actor(session, Role.PROTECTION, registrar.office_code)
    sealing.seal(session, protection, parent.regno, SealIn(kind=SealKind.WITNESS, reason="Trial"))
    user = make_user(session, Role.CASE)
    access_service.complete_login(session, user, "192.0.2.4")
    session.commit()
    return connection


def test_restore_gives_back_every_row_of_every_table(filled):
    before = every_row(filled)
    assert before["person"] and before["audit_entry"] and before["person_seal"]
    assert before["person_photo"]  # the pictures themselves (binary columns) come back too
    blob = io.BytesIO()
    counts = backup_service.dump(filled, blob, KEY)
    assert counts == {name: len(rows) for name, rows in before.items() if name != "alembic_version"}
    empty(filled)
    assert backup_service.restore(filled, io.BytesIO(blob.getvalue()), KEY) == counts
    assert every_row(filled) == before


def test_new_rows_after_a_restore_get_fresh_numbers(filled, session):
    blob = io.BytesIO()
    backup_service.dump(filled, blob, KEY)
    last = filled.execute(text("SELECT max(seq) FROM audit_entry")).scalar()
    empty(filled)
    backup_service.restore(filled, io.BytesIO(blob.getvalue()), KEY)
    audit.record(session, make_actor(session), "test:restore:after", "test", "1")
    session.flush()
    assert filled.execute(text("SELECT max(seq) FROM audit_entry")).scalar() > last


def test_restore_refuses_a_database_that_has_rows(filled):
    blob = io.BytesIO()
    backup_service.dump(filled, blob, KEY)
    with pytest.raises(Conflict, match="Restore only into an empty database"):
        backup_service.restore(filled, io.BytesIO(blob.getvalue()), KEY)


def test_restore_refuses_another_schema_revision_and_a_damaged_backup(filled):
    blob = io.BytesIO()
    backup_service.dump(filled, blob, KEY)
    empty(filled)
    damaged = bytearray(blob.getvalue())
    damaged[len(damaged) // 2] ^= 0xFF
    with pytest.raises(BackupDamaged):
        backup_service.restore(filled, io.BytesIO(bytes(damaged)), KEY)
    filled.execute(text("UPDATE alembic_version SET version_num = 'other'"))
    with pytest.raises(Conflict, match="restore into a database migrated"):
        backup_service.restore(filled, io.BytesIO(blob.getvalue()), KEY)
