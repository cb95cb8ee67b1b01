"""Jobs: run in batches with progress, end as succeeded, failed or cancelled, seen by office."""

from __future__ import annotations

import datetime as dt

import pytest

from factories.access import make_actor, make_office
from factories.jobs import count_in_batches, make_job
from sijill.access.permissions import Role
from sijill.errors import NotFound, RuleViolation
from sijill.jobs import runner
from sijill.jobs import service as jobs
from sijill.jobs.models import Job
from sijill.jobs.schemas import JobStatus
from sijill.timeutil import utcnow

pytestmark = pytest.mark.integration


def test_a_job_runs_to_the_end_reporting_progress(session, session_factory):
    actor = make_actor(session)
    job = make_job(session, actor, n=35)
    session.commit()
    seen = []
    done = runner.run(session_factory, job.id, count_in_batches, seen.append)
    assert done.status == JobStatus.SUCCEEDED
    assert (done.done, done.total, done.percent) == (35, 35, 100)
    assert done.result == {"counted": 35, "by": actor.username}
    assert seen[0].done == 10 and seen[-1].done == 35
    assert jobs.get(session, actor, job.id).finished_at is not None


def test_a_failing_job_keeps_its_committed_batches_and_says_why(session, session_factory):
    actor = make_actor(session)
    job = make_job(session, actor, n=50, fail_at=20)
    session.commit()
    done = runner.run(session_factory, job.id, count_in_batches)
    assert done.status == JobStatus.FAILED
    assert done.message == "stopped at 20"
    assert done.done == 20


def test_a_job_can_run_only_once(session, session_factory):
    job = make_job(session, make_actor(session), n=5)
    session.commit()
    runner.run(session_factory, job.id, count_in_batches)
    with pytest.raises(RuntimeError, match="not queued"):
        runner.run(session_factory, job.id, count_in_batches)


def test_cancelling(session, session_factory):
    actor = make_actor(session)
    queued = make_job(session, actor, n=5)
    assert jobs.request_cancel(session, actor, queued.id).status == JobStatus.CANCELLED
    with pytest.raises(RuleViolation):
        jobs.request_cancel(session, actor, queued.id)

    running = make_job(session, actor, n=100)
    session.commit()

    def cancel_after_first_batch(ctx: runner.JobContext) -> dict[str, int]:
        with ctx.unit() as s:
            ctx.progress(s, 10, total=100)
        with ctx.unit() as s:
            jobs.request_cancel(s, actor, ctx.job_id)
        return count_in_batches(ctx)

    done = runner.run(session_factory, running.id, cancel_after_first_batch)
    assert (done.status, done.done) == (JobStatus.CANCELLED, 10)


def test_jobs_are_seen_by_their_office_only(session):
    office = make_office(session)
    mine = make_job(session, make_actor(session, Role.SCREENING, office), n=1)
    colleague = make_actor(session, Role.SUPERVISOR, office)
    stranger = make_actor(session, Role.SUPERVISOR)
    assert [j.id for j in jobs.recent(session, colleague)] == [mine.id]
    assert jobs.recent(session, stranger) == []
    with pytest.raises(NotFound):
        jobs.get(session, stranger, mine.id)


def test_a_job_whose_process_died_is_marked_interrupted(session):
    job = make_job(session, make_actor(session), n=1)
    row = session.get(Job, job.id)
    row.status, row.heartbeat_at = JobStatus.RUNNING.value, utcnow() - dt.timedelta(hours=1)
    fresh = make_job(session, make_actor(session), n=1)
    fresh_row = session.get(Job, fresh.id)
    fresh_row.status, fresh_row.heartbeat_at = JobStatus.RUNNING.value, utcnow()
    session.flush()
    assert jobs.mark_interrupted(session) == 1
    assert (row.status, row.message) == (JobStatus.FAILED.value, "interrupted")
    assert fresh_row.status == JobStatus.RUNNING.value
