"""The signed manifest, the handover at the crossing, discrepancies, closing a batch."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.credentials import trustlist
from sijill.credentials.issuer import Issuer
from sijill.credentials.payload import MANIFEST_USE
from sijill.credentials.trustlist import TrustList, TrustListError
from sijill.errors import InvalidInput, Msg, NotFound, RuleViolation
from sijill.registry import regno as regnos
from sijill.registry.models import Person
from sijill.registry.queries import dob_text
from sijill.timeutil import utcnow
from sijill.transfers import checks, printout, queries
from sijill.transfers.manifest import ManifestError, open_manifest, seal
from sijill.transfers.models import Discrepancy, TransferBatch, TransferEntry
from sijill.transfers.schemas import (
    BatchOut,
    BatchStatus,
    Direction,
    DiscrepancyKind,
    HandoverIn,
    ResolveIn,
)
from sijill.transfers.workflow import transition


def _person_line(
    entry: TransferEntry, person: Person, positions: dict[uuid.UUID, int]
) -> dict[str, Any]:
    return {
        "line": entry.position,
        "regno": regnos.display(person.regno),
        "name": person.primary_name,
        "name_arabic": next((n.full for n in person.names if n.script == "Arabic"), None),
        "sex": person.sex,
        "date_of_birth": dob_text(person),
        "nationalities": list(person.nationalities or []),
        "travels_with": positions.get(entry.travels_with_id) if entry.travels_with_id else None,
        "relation": entry.relation,
    }


def manifest_of(
    session: Session, batch: TransferBatch, rows: list[TransferEntry] | None = None
) -> dict[str, Any]:
    """The manifest's content: the batch, its people and its equipment (``rows``: the
    batch's entries when the caller has them already)."""
    rows = queries.entries(session, batch.id) if rows is None else rows
    persons = queries.member_people(session, batch.id)
    positions = {e.id: e.position for e in rows}
    return {
        "reference": batch.reference,
        "receiving_state": batch.state,
        "authority": batch.authority,
        "crossing_point": batch.crossing_point,
        "planned_date": batch.planned_date.isoformat() if batch.planned_date else None,
        "signed_at": utcnow().replace(microsecond=0).isoformat(),
        "people": [
            _person_line(e, persons[e.person_id], positions) for e in rows if e.person_id in persons
        ],
        "equipment": [
            {
                "line": i.position,
                "description": i.description,
                "quantity": i.quantity,
                "weapon_serial": i.weapon_serial,
                "weapon_category": i.weapon_category,
            }
            for i in queries.items(session, batch.id)
        ],
    }


def _require_ready(
    session: Session,
    actor: Actor,
    batch: TransferBatch,
    max_age_days: int,
    rows: list[TransferEntry] | None = None,
) -> None:
    readiness = checks.batch_readiness(session, actor, batch, max_age_days, rows)
    blocked = [r for r in readiness if not r.ready]
    if blocked:
        lines = ", ".join(f"{r.position} ({r.blocking[0]})" for r in blocked[:5])
        raise RuleViolation(
            Msg("{count} people are not ready: {lines}", count=len(blocked), lines=lines)
        )


def sign_manifest(
    session: Session, actor: Actor, ref: str, issuer: Issuer, max_age_days: int
) -> bytes:
    """The signed manifest file of an outgoing batch whose people are all ready, signed by
    the credentials' signer for transfer manifests (the key that the trust list names)."""
    actor.require(Permission.TRANSFER_MANAGE)
    batch = queries.load_batch(session, actor, ref)
    if batch.direction != Direction.OUTGOING or batch.status != BatchStatus.PREPARATION:
        raise RuleViolation(Msg("Only an outgoing batch in preparation gets a manifest."))
    rows = queries.entries(session, batch.id)
    if not rows:
        raise RuleViolation(Msg("The batch has nobody in it."))
    _require_ready(session, actor, batch, max_age_days, rows)
    signer = issuer.signer(MANIFEST_USE, int(utcnow().timestamp()))
    data = seal(manifest_of(session, batch, rows), signer)
    batch.manifest_sha256 = hashlib.sha256(data).hexdigest()
    audit.record(
        session, actor, "transfers:manifest:signed", "transfer_batch", batch.id,
        {"sha256": batch.manifest_sha256, "kid": signer.kid.hex()},
    )  # fmt: skip
    return data


def manifest_pdf(
    session: Session, actor: Actor, ref: str, issuer: Issuer, max_age_days: int
) -> bytes:
    """The printable A4 manifest: signed under the same rule as the JSON file (and recorded
    the same way), printed with the signed file's SHA-256 and attached to it."""
    return printout.render(sign_manifest(session, actor, ref, issuer, max_age_days), utcnow())


def read_trust_list(data: bytes, anchor: str | None = None) -> TrustList:
    """The sender's trust list (the file ``sijill documents publish`` writes), its signature
    checked and, when given, its anchor's fingerprint; ``InvalidInput`` otherwise."""
    try:
        return trustlist.load(data, anchor.strip() if anchor else None)
    except TrustListError as exc:
        raise InvalidInput({"trust_list": Msg("Refused: {why}.", why=str(exc))}) from None


def verify_manifest(data: bytes, trust: TrustList) -> dict[str, Any]:
    """The manifest of a file signed by a key of the sender's ``trust`` list, or
    ``InvalidInput`` saying why it is refused."""
    try:
        return open_manifest(data, trust, int(utcnow().timestamp()))
    except ManifestError as exc:
        raise InvalidInput({"manifest": Msg("Refused: {why}.", why=str(exc))}) from None


