"""What crosses the credentials boundary."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from sijill.arms.schemas import PermitDocument
from sijill.credentials.payload import DocType
from sijill.credentials.workflow import DocumentStatus, RequestStatus


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DocumentRequestIn(_In):
    doc_type: DocType
    reason: str | None = Field(default=None, max_length=2000)
    programme_status: str | None = Field(
        default=None, max_length=60, description="Residence permits only: the permit's basis"
    )
    permit_ref: str | None = Field(
        default=None,
        max_length=16,
        description="Weapon permits only: the arms permit's ref; the weapon and the validity "
        "are taken from it",
    )


class DecisionIn(_In):
    note: str | None = Field(default=None, max_length=2000)


class RevokeIn(_In):
    reason: str = Field(min_length=1, max_length=2000)


class RequestOut(BaseModel):
    id: uuid.UUID
    regno: str
    name: str
    doc_type: DocType
    permit_ref: str | None = Field(description="Weapon permits: the arms permit signed")
    status: RequestStatus
    reason: str | None
    requested_at: dt.datetime
    requested_by: str
    decided_at: dt.datetime | None
    decided_by: str | None
    decision_note: str | None


class IssuedOut(BaseModel):
    id: uuid.UUID
    serial: str
    regno: str
    doc_type: DocType
    status: DocumentStatus
    status_index: int
    issued_at: dt.datetime
    expires_at: dt.datetime
    issued_by: str
    ended_at: dt.datetime | None
    ended_by: str | None
    end_reason: str | None


class IssuedDocumentOut(IssuedOut):
    """An issued document with its QR text (what the card prints)."""

    qr_text: str


class PublishedOut(BaseModel):
    """What checkpoints download: the signed trust list and status list (base64), and the
    fingerprint of the anchor that signed the trust list, to pin out of band."""

    trust_list: str
    status_list: str
    anchor_fingerprint: str


class PersonDocumentsOut(BaseModel):
    requests: list[RequestOut]
    documents: list[IssuedOut]
    active_permits: list[PermitDocument] = Field(
        description="The person's active arms permits: what a weapon-permit document may sign"
    )
