"""Types that cross the boundary of the cases package."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sijill.cases.workflow import PaperType, Pathway

_IN = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ItemKind(StrEnum):
    COURSE = "course"  # army: a training course
    PROGRAMME = "programme"  # civilian: vocational training, education, counselling
    HEARING = "hearing"  # judicial


ITEM_PATHWAY = {
    ItemKind.COURSE: Pathway.ARMY,
    ItemKind.PROGRAMME: Pathway.CIVILIAN,
    ItemKind.HEARING: Pathway.JUDICIAL,
}


class PathwayOpenIn(BaseModel):
    model_config = _IN
    pathway: Pathway
    document_type: PaperType | None = None
    reason: str = Field(min_length=1, max_length=2000)
    legal_basis: str | None = Field(default=None, max_length=2000)


class TransitionIn(BaseModel):
    model_config = _IN
    target: str = Field(min_length=1, max_length=32)
    reason: str = Field(min_length=1, max_length=2000)
    legal_basis: str | None = Field(default=None, max_length=2000)


class DetailsIn(BaseModel):
    """Army: unit, rank, acknowledgement of the conduct regulations. Judicial: court, matter."""

    model_config = _IN
    unit: str | None = Field(default=None, max_length=200)
    rank: str | None = Field(default=None, max_length=100)
    conduct_acknowledged: bool | None = None
    court: str | None = Field(default=None, max_length=200)
    matter: str | None = Field(default=None, max_length=2000)


class ItemIn(BaseModel):
    model_config = _IN
    kind: ItemKind
    name: str = Field(min_length=1, max_length=200)
    on_date: dt.date | None = None


class ItemUpdateIn(BaseModel):
    model_config = _IN
    sessions_attended: int | None = Field(default=None, ge=0, le=10_000)
    completed: bool = False


class UsernameIn(BaseModel):
    model_config = _IN
    username: str = Field(min_length=1, max_length=64)


class TaskIn(BaseModel):
    model_config = _IN
    title: str = Field(min_length=1, max_length=200)
    due_on: dt.date
    assignee: str | None = Field(default=None, max_length=64)


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    at: dt.datetime
    actor: str
    reason: str
    legal_basis: str | None
    rule_version: int | None
    days_in_state: float


class ItemOut(BaseModel):
    id: uuid.UUID
    kind: ItemKind
    name: str
    on_date: dt.date | None
    sessions_attended: int
    completed_at: dt.datetime | None


class PathwayOut(BaseModel):
    id: uuid.UUID
    regno: str
    pathway: Pathway
    document_type: PaperType | None
    status: str
    is_open: bool
    opened_at: dt.datetime
    entered_at: dt.datetime
    closed_at: dt.datetime | None
    days_in_state: float
    details: dict[str, Any]
    next_states: list[str]
    transitions: list[TransitionOut]
    items: list[ItemOut]


class LinkedOut(BaseModel):
    relation: str
    regno: str
    name: str
    minor: bool


class TaskOut(BaseModel):
    id: uuid.UUID
    regno: str
    person_name: str
    title: str
    due_on: dt.date
    assignee: str | None
    done_at: dt.datetime | None
    overdue: bool


class CaseOut(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    regno: str
    person_name: str
    office: str
    opened_at: dt.datetime
    assigned_to: str | None
    pathways: list[PathwayOut]
    family: list[LinkedOut]
    observers: list[str]
    tasks: list[TaskOut]


class PathwayState(BaseModel):
    pathway: Pathway
    document_type: PaperType | None
    status: str
    is_open: bool
    entered_at: dt.datetime


class CaseState(BaseModel):
    """Each pathway's current state; a minor without a case gets a parent's (``via``)."""

    person_id: uuid.UUID
    case_id: uuid.UUID | None
    via_parent: uuid.UUID | None
    pathways: list[PathwayState]


class ExplanationOut(BaseModel):
    condition: str
    actual: float | bool | None
    passed: bool
    depth: int


class EligibilityOut(BaseModel):
    document: str
    eligible: bool
    rule_version: int
    explanations: list[ExplanationOut]


class RulesOut(BaseModel):
    id: uuid.UUID | None
    version: int
    name: str
    uploaded_at: dt.datetime | None
    uploaded_by: str | None
    active: bool


class RulesPreview(BaseModel):
    rules: RulesOut
    active_version: int
    people: int
    would_change: dict[str, int]
    newly_eligible: dict[str, int]
    no_longer_eligible: dict[str, int]
