"""Run a job's work function: batches in their own transactions, progress in the same ones."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from sijill.access import service as access_service
from sijill.access.actor import Actor, operator_actor
from sijill.db import unit_of_work
from sijill.errors import DomainError
from sijill.jobs.models import Job
from sijill.jobs.schemas import JobOut, JobStatus
from sijill.jobs.service import job_out
from sijill.timeutil import utcnow

log = logging.getLogger(__name__)

ProgressCallback = Callable[[JobOut], None]


class Cancelled(Exception):
    """Raised inside the work when the job was asked to stop."""


@dataclass
class JobContext:
    """What the work function gets: its parameters, its actor, transactions and progress."""

    job_id: uuid.UUID
    params: dict[str, Any]
    actor: Actor
    factory: sessionmaker[Session]
    on_progress: ProgressCallback | None = None
    _last_callback: float = field(default=0.0, repr=False)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One batch: a transaction committed at the end (rolled back on error)."""
        with unit_of_work(self.factory) as session:
            yield session

    def progress(
        self, session: Session, done: int, total: int | None = None, message: str | None = None
    ) -> None:
        """Record progress in the batch's transaction; raise Cancelled if asked to stop."""
        job = session.get(Job, self.job_id)
        assert job is not None
        session.refresh(job, ["cancel_requested"])
        if job.cancel_requested:
            raise Cancelled
        job.done, job.heartbeat_at = done, utcnow()
        if total is not None:
            job.total = total
        if message is not None:
            job.message = message
        now = time.monotonic()
        if self.on_progress is not None and (now - self._last_callback > 0.2 or done == total):
            self._last_callback = now
            self.on_progress(job_out(job))


Work = Callable[[JobContext], dict[str, Any]]


def _start(factory: sessionmaker[Session], job_id: uuid.UUID) -> tuple[dict[str, Any], Actor]:
    with unit_of_work(factory) as session:
        job = session.get(Job, job_id)
        if job is None:
            raise LookupError(f"job {job_id} does not exist")
        if job.status != JobStatus.QUEUED.value:
            raise RuntimeError(f"job {job_id} is {job.status}, not queued")
        job.status, job.started_at = JobStatus.RUNNING.value, utcnow()
        job.heartbeat_at = job.started_at
        actor = None
        if job.created_by_id is not None:
            actor = access_service.actor_for_user_id(session, job.created_by_id)
        return dict(job.params), actor or operator_actor()


def _finish(
    factory: sessionmaker[Session],
    job_id: uuid.UUID,
    status: JobStatus,
    message: str | None,
    result: dict[str, Any] | None = None,
) -> JobOut:
    with unit_of_work(factory) as session:
        job = session.get(Job, job_id)
        assert job is not None
        job.status, job.finished_at = status.value, utcnow()
        if message is not None:
            job.message = message
        if result is not None:
            job.result = result
            if job.total is not None:
                job.done = job.total
        return job_out(job)


def run(
    factory: sessionmaker[Session],
    job_id: uuid.UUID,
    work: Work,
    on_progress: ProgressCallback | None = None,
) -> JobOut:
    """Execute a queued job to its end and return how it ended. Never raises for the work's
    own failures: they end the job as failed with a message a user may read."""
    params, actor = _start(factory, job_id)
    ctx = JobContext(job_id, params, actor, factory, on_progress)
    try:
        result = work(ctx)
    except Cancelled:
        return _finish(factory, job_id, JobStatus.CANCELLED, "cancelled")
    except DomainError as exc:
        return _finish(factory, job_id, JobStatus.FAILED, exc.message)
    except Exception:
        log.exception("job %s failed", job_id)  # ids only: no personal data in logs
        return _finish(factory, job_id, JobStatus.FAILED, "internal error (see the server log)")
    return _finish(factory, job_id, JobStatus.SUCCEEDED, None, result)
