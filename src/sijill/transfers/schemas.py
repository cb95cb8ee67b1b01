"""Pydantic types crossing the transfers boundary."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SkipValidation

from sijill.transfers.readiness import ReviewOutcome
from sijill.transfers.risk import FactorKind, GroupKind, Outcome, RiskLevel

_STATE = Field(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class BatchStatus(StrEnum):
    PREPARATION = "preparation"  # outgoing: people and equipment being gathered
    EXPECTED = "expected"  # incoming: manifest imported, people not arrived yet
    HANDED_OVER = "handed_over"  # the handover at the crossing is recorded
    CLOSED = "closed"
    CANCELLED = "cancelled"


class DiscrepancyKind(StrEnum):
    MISSING_PERSON = "missing_person"
    EXTRA_PERSON = "extra_person"
    MISSING_ITEM = "missing_item"
    COUNT_MISMATCH = "count_mismatch"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RatingIn(_In):
    state: str = _STATE
    level: RiskLevel
    source: str = Field(min_length=1, description="Where the rating comes from")
    group_kind: GroupKind | None = None
    group_value: str | None = Field(default=None, max_length=200)
    note: str | None = None


class RatingOut(BaseModel):
    id: uuid.UUID
    state: str
    group_kind: GroupKind | None
    group_value: str | None
    version: int
    level: RiskLevel
    source: str
    note: str | None
    recorded_at: dt.datetime
    recorded_by: str


class FactorIn(_In):
    kind: FactorKind
    note: str | None = None


class FactorOut(BaseModel):
    id: uuid.UUID
    kind: FactorKind
    note: str | None
    recorded_at: dt.datetime
    recorded_by: str


class BatchIn(_In):
    state: str = _STATE
    authority: str = Field(min_length=1, max_length=200)
    crossing_point: str = Field(min_length=1, max_length=200)
    planned_date: dt.date | None = None


class EntryIn(_In):
    regno: str = Field(min_length=1)
    travels_with: str | None = Field(
        default=None, description="Registry number of the batch member they travel with"
    )
    relation: str | None = None


class ItemIn(_In):
    description: str = Field(min_length=1, max_length=200)
    quantity: int = Field(default=1, ge=1)
    weapon_serial: str | None = Field(default=None, max_length=64)
    weapon_category: str | None = Field(default=None, max_length=64)


class ReviewIn(_In):
    regno: str
    outcome: ReviewOutcome
    note: str = Field(min_length=1)


class ApprovalIn(_In):
    note: str | None = None


class ReceiveIn(_In):
    """Where the weapons of an incoming batch are taken into custody, and who saw it."""

    facility_id: uuid.UUID
    witnesses: list[str] = Field(min_length=1, max_length=5)
    duplicate_reason: str | None = Field(
        default=None,
        max_length=200,
        description="Required when a serial matches a weapon already recorded here",
    )


class HandoverIn(_In):
    """What the receiving side counted and identified at the crossing."""

    received_count: int = Field(ge=0)
    present: list[str] = Field(
        default_factory=list, description="Registry numbers (or manifest lines) identified"
    )
    extra_people: list[str] = Field(default_factory=list, description="People not on the manifest")
    items_present: list[int] = Field(
        default_factory=list, description="Manifest item lines present"
    )


class ResolveIn(_In):
    resolution: str = Field(min_length=1)


# Reasons stay ``Msg`` objects (SkipValidation) so that pages translate them with their
# values; in JSON they are their English text.
Reasons = Annotated[list[str], SkipValidation]


class AssessmentOut(BaseModel):
    outcome: Outcome
    level: RiskLevel
    reasons: Reasons


class EntryOut(BaseModel):
    id: uuid.UUID
    position: int
    person_id: uuid.UUID | None
    regno: str | None
    name: str
    travels_with: int | None
    relation: str | None
    declared: dict[str, object] | None
    present: bool | None


class ReadinessOut(BaseModel):
    position: int
    regno: str | None
    name: str
    ready: bool
    blocking: Reasons
    assessment: AssessmentOut | None
    review: ReviewOutcome | None


class ItemOut(BaseModel):
    id: uuid.UUID
    position: int
    description: str
    quantity: int
    weapon_serial: str | None
    weapon_category: str | None
    present: bool | None
    intake_id: uuid.UUID | None


class DiscrepancyOut(BaseModel):
    id: uuid.UUID
    kind: DiscrepancyKind
    description: str
    recorded_by: str
    resolved_by: str | None
    resolution: str | None


class BatchSummary(BaseModel):
    id: uuid.UUID
    reference: str
    direction: Direction
    status: BatchStatus
    state: str
    authority: str
    crossing_point: str
    planned_date: dt.date | None
    people: int
    items: int


class BatchOut(BatchSummary):
    office: str
    created_by: str
    approval_round: int
    approvals: list[str]
    source: str | None
    manifest_sha256: str | None
    received_count: int | None
    entries: list[EntryOut]
    equipment: list[ItemOut]
    discrepancies: list[DiscrepancyOut]


class CandidateOut(BaseModel):
    regno: str
    name: str
    score: float
    decision: str
    explanation: list[str]


class ImportIn(_In):
    """A signed manifest from another Sijill instance, as the text of the file."""

    state: str = _STATE
    trust_list: str = Field(
        min_length=1, description="The sender's trust list file (trust-list.cbor), in base64"
    )
    anchor: str | None = Field(
        default=None, max_length=64, description="The sender's anchor fingerprint, if pinned"
    )
    manifest: str = Field(min_length=1, description="The signed manifest file, unchanged")


class LinkIn(_In):
    regno: str = Field(min_length=1)


class CancelIn(_In):
    reason: str = Field(min_length=1)
