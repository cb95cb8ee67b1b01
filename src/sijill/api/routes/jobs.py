"""Background jobs: poll one job's progress, list recent ones, ask one to stop."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from sijill.api.deps import ApiActor
from sijill.deps import DbSession
from sijill.jobs import service as jobs
from sijill.jobs.schemas import JobOut

router = APIRouter(tags=["jobs"])


@router.get("/jobs", summary="Recent jobs of your office")
def list_jobs(session: DbSession, actor: ApiActor, kind: str | None = None) -> list[JobOut]:
    return jobs.recent(session, actor, kind)


@router.get("/jobs/{job_id}", summary="One job and its progress")
def get_job(session: DbSession, actor: ApiActor, job_id: uuid.UUID) -> JobOut:
    return jobs.get(session, actor, job_id)


@router.post("/jobs/{job_id}/cancel", summary="Ask a job to stop at its next batch")
def cancel_job(session: DbSession, actor: ApiActor, job_id: uuid.UUID) -> JobOut:
    return jobs.request_cancel(session, actor, job_id)
