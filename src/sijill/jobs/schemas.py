"""What crosses the boundary about a job: no personal data, only counts and a message."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})


class JobOut(BaseModel):
    id: uuid.UUID
    kind: str
    label: str
    status: JobStatus
    created_at: dt.datetime
    created_by: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    done: int
    total: int | None
    percent: int | None
    message: str | None
    cancel_requested: bool
    result: dict[str, Any] | None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED
