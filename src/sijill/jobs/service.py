"""Create, read and cancel jobs; the runner (``runner.py``) executes them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.audit import service as audit
from sijill.errors import Msg, NotFound, RuleViolation
from sijill.jobs.models import Job
from sijill.jobs.schemas import FINISHED, JobOut, JobStatus
from sijill.timeutil import utcnow

# A running job that has not reported for this long was interrupted (its process died).
STALE_AFTER = dt.timedelta(minutes=10)


def job_out(job: Job) -> JobOut:
    percent = None
    if job.total:
        percent = min(100, job.done * 100 // job.total)
    return JobOut(
        id=job.id,
        kind=job.kind,
        label=job.label,
        status=JobStatus(job.status),
        created_at=job.created_at,
        created_by=job.created_by,
        started_at=job.started_at,
        finished_at=job.finished_at,
        done=job.done,
        total=job.total,
        percent=percent,
        message=job.message,
        cancel_requested=job.cancel_requested,
        result=job.result,
    )


def create(session: Session, actor: Actor, kind: str, label: Msg, params: dict[str, Any]) -> JobOut:
    """A queued job of ``kind`` (``area.name``) shown as ``label`` (a ``Msg`` without params,
    so pages translate it). The adapter hands it to the runner after committing."""
    job = Job(
        kind=kind,
        label=label,
        status=JobStatus.QUEUED.value,
        params=params,
        created_at=utcnow(),
        created_by_id=actor.user_id,
        created_by=actor.username,
        office_id=actor.office_id,
    )
    session.add(job)
    session.flush()
    audit.record(session, actor, "jobs:job:created", "job", job.id, {"kind": kind, **params})
    return job_out(job)


def _visible(actor: Actor, job: Job) -> bool:
    return (
        actor.national
        or (actor.user_id is not None and job.created_by_id == actor.user_id)
        or (job.office_id is not None and job.office_id == actor.office_id)
    )


def _get(session: Session, actor: Actor, job_id: uuid.UUID) -> Job:
    job = session.get(Job, job_id)
    if job is None or not _visible(actor, job):
        raise NotFound(Msg("No such job."))
    return job


def get(session: Session, actor: Actor, job_id: uuid.UUID) -> JobOut:
    return job_out(_get(session, actor, job_id))


def recent(
    session: Session, actor: Actor, kind: str | None = None, limit: int = 50
) -> list[JobOut]:
    stmt = select(Job).order_by(Job.created_at.desc()).limit(limit)
    if kind is not None:
        stmt = stmt.where(Job.kind == kind)
    if not actor.national:
        mine = Job.created_by_id == actor.user_id if actor.user_id else Job.id.is_(None)
        stmt = stmt.where(or_(mine, Job.office_id == actor.office_id))
    return [job_out(job) for job in session.scalars(stmt)]


def request_cancel(session: Session, actor: Actor, job_id: uuid.UUID) -> JobOut:
    """Ask a job to stop at its next batch; a queued job is cancelled at once."""
    job = _get(session, actor, job_id)
    if JobStatus(job.status) in FINISHED:
        raise RuleViolation(Msg("The job has already finished."))
    job.cancel_requested = True
    if job.status == JobStatus.QUEUED.value:
        job.status = JobStatus.CANCELLED.value
        job.finished_at = utcnow()
    audit.record(session, actor, "jobs:job:cancel-requested", "job", job.id, {"kind": job.kind})
    return job_out(job)


def mark_interrupted(session: Session, now: dt.datetime | None = None) -> int:
    """Fail the running jobs whose process stopped reporting (after a crash or a restart)."""
    now = now or utcnow()
    stmt = (
        update(Job)
        .where(Job.status == JobStatus.RUNNING.value, Job.heartbeat_at < now - STALE_AFTER)
        .values(status=JobStatus.FAILED.value, finished_at=now, message="interrupted")
    )
    return session.execute(stmt).rowcount or 0  # type: ignore[attr-defined]
