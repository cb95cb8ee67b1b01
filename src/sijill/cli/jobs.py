"""jobs list|show|cancel, and ``run_job``: how other commands run a job in the foreground."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import Any

from sijill.cli.context import actor_as, transaction
from sijill.config import Settings
from sijill.db import check_migrated, make_engine, make_session_factory
from sijill.jobs import runner
from sijill.jobs import service as jobs
from sijill.jobs.schemas import JobOut, JobStatus


def register(sub: Any) -> None:
    group = sub.add_parser("jobs", help="background jobs and their progress").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p = group.add_parser("list", help="recent jobs (JSON lines)")
    p.add_argument("--kind", help="only jobs of this kind")
    p.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this user")
    p.set_defaults(handler=list_jobs)
    for name, text, handler in (
        ("show", "one job and its progress (JSON)", show_job),
        ("cancel", "ask a running job to stop at its next batch", cancel_job),
    ):
        p = group.add_parser(name, help=text)
        p.add_argument("job_id", type=uuid.UUID, metavar="JOB")
        p.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this user")
        p.set_defaults(handler=handler)


def _print(job: JobOut) -> None:
    print(json.dumps(job.model_dump(mode="json"), ensure_ascii=False))


def list_jobs(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        jobs.mark_interrupted(session)
        for job in jobs.recent(session, actor_as(session, args.as_user), args.kind):
            _print(job)
    return 0


def show_job(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        _print(jobs.get(session, actor_as(session, args.as_user), args.job_id))
    return 0


def cancel_job(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings) as session:
        _print(jobs.request_cancel(session, actor_as(session, args.as_user), args.job_id))
    return 0


def _progress_line(job: JobOut) -> None:
    """One line on stderr that rewrites itself: done/total, percent, the job's message."""
    share = f"{job.done}/{job.total} ({job.percent}%)" if job.total else str(job.done)
    message = f" {job.message}" if job.message else ""
    print(f"\r{job.kind}: {share}{message}\033[K", end="", file=sys.stderr, flush=True)


def run_job(settings: Settings, job_id: uuid.UUID, work: runner.Work, quiet: bool = False) -> int:
    """Run a job created (and committed) by the calling command, printing its progress;
    the exit code says how it ended (0 succeeded, 1 failed or cancelled)."""
    engine = make_engine(settings.effective_database_url)
    try:
        check_migrated(engine)
        factory = make_session_factory(engine)
        on_progress = None if quiet else _progress_line
        job = runner.run(factory, job_id, work, on_progress)
    finally:
        engine.dispose()
    if not quiet:
        print(file=sys.stderr)
    if job.status != JobStatus.SUCCEEDED:
        print(f"error: job {job.id} {job.status.value}: {job.message}", file=sys.stderr)
        return 1
    print(json.dumps(job.result or {}, ensure_ascii=False))
    return 0
