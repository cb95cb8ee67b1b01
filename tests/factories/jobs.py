"""Jobs for tests, and work functions that count in batches."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.errors import Msg, RuleViolation
from sijill.jobs import service as jobs
from sijill.jobs.runner import JobContext
from sijill.jobs.schemas import JobOut


def make_job(session: Session, actor: Actor, **params: Any) -> JobOut:
    return jobs.create(session, actor, "test.count", Msg("Count"), params)


def count_in_batches(ctx: JobContext) -> dict[str, Any]:
    """Counts to ``params["n"]`` in batches of 10; fails at ``params["fail_at"]`` if given."""
    n, fail_at = ctx.params["n"], ctx.params.get("fail_at")
    for start in range(0, n, 10):
        with ctx.unit() as session:
            if fail_at is not None and start >= fail_at:
                raise RuleViolation(Msg("stopped at {n}", n=start))
            ctx.progress(session, min(start + 10, n), total=n, message="counting")
    return {"counted": n, "by": ctx.actor.username}
