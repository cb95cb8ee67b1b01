"""Incoming batches: a manifest imported from another Sijill instance (its signature
verified) or from a spreadsheet; each arriving person matched against the registry with
the matching engine, then linked to a record (and screened) or registered through
``sijill.intake`` (which screens them and opens their case)."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill import intake
from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.credentials.trustlist import TrustList
from sijill.errors import Conflict, InvalidInput, Msg, RuleViolation
from sijill.matching import MatchRecord, PersonMatcher
from sijill.matching.records import parse_date
from sijill.registry import queries as registry_queries
from sijill.registry import regno as regnos
from sijill.registry.models import Document, PersonName
from sijill.registry.schemas import DateOfBirthIn, NameIn, PersonIn
from sijill.registry.service import Limits
from sijill.registry.vocab import DatePrecision, NameType, Sex
from sijill.screening import service as screening_service
from sijill.screening.workflow import RunReason
from sijill.transfers import queries
from sijill.transfers.handover import read_trust_list, verify_manifest
from sijill.transfers.models import TransferBatch, TransferEntry, TransferItem
from sijill.transfers.schemas import (
    BatchIn,
    BatchOut,
    BatchStatus,
    CandidateOut,
    Direction,
    ImportIn,
)
from sijill.transfers.service import new_reference
from sijill.transfers.spreadsheet import SheetError, people, read_table

CANDIDATES = 5


def _from_manifest_line(line: dict[str, Any]) -> dict[str, Any]:
    return {
        "line": line.get("line"),
        "name": str(line.get("name") or ""),
        "aliases": [],
        "date_of_birth": line.get("date_of_birth"),
        "sex": line.get("sex"),
        "nationalities": list(line.get("nationalities") or []),
        "documents": [],
        "sender_regno": line.get("regno"),
        "travels_with": line.get("travels_with"),
        "relation": line.get("relation"),
    }


def _create(
    session: Session, actor: Actor, head: BatchIn, source: str, digest: str
) -> TransferBatch:
    actor.require(Permission.TRANSFER_MANAGE)
    if actor.office_id is None:
        raise RuleViolation(Msg("A batch belongs to an office: act as a user of one."))
    already = select(TransferBatch.id).where(
        TransferBatch.manifest_sha256 == digest, TransferBatch.direction == Direction.INCOMING
    )
    if session.scalar(already):
        raise Conflict(Msg("This manifest was imported already."))
    batch = TransferBatch(
        reference=new_reference(),
        direction=Direction.INCOMING.value,
        status=BatchStatus.EXPECTED.value,
        state=head.state.upper(),
        authority=head.authority,
        crossing_point=head.crossing_point,
        planned_date=head.planned_date,
        office_id=actor.office_id,
        source=source,
        manifest_sha256=digest,
        created_by=actor.username,
    )
    session.add(batch)
    session.flush()  # entries refer to the batch
    return batch


def _add_entries(
    session: Session, actor: Actor, batch: TransferBatch, declared: list[dict[str, Any]]
) -> None:
    by_line: dict[int, TransferEntry] = {}
    for position, record in enumerate(declared, start=1):
        entry = TransferEntry(
            batch_id=batch.id, position=position, declared=record, added_by=actor.username,
            relation=record.get("relation"),
        )  # fmt: skip
        session.add(entry)
        by_line[int(record.get("line") or position)] = entry
    session.flush()  # travellers refer to each other's ids
    for entry in by_line.values():
        companion = (entry.declared or {}).get("travels_with")
        if isinstance(companion, int) and companion in by_line:
            entry.travels_with_id = by_line[companion].id


def import_signed(
    session: Session, actor: Actor, data: bytes, trust: TrustList, head: BatchIn
) -> BatchOut:
    """An incoming batch from another Sijill's signed manifest; ``head.state`` is the
    sending state. Refused unless signed by a key of the sender's ``trust`` list."""
    actor.require(Permission.TRANSFER_MANAGE)
    manifest = verify_manifest(data, trust)
    digest = hashlib.sha256(data).hexdigest()
    head = head.model_copy(
        update={"authority": str(manifest.get("authority") or head.authority),
                "crossing_point": str(manifest.get("crossing_point") or head.crossing_point)}
    )  # fmt: skip
    batch = _create(session, actor, head, "sijill-manifest", digest)
    _add_entries(
        session, actor, batch, [_from_manifest_line(p) for p in manifest.get("people", [])]
    )
    for position, item in enumerate(manifest.get("equipment", []), start=1):
        session.add(
            TransferItem(
                batch_id=batch.id, position=position, description=str(item.get("description")),
                quantity=int(item.get("quantity") or 1), weapon_serial=item.get("weapon_serial"),
                weapon_category=item.get("weapon_category"), added_by=actor.username,
            )
        )  # fmt: skip
    audit.record(
        session, actor, "transfers:batch:imported", "transfer_batch", batch.id,
        {"source": batch.source, "sha256": digest, "reference": manifest.get("reference")},
    )  # fmt: skip
    session.flush()  # the items appear in the answer
    return queries.batch_out(session, batch)


