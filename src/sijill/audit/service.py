"""Write audit entries (called by every service that changes state, in its transaction),
and keep them as a Merkle log: signed checkpoints, inclusion proofs, verification, export."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TextIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, Result, delete, false, func, insert, select, text
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import merkle, segments, verify
from sijill.audit.checkpoints import (
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    default_origin,
    open_checkpoint,
    sign_checkpoint,
)
from sijill.audit.models import AuditCheckpoint, AuditEntry
from sijill.db import make_engine, table_of
from sijill.errors import Conflict, NotFound
from sijill.timeutil import utcnow


def canonical_json(value: Any) -> bytes:
    return verify.CANONICAL.encode(value).encode("utf-8")


class EntryFields(Protocol):
    """What an entry's hash covers: an ``AuditEntry``, or a row of its columns."""

    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def actor_id(self) -> uuid.UUID | None: ...
    @property
    def office_code(self) -> str | None: ...
    @property
    def tag(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...


def entry_body(entry: EntryFields) -> dict[str, Any]:
    """What ``entry_hash`` hashes: the entry's content as JSON values (exported as such)."""
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=dt.UTC)
    return {
        "at": at.astimezone(dt.UTC).isoformat(),  # the same text whatever the session's zone
        "actor": entry.actor,
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "office": entry.office_code,
        "tag": entry.tag,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
    }


def entry_hash(entry: EntryFields) -> str:
    """SHA-256 of the entry's canonical content: the leaf of the Merkle log."""
    return hashlib.sha256(canonical_json(entry_body(entry))).hexdigest()


