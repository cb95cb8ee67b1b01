"""The fast verification of an intact log (``sijill.audit.segments``), on SQLite and
PostgreSQL: on an intact log it reports exactly what the full verification reports, whatever
the chunk size; on any tampering it declines, and the full verification names the change."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from factories.access import make_actor
from factories.registry import register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit import segments, verify
from sijill.audit import service as audit
from sijill.audit.models import AuditCheckpoint, AuditEntry

pytestmark = pytest.mark.integration

OPERATOR = operator_actor()


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def grow(session: Session, people: int) -> None:
    actor = make_actor(session, Role.REGISTRAR)
    for i in range(people):
        register(session, actor, ["Omar Diaby", "أحمد الشرع", "Юсуф Каримов"][i % 3], year=1980 + i)
    session.flush()


def stored(session: Session) -> list[verify.StoredCheckpoint]:
    session.expire_all()
    checkpoints = session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id))
    return [audit._stored(cp) for cp in checkpoints]


def gaps(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def fast(
    session: Session, key: Ed25519PrivateKey, chunk: int, kept: list[str] | None = None
) -> verify.Report | None:
    verifier = audit.log_verifier(session, key)
    return segments.verify_intact(
        session.connection(),
        stored(session),
        verifier,
        kept=kept or [],
        gaps_are_removals=gaps(session),
        chunk=chunk,
    )


def full(session: Session, key: Ed25519PrivateKey, kept: list[str] | None = None) -> verify.Report:
    entries = audit._log_entries(session)
    verifier = audit.log_verifier(session, key)
    return verify.verify_log(
        entries, stored(session), verifier, gaps_are_removals=gaps(session), kept=kept or []
    )


@pytest.fixture
def log(session: Session, key: Ed25519PrivateKey) -> list[str]:
    """Three checkpoints and entries after them; returns the first checkpoint's note."""
    grow(session, 2)
    first = audit.create_checkpoint(session, OPERATOR, key)
    grow(session, 3)
    audit.create_checkpoint(session, OPERATOR, key)
    grow(session, 1)
    audit.create_checkpoint(session, OPERATOR, key)
    grow(session, 2)
    return [first.note]


@pytest.mark.parametrize("chunk", [1, 2, 4, 8, segments.CHUNK])
def test_an_intact_log_reports_as_the_full_verification(session: Session, key, log, chunk):
    report = fast(session, key, chunk, kept=log)
    assert report is not None and report.ok
    assert report.as_json() == full(session, key, kept=log).as_json()
    assert report.entries == len(session.scalars(select(AuditEntry.seq)).all())


def test_a_log_with_no_checkpoint_is_rehashed(session: Session, key):
    grow(session, 2)
    report = fast(session, key, 4)
    assert report is not None and report.as_json() == full(session, key).as_json()
    # (on PostgreSQL, seqs other transactions took and rolled back are noted before it)
    assert report.notes[-1] == "the log has no checkpoint yet: only the entry hashes were checked"


def _seqs(session: Session) -> list[int]:
    return list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))


TAMPERING = {
    "changed": "UPDATE audit_entry SET actor = 'x' WHERE seq = :s",
    "deleted": "DELETE FROM audit_entry WHERE seq = :s",
    "moved": "UPDATE audit_entry SET seq = :s + 100000 WHERE seq = :s",
    "rehashed": "UPDATE audit_entry SET object_id = 'x', entry_hash = :h WHERE seq = :s",
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
@pytest.mark.parametrize("where", [2, -12, -1])  # in the first, the last checkpoint, the tail
def test_tampering_makes_it_decline_as_the_full_verification_fails(
    session: Session, key, log, how: str, where: int
):
    target = _seqs(session)[where]
    entry = session.get(AuditEntry, target)
    assert entry is not None
    entry.object_id = "x"
    forged = audit.entry_hash(entry)  # the entry hash a careful forger writes along
    session.expire_all()
    session.execute(text(TAMPERING[how]), {"s": target, "h": forged})
    expected, report = full(session, key), fast(session, key, 4)
    if expected.ok:  # after the checkpoints, a rewritten entry, or a gap on PostgreSQL
        assert where == -1 and report is not None and report.as_json() == expected.as_json()
    else:
        assert report is None
    assert where == -1 or not expected.ok


def test_a_tampered_checkpoint_makes_it_decline(session: Session, key, log):
    session.execute(text("UPDATE audit_checkpoint SET root_hash = :r"), {"r": bytes(32)})
    assert fast(session, key, 4) is None
    other = Ed25519PrivateKey.generate()
    assert fast(session, other, 4) is None
