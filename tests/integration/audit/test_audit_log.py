"""The audit log as a Merkle log on SQLite and PostgreSQL: checkpoints, proofs, and every kind
of tampering done in SQL behind the application's back, detected and named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from factories.access import make_actor
from factories.registry import register
from sijill.access.actor import operator_actor
from sijill.access.permissions import Role
from sijill.audit import merkle, verify
from sijill.audit import service as audit
from sijill.audit.checkpoints import open_checkpoint, signing_key
from sijill.audit.models import AuditEntry
from sijill.errors import Conflict, NotFound, NotPermitted, RuleViolation

pytestmark = pytest.mark.integration

OPERATOR = operator_actor()


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def grow(session: Session, people: int = 3) -> None:
    """Write audit entries the way the application does: an office, a user, people."""
    actor = make_actor(session, Role.REGISTRAR)
    names = ["أحمد الشرع", "Omar Diaby", "Юсуф Каримов", "Yusuf Karimov", "محمد عبدالله"]
    for i in range(people):
        register(session, actor, names[i % len(names)], year=1980 + i)
    session.flush()


def seqs(session: Session) -> list[int]:
    return list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))


def check(session: Session, key: Ed25519PrivateKey) -> verify.Report:
    session.expire_all()
    return audit.verify_log(session, OPERATOR, audit.log_verifier(session, key))


def named(report: verify.Report) -> set[tuple[str, int | None]]:
    return {(p.kind, p.seq) for p in report.problems}


@pytest.fixture
def log(session: Session, key: Ed25519PrivateKey) -> list[int]:
    """A log with two checkpoints and entries after them; returns the checkpointed seqs."""
    grow(session)
    audit.create_checkpoint(session, OPERATOR, key)
    grow(session)
    second = audit.create_checkpoint(session, OPERATOR, key)
    covered = seqs(session)[: second.tree_size]
    grow(session, 1)
    assert check(session, key).ok
    return covered


def test_checkpoints_sign_the_log_and_prove_every_entry(session: Session, key, log):
    latest = audit.latest_checkpoint(session)
    assert latest is not None and latest.tree_size == len(log)
    verifier = audit.log_verifier(session, key)
    assert open_checkpoint(latest.note, verifier).root_hash == latest.root_hash
    leaves = [
        bytes.fromhex(h)
        for h in session.scalars(select(AuditEntry.entry_hash).order_by(AuditEntry.seq))
    ]
    assert merkle.tree_root([merkle.leaf_hash(x) for x in leaves[: len(log)]]) == latest.root_hash
    for index, seq in enumerate(log):
        proof = audit.inclusion_proof(session, OPERATOR, seq)
        assert (proof.leaf_index, proof.tree_size) == (index, len(log))
        merkle.verify_inclusion(
            merkle.leaf_hash(leaves[index]), index, len(log), proof.proof, latest.root_hash
        )
        assert proof.checkpoint == latest.note
    report = check(session, key)
    assert (report.entries, report.checkpoints, report.verified_size) == (
        len(seqs(session)),
        2,
        len(log),
    )


def test_each_checkpoint_records_itself_in_the_log(session: Session, key, log):
    tags = session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)).all()
    assert tags.count(audit.CHECKPOINT_TAG) == 2


def test_an_entry_changed_in_sql_is_named(session: Session, key, log):
    target = log[3]
    session.execute(
        text("UPDATE audit_entry SET data = :d WHERE seq = :s"),
        {"d": '{"forged": true}', "s": target},
    )
    assert named(check(session, key)) == {("entry-hash", target)}


def test_an_entry_rewritten_with_its_hash_is_named(session: Session, key, log):
    target = log[-3]
    entry = session.get(AuditEntry, target)
    assert entry is not None
    entry.object_id = "someone-else"
    entry.entry_hash = audit.entry_hash(entry)
    session.flush()
    found = named(check(session, key))
    assert ("entry-rewritten", target) in found
    assert ("checkpoint-root", None) in found


def test_a_deleted_entry_is_named(session: Session, key, log):
    target = log[4]
    session.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": target})
    found = named(check(session, key))
    assert ("entry-removed", target) in found
    assert {kind for kind, _ in found} == {"entry-removed", "checkpoint-root"}


def _move(session: Session, seq: int, to: int) -> None:
    session.execute(text("UPDATE audit_entry SET seq = :to WHERE seq = :s"), {"s": seq, "to": to})


def test_reordered_entries_are_named(session: Session, key, log):
    a, b = log[2], log[5]
    _move(session, a, 10**9)
    _move(session, b, a)
    _move(session, 10**9, b)
    found = named(check(session, key))
    assert {("entry-moved", a), ("entry-moved", b)} <= found
    assert not {k for k, _ in found} & {"entry-removed", "entry-inserted", "entry-rewritten"}


def test_an_inserted_entry_is_named(session: Session, key, log):
    at = log[1]
    later = [s for s in seqs(session) if s >= at]
    for seq in reversed(later):  # make room: shift the later entries up by one
        _move(session, seq, seq + 1)
    forged = AuditEntry(
        seq=at,
        at=audit.utcnow(),
        actor="operator",
        tag="access:user:create",
        object_type="user",
        object_id="ghost",
        data={"username": "ghost", "role": "administrator"},
    )
    forged.entry_hash = audit.entry_hash(forged)  # a well-formed entry: only the log can tell
    session.add(forged)
    session.flush()
    found = named(check(session, key))
    assert ("entry-inserted", at) in found
    assert ("entry-moved", at + 1) in found


def test_a_deleted_entry_after_the_checkpoints_is_named_on_sqlite(session: Session, key, log):
    grow(session, 2)
    target = seqs(session)[-2]
    session.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": target})
    report = check(session, key)
    if session.get_bind().dialect.name == "sqlite":
        assert named(report) == {("entry-removed", target)}
    else:  # a PostgreSQL sequence skips the seq of every rolled-back insert
        assert report.ok and f"no entry seq {target}" in report.notes[0]


def test_a_tampered_checkpoint_row_is_named(session: Session, key, log):
    latest = audit.latest_checkpoint(session)
    assert latest is not None
    session.execute(
        text("UPDATE audit_checkpoint SET root_hash = :r WHERE id = :i"),
        {"r": bytes(32), "i": latest.id},
    )
    assert ("checkpoint-body", None) in named(check(session, key))
    other = audit.Signer(latest.origin, Ed25519PrivateKey.generate()).verifier
    session.expire_all()
    report = audit.verify_log(session, OPERATOR, other)
    assert {p.kind for p in report.problems} == {"checkpoint-signature"}


def test_a_checkpoint_refuses_to_sign_a_changed_entry(session: Session, key, log):
    grow(session, 1)
    target = seqs(session)[-1]
    session.execute(text("UPDATE audit_entry SET actor = 'x' WHERE seq = :s"), {"s": target})
    with pytest.raises(Conflict, match=f"Audit entry {target} was changed"):
        audit.create_checkpoint(session, OPERATOR, key)


def test_a_log_keeps_its_name(session: Session, key):
    grow(session, 1)
    first = audit.create_checkpoint(session, OPERATOR, key, origin="ddr.example/audit")
    assert first.note.startswith("ddr.example/audit\n")
    with pytest.raises(Conflict, match="cannot be renamed"):
        audit.create_checkpoint(session, OPERATOR, key, origin="other.example/audit")
    assert audit.create_checkpoint(session, OPERATOR, key).origin == "ddr.example/audit"
    with pytest.raises(Conflict, match="does not verify"):
        audit.create_checkpoint(session, OPERATOR, Ed25519PrivateKey.generate())


def test_proofs_are_refused_clearly(session: Session, key):
    grow(session, 1)
    with pytest.raises(NotFound, match="no checkpoint yet"):
        audit.inclusion_proof(session, OPERATOR, seqs(session)[0])
    audit.create_checkpoint(session, OPERATOR, key)
    newest = seqs(session)[-1]  # the checkpoint's own entry
    with pytest.raises(NotFound, match="newer than checkpoint"):
        audit.inclusion_proof(session, OPERATOR, newest)
    with pytest.raises(NotFound, match="no audit entry"):
        audit.inclusion_proof(session, OPERATOR, newest + 1000)


def test_only_auditors_sign_prove_and_verify(session: Session, key):
    registrar = make_actor(session, Role.REGISTRAR)
    with pytest.raises(NotPermitted):
        audit.create_checkpoint(session, registrar, key)
    with pytest.raises(NotPermitted):
        audit.verify_log(session, registrar, None)
    with pytest.raises(NotPermitted):
        audit.inclusion_proof(session, registrar, 1)


def test_an_export_verifies_with_no_database(session: Session, key, log, tmp_path: Path):
    verifier = audit.log_verifier(session, key)
    manifest = audit.export_log(session, OPERATOR, tmp_path / "export", verifier)
    assert manifest["entries"] == len(seqs(session)) and manifest["checkpoints"] == 2
    files = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert files == [
        "checkpoint",
        "checkpoints.jsonl",
        "entries.jsonl",
        "log.vkey",
        "manifest.json",
    ]
    assert all(os.stat(p).st_mode & 0o077 == 0 for p in (tmp_path / "export").iterdir())

    def read(name: str) -> list[str]:
        return (tmp_path / "export" / name).read_text(encoding="utf-8").splitlines(True)

    assert verify.verify_export(read, verifier).ok
    entries = read(verify.ENTRIES_FILE)
    record = json.loads(entries[2])
    record["entry"]["data"] = {"forged": True}
    entries[2] = json.dumps(record) + "\n"
    (tmp_path / "export" / verify.ENTRIES_FILE).write_text("".join(entries), encoding="utf-8")
    assert named(verify.verify_export(read, verifier)) == {("entry-hash", record["seq"])}


def test_the_signing_key_is_made_private_and_checked(tmp_path: Path):
    path = tmp_path / "keys" / "audit-ed25519.pem"
    key = signing_key(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert signing_key(path).public_key().public_bytes_raw() == key.public_key().public_bytes_raw()
    path.chmod(0o644)
    with pytest.raises(RuleViolation, match="may be read by others"):
        signing_key(path)
    other = generate_private_key(SECP256R1())
    path.write_bytes(
        other.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    with pytest.raises(RuleViolation, match="not an Ed25519 key"):
        signing_key(path)