def _find_entry(
    rows: list[TransferEntry], persons: dict[uuid.UUID, Person], token: str
) -> TransferEntry | None:
    text = token.strip().lstrip("#")
    if text.isdigit():
        return next((e for e in rows if e.position == int(text)), None)
    compact = regnos.compact(text)
    return next(
        (e for e in rows if e.person_id in persons and persons[e.person_id].regno == compact), None
    )


def _discrepancy(
    batch: TransferBatch, actor: Actor, kind: DiscrepancyKind, text: str, **ids: uuid.UUID
) -> Discrepancy:
    return Discrepancy(
        batch_id=batch.id, kind=kind.value, description=text, recorded_by=actor.username, **ids
    )


def _reconcile(
    session: Session, actor: Actor, batch: TransferBatch, data: HandoverIn
) -> list[Discrepancy]:
    rows = queries.entries(session, batch.id)
    persons = queries.member_people(session, batch.id)
    present: set[uuid.UUID] = set()
    for token in data.present:
        entry = _find_entry(rows, persons, token)
        if entry is None:
            raise InvalidInput({"present": Msg("{token} is not on the manifest.", token=token)})
        present.add(entry.id)
    found = []
    for entry in rows:
        entry.present = entry.id in present
        if not entry.present:
            name = queries.entry_name(
                entry, persons.get(entry.person_id) if entry.person_id else None
            )
            text = f"line {entry.position}: {name} not handed over"
            found.append(
                _discrepancy(batch, actor, DiscrepancyKind.MISSING_PERSON, text, entry_id=entry.id)
            )
    for extra in data.extra_people:
        found.append(
            _discrepancy(
                batch, actor, DiscrepancyKind.EXTRA_PERSON, f"not on the manifest: {extra}"
            )
        )
    for item in queries.items(session, batch.id):
        item.present = item.position in set(data.items_present)
        if not item.present:
            text = f"line {item.position}: {item.description} {item.weapon_serial or ''}".strip()
            found.append(
                _discrepancy(batch, actor, DiscrepancyKind.MISSING_ITEM, text, item_id=item.id)
            )
    counted = len(present) + len(data.extra_people)
    if data.received_count != counted:
        text = f"counted {data.received_count}, identified {counted}"
        found.append(_discrepancy(batch, actor, DiscrepancyKind.COUNT_MISMATCH, text))
    return found


def record_handover(
    session: Session, actor: Actor, ref: str, data: HandoverIn, max_age_days: int
) -> BatchOut:
    """The count and identities at the crossing, reconciled against the manifest."""
    actor.require(Permission.TRANSFER_MANAGE)
    batch = queries.load_batch(session, actor, ref)
    direction = Direction(batch.direction)
    new_status = transition(direction, BatchStatus(batch.status), BatchStatus.HANDED_OVER)
    if direction == Direction.OUTGOING:
        if batch.manifest_sha256 is None:
            raise RuleViolation(Msg("Sign and export the manifest before the handover."))
        _require_ready(session, actor, batch, max_age_days)
    found = _reconcile(session, actor, batch, data)
    session.add_all(found)
    batch.status = new_status.value
    batch.received_count = data.received_count
    batch.handed_over_at = utcnow()
    batch.handed_over_by = actor.username
    audit.record(
        session, actor, "transfers:batch:handed_over", "transfer_batch", batch.id,
        {"received_count": data.received_count, "discrepancies": [d.description for d in found]},
    )  # fmt: skip
    session.flush()  # the discrepancies appear in the answer
    return queries.batch_out(session, batch)


def resolve(
    session: Session, actor: Actor, ref: str, discrepancy_id: uuid.UUID, data: ResolveIn
) -> BatchOut:
    actor.require(Permission.TRANSFER_MANAGE)
    batch = queries.load_batch(session, actor, ref)
    row = session.get(Discrepancy, discrepancy_id)
    if row is None or row.batch_id != batch.id:
        raise NotFound(Msg("No such discrepancy in batch {ref}.", ref=batch.reference))
    if row.resolved_at is not None:
        raise RuleViolation(Msg("This discrepancy is already resolved."))
    row.resolved_at, row.resolved_by, row.resolution = utcnow(), actor.username, data.resolution
    audit.record(
        session, actor, "transfers:discrepancy:resolved", "transfer_batch", batch.id,
        {"discrepancy": str(row.id), "kind": row.kind, "resolution": data.resolution},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def close(session: Session, actor: Actor, ref: str) -> BatchOut:
    """Close a handed-over batch; refused while a discrepancy is unresolved."""
    actor.require(Permission.TRANSFER_MANAGE)
    batch = queries.load_batch(session, actor, ref)
    new_status = transition(
        Direction(batch.direction), BatchStatus(batch.status), BatchStatus.CLOSED
    )
    open_count = len(
        session.scalars(
            select(Discrepancy.id).where(
                Discrepancy.batch_id == batch.id, Discrepancy.resolved_at.is_(None)
            )
        ).all()
    )
    if open_count:
        raise RuleViolation(
            Msg("{count} discrepancies are unresolved: resolve each with a reason first.",
                count=open_count)
        )  # fmt: skip
    batch.status = new_status.value
    batch.closed_at = utcnow()
    audit.record(session, actor, "transfers:batch:closed", "transfer_batch", batch.id, {})
    return queries.batch_out(session, batch)
