"""Types that cross the boundary of deduplication: queue pairs, decisions, merges, runs."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from sijill.registry.schemas import PersonOut


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NotSameIn(_In):
    reason: str | None = Field(default=None, max_length=2000)


class ProposeMergeIn(_In):
    survivor_regno: str = Field(min_length=1, max_length=20, description="The record that stays")
    reason: str = Field(min_length=1, max_length=2000)


class DecideMergeIn(_In):
    approve: bool
    reason: str | None = Field(default=None, max_length=2000)


class PairOut(BaseModel):
    id: uuid.UUID
    a: PersonOut
    b: PersonOut
    score: float
    decision: str
    algorithm: str
    version: str
    explanation: list[str]
    status: str
    found_at: dt.datetime
    decided_by: str | None
    reason: str | None
    merge_id: uuid.UUID | None = None


class MergeOut(BaseModel):
    id: uuid.UUID
    pair_id: uuid.UUID
    survivor_regno: str
    merged_regno: str
    status: str
    reason: str
    proposed_by: str
    proposed_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    undone_by: str | None
    undone_at: dt.datetime | None