def record(
    session: Session,
    actor: Actor,
    tag: str,
    object_type: str,
    object_id: object,
    data: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry (``tag`` is ``source:subject:action``) to the current transaction.

    The entry is inserted at once as one Core statement, outside the ORM's unit of work: no
    object to track, no flush of its own, no key to read back (the database numbers it).
    The Merkle log over the entries is built by checkpoints, so an append reads nothing."""
    entry = _Entry(
        at=utcnow(),
        actor_id=actor.user_id,
        actor=actor.username,
        office_code=actor.office_code,
        tag=tag,
        object_type=object_type,
        object_id=str(object_id),
        data=json.loads(canonical_json(data or {})),
    )
    row = entry._asdict()
    row["entry_hash"] = entry_hash(entry)
    session.connection().execute(_INSERT, row)


class _Entry(NamedTuple):
    at: dt.datetime
    actor_id: uuid.UUID | None
    actor: str
    office_code: str | None
    tag: str
    object_type: str
    object_id: str
    data: dict[str, Any]


_INSERT = insert(table_of(AuditEntry))


def entries_for(session: Session, object_ids: Sequence[str], limit: int = 500) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.object_id.in_(object_ids))
        .order_by(AuditEntry.seq.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def recent(session: Session, actor: Actor, limit: int = 200) -> list[AuditEntry]:
    actor.require(Permission.AUDIT_READ)
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)))


# The Merkle log over the entries: leaves are ``bytes.fromhex(entry_hash)`` in ``seq`` order.

CHECKPOINT_TAG = "audit:checkpoint:create"
FIELDS = (
    AuditEntry.at,
    AuditEntry.actor,
    AuditEntry.actor_id,
    AuditEntry.office_code,
    AuditEntry.tag,
    AuditEntry.object_type,
    AuditEntry.object_id,
    AuditEntry.data,
)


def latest_checkpoint(session: Session) -> AuditCheckpoint | None:
    stmt = select(AuditCheckpoint).order_by(AuditCheckpoint.tree_size.desc()).limit(1)
    return session.scalars(stmt).first()


def log_verifier(session: Session, key: Ed25519PrivateKey) -> Verifier:
    """The key that verifies this log's checkpoints, named by their origin."""
    latest = latest_checkpoint(session)
    return Signer(latest.origin if latest else default_origin(key), key).verifier


def _lock_log(session: Session) -> None:
    """Hold other writers of the log back until the transaction ends, so that the entries a
    checkpoint covers stay a prefix of the log in ``seq`` order: on PostgreSQL no transaction
    holding an unwritten lower ``seq`` remains; on SQLite the write lock comes before the
    first read."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE audit_entry IN SHARE ROW EXCLUSIVE MODE"))
    else:
        session.execute(delete(AuditCheckpoint).where(false()))


@contextmanager
def _rows(
    session: Session, *columns: Any, after: int | None = None, limit: int | None = None
) -> Iterator[Result[Any]]:
    """Entries in ``seq`` order, streamed (a server-side cursor on PostgreSQL, closed after)."""
    stmt = select(AuditEntry.seq, AuditEntry.entry_hash, *columns).order_by(AuditEntry.seq)
    if after is not None:
        stmt = stmt.where(AuditEntry.seq > after)
    result = session.execute(stmt.limit(limit).execution_options(yield_per=5000))
    try:
        yield result
    finally:
        result.close()


def _border(checkpoint: AuditCheckpoint) -> list[bytes]:
    raw = checkpoint.border
    return [raw[i : i + merkle.HASH_SIZE] for i in range(0, len(raw), merkle.HASH_SIZE)]


def _resume(session: Session, signer: Signer) -> tuple[merkle.TreeBuilder, int | None]:
    """The tree of the latest checkpoint (checked against its signature) and the last seq
    it covers."""
    previous = latest_checkpoint(session)
    if previous is None:
        return merkle.TreeBuilder(), None
    if previous.origin != signer.name:
        raise Conflict(f"This log is {previous.origin!r}; it cannot be renamed {signer.name!r}.")
    tree = merkle.TreeBuilder.resume(previous.tree_size, _border(previous))
    try:
        signed = open_checkpoint(previous.note, signer.verifier)
    except NoteError as exc:
        raise Conflict(f"The latest checkpoint does not verify ({exc}).") from exc
    if (signed.tree_size, signed.root_hash) != (tree.size, tree.root()):
        raise Conflict(f"Checkpoint #{previous.id} differs from its signed note: verify the log.")
    ranges = session.scalars(
        select(AuditCheckpoint.seq_ranges).order_by(AuditCheckpoint.tree_size.desc())
    )
    return tree, next((int(r[-1][1]) for r in ranges if r), None)


def _add_entries(
    session: Session, tree: merkle.TreeBuilder, after: int | None
) -> tuple[list[list[int]], bytes]:
    """Grow the tree by the entries after seq ``after``; their locator (seq ranges and
    fingerprints). An entry that does not match its own hash is refused, not signed."""
    ranges: list[list[int]] = []
    fingerprints = bytearray()
    with _rows(session, *FIELDS, after=after) as rows:
        for row in rows:
            _add_entry(row, tree, ranges, fingerprints)
    return ranges, bytes(fingerprints)


def _add_entry(row: Any, tree: merkle.TreeBuilder, ranges: list[list[int]], fps: bytearray) -> None:
    if verify.body_hash(entry_body(row)) != row.entry_hash:
        raise Conflict(f"Audit entry {row.seq} was changed: run `sijill audit verify`.")
    leaf = bytes.fromhex(row.entry_hash)
    if ranges and ranges[-1][1] == row.seq - 1:
        ranges[-1][1] = row.seq
    else:
        ranges.append([row.seq, row.seq])
    fps += leaf[: verify.FINGERPRINT_SIZE]
    tree.append(merkle.leaf_hash(leaf))


def create_checkpoint(
    session: Session, actor: Actor, key: Ed25519PrivateKey, origin: str | None = None
) -> AuditCheckpoint:
    """Sign a checkpoint of the whole log as it stands; only the entries added since the
    previous checkpoint are read. Records itself as an entry (in the next checkpoint)."""
    actor.require(Permission.AUDIT_READ)
    _lock_log(session)
    latest = latest_checkpoint(session)
    signer = Signer(origin or (latest.origin if latest else default_origin(key)), key)
    tree, after = _resume(session, signer)
    previous_size = tree.size
    ranges, fingerprints = _add_entries(session, tree, after)
    if latest is not None and tree.size == previous_size:
        raise Conflict(f"There is no audit entry since checkpoint #{latest.id}.")
    body = Checkpoint(signer.name, tree.size, tree.root())
    checkpoint = AuditCheckpoint(
        created_at=utcnow(),
        origin=signer.name,
        tree_size=tree.size,
        root_hash=body.root_hash,
        note=sign_checkpoint(body, signer),
        seq_ranges=ranges,
        fingerprints=fingerprints,
        border=b"".join(tree.border()),
    )
    session.add(checkpoint)
    session.flush()  # the checkpoint's id names it in the audit entry and in reports
    root = base64.b64encode(body.root_hash).decode()
    data = {"origin": signer.name, "tree_size": tree.size, "root_hash": root}
    record(session, actor, CHECKPOINT_TAG, "audit_checkpoint", checkpoint.id, data)
    return checkpoint


@dataclass(frozen=True)
class InclusionProof:
    """An entry's place in the latest checkpoint's tree, and the hashes that prove it."""

    seq: int
    leaf_index: int
    tree_size: int
    entry_hash: str
    proof: list[bytes]
    root_hash: bytes
    checkpoint: str


def inclusion_proof(session: Session, actor: Actor, seq: int) -> InclusionProof:
    """The inclusion proof of entry ``seq`` in the latest checkpoint (RFC 9162 §2.1.3)."""
    actor.require(Permission.AUDIT_READ)
    latest = latest_checkpoint(session)
    if latest is None:
        raise NotFound("The audit log has no checkpoint yet: run `sijill audit checkpoint`.")
    entry = session.get(AuditEntry, seq)
    if entry is None:
        raise NotFound(f"There is no audit entry {seq}.")
    if entry_hash(entry) != entry.entry_hash:
        raise Conflict(f"Audit entry {seq} was changed: run `sijill audit verify`.")
    index = session.scalar(select(func.count()).where(AuditEntry.seq < seq)) or 0
    size = latest.tree_size
    if index >= size:
        raise NotFound(f"Audit entry {seq} is newer than checkpoint #{latest.id}: make a new one.")
    ranges = merkle.inclusion_ranges(index, size)
    tree = merkle.TreeBuilder(ranges)
    with _rows(session, limit=size) as rows:
        tree.extend(merkle.leaf_hash(bytes.fromhex(row.entry_hash)) for row in rows)
    proof = [tree.captured[r] for r in ranges]
    leaf = merkle.leaf_hash(bytes.fromhex(entry.entry_hash))
    try:
        merkle.verify_inclusion(leaf, index, size, proof, latest.root_hash)
    except merkle.ProofError as exc:
        raise Conflict(f"The log no longer matches checkpoint #{latest.id}: verify it.") from exc
    return InclusionProof(seq, index, size, entry.entry_hash, proof, latest.root_hash, latest.note)


def _stored(cp: AuditCheckpoint) -> verify.StoredCheckpoint:
    ranges = [(int(a), int(b)) for a, b in cp.seq_ranges]
    return verify.StoredCheckpoint(
        cp.id, cp.tree_size, cp.root_hash, cp.note, ranges, cp.fingerprints
    )


def _log_entries(session: Session, with_body: bool = True) -> Iterator[verify.LogEntry]:
    with _rows(session, *(FIELDS if with_body else ())) as rows:
        for row in rows:
            yield verify.LogEntry(row.seq, row.entry_hash, entry_body(row) if with_body else None)


PARALLEL_MIN = 200_000  # fewer entries than this are checked in one process
CHUNK = 50_000  # seqs per task of a worker process, in the full verification


def verify_log(
    session: Session,
    actor: Actor,
    key: Verifier | None,
    kept: Sequence[str] = (),
    workers: int = 1,
) -> verify.Report:
    """Recompute the whole log and check every checkpoint (see :mod:`sijill.audit.verify`).
    An intact log is confirmed in chunks (:mod:`sijill.audit.segments`); anything else is
    verified entry by entry, which names what changed. With ``workers`` > 1, a large log
    stored in a database other processes can open (not one in memory, nor rows this
    transaction has not committed) is re-hashed by that many processes."""
    actor.require(Permission.AUDIT_READ)
    checkpoints = session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id))
    stored = [_stored(cp) for cp in checkpoints]
    engine = session.get_bind().engine
    first, last = session.execute(select(func.min(AuditEntry.seq), func.max(AuditEntry.seq))).one()
    shared = engine.url.database not in (None, "", ":memory:")
    parallel = workers > 1 and shared and first is not None and last - first >= PARALLEL_MIN
    url = engine.url.render_as_string(hide_password=False) if parallel else None
    gaps = engine.dialect.name == "sqlite"  # SQLite's seqs skip no number
    intact = segments.verify_intact(
        session.connection(),
        stored,
        key,
        kept=kept,
        gaps_are_removals=gaps,
        url=url,
        workers=workers,
    )
    if intact is not None:
        return intact
    entries = _checked_in_parallel(url, first, last, workers) if url else _log_entries(session)
    return verify.verify_log(entries, stored, key, gaps_are_removals=gaps, kept=kept)


def _checked_in_parallel(
    url: str, first: int, last: int, workers: int
) -> Iterator[verify.LogEntry]:
    tasks = [(url, lo, min(lo + CHUNK - 1, last)) for lo in range(first, last + 1, CHUNK)]
    context = multiprocessing.get_context("forkserver")  # workers hold no parent connection
    context.set_forkserver_preload([__name__])
    with context.Pool(workers) as pool:
        for seqs, hashes, changed in pool.imap(_check_range, tasks):
            wrong = set(changed)
            for seq, stored in zip(seqs, hashes, strict=True):
                yield verify.LogEntry(seq, stored, None, seq not in wrong)


_engines: dict[str, Engine] = {}  # one per worker process and database


def _check_range(task: tuple[str, int, int]) -> tuple[list[int], list[str], list[int]]:
    """In a worker process: the entries of a seq range, and those that no longer match."""
    url, first, last = task
    engine = _engines.get(url) or _engines.setdefault(url, make_engine(url))
    seqs: list[int] = []
    hashes: list[str] = []
    changed: list[int] = []
    stmt = select(AuditEntry.seq, AuditEntry.entry_hash, *FIELDS)
    with engine.connect() as connection:
        for row in connection.execute(
            stmt.where(AuditEntry.seq.between(first, last)).order_by(AuditEntry.seq)
        ):
            seqs.append(row.seq)
            hashes.append(row.entry_hash)
            if verify.body_hash(entry_body(row)) != row.entry_hash:
                changed.append(row.seq)
    return seqs, hashes, changed


def export_log(
    session: Session, actor: Actor, directory: Path, key: Verifier, hashes_only: bool = False
) -> dict[str, Any]:
    """Write the log for an observer: entries (JSON lines), checkpoints, the latest
    checkpoint note and the verifier key. ``hashes_only`` leaves the entries' fields out."""
    actor.require(Permission.AUDIT_READ)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    checkpoints = list(session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id)))
    with _private(directory / verify.CHECKPOINTS_FILE) as out:
        for cp in checkpoints:
            record_ = verify.checkpoint_record(_stored(cp), cp.created_at.isoformat())
            out.write(json.dumps(record_, ensure_ascii=False) + "\n")
    count = 0
    with _private(directory / verify.ENTRIES_FILE) as out:
        for entry in _log_entries(session, with_body=not hashes_only):
            out.write(json.dumps(verify.entry_record(entry), ensure_ascii=False) + "\n")
            count += 1
    manifest = {
        "format": verify.EXPORT_FORMAT,
        "origin": key.name,
        "vkey": key.vkey,
        "entries": count,
        "checkpoints": len(checkpoints),
        "hashes_only": hashes_only,
        "gaps_are_removals": session.get_bind().dialect.name == "sqlite",
        "exported_at": utcnow().isoformat(),
    }
    with _private(directory / verify.MANIFEST_FILE) as out:
        out.write(json.dumps(manifest, indent=1) + "\n")
    with _private(directory / verify.KEY_FILE) as out:
        out.write(key.vkey + "\n")
    with _private(directory / verify.LATEST_FILE) as out:
        out.write(checkpoints[-1].note if checkpoints else "")
    return manifest


def _private(path: Path) -> TextIO:
    """A new text file that only its owner may read (the log holds personal data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was there before
    return os.fdopen(fd, "w", encoding="utf-8")
