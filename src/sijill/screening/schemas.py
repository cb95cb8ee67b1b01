"""Types that cross the screening boundary."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SnapshotOut(_Out):
    id: uuid.UUID
    list_name: str
    format: str
    version: int
    imported_at: dt.datetime
    imported_by: str
    source: str
    sha256: str
    entries: int
    added: int
    changed: int
    removed: int


class ChangeOut(BaseModel):
    change: str  # added, changed, removed
    entry_id: str
    name: str
    kind: str  # "Person" or an organisation schema


class SnapshotDetail(BaseModel):
    snapshot: SnapshotOut
    changes: list[ChangeOut]


class EntryOut(BaseModel):
    list_name: str
    entry_id: str
    name: str
    kind: str
    aliases: list[tuple[str, str]]  # (name, quality)
    original_names: list[str]
    dates_of_birth: list[str]
    places_of_birth: list[str]
    nationalities: list[str]
    documents: list[str]
    reason: str
    programme: str
    listed_on: str | None
    removed: bool


class DecisionOut(BaseModel):
    decision: str
    from_status: str
    to_status: str
    reason: str
    actor: str
    at: dt.datetime


class HitOut(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    regno: str
    person_name: str
    subject: str
    status: str
    score: float
    decision: str
    list_name: str
    entry_id: str
    entry_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


class HitDetail(HitOut):
    explanation: list[str]
    algorithm: str
    algorithm_version: str
    entry: EntryOut
    decisions: list[DecisionOut]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: str = Field(pattern="^(confirm|false_positive|more_information|legal_review)$")
    reason: str = Field(min_length=1, max_length=2000)


class RunOut(_Out):
    at: dt.datetime
    actor: str
    reason: str
    versions: dict[str, int]
    hits: int
    new_hits: int


class ScreeningFlag(BaseModel):
    """What later steps ask: is this person listed, is it decided, is it reviewed?"""

    listed: bool  # a confirmed match (reviewed or not)
    awaiting_legal_review: bool
    undecided: int  # hits nobody has decided yet

    @property
    def clear(self) -> bool:
        return not (self.listed or self.undecided)


class PersonScreening(BaseModel):
    flag: ScreeningFlag
    hits: list[HitOut]
    runs: list[RunOut]
