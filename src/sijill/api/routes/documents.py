"""Signed documents: request, decide, issue, read, revoke."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from sijill.api.deps import ApiActor
from sijill.credentials import issuer as issuers
from sijill.credentials import service, views
from sijill.credentials.schemas import (
    DecisionIn,
    DocumentRequestIn,
    IssuedDocumentOut,
    PersonDocumentsOut,
    PublishedOut,
    RequestOut,
    RevokeIn,
)
from sijill.deps import DbSession, SettingsDep
from sijill.timeutil import utcnow

router = APIRouter(tags=["documents"])


@router.get("/people/{regno}/documents", summary="A person's document requests and documents")
def person_documents(session: DbSession, actor: ApiActor, regno: str) -> PersonDocumentsOut:
    return views.person_documents(session, actor, regno)


@router.post(
    "/people/{regno}/documents",
    status_code=status.HTTP_201_CREATED,
    summary="Request a document (refused while a hold stops it)",
)
def request_document(
    session: DbSession, actor: ApiActor, regno: str, body: DocumentRequestIn
) -> RequestOut:
    return service.request_document(session, actor, regno, body)


@router.get("/documents/requests", summary="Open requests of people in your offices")
def open_requests(session: DbSession, actor: ApiActor) -> list[RequestOut]:
    return views.open_requests(session, actor)


@router.post("/documents/requests/{request_id}/approve", summary="Approve (not your own)")
def approve(
    session: DbSession, actor: ApiActor, request_id: uuid.UUID, body: DecisionIn
) -> RequestOut:
    return service.decide_request(session, actor, request_id, True, body)


@router.post("/documents/requests/{request_id}/reject", summary="Reject a request")
def reject(
    session: DbSession, actor: ApiActor, request_id: uuid.UUID, body: DecisionIn
) -> RequestOut:
    return service.decide_request(session, actor, request_id, False, body)


@router.post(
    "/documents/requests/{request_id}/issue",
    status_code=status.HTTP_201_CREATED,
    summary="Sign an approved request: the document with its QR text",
)
def issue(
    session: DbSession, actor: ApiActor, settings: SettingsDep, request_id: uuid.UUID
) -> IssuedDocumentOut:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    return service.issue_document(session, actor, request_id, issuer)


@router.get("/documents/published", summary="The signed trust list and status list, now")
def published(session: DbSession, actor: ApiActor, settings: SettingsDep) -> PublishedOut:
    issuer = issuers.from_settings(settings, int(utcnow().timestamp()))
    return service.published(session, actor, issuer)


@router.get("/documents/{serial}", summary="One issued document with its QR text")
def get_document(session: DbSession, actor: ApiActor, serial: str) -> IssuedDocumentOut:
    return service.get_document(session, actor, serial)


@router.post("/documents/{serial}/revoke", summary="Revoke a document, with a reason")
def revoke(session: DbSession, actor: ApiActor, serial: str, body: RevokeIn) -> IssuedDocumentOut:
    return service.revoke_document(session, actor, serial, body)
