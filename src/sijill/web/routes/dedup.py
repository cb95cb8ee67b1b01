"""Duplicate review: the queue, one pair side by side, merges and their approval."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sijill.dedup import batch
from sijill.dedup import service as dedup_service
from sijill.dedup.schemas import DecideMergeIn, NotSameIn, ProposeMergeIn
from sijill.dedup.workflow import MergeStatus
from sijill.deps import DbSession, JobLauncher
from sijill.web.deps import Csrf, WebActor, flash, render
from sijill.web.forms import parse

router = APIRouter(prefix="/dedup")
Reason = Annotated[str, Form(max_length=2000)]


@router.get("")
def queue_page(request: Request, session: DbSession, actor: WebActor) -> Response:
    ctx = {"pairs": dedup_service.queue(session, actor),
           "merges": dedup_service.merges(session, actor, MergeStatus.PROPOSED)}  # fmt: skip
    return render(request, "dedup_queue.html", ctx, actor=actor)


@router.post("/runs", dependencies=[Csrf])
def start_run(
    request: Request, session: DbSession, actor: WebActor, launcher: JobLauncher
) -> Response:
    job = batch.start(session, actor)
    launcher.start(job, batch.work)
    flash(request, "Batch deduplication started.")
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/pairs/{pair_id}")
def pair_page(
    request: Request, session: DbSession, actor: WebActor, pair_id: uuid.UUID
) -> Response:
    pair = dedup_service.get_pair(session, actor, pair_id)
    return render(request, "dedup_pair.html", {"pair": pair}, actor=actor)


@router.post("/pairs/{pair_id}/not-same", dependencies=[Csrf])
def not_same(
    request: Request, session: DbSession, actor: WebActor, pair_id: uuid.UUID, reason: Reason = ""
) -> Response:
    dedup_service.not_same(session, actor, pair_id, NotSameIn(reason=reason or None))
    flash(request, "Recorded: not the same person.")
    return RedirectResponse("/dedup", status_code=303)


@router.post("/pairs/{pair_id}/merge", dependencies=[Csrf])
def propose(
    request: Request,
    session: DbSession,
    actor: WebActor,
    pair_id: uuid.UUID,
    survivor_regno: Annotated[str, Form(max_length=20)],
    reason: Reason = "",
) -> Response:
    data = parse(ProposeMergeIn, {"survivor_regno": survivor_regno, "reason": reason})
    found = dedup_service.propose_merge(session, actor, pair_id, data)
    flash(request, "Merge proposed; a supervisor must approve it.")
    return RedirectResponse(f"/dedup/merges/{found.id}", status_code=303)


@router.get("/merges/{merge_id}")
def merge_page(
    request: Request, session: DbSession, actor: WebActor, merge_id: uuid.UUID
) -> Response:
    found = dedup_service.get_merge(session, actor, merge_id)
    pair = dedup_service.get_pair(session, actor, found.pair_id)
    return render(request, "dedup_merge.html", {"merge": found, "pair": pair}, actor=actor)


@router.post("/merges/{merge_id}/decision", dependencies=[Csrf])
def decide(
    request: Request,
    session: DbSession,
    actor: WebActor,
    merge_id: uuid.UUID,
    approve: Annotated[str, Form(max_length=8)],
    reason: Reason = "",
) -> Response:
    data = DecideMergeIn(approve=approve == "yes", reason=reason or None)
    dedup_service.decide_merge(session, actor, merge_id, data)
    if data.approve:
        flash(request, "Merge approved.")
    else:
        flash(request, "Merge rejected.")
    return RedirectResponse(f"/dedup/merges/{merge_id}", status_code=303)


@router.post("/merges/{merge_id}/undo", dependencies=[Csrf])
def undo(request: Request, session: DbSession, actor: WebActor, merge_id: uuid.UUID) -> Response:
    dedup_service.undo_merge(session, actor, merge_id)
    flash(request, "Merge undone: both records are as they were.")
    return RedirectResponse(f"/dedup/merges/{merge_id}", status_code=303)
