"""Background jobs: the list and one job's progress (the page refreshes itself while it runs)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sijill.deps import DbSession
from sijill.jobs import service as jobs
from sijill.web.deps import Csrf, WebActor, flash, render

router = APIRouter(prefix="/jobs")


@router.get("")
def job_list(request: Request, session: DbSession, actor: WebActor) -> Response:
    return render(request, "jobs.html", {"jobs": jobs.recent(session, actor)}, actor=actor)


@router.get("/{job_id}")
def job_page(request: Request, session: DbSession, actor: WebActor, job_id: uuid.UUID) -> Response:
    return render(request, "job.html", {"job": jobs.get(session, actor, job_id)}, actor=actor)


@router.post("/{job_id}/cancel", dependencies=[Csrf])
def cancel(request: Request, session: DbSession, actor: WebActor, job_id: uuid.UUID) -> Response:
    jobs.request_cancel(session, actor, job_id)
    flash(request, "Asked the job to stop.")
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)
