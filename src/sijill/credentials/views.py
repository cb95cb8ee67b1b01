"""Read side: requests and documents as their output types, a person's documents."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.arms import permit_queries as arms_permits
from sijill.credentials import permit_source
from sijill.credentials.models import DocumentRequest, IssuedDocument
from sijill.credentials.payload import DocType
from sijill.credentials.schemas import IssuedOut, PersonDocumentsOut, RequestOut
from sijill.credentials.workflow import DocumentStatus, RequestStatus
from sijill.registry import queries as registry_queries
from sijill.registry import regno as regnos
from sijill.registry.models import Person


def _person(session: Session, person_id: object) -> Person:
    person = session.get(Person, person_id)
    assert person is not None
    return person


def _regno(session: Session, person_id: object) -> str:
    return regnos.display(_person(session, person_id).regno)


def request_out(session: Session, request: DocumentRequest) -> RequestOut:
    return RequestOut(
        id=request.id,
        regno=_regno(session, request.person_id),
        name=_person(session, request.person_id).primary_name,
        doc_type=DocType(request.doc_type),
        permit_ref=permit_source.permit_ref_of(request.weapon),
        status=RequestStatus(request.status),
        reason=request.reason,
        requested_at=request.requested_at,
        requested_by=request.requested_by,
        decided_at=request.decided_at,
        decided_by=request.decided_by,
        decision_note=request.decision_note,
    )


def issued_out(session: Session, doc: IssuedDocument) -> IssuedOut:
    return IssuedOut(
        id=doc.id,
        serial=doc.serial,
        regno=_regno(session, doc.person_id),
        doc_type=DocType(doc.doc_type),
        status=DocumentStatus(doc.status),
        status_index=doc.status_index,
        issued_at=doc.issued_at,
        expires_at=doc.expires_at,
        issued_by=doc.issued_by,
        ended_at=doc.ended_at,
        ended_by=doc.ended_by,
        end_reason=doc.end_reason,
    )


def requests_page(session: Session, actor: Actor) -> list[RequestOut] | None:
    """The documents page: the open requests for those who read documents; None for those
    who only publish (an administrator, who sees the offline verifier alone)."""
    if actor.can(Permission.DOCUMENTS_READ):
        return open_requests(session, actor)
    actor.require(Permission.DOCUMENTS_PUBLISH)
    return None


def person_documents(session: Session, actor: Actor, regno: str) -> PersonDocumentsOut:
    actor.require(Permission.DOCUMENTS_READ)
    person = registry_queries.load_person(session, actor, regno)
    requests = session.scalars(
        select(DocumentRequest)
        .where(DocumentRequest.person_id == person.id)
        .order_by(DocumentRequest.requested_at.desc())
    )
    documents = session.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.person_id == person.id)
        .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.status_index.desc())
    )
    return PersonDocumentsOut(
        requests=[request_out(session, r) for r in requests],
        documents=[issued_out(session, d) for d in documents],
        active_permits=arms_permits.active_permits_of(session, person.id),
    )


def open_requests(session: Session, actor: Actor, limit: int = 200) -> list[RequestOut]:
    """Requests waiting for a decision or for issuing, of people the actor sees."""
    actor.require(Permission.DOCUMENTS_READ)
    rows = session.scalars(
        select(DocumentRequest)
        .join(Person, Person.id == DocumentRequest.person_id)
        .where(
            DocumentRequest.status.in_([RequestStatus.REQUESTED, RequestStatus.APPROVED]),
            registry_queries.visible(actor),
        )
        .order_by(DocumentRequest.requested_at)
        .limit(limit)
    )
    return [request_out(session, r) for r in rows]
