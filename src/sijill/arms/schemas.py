"""Pydantic types crossing the arms area's boundary (forms, API, CLI, demo)."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from sijill.arms.vocab import (
    Condition,
    CustodyStatus,
    EventKind,
    MarkingKind,
    PermitStatus,
    TaskStatus,
    WeaponClass,
    WeaponType,
)
from sijill.registry.schemas import PersonSummary


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MarkingIn(_In):
    kind: MarkingKind = MarkingKind.SERIAL
    text: str = Field(min_length=1, max_length=100, description="As read off the weapon")


class WeaponIn(_In):
    weapon_type: WeaponType
    make: str | None = Field(default=None, max_length=100)
    model: str | None = Field(default=None, max_length=100)
    calibre: str | None = Field(default=None, max_length=40)
    condition: Condition = Condition.UNKNOWN
    markings: list[MarkingIn] = Field(default_factory=list, max_length=10)
    description: str | None = Field(default=None, max_length=2000)
    duplicate_reason: str | None = Field(
        default=None,
        max_length=200,
        description="Required when a serial matches a weapon already recorded",
    )


class IntakeIn(_In):
    """Weapons handed in together at a collection point: one receipt for all of them."""

    facility_id: uuid.UUID
    group_id: uuid.UUID | None = None
    handed_in_by: str | None = Field(default=None, description="Registry number of the person")
    witnesses: list[str] = Field(min_length=1, max_length=5)
    at: dt.datetime | None = None
    items: list[WeaponIn] = Field(min_length=1, max_length=500)


class EventIn(_In):
    kind: EventKind
    at: dt.datetime | None = None
    facility_id: uuid.UUID | None = None
    person: str | None = Field(default=None, description="Registry number of the person involved")
    witnesses: list[str] = Field(default_factory=list, max_length=5)
    note: str | None = Field(default=None, max_length=200)


class PermitIn(_In):
    holder: str = Field(description="Registry number of the holder")
    weapon_ref: str = Field(min_length=1, max_length=16)
    valid_from: dt.date
    valid_until: dt.date
    conditions: str | None = Field(default=None, max_length=2000)


class PermitDecisionIn(_In):
    reason: str | None = Field(default=None, max_length=200)
    valid_until: dt.date | None = Field(default=None, description="The new end date (renewal)")


class IssueIn(_In):
    at: dt.datetime | None = None
    witnesses: list[str] = Field(min_length=1, max_length=5)
    note: str | None = Field(default=None, max_length=200)


class DeclarationIn(_In):
    group_id: uuid.UUID
    weapon_type: WeaponType
    quantity: int = Field(ge=0, le=1_000_000)
    declared_on: dt.date
    source: str | None = Field(default=None, max_length=200)


class MarkingOut(BaseModel):
    kind: MarkingKind
    as_read: str
    normalised: str


class PhotoOut(BaseModel):
    id: uuid.UUID
    sha256: str
    media_type: str
    size: int


class EventOut(BaseModel):
    seq: int
    kind: EventKind
    at: dt.datetime
    facility: str | None
    person: PersonSummary | None
    group: str | None
    permit_ref: str | None
    witnesses: list[str]
    note: str | None
    recorded_by: str


class CustodyOut(BaseModel):
    status: CustodyStatus
    since: dt.datetime
    facility: str | None
    holder: PersonSummary | None
    permit_ref: str | None
    group: str | None


class WeaponSummary(BaseModel):
    id: uuid.UUID
    ref: str
    weapon_class: WeaponClass
    weapon_type: WeaponType
    make: str | None
    model: str | None
    serial: str | None
    status: CustodyStatus
    facility: str | None


class WeaponOut(BaseModel):
    id: uuid.UUID
    ref: str
    weapon_class: WeaponClass
    weapon_type: WeaponType
    make: str | None
    model: str | None
    calibre: str | None
    condition: Condition
    description: str | None
    duplicate_reason: str | None
    markings: list[MarkingOut]
    photos: list[PhotoOut]
    custody: CustodyOut
    intake_ref: str | None


class IntakeOut(BaseModel):
    id: uuid.UUID
    ref: str
    at: dt.datetime
    facility: str
    group: str | None
    handed_in_by: PersonSummary | None
    witnesses: list[str]
    recorded_by: str
    items: list[WeaponSummary]


class DecisionOut(BaseModel):
    action: str
    status: PermitStatus
    at: dt.datetime
    actor: str
    reason: str | None


class PermitOut(BaseModel):
    id: uuid.UUID
    ref: str
    status: PermitStatus
    holder: PersonSummary
    weapon: WeaponSummary
    valid_from: dt.date
    valid_until: dt.date
    conditions: str | None
    requested_by: str
    approved_by: str | None
    decisions: list[DecisionOut]


class PermitDocument(BaseModel):
    """What the credentials area signs for a permit, and a checkpoint shows."""

    permit_ref: str
    status: PermitStatus
    holder_id: uuid.UUID
    holder_regno: str
    holder_names: list[str]
    weapon_ref: str
    weapon_serial: str | None
    weapon_class: WeaponClass
    weapon_type: WeaponType
    weapon_make: str | None
    weapon_model: str | None
    valid_from: dt.date
    valid_until: dt.date


class TaskOut(BaseModel):
    id: uuid.UUID
    status: TaskStatus
    weapon: WeaponSummary
    permit_ref: str | None
    reason: str
    created_at: dt.datetime


class DeclarationOut(BaseModel):
    id: uuid.UUID
    group: str
    weapon_type: WeaponType
    quantity: int
    declared_on: dt.date
    source: str | None
