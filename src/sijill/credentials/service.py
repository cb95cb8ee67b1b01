"""Request, approve, issue, reissue and revoke signed documents; publish the status list.

A request is checked by the case guard when it is made, approved and issued; a supervisor
other than the requester approves; issuing signs the payload with the current document key,
gives the document the next status list index and supersedes the person's earlier valid
document of that type (reissue on change). Every change writes its audit entry.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms.schemas import PermitDocument
from sijill.audit import service as audit
from sijill.credentials import payload, permit_source, signing, statuslist, trustlist
from sijill.credentials import workflow as wf
from sijill.credentials.guards import case_refusals
from sijill.credentials.holder import document_for
from sijill.credentials.issuer import Issuer
from sijill.credentials.models import DocumentRequest, IssuedDocument
from sijill.credentials.payload import DocType
from sijill.credentials.schemas import (
    DecisionIn,
    DocumentRequestIn,
    IssuedDocumentOut,
    PublishedOut,
    RequestOut,
    RevokeIn,
)
from sijill.credentials.statuslist import StatusList, StatusListToken
from sijill.credentials.views import issued_out, request_out
from sijill.credentials.workflow import DocumentStatus, RequestStatus
from sijill.errors import Conflict, InvalidInput, Msg, NotFound, RuleViolation
from sijill.registry import photos as registry_photos
from sijill.registry import queries as registry_queries
from sijill.registry import service as registry_service
from sijill.timeutil import utcnow

SERIAL_PREFIX = {
    DocType.IDENTITY_CARD: "IC",
    DocType.RESIDENCE_PERMIT: "RP",
    DocType.WEAPON_PERMIT: "WP",
}


def _request_tag(action: str) -> str:
    return f"credentials:request:{action}"


def _document_tag(action: str) -> str:
    return f"credentials:document:{action}"


def _refuse_unless_allowed(
    session: Session, actor: Actor, request: DocumentRequest, need_approval: bool
) -> PermitDocument | None:
    """Refuses with every reason; returns the arms permit a weapon-permit document signs."""
    reasons = case_refusals(
        session,
        actor,
        request.person_id,
        wf_doc_type(request),
        request.decided_by,
        need_approval,
    )
    permit = None
    if wf_doc_type(request) == DocType.WEAPON_PERMIT:
        ref = permit_source.permit_ref_of(request.weapon)
        permit, more = permit_source.check(session, ref, request.person_id, utcnow().date())
        reasons.extend(more)
    if reasons:
        raise RuleViolation(Msg("Refused: {reasons}", reasons=" ".join(reasons)))
    return permit


def wf_doc_type(request: DocumentRequest | IssuedDocument) -> DocType:
    return DocType(request.doc_type)


def _check_input(data: DocumentRequestIn) -> None:
    if (data.doc_type == DocType.WEAPON_PERMIT) != bool(data.permit_ref):
        raise InvalidInput(
            {"permit_ref": Msg("A weapon permit, and only a weapon permit, names an arms permit.")}
        )
    if data.programme_status and data.doc_type != DocType.RESIDENCE_PERMIT:
        raise InvalidInput(
            {"programme_status": Msg("Only a residence permit carries a programme status.")}
        )


def request_document(
    session: Session, actor: Actor, regno: str, data: DocumentRequestIn
) -> RequestOut:
    actor.require(Permission.DOCUMENTS_REQUEST)
    _check_input(data)
    person = registry_queries.load_person(session, actor, regno)
    weapon = {permit_source.PERMIT_REF: data.permit_ref.upper()} if data.permit_ref else None
    open_requests = session.scalars(
        select(DocumentRequest).where(
            DocumentRequest.person_id == person.id,
            DocumentRequest.doc_type == data.doc_type.value,
            DocumentRequest.status.in_([RequestStatus.REQUESTED, RequestStatus.APPROVED]),
        )
    )
    if any(_same_permit(r.weapon, weapon) for r in open_requests):
        raise Conflict(Msg("This person already has an open request for this document."))
    request = DocumentRequest(
        person_id=person.id,
        doc_type=data.doc_type.value,
        status=RequestStatus.REQUESTED,
        reason=data.reason,
        programme_status=data.programme_status,
        weapon=weapon,
        requested_at=utcnow(),
        requested_by=actor.username,
    )
    _refuse_unless_allowed(session, actor, request, need_approval=False)
    session.add(request)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session,
        actor,
        _request_tag("made"),
        "person",
        person.id,
        {"request": str(request.id), "doc_type": data.doc_type.value},
    )
    return request_out(session, request)


def _same_permit(one: dict[str, Any] | None, other: dict[str, Any] | None) -> bool:
    """Same document: of the same type and, for weapon permits, for the same arms permit."""
    return permit_source.permit_ref_of(one) == permit_source.permit_ref_of(other)


def _request(session: Session, actor: Actor, request_id: uuid.UUID) -> DocumentRequest:
    request = session.get(DocumentRequest, request_id)
    if request is None:
        raise NotFound(Msg("No such document request."))
    registry_service.get_person_by_id(session, actor, request.person_id)
    return request


def decide_request(
    session: Session, actor: Actor, request_id: uuid.UUID, approve: bool, data: DecisionIn
) -> RequestOut:
    """A supervisor, not the requester, approves or rejects a request."""
    actor.require(Permission.DOCUMENTS_APPROVE)
    request = _request(session, actor, request_id)
    target = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    moved = wf.move_request(RequestStatus(request.status), target)
    wf.check_second_person(request.requested_by, actor.username)
    if approve:
        _refuse_unless_allowed(session, actor, request, need_approval=False)
    request.status = moved
    request.decided_at, request.decided_by, request.decision_note = (
        utcnow(),
        actor.username,
        data.note,
    )
    audit.record(
        session,
        actor,
        _request_tag(target.value),
        "person",
        request.person_id,
        {"request": str(request.id), "note": data.note},
    )
    return request_out(session, request)


def _next_index(session: Session) -> int:
    highest = session.scalar(select(func.max(IssuedDocument.status_index)))
    return 0 if highest is None else highest + 1


def _supersede(session: Session, actor: Actor, request: DocumentRequest) -> None:
    earlier = session.execute(
        select(IssuedDocument, DocumentRequest.weapon)
        .join(DocumentRequest, DocumentRequest.id == IssuedDocument.request_id)
        .where(
            IssuedDocument.person_id == request.person_id,
            IssuedDocument.doc_type == request.doc_type,
            IssuedDocument.status == DocumentStatus.VALID,
        )
    ).all()
    for old, weapon in earlier:
        if _same_permit(weapon, request.weapon):
            _end(session, actor, old, DocumentStatus.SUPERSEDED, "reissued")


def issue_document(
    session: Session, actor: Actor, request_id: uuid.UUID, issuer: Issuer
) -> IssuedDocumentOut:
    actor.require(Permission.DOCUMENTS_ISSUE)
    request = _request(session, actor, request_id)
    permit = _refuse_unless_allowed(session, actor, request, need_approval=True)
    request.status = wf.move_request(RequestStatus(request.status), RequestStatus.ISSUED)
    _supersede(session, actor, request)
    now = utcnow().replace(microsecond=0)
    index = _next_index(session)
    serial = f"SJ-{SERIAL_PREFIX[wf_doc_type(request)]}-{index:08d}"
    person = registry_service.get_person_by_id(session, actor, request.person_id)
    photo = registry_photos.current_photo(session, actor, request.person_id)
    photo_hash = payload.photo_digest(photo.content) if photo is not None else None
    document = document_for(
        person, request, permit, serial, index, issuer, int(now.timestamp()), photo_hash
    )
    signer = issuer.signer(document.doc_type.value, document.issued_at)
    issued = IssuedDocument(
        serial=serial,
        status_index=index,
        doc_type=request.doc_type,
        person_id=request.person_id,
        request_id=request.id,
        status=DocumentStatus.VALID,
        kid=signer.kid.hex(),
        issued_at=now,
        expires_at=dt.datetime.fromtimestamp(document.expires_at, dt.UTC),
        issued_by=actor.username,
        qr_text=signing.sign_document_by(document, signer),
    )
    session.add(issued)
    session.flush()  # the id goes into the audit entry; the unique index guards the serial
    audit.record(
        session,
        actor,
        _document_tag("issued"),
        "person",
        request.person_id,
        {"serial": serial, "doc_type": request.doc_type, "kid": issued.kid}
        | ({"permit": permit.permit_ref} if permit else {})
        | {"photo": photo.sha256 if photo is not None else None},
    )
    out = issued_out(session, issued)
    return IssuedDocumentOut(**out.model_dump(), qr_text=issued.qr_text)


def issue_for_person(
    session: Session,
    actor: Actor,
    regno: str,
    doc_type: DocType,
    issuer: Issuer,
    permit_ref: str | None = None,
) -> IssuedDocumentOut:
    """Issue the person's approved request for this document type (the CLI's way in); for a
    weapon permit, the one for ``permit_ref`` when given."""
    actor.require(Permission.DOCUMENTS_ISSUE)
    person = registry_queries.load_person(session, actor, regno)
    wanted = {permit_source.PERMIT_REF: permit_ref.strip().upper()} if permit_ref else None
    approved = session.scalars(
        select(DocumentRequest).where(
            DocumentRequest.person_id == person.id,
            DocumentRequest.doc_type == doc_type.value,
            DocumentRequest.status == RequestStatus.APPROVED,
        )
    )
    request_id = next(
        (r.id for r in approved if wanted is None or _same_permit(r.weapon, wanted)), None
    )
    if request_id is None:
        reasons = case_refusals(session, actor, person.id, doc_type, None, need_approval=True)
        raise RuleViolation(Msg("Refused: {reasons}", reasons=" ".join(reasons)))
    return issue_document(session, actor, request_id, issuer)


def _end(
    session: Session, actor: Actor, doc: IssuedDocument, target: DocumentStatus, reason: str
) -> None:
    doc.status = wf.move_document(DocumentStatus(doc.status), target)
    doc.ended_at, doc.ended_by, doc.end_reason = utcnow(), actor.username, reason
    audit.record(
        session,
        actor,
        _document_tag(target.value),
        "person",
        doc.person_id,
        {"serial": doc.serial, "reason": reason},
    )


def _document(session: Session, actor: Actor, serial: str) -> IssuedDocument:
    doc = session.scalar(
        select(IssuedDocument).where(IssuedDocument.serial == serial.strip().upper())
    )
    if doc is None:
        raise NotFound(Msg("No document with serial {serial}.", serial=repr(serial)))
    registry_service.get_person_by_id(session, actor, doc.person_id)
    return doc


def revoke_document(
    session: Session, actor: Actor, serial: str, data: RevokeIn
) -> IssuedDocumentOut:
    actor.require(Permission.DOCUMENTS_REVOKE)
    doc = _document(session, actor, serial)
    _end(session, actor, doc, DocumentStatus.REVOKED, data.reason)
    return IssuedDocumentOut(**issued_out(session, doc).model_dump(), qr_text=doc.qr_text)


def revoke_for_permit(session: Session, actor: Actor, permit_ref: str, reason: str) -> list[str]:
    """Revoke the valid weapon-permit documents signed for an arms permit (suspended or
    revoked); returns their serials. The permit decision's own permission stands for this:
    the caller has checked it, and the documents follow the permit in the same transaction."""
    wanted = {permit_source.PERMIT_REF: permit_ref.strip().upper()}
    rows = session.execute(
        select(IssuedDocument, DocumentRequest.weapon)
        .join(DocumentRequest, DocumentRequest.id == IssuedDocument.request_id)
        .where(
            IssuedDocument.doc_type == DocType.WEAPON_PERMIT.value,
            IssuedDocument.status == DocumentStatus.VALID,
        )
    ).all()
    revoked = []
    for doc, weapon in rows:
        if _same_permit(weapon, wanted):
            _end(session, actor, doc, DocumentStatus.REVOKED, reason)
            revoked.append(doc.serial)
    return revoked


def get_document(session: Session, actor: Actor, serial: str) -> IssuedDocumentOut:
    actor.require(Permission.DOCUMENTS_READ)
    doc = _document(session, actor, serial)
    return IssuedDocumentOut(**issued_out(session, doc).model_dump(), qr_text=doc.qr_text)


def print_photo(session: Session, actor: Actor, serial: str) -> bytes | None:
    """The photograph whose hash the document carries (the person's current one or an
    earlier one), to print on the card; None when it carries none."""
    actor.require(Permission.DOCUMENTS_READ)
    doc = _document(session, actor, serial)
    digest = signing.read_own(doc.qr_text).photo_hash
    if not digest:
        return None
    photo = registry_photos.photo_with_digest(session, actor, doc.person_id, digest)
    return None if photo is None else photo.content


def status_list(session: Session) -> StatusList:
    rows = session.execute(select(IssuedDocument.status_index, IssuedDocument.status)).all()
    values = [0] * (max((i for i, _ in rows), default=-1) + 1)
    for index, status in rows:
        values[index] = wf.LIST_VALUE[DocumentStatus(status)]
    return StatusList.build(values, wf.STATUS_BITS)


def publish(session: Session, actor: Actor, issuer: Issuer) -> tuple[bytes, bytes]:
    """The signed trust list and the signed status list token, as of now."""
    actor.require(Permission.DOCUMENTS_PUBLISH)
    now = int(utcnow().timestamp())
    trust = trustlist.sign_by(issuer.trust_list(now), issuer.anchor())
    token = StatusListToken(
        issuer.status_uri,
        now,
        now + issuer.status_list_seconds,
        issuer.status_list_seconds,
        status_list(session),
    )
    signer = issuer.signer("status-list", now)
    signed = statuslist.sign_token_by(token, signer)
    audit.record(
        session,
        actor,
        "credentials:lists:published",
        "credentials",
        issuer.status_uri,
        {"entries": len(token.status_list), "kid": signer.kid.hex()},
    )
    return trust, signed


def published(session: Session, actor: Actor, issuer: Issuer) -> PublishedOut:
    """:func:`publish` for a program: both lists in base64, and the anchor's fingerprint."""
    trust, signed = publish(session, actor, issuer)
    return PublishedOut(
        trust_list=base64.b64encode(trust).decode(),
        status_list=base64.b64encode(signed).decode(),
        anchor_fingerprint=trustlist.load(trust).anchor_fingerprint,
    )