def import_text(session: Session, actor: Actor, data: ImportIn) -> BatchOut:
    """``import_signed`` for a manifest sent as text with the sender's trust list in base64
    (the API)."""
    actor.require(Permission.TRANSFER_MANAGE)
    try:
        raw = base64.b64decode(data.trust_list, validate=True)
    except (binascii.Error, ValueError):  # ValueError: characters outside ASCII
        raise InvalidInput({"trust_list": Msg("Give the sender's trust list in base64.")}) from None
    trust = read_trust_list(raw, data.anchor)
    head = BatchIn(state=data.state, authority="(from manifest)", crossing_point="(from manifest)")
    return import_signed(session, actor, data.manifest.encode(), trust, head)


def import_spreadsheet(
    session: Session,
    actor: Actor,
    data: bytes,
    filename: str,
    mapping: dict[str, str],
    head: BatchIn,
    max_bytes: int,
) -> BatchOut:
    """An incoming batch from a CSV or XLSX list of people and a column mapping."""
    actor.require(Permission.TRANSFER_MANAGE)
    try:
        declared = people(read_table(data, filename, max_bytes), mapping)
    except SheetError as exc:
        raise InvalidInput({"file": Msg("Refused: {why}.", why=str(exc))}) from None
    digest = hashlib.sha256(data).hexdigest()
    batch = _create(session, actor, head, "spreadsheet", digest)
    _add_entries(session, actor, batch, declared)
    audit.record(
        session, actor, "transfers:batch:imported", "transfer_batch", batch.id,
        {"source": batch.source, "sha256": digest, "people": len(declared)},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def _entry(
    session: Session, actor: Actor, ref: str, line: int
) -> tuple[TransferBatch, TransferEntry]:
    batch = queries.load_batch(session, actor, ref)
    if batch.direction != Direction.INCOMING:
        raise RuleViolation(Msg("Only people of an incoming batch are matched on arrival."))
    entry = next((e for e in queries.entries(session, batch.id) if e.position == line), None)
    if entry is None:
        raise InvalidInput({"line": Msg("No line {line} in this batch.", line=line)})
    return batch, entry


def declared_record(declared: dict[str, Any]) -> MatchRecord:
    dob = declared.get("date_of_birth")
    return MatchRecord(
        names=(declared["name"], *declared.get("aliases", [])),
        dob=dob if isinstance(dob, str) and parse_date(dob) else None,
        sex=declared.get("sex") if declared.get("sex") in ("M", "F") else None,
        nationalities=tuple(declared.get("nationalities", [])),
        documents=tuple(declared.get("documents", [])),
    )


def candidates(session: Session, actor: Actor, ref: str, line: int) -> list[CandidateOut]:
    """Registry people who may be this arriving person, best first, with explanations."""
    _, entry = _entry(session, actor, ref, line)
    declared = entry.declared or {}
    record = declared_record(declared)
    found = {s.id: s for n in record.names for s in registry_queries.search(session, actor, n, 20)}
    for number in record.documents:
        found.update((s.id, s) for s in registry_queries.search(session, actor, number, 5))
    matcher = PersonMatcher()
    scored = []
    for pid, person in found.items():
        names = session.scalars(
            select(PersonName.full).where(
                PersonName.person_id == pid, PersonName.retired_at.is_(None)
            )
        ).all()
        docs = session.scalars(
            select(Document.number).where(Document.person_id == pid, Document.retired_at.is_(None))
        ).all()
        theirs = MatchRecord(
            names=(person.name, *[n for n in names if n != person.name]), dob=person.date_of_birth,
            sex=person.sex.value if person.sex in (Sex.MALE, Sex.FEMALE) else None,
            nationalities=tuple(person.nationalities), documents=tuple(docs),
        )  # fmt: skip
        result = matcher.score(record, theirs)
        scored.append(
            CandidateOut(regno=person.regno, name=person.name, score=result.score,
                         decision=result.decision, explanation=result.explanation)
        )  # fmt: skip
    return sorted(scored, key=lambda c: -c.score)[:CANDIDATES]


def link(session: Session, actor: Actor, ref: str, line: int, regno: str) -> BatchOut:
    """This arriving person is that registry person: linked, then screened against the
    current watch lists (a hit places its hold before the batch can be closed)."""
    actor.require(Permission.TRANSFER_MANAGE)
    batch, entry = _entry(session, actor, ref, line)
    person = registry_queries.load_person(session, actor, regno)
    if any(e.person_id == person.id for e in queries.entries(session, batch.id)):
        raise Conflict(Msg("{regno} is already linked in this batch.", regno=regno))
    entry.person_id = person.id
    raised = screening_service.screen_person(session, actor, person.id, RunReason.ARRIVAL)
    audit.record(
        session, actor, "transfers:arrival:linked", "transfer_batch", batch.id,
        {"line": line, "person": str(person.id), "hits_raised": raised},
    )  # fmt: skip
    return queries.batch_out(session, batch)


def _person_in(declared: dict[str, Any]) -> PersonIn:
    names = [NameIn(full=declared["name"], name_type=NameType.PRIMARY, source="transfer manifest")]
    names += [NameIn(full=a, name_type=NameType.ALIAS) for a in declared.get("aliases", [])]
    dob = parse_date(str(declared.get("date_of_birth") or ""))
    precision = (
        DatePrecision.EXACT
        if dob and dob.day
        else DatePrecision.MONTH
        if dob and dob.month
        else DatePrecision.YEAR
    )
    return PersonIn(
        names=names,
        sex=Sex(declared["sex"]) if declared.get("sex") in ("M", "F") else Sex.UNKNOWN,
        date_of_birth=DateOfBirthIn(
            precision=precision, year=dob.year, month=dob.month, day=dob.day
        )
        if dob
        else None,
        nationalities=list(declared.get("nationalities", [])),
        notes=f"Arrived in transfer; sender's number {declared.get('sender_regno') or 'unknown'}",
    )


def register_arrival(
    session: Session, actor: Actor, ref: str, line: int, limits: Limits
) -> BatchOut:
    """Register this arriving person as a new registry record (nobody matched), through
    intake: screened, and an adult gets a case."""
    actor.require(Permission.TRANSFER_MANAGE)
    actor.require(Permission.PERSON_REGISTER)
    batch, entry = _entry(session, actor, ref, line)
    if entry.person_id is not None:
        raise Conflict(Msg("Line {line} is already linked.", line=line))
    # The arrival page showed the registry's candidates first: registering means none was them.
    reason = f"arrival {line} of transfer {batch.reference}: none of the candidates"
    person = intake.register(session, actor, _person_in(entry.declared or {}), limits, reason)
    entry.person_id = person.id
    audit.record(
        session, actor, "transfers:arrival:registered", "transfer_batch", batch.id,
        {"line": line, "person": str(person.id), "regno": regnos.compact(person.regno)},
    )  # fmt: skip
    return queries.batch_out(session, batch)
